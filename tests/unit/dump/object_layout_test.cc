// Object keys and time directories (docs/dump-tasks.md "Delivery and file layout").
#include "dump/object_layout.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

constexpr std::int64_t kT = 1510325345123;  // 2017-11-10 14:49:05.123 UTC

TEST(ObjectLayoutTest, EveryPartitionFormat) {
  EXPECT_EQ(*TimeDirs("", kT), "");
  EXPECT_EQ(*TimeDirs("yyyy", kT), "2017");
  EXPECT_EQ(*TimeDirs("yyyy/MM", kT), "2017/11");
  EXPECT_EQ(*TimeDirs("yyyy/MM/dd", kT), "2017/11/10");
  EXPECT_EQ(*TimeDirs("yyyy/MM/dd/HH", kT), "2017/11/10/14");
  EXPECT_EQ(*TimeDirs("yyyy/MM/dd/HH/mm", kT), "2017/11/10/14/49");
  EXPECT_EQ(TimeDirs("yyyy/MM/dd/HH/mm/ss", kT).error().code, ErrorCode::kInvalidRequest);
  EXPECT_EQ(TimeDirs("N/A", kT).error().code, ErrorCode::kInvalidRequest);
  // Zero-padded, and the boundary belongs to the new minute.
  EXPECT_EQ(*TimeDirs("yyyy/MM/dd/HH/mm", 1546300800000), "2019/01/01/00/00");
  EXPECT_EQ(*TimeDirs("yyyy/MM/dd/HH/mm", 1546300799999), "2018/12/31/23/59");
}

TEST(ObjectLayoutTest, ObjectKeysDeriveFromStreamPartitionAndOffsets) {
  const BatchName name{"s1", 3, 100, 149};
  EXPECT_EQ(ObjectFileName(name, "txt"), "s1_3_100_149.txt");
  EXPECT_EQ(DataObjectKey("", "", name, "txt"), "s1_3_100_149.txt");
  EXPECT_EQ(DataObjectKey("a/b", "", name, "txt"), "a/b/s1_3_100_149.txt");
  EXPECT_EQ(DataObjectKey("", "2017/11", name, "parquet"), "2017/11/s1_3_100_149.parquet");
  EXPECT_EQ(DataObjectKey("dir/", "2017/11", name, "txt"), "dir/2017/11/s1_3_100_149.txt");
  EXPECT_EQ(ErrorObjectKey("dir", "obs", name), "dir/obs_error/s1_3_100_149.txt");
  EXPECT_EQ(ErrorObjectKey("", "dli", name), "dli_error/s1_3_100_149.txt");
}

TEST(ObjectLayoutTest, TimestampTypeReadsMilliseconds) {
  const ProcessingSchema schema{"ts", "Timestamp", ""};
  EXPECT_EQ(RecordTimeMs(schema, R"({"ts":1510325345123,"v":1})"), kT);
  EXPECT_EQ(RecordTimeMs(schema, R"({"ts":"1510325345123"})"), kT);
  EXPECT_EQ(RecordTimeMs(schema, R"({"other":1})"), std::nullopt);
  EXPECT_EQ(RecordTimeMs(schema, R"({"ts":"soon"})"), std::nullopt);
  EXPECT_EQ(RecordTimeMs(schema, R"({"ts":true})"), std::nullopt);
  EXPECT_EQ(RecordTimeMs(schema, "not json"), std::nullopt);
  EXPECT_EQ(RecordTimeMs(schema, "[1510325345123]"), std::nullopt);
}

TEST(ObjectLayoutTest, EveryStringFormat) {
  const std::int64_t expected = 1510325345000;  // 2017-11-10 14:49:05
  const std::pair<const char*, const char*> cases[] = {
      {"yyyy/MM/dd HH:mm:ss", "2017/11/10 14:49:05"},
      {"MM/dd/yyyy HH:mm:ss", "11/10/2017 14:49:05"},
      {"dd/MM/yyyy HH:mm:ss", "10/11/2017 14:49:05"},
      {"yyyy-MM-dd HH:mm:ss", "2017-11-10 14:49:05"},
      {"MM-dd-yyyy HH:mm:ss", "11-10-2017 14:49:05"},
      {"dd-MM-yyyy HH:mm:ss", "10-11-2017 14:49:05"},
  };
  for (const auto& [format, text] : cases) {
    EXPECT_EQ(ParseTimestampText(format, text), expected) << format;
    const ProcessingSchema schema{"time", "String", format};
    EXPECT_EQ(RecordTimeMs(schema, std::string(R"({"time":")") + text + "\"}"), expected) << format;
  }
  // Wrong separator, impossible dates, trailing text, other formats.
  EXPECT_EQ(ParseTimestampText("yyyy/MM/dd HH:mm:ss", "2017-11-10 14:49:05"), std::nullopt);
  EXPECT_EQ(ParseTimestampText("yyyy-MM-dd HH:mm:ss", "2017-02-30 00:00:00"), std::nullopt);
  EXPECT_EQ(ParseTimestampText("yyyy-MM-dd HH:mm:ss", "2017-01-01 24:00:00"), std::nullopt);
  EXPECT_EQ(ParseTimestampText("yyyy-MM-dd HH:mm:ss", "2017-01-01 00:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseTimestampText("yyyy.MM.dd HH:mm:ss", "2017.01.01 00:00:00"), std::nullopt);
  EXPECT_EQ(ParseTimestampText("dd/MM/yyyy HH:mm:ss", "29/02/2016 23:59:59"), 1456790399000);
  // A String schema does not take numbers.
  EXPECT_EQ(RecordTimeMs({"time", "String", "yyyy-MM-dd HH:mm:ss"}, R"({"time":1})"), std::nullopt);
}

}  // namespace
}  // namespace disd::dump
