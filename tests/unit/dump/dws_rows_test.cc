// DWS record -> row conversion with each option, the COPY CSV quoting, illegal characters
// and the CONTEXT line parsing of COPY errors.
#include "dump/dws_rows.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

const std::vector<std::string> kColumns = {"id", "name", "city"};

DwsOptions Options(bool fill = false, bool ignore = false, bool compatible = false) {
  DwsOptions o;
  o.fill_missing_fields = fill;
  o.ignore_extra_data = ignore;
  o.compatible_illegal_chars = compatible;
  return o;
}

std::vector<DwsField> F(std::initializer_list<std::optional<const char*>> values) {
  std::vector<DwsField> out;
  for (const auto& v : values) out.push_back(v ? DwsField(*v) : std::nullopt);
  return out;
}

TEST(DwsRowsTest, DelimitedTextFillsColumnsInOrder) {
  DwsRow row = RecordToRow("1,alice,Xi'an", kColumns, ',', Options());
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"1", "alice", "Xi'an"}));
  row = RecordToRow("1|a,b|c\n", kColumns, '|', Options());
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"1", "a,b", "c"}))
      << "only the task's delimiter splits; one \\n dropped";
  row = RecordToRow("1;;x\r\n", kColumns, ';', Options());
  EXPECT_EQ(row.fields, F({"1", std::nullopt, "x"})) << "an unquoted empty field is NULL";
}

TEST(DwsRowsTest, QuotedFieldsKeepDelimitersQuotesAndLineBreaks) {
  DwsRow row = RecordToRow(R"(1,"a, ""quoted"" name","two
lines")",
                           kColumns, ',', Options());
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"1", "a, \"quoted\" name", "two\nlines"}));
  row = RecordToRow(R"("",x,y")", kColumns, ',', Options());
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"", "x", "y\""})) << "\"\" is the empty string; a quote inside an "
                                                "unquoted field is literal";
  EXPECT_FALSE(RecordToRow(R"(1,"open,x)", kColumns, ',', Options()).ok());
  const DwsRow after = RecordToRow(R"(1,"a"b,c)", kColumns, ',', Options());
  EXPECT_NE(after.error.find("after the closing quote of column 2"), std::string::npos)
      << after.error;
}

TEST(DwsRowsTest, MissingFieldsAreNullsOnlyWithFillMissingFields) {
  DwsRow row = RecordToRow("1,alice", kColumns, ',', Options());
  EXPECT_FALSE(row.ok());
  EXPECT_NE(row.error.find("missing data for column \"city\""), std::string::npos) << row.error;
  EXPECT_TRUE(row.fields.empty());
  row = RecordToRow("1,alice", kColumns, ',', Options(/*fill=*/true));
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"1", "alice", std::nullopt}));
}

TEST(DwsRowsTest, ExtraFieldsAreDroppedOnlyWithIgnoreExtraData) {
  DwsRow row = RecordToRow("1,a,b,c,d", kColumns, ',', Options());
  EXPECT_FALSE(row.ok());
  EXPECT_NE(row.error.find("extra data"), std::string::npos) << row.error;
  row = RecordToRow("1,a,b,c,d", kColumns, ',', Options(false, /*ignore=*/true));
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"1", "a", "b"}));
}

TEST(DwsRowsTest, JsonObjectsAreMatchedByColumnName) {
  DwsRow row =
      RecordToRow(R"( {"city":"Wuhan","id":7,"name":null,"more":[1]} )", kColumns, ',', Options());
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"7", std::nullopt, "Wuhan"})) << "extra keys are ignored";
  row = RecordToRow(R"({"id":1.5,"name":true,"city":{"a":[1,"x"]}})", kColumns, ',', Options());
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"1.5", "true", R"({"a":[1,"x"]})"}));
  row = RecordToRow(R"({"id":1})", kColumns, ',', Options());
  EXPECT_NE(row.error.find("missing data for column \"name\""), std::string::npos) << row.error;
  row = RecordToRow(R"({"id":1})", kColumns, ',', Options(/*fill=*/true));
  EXPECT_EQ(row.fields, F({"1", std::nullopt, std::nullopt}));
  row = RecordToRow(R"({"id":1,)", {"a", "b"}, ',', Options());
  ASSERT_TRUE(row.ok()) << "not JSON: delimited text";
  EXPECT_EQ(row.fields, F({"{\"id\":1", std::nullopt}));
}

TEST(DwsRowsTest, IllegalCharactersAreErrorsOrConverted) {
  const std::string nul("a\0b,x,y", 7);
  DwsRow row = RecordToRow(nul, kColumns, ',', Options());
  EXPECT_EQ(row.error, "a NUL byte at offset 1");
  row = RecordToRow(nul, kColumns, ',', Options(false, false, /*compatible=*/true));
  EXPECT_EQ(row.fields, F({"a b", "x", "y"}));
  const std::string bad = "1,caf\xC3,\xE4\xB8\xAD\xFF";
  row = RecordToRow(bad, kColumns, ',', Options());
  EXPECT_EQ(row.error, "invalid UTF-8 byte 0xC3 at offset 5");
  row = RecordToRow(bad, kColumns, ',', Options(false, false, true));
  ASSERT_TRUE(row.ok()) << row.error;
  EXPECT_EQ(row.fields, F({"1", "caf?", "\xE4\xB8\xAD?"})) << "valid multi-byte text is kept";
  std::string out, error;
  EXPECT_FALSE(CheckIllegalChars("\xC0\xAF", false, &out, &error)) << "overlong";
  EXPECT_FALSE(CheckIllegalChars("\xED\xA0\x80", false, &out, &error)) << "surrogate";
  EXPECT_FALSE(CheckIllegalChars("\xF4\x90\x80\x80", false, &out, &error)) << "above U+10FFFF";
  EXPECT_TRUE(CheckIllegalChars("\xF0\x9F\x98\x80", false, &out, &error)) << "emoji";
  EXPECT_TRUE(CheckIllegalChars("\xED\xA0\x80", true, &out, &error));
  EXPECT_EQ(out, "???");
}

TEST(DwsRowsTest, CopyCsvQuotesEveryValueAndLeavesNullsEmpty) {
  EXPECT_EQ(CopyCsvLine(F({"1", std::nullopt, ""})), "\"1\",,\"\"\n");
  EXPECT_EQ(CopyCsvLine(F({"say \"hi\"", "a,b", "x\ny", "\\.", "\\N"})),
            "\"say \"\"hi\"\"\",\"a,b\",\"x\ny\",\"\\.\",\"\\N\"\n");
  EXPECT_EQ(CopyCsvLine({}), "\n");
}

TEST(DwsRowsTest, CopyLineComesFromTheErrorContext) {
  EXPECT_EQ(CopyLineFromContext("COPY t, line 3, column n: \"abc\""), 3);
  EXPECT_EQ(CopyLineFromContext("COPY events, line 12: \"x,y\""), 12);
  EXPECT_EQ(CopyLineFromContext("COPY t, line 7"), 7);
  EXPECT_EQ(CopyLineFromContext("PL/pgSQL function f() line 4 at RAISE\nCOPY t, line 2"), 2)
      << "a trigger's context comes first";
  EXPECT_EQ(CopyLineFromContext("COPY t, line 5, column c: \"x, line 9\""), 5);
  EXPECT_EQ(CopyLineFromContext(""), std::nullopt);
  EXPECT_EQ(CopyLineFromContext("SQL statement \"SELECT 1\""), std::nullopt);
  EXPECT_EQ(CopyLineFromContext("COPY t, line x"), std::nullopt);
}

}  // namespace
}  // namespace disd::dump
