// Text, JSON-lines and CSV encodings of a batch.
#include "dump/text_file.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

TEST(TextFileTest, RecordsJoinedByTheDelimiterOnly) {
  EXPECT_EQ(JoinRecords({}, "\n"), "");
  EXPECT_EQ(JoinRecords({"a"}, "\n"), "a");
  EXPECT_EQ(JoinRecords({"a", "b c", ""}, "|"), "a|b c|");
  EXPECT_EQ(JoinRecords({"x\n", "y"}, ","), "x\n,y");  // bytes kept as written
  const std::string binary("\0\xff", 2);
  EXPECT_EQ(JoinRecords({binary, binary}, ";"), binary + ";" + binary);
}

TEST(TextFileTest, JsonLinesKeepsObjectsAndRejectsTheRest) {
  const EncodedRecords out =
      EncodeJsonLines({R"({"a":1})", "not json", "{\n \"b\": [1, 2]\n}", "[1]", R"({"c":"x"})"});
  EXPECT_EQ(out.bytes, "{\"a\":1}\n{\"b\":[1,2]}\n{\"c\":\"x\"}\n");
  EXPECT_EQ(out.rows, 3u);
  EXPECT_EQ(out.rejected, (std::vector<std::size_t>{1, 3}));
}

TEST(TextFileTest, CsvTakesColumnsInOrderAndQuotes) {
  const EncodedRecords out =
      EncodeCsv({R"({"b":"x,y","a":1,"c":null})", R"({"a":2.5,"b":"say \"hi\"","extra":true})",
                 "raw,csv,line\n", R"({"a":{"n":1},"b":"two\nlines"})"},
                {"a", "b", "c"}, ",");
  EXPECT_EQ(out.bytes,
            "1,\"x,y\",\n"
            "2.5,\"say \"\"hi\"\"\",\n"
            "raw,csv,line\n"
            "\"{\"\"n\"\":1}\",\"two\nlines\",\n");
  EXPECT_EQ(out.rows, 4u);
  EXPECT_TRUE(out.rejected.empty());
}

TEST(TextFileTest, CsvWithoutColumnsUsesTheObjectsOrder) {
  EXPECT_EQ(EncodeCsv({R"({"z":1,"a":"b|c","m":false})"}, {}, "|").bytes, "1|\"b|c\"|false\n");
}

}  // namespace
}  // namespace disd::dump
