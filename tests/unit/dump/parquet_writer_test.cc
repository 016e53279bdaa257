// Every file written here is read back by DuckDB (tests/tools/parquet-read.mjs) and compared
// with the input: schema, chunk metadata and every cell.
#include "dump/parquet_writer.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "unit/dump/duckdb_reader.h"
#include "unit/dump/parquet_test_util.h"

namespace disd::dump {
namespace {

using testing::ExpectedRows;
using testing::WriteAndVerify;
using Json = nlohmann::ordered_json;
using Type = ParquetColumn::Type;

std::vector<ParquetColumn> Columns(const std::string& fields) {
  auto columns = ColumnsFromAvroSchema(R"({"type":"record","name":"R","fields":[)" + fields + "]}");
  EXPECT_TRUE(columns.ok()) << columns.error().detail;
  return columns.ok() ? *columns : std::vector<ParquetColumn>{};
}

const char* kAllTypes =
    R"({"name":"b","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},)"
    R"({"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"s","type":"string"},)"
    R"({"name":"y","type":"bytes"})";

std::vector<std::string> AllTypesRecords() {
  return {
      R"({"b":true,"i":0,"l":0,"f":0.1,"d":0.1,"s":"","y":""})",
      R"({"b":false,"i":-2147483648,"l":-9223372036854775808,"f":-3.4028234e38,)"
      R"("d":-1.7976931348623157e308,"s":"中文 😀 ünï","y":"abc"})",
      R"({"b":true,"i":2147483647,"l":9223372036854775807,"f":1e-45,"d":5e-324,)"
      R"("s":"quote \" backslash \\ newline \n tab \t nul \u0000.","y":"\u00ff\u0000"})",
      R"({"y":"x","s":"order of keys does not matter","d":-0.0,"f":-0.0,"l":-1,"i":-1,"b":false})",
      R"({"b":true,"i":7,"l":12345678901234,"f":16777217,"d":9007199254740993,"s":"x","y":"y",)"
      R"("extra":"fields not in the schema are ignored"})",
  };
}

class ParquetRoundTripTest : public ::testing::TestWithParam<ParquetCompression> {};

TEST_P(ParquetRoundTripTest, AllTypesAndEdgeValues) {
  const auto columns = Columns(kAllTypes);
  const auto records = AllTypesRecords();
  const auto file = WriteAndVerify(columns, records, ExpectedRows(columns, records), GetParam());
  EXPECT_TRUE(file.rejected.empty());
}

TEST_P(ParquetRoundTripTest, NullsInOptionalColumns) {
  const auto columns =
      Columns(R"({"name":"id","type":"long"},{"name":"b","type":["null","boolean"]},)"
              R"({"name":"i","type":["null","int"]},{"name":"l","type":["long","null"]},)"
              R"({"name":"f","type":["null","float"]},{"name":"d","type":["null","double"]},)"
              R"({"name":"s","type":["null","string"]},{"name":"y","type":["null","bytes"]},)"
              R"({"name":"never","type":["null","string"]})");
  // Null patterns that exercise both RLE runs and bit-packed groups of definition levels.
  std::mt19937 rng(11);
  std::vector<std::string> records;
  for (int r = 0; r < 1500; ++r) {
    Json record = {{"id", r}};
    const bool long_run = (r / 100) % 2 == 0;
    auto present = [&] { return long_run ? (r % 100) < 60 : rng() % 2 == 0; };
    if (present()) record["b"] = r % 3 == 0;
    if (present()) record["i"] = r * 7 - 5000;
    if (present()) record["l"] = static_cast<std::int64_t>(r) * 1000000007;
    if (present()) record["f"] = r / 8.0;
    if (present()) record["d"] = r / 3.0;
    if (present()) record["s"] = std::string(r % 5, 'a' + r % 26);
    if (present()) record["y"] = std::to_string(r);
    if (r % 4 == 0) record["never"] = nullptr;  // explicit null, same as missing
    if (!present() && record.contains("s")) record["s"] = nullptr;
    records.push_back(record.dump());
  }
  WriteAndVerify(columns, records, ExpectedRows(columns, records), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Codecs, ParquetRoundTripTest,
                         ::testing::Values(ParquetCompression::kSnappy,
                                           ParquetCompression::kUncompressed),
                         [](const auto& info) {
                           return info.param == ParquetCompression::kSnappy ? "Snappy"
                                                                            : "Uncompressed";
                         });

TEST(ParquetWriterTest, TenThousandRandomRows) {
  const auto columns =
      Columns(std::string(kAllTypes) +
              R"(,{"name":"os","type":["null","string"]},{"name":"ol","type":["null","long"]})");
  std::mt19937_64 rng(42);
  const std::vector<std::string> pieces = {"a", "Z", " ", "é", "中", "😀", "\"", "\\", "\n", "0"};
  auto text = [&](std::size_t max_len) {
    std::string s;
    for (std::size_t n = rng() % (max_len + 1); n > 0; --n) s += pieces[rng() % pieces.size()];
    return s;
  };
  std::vector<std::string> records;
  for (int r = 0; r < 10000; ++r) {
    Json record;
    record["b"] = rng() % 2 == 0;
    record["i"] = static_cast<std::int32_t>(rng());
    record["l"] = static_cast<std::int64_t>(rng());
    record["f"] = static_cast<double>(static_cast<std::int64_t>(rng() % 2000001) - 1000000) / 64;
    record["d"] = std::ldexp(static_cast<double>(rng() >> 11), static_cast<int>(rng() % 200) - 100);
    record["s"] = text(30);
    record["y"] = text(10);
    if (rng() % 3 != 0) record["os"] = text(5);
    if (rng() % 10 != 0) record["ol"] = static_cast<std::int64_t>(rng() % 1000);
    records.push_back(record.dump());
  }
  const auto file = WriteAndVerify(columns, records, ExpectedRows(columns, records));
  EXPECT_EQ(file.rows, 10000u);
}

TEST(ParquetWriterTest, LargeValues) {
  const auto columns = Columns(R"({"name":"s","type":"string"},{"name":"y","type":"bytes"})");
  std::string big(1 << 20, 'x');
  for (std::size_t i = 0; i < big.size(); i += 997) big[i] = static_cast<char>('a' + i % 26);
  std::vector<std::string> records = {
      Json{{"s", big}, {"y", std::string(100000, 'q')}}.dump(),
      Json{{"s", "small"}, {"y", ""}}.dump(),
      Json{{"s", big.substr(0, 70000)}, {"y", big.substr(5, 300000)}}.dump(),
  };
  WriteAndVerify(columns, records, ExpectedRows(columns, records));
}

TEST(ParquetWriterTest, NestedTypesAsJsonText) {
  const auto columns = Columns(
      R"({"name":"r","type":{"type":"record","name":"In","fields":[{"name":"x","type":"int"}]}},)"
      R"({"name":"a","type":["null",{"type":"array","items":"string"}]},)"
      R"({"name":"m","type":{"type":"map","values":"long"}},)"
      R"({"name":"u","type":["null","int","string"]},)"
      R"({"name":"e","type":{"type":"enum","name":"E","symbols":["RED","GREEN"]}})");
  const std::vector<std::string> records = {
      R"({"r":{"z":1,"x":2,"deep":{"k":[1,2.5,"中"]}},"a":["b","a"],"m":{},"u":5,"e":"RED"})",
      R"({"r":{},"a":null,"m":{"b":1,"a":2},"u":"text","e":"GREEN"})",
      R"({"r":{"x":-1},"a":[],"m":{"k":null},"e":"RED"})",
  };
  WriteAndVerify(columns, records, ExpectedRows(columns, records));
}

TEST(ParquetWriterTest, DefaultsFillMissingFields) {
  const auto columns =
      Columns(R"({"name":"id","type":"int"},{"name":"n","type":"long","default":42},)"
              R"({"name":"s","type":["string","null"],"default":"dflt"},)"
              R"({"name":"o","type":["null","double"],"default":null})");
  const std::vector<std::string> records = {
      R"({"id":1})",
      R"({"id":2,"n":7,"s":null,"o":1.5})",
  };
  WriteAndVerify(columns, records, {{1, "42", "dflt", nullptr}, {2, "7", nullptr, 1.5}});
}

TEST(ParquetWriterTest, RejectedRecordsAreLeftOutAndReported) {
  const auto columns =
      Columns(R"({"name":"id","type":"int"},{"name":"s","type":["null","string"]})");
  const std::vector<std::string> records = {
      R"({"id":1,"s":"ok"})", R"({"s":"missing required id"})",
      R"({"id":"2"})",        R"({"id":3})",
      R"(not json)",          R"([1,2])",
      R"({"id":4,"s":5})",    R"({"id":2147483648})",
      R"({"id":5,"s":null})", "{\"id\":6,\"s\":\"invalid UTF-8 \xff\"}",
  };
  const auto file = WriteAndVerify(columns, records, {{1, "ok"}, {3, nullptr}, {5, nullptr}});
  EXPECT_EQ(file.rejected, (std::vector<std::size_t>{1, 2, 4, 5, 6, 7, 9}));
}

TEST(ParquetWriterTest, ZeroRowsGiveAValidFileWithTheSchema) {
  const auto columns = Columns(kAllTypes);
  const auto empty = WriteAndVerify(columns, {}, {});
  EXPECT_EQ(empty.rows, 0u);
  const auto all_rejected = WriteAndVerify(columns, {R"({"b":1})", "{}"}, {});
  EXPECT_EQ(all_rejected.rejected, (std::vector<std::size_t>{0, 1}));
}

TEST(ParquetWriterTest, StatisticsHoldMinAndMax) {
  const auto columns = Columns(R"({"name":"i","type":["null","int"]},{"name":"l","type":"long"},)"
                               R"({"name":"d","type":"double"},{"name":"b","type":"boolean"})");
  const std::vector<std::string> records = {
      R"({"i":5,"l":-3,"d":0.0,"b":true})",
      R"({"i":null,"l":9000000000,"d":-2.5,"b":true})",
      R"({"i":-7,"l":4,"d":1e300,"b":true})",
  };
  auto written = WriteParquet(columns, {records[0], records[1], records[2]});
  ASSERT_TRUE(written.ok());
  auto read = testing::ReadWithDuckDb(written->bytes);
  ASSERT_TRUE(read.has_value());
  const auto& chunks = (*read)["chunks"];
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[0]["stats_min_value"], "-7");
  EXPECT_EQ(chunks[0]["stats_max_value"], "5");
  EXPECT_EQ(chunks[0]["stats_null_count"], "1");
  EXPECT_EQ(chunks[1]["stats_min_value"], "-3");
  EXPECT_EQ(chunks[1]["stats_max_value"], "9000000000");
  EXPECT_EQ(std::stod(chunks[2]["stats_min_value"].get<std::string>()), -2.5);
  EXPECT_EQ(std::stod(chunks[2]["stats_max_value"].get<std::string>()), 1e300);
  EXPECT_EQ(chunks[3]["stats_min_value"], "true");
  EXPECT_EQ(chunks[3]["stats_max_value"], "true");
}

TEST(ParquetWriterTest, InvalidColumnsFail) {
  EXPECT_EQ(WriteParquet({}, {"{}"}).error().code, ErrorCode::kInvalidDataSchema);
  ParquetColumn a;
  a.name = "a";
  a.type = Type::kInt32;
  EXPECT_EQ(WriteParquet({a, a}, {"{}"}).error().code, ErrorCode::kInvalidDataSchema);
}

}  // namespace
}  // namespace disd::dump
