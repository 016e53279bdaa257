// Records to OpenTSDB points per opentsdb_schema (docs/sinks/cloudtable-opentsdb.md):
// metric parts, the two timestamp types and six formats, every value and tag type, the
// character rules, and the records that are rejected.
#include "dump/opentsdb_points.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

using Json = nlohmann::json;

// 2017-11-10 14:49:05 UTC.
constexpr std::int64_t kMs = 1510325345000;

TsdbSchema Schema(const Json& entries) {
  auto schema = ParseTsdbSchema(entries.dump());
  EXPECT_TRUE(schema.ok()) << entries.dump();
  return schema.ok() ? *schema : TsdbSchema{};
}

// One entry: metric Constant "m", timestamp Timestamp "ts", value `value_type` "v", tag
// "t" of `tag_type` from field "tag".
TsdbSchema Simple(const std::string& value_type = "Double",
                  const std::string& tag_type = "String") {
  return Schema(Json::parse(R"([{"metric":[{"type":"Constant","value":"m"}],
      "timestamp":{"type":"Timestamp","value":"ts"},
      "value":{"type":")" + value_type +
                            R"(","value":"v"},
      "tags":[{"name":"t","type":")" +
                            tag_type + R"(","value":"tag"}]}])"));
}

Result<std::vector<TsdbPoint>> Points(const TsdbSchema& schema, const Json& record) {
  return RecordPoints(schema, record.dump());
}

// The single point of `record`, or the rejection detail as a failure.
::testing::AssertionResult OnePoint(const TsdbSchema& schema, const Json& record, TsdbPoint* out) {
  auto points = Points(schema, record);
  if (!points.ok()) return ::testing::AssertionFailure() << points.error().detail;
  if (points->size() != 1) return ::testing::AssertionFailure() << points->size() << " points";
  *out = (*points)[0];
  return ::testing::AssertionSuccess();
}

Json Value(const std::string& type, const Json& v) {
  TsdbPoint p;
  if (!OnePoint(Simple(type), {{"ts", kMs}, {"v", v}, {"tag", "x"}}, &p)) return "rejected";
  return p.value;
}

std::string TagText(const std::string& type, const Json& v) {
  TsdbPoint p;
  if (!OnePoint(Simple("Double", type), {{"ts", kMs}, {"v", 1}, {"tag", v}}, &p)) {
    return "rejected";
  }
  return p.tags["t"];
}

std::int64_t Stamp(const Json& v) {
  TsdbPoint p;
  if (!OnePoint(Simple(), {{"ts", v}, {"v", 1}, {"tag", "x"}}, &p)) return -1;
  return p.timestamp_ms;
}

TEST(OpenTsdbPointsTest, TheSeedsExample) {
  // Seed 004 5.5.10's request example.
  const TsdbSchema schema = Schema(Json::parse(R"([{
      "metric":[{"type":"Constant","value":"age"}],
      "timestamp":{"value":"date","type":"String","format":"yyyy/MM/dd HH:mm:ss"},
      "value":{"value":"value","type":"Bigint"},
      "tags":[{"name":"name","value":"name","type":"Bigint"}]}])"));
  TsdbPoint p;
  ASSERT_TRUE(OnePoint(schema, {{"date", "2017/11/10 14:49:05"}, {"value", 12}, {"name", 7}}, &p));
  EXPECT_EQ(PointJson(p).dump(),
            R"({"metric":"age","tags":{"name":"7"},"timestamp":1510325345000,"value":12})");
}

TEST(OpenTsdbPointsTest, MetricPartsAreJoinedWithDots) {
  const TsdbSchema schema = Schema(Json::parse(R"([{
      "metric":[{"type":"Constant","value":"dis.hosts"},{"type":"String","value":"host"},
                {"type":"Constant","value":"cpu"}],
      "timestamp":{"type":"Timestamp","value":"ts"},
      "value":{"type":"Double","value":"v"},
      "tags":[{"name":"dc","type":"String","value":"dc"}]}])"));
  TsdbPoint p;
  ASSERT_TRUE(OnePoint(schema, {{"host", "web-01"}, {"ts", kMs}, {"v", 0.5}, {"dc", "lga"}}, &p));
  EXPECT_EQ(p.metric, "dis.hosts.web-01.cpu");
  // The String part must be a non-empty string with OpenTSDB's characters.
  EXPECT_FALSE(Points(schema, {{"host", 7}, {"ts", kMs}, {"v", 1}, {"dc", "x"}}).ok());
  EXPECT_FALSE(Points(schema, {{"host", ""}, {"ts", kMs}, {"v", 1}, {"dc", "x"}}).ok());
  EXPECT_FALSE(Points(schema, {{"host", "a b"}, {"ts", kMs}, {"v", 1}, {"dc", "x"}}).ok());
  EXPECT_FALSE(Points(schema, {{"ts", kMs}, {"v", 1}, {"dc", "x"}}).ok());
}

TEST(OpenTsdbPointsTest, TimestampFieldsInSecondsOrMilliseconds) {
  EXPECT_EQ(Stamp(kMs), kMs);
  EXPECT_EQ(Stamp(kMs / 1000), kMs) << "10 digits are seconds";
  EXPECT_EQ(Stamp(std::to_string(kMs)), kMs) << "a string of digits";
  EXPECT_EQ(Stamp(std::to_string(kMs / 1000)), kMs);
  EXPECT_EQ(Stamp(631152000), 631152000000) << "1990-01-01 in seconds (9 digits)";
  EXPECT_EQ(Stamp(kMs / 100), -1) << "11 digits";
  EXPECT_EQ(Stamp(kMs / 10), -1) << "12 digits";
  EXPECT_EQ(Stamp(kMs * 10), -1) << "14 digits";
  EXPECT_EQ(Stamp(-kMs), -1);
  EXPECT_EQ(Stamp(1510325345.5), -1) << "not an integer";
  EXPECT_EQ(Stamp("2017-11-10"), -1);
  EXPECT_EQ(Stamp(true), -1);
  EXPECT_EQ(Stamp(4294967), -1) << "before 1970-02-20: OpenTSDB would read the ms as seconds";
  EXPECT_EQ(Stamp(4294968), 4294968000);
  EXPECT_EQ(Stamp(nullptr), -1) << "null is missing";
}

TEST(OpenTsdbPointsTest, TimestampStringsInTheSixFormats) {
  const std::pair<std::string, std::string> cases[] = {
      {"yyyy/MM/dd HH:mm:ss", "2017/11/10 14:49:05"},
      {"MM/dd/yyyy HH:mm:ss", "11/10/2017 14:49:05"},
      {"dd/MM/yyyy HH:mm:ss", "10/11/2017 14:49:05"},
      {"yyyy-MM-dd HH:mm:ss", "2017-11-10 14:49:05"},
      {"MM-dd-yyyy HH:mm:ss", "11-10-2017 14:49:05"},
      {"dd-MM-yyyy HH:mm:ss", "10-11-2017 14:49:05"}};
  for (const auto& [format, text] : cases) {
    const TsdbSchema schema = Schema(Json::parse(R"([{"metric":[{"type":"Constant","value":"m"}],
        "timestamp":{"type":"String","value":"at","format":")" +
                                                 format + R"("},
        "value":{"type":"Bigint","value":"v"},
        "tags":[{"name":"t","type":"String","value":"t"}]}])"));
    TsdbPoint p;
    ASSERT_TRUE(OnePoint(schema, {{"at", text}, {"v", 1}, {"t", "x"}}, &p)) << format;
    EXPECT_EQ(p.timestamp_ms, kMs) << format << " read as UTC";
    EXPECT_FALSE(Points(schema, {{"at", "2017.11.10 14:49:05"}, {"v", 1}, {"t", "x"}}).ok());
    EXPECT_FALSE(Points(schema, {{"at", kMs}, {"v", 1}, {"t", "x"}}).ok()) << "not a string";
  }
  const TsdbSchema schema = Schema(Json::parse(R"([{"metric":[{"type":"Constant","value":"m"}],
      "timestamp":{"type":"String","value":"at","format":"yyyy-MM-dd HH:mm:ss"},
      "value":{"type":"Bigint","value":"v"},"tags":[{"name":"t","type":"String","value":"t"}]}])"));
  EXPECT_FALSE(Points(schema, {{"at", "2017-13-10 14:49:05"}, {"v", 1}, {"t", "x"}}).ok());
  EXPECT_FALSE(Points(schema, {{"at", "2017-02-30 14:49:05"}, {"v", 1}, {"t", "x"}}).ok());
  EXPECT_FALSE(Points(schema, {{"at", "2017-11-10 24:00:00"}, {"v", 1}, {"t", "x"}}).ok());
  EXPECT_FALSE(Points(schema, {{"at", "2017-11-10T14:49:05"}, {"v", 1}, {"t", "x"}}).ok());
}

TEST(OpenTsdbPointsTest, ValuesPerType) {
  EXPECT_EQ(Value("Bigint", 12), Json(12));
  EXPECT_EQ(Value("Bigint", -12), Json(-12));
  EXPECT_EQ(Value("Bigint", "12"), Json(12)) << "numeric strings are accepted";
  EXPECT_EQ(Value("Bigint", 1.5), "rejected");
  EXPECT_EQ(Value("Bigint", "1.5"), "rejected");
  EXPECT_EQ(Value("Bigint", true), "rejected");
  EXPECT_EQ(Value("Bigint", "x"), "rejected");
  EXPECT_EQ(Value("Timestamp", kMs), Json(kMs));
  EXPECT_EQ(Value("Double", 1.5), Json(1.5));
  EXPECT_EQ(Value("Double", 3), Json(3));
  EXPECT_EQ(Value("Double", "2.25"), Json(2.25));
  EXPECT_EQ(Value("Double", "-1e3"), Json(-1000.0));
  EXPECT_EQ(Value("Double", "nan"), "rejected");
  EXPECT_EQ(Value("Double", "inf"), "rejected");
  EXPECT_EQ(Value("Double", " 1"), "rejected");
  EXPECT_EQ(Value("Double", Json::array({1})), "rejected");
  EXPECT_EQ(Value("Decimal", "12.30"), Json(12.3));
  EXPECT_EQ(Value("Decimal", 7), Json(7));
  EXPECT_EQ(Value("Boolean", true), Json(1));
  EXPECT_EQ(Value("Boolean", false), Json(0));
  EXPECT_EQ(Value("Boolean", "true"), Json(1));
  EXPECT_EQ(Value("Boolean", "false"), Json(0));
  EXPECT_EQ(Value("Boolean", 1), "rejected");
  EXPECT_EQ(Value("String", "42"), Json(42));
  EXPECT_EQ(Value("String", "4.5"), Json(4.5));
  EXPECT_EQ(Value("String", 42), "rejected") << "String means a JSON string";
  EXPECT_EQ(Value("String", "abc"), "rejected");
  EXPECT_EQ(Value("String", nullptr), "rejected") << "null is missing";
}

TEST(OpenTsdbPointsTest, TagValuesAsText) {
  EXPECT_EQ(TagText("String", "web-01/a_b.c"), "web-01/a_b.c");
  EXPECT_EQ(TagText("String", 7), "rejected") << "String means a JSON string";
  EXPECT_EQ(TagText("Bigint", 7), "7");
  EXPECT_EQ(TagText("Bigint", -7), "-7");
  EXPECT_EQ(TagText("Bigint", "7"), "7");
  EXPECT_EQ(TagText("Bigint", 7.5), "rejected");
  EXPECT_EQ(TagText("Timestamp", kMs), std::to_string(kMs));
  EXPECT_EQ(TagText("Double", 1.5), "1.5");
  EXPECT_EQ(TagText("Double", 2), "2");
  EXPECT_EQ(TagText("Decimal", "12.30"), "12.30") << "a numeric string as written";
  EXPECT_EQ(TagText("Double", 1e300), "rejected") << "1e+300: '+' is not allowed";
  EXPECT_EQ(TagText("Boolean", true), "true");
  EXPECT_EQ(TagText("Boolean", "false"), "false");
  EXPECT_EQ(TagText("Boolean", 0), "rejected");
  EXPECT_EQ(TagText("String", ""), "rejected");
  EXPECT_EQ(TagText("String", "web 01"), "rejected");
  EXPECT_EQ(TagText("String", "a:b"), "rejected");
  EXPECT_EQ(TagText("String", "北京"), "北京") << "Unicode letters";
  EXPECT_EQ(TagText("String", "Zürich"), "Zürich");
  EXPECT_EQ(TagText("String", "5€"), "rejected") << "a symbol, not a letter";
  // Invalid UTF-8 is not JSON: the record does not parse.
  EXPECT_FALSE(RecordPoints(Simple(), "{\"ts\":1510325345000,\"v\":1,\"tag\":\"\xC3\"}").ok());
}

TEST(OpenTsdbPointsTest, OpenTsdbNames) {
  EXPECT_TRUE(IsTsdbName("sys.cpu.nice"));
  EXPECT_TRUE(IsTsdbName("a-b_c.d/e"));
  EXPECT_TRUE(IsTsdbName("Ωmega"));
  EXPECT_FALSE(IsTsdbName(""));
  EXPECT_FALSE(IsTsdbName("a=b"));
  EXPECT_FALSE(IsTsdbName("a,b"));
  EXPECT_FALSE(IsTsdbName("tab\there"));
  EXPECT_FALSE(IsTsdbName("\xED\xA0\x80")) << "a UTF-16 surrogate";
  EXPECT_FALSE(IsTsdbName("\xC0\xAE")) << "overlong";
}

TEST(OpenTsdbPointsTest, RecordsThatDoNotFitAreRejected) {
  const TsdbSchema schema = Simple();
  EXPECT_FALSE(RecordPoints(schema, "not json").ok());
  EXPECT_FALSE(RecordPoints(schema, "[1,2]").ok());
  EXPECT_FALSE(RecordPoints(schema, "42").ok());
  EXPECT_FALSE(Points(schema, {{"v", 1}, {"tag", "x"}}).ok()) << "no timestamp";
  EXPECT_FALSE(Points(schema, {{"ts", kMs}, {"tag", "x"}}).ok()) << "no value";
  EXPECT_FALSE(Points(schema, {{"ts", kMs}, {"v", 1}}).ok()) << "no tag";
  auto missing = Points(schema, {{"ts", kMs}, {"v", 1}, {"tag", nullptr}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidRequest);
  EXPECT_NE(missing.error().detail.find("tag"), std::string::npos) << missing.error().detail;
}

TEST(OpenTsdbPointsTest, EachSchemaEntryMakesAPoint) {
  const TsdbSchema schema = Schema(Json::parse(R"([
      {"metric":[{"type":"Constant","value":"temp"}],"timestamp":{"type":"Timestamp","value":"ts"},
       "value":{"type":"Double","value":"temp"},
       "tags":[{"name":"host","type":"String","value":"host"},{"name":"ok","type":"Boolean","value":"ok"}]},
      {"metric":[{"type":"Constant","value":"load"}],"timestamp":{"type":"Timestamp","value":"ts"},
       "value":{"type":"Bigint","value":"load"},"tags":[{"name":"host","type":"String","value":"host"}]}])"));
  auto points =
      Points(schema, {{"ts", kMs}, {"temp", 21.5}, {"load", 3}, {"host", "web01"}, {"ok", true}});
  ASSERT_TRUE(points.ok()) << points.error().detail;
  ASSERT_EQ(points->size(), 2u);
  EXPECT_EQ(
      PointJson((*points)[0]).dump(),
      R"({"metric":"temp","tags":{"host":"web01","ok":"true"},"timestamp":1510325345000,"value":21.5})");
  EXPECT_EQ(PointJson((*points)[1]).dump(),
            R"({"metric":"load","tags":{"host":"web01"},"timestamp":1510325345000,"value":3})");
  // One entry that does not fit rejects the whole record.
  EXPECT_FALSE(Points(schema, {{"ts", kMs}, {"temp", 21.5}, {"host", "web01"}, {"ok", true}}).ok());
}

TEST(OpenTsdbPointsTest, StoredSchemaShape) {
  EXPECT_FALSE(ParseTsdbSchema("{}").ok());
  EXPECT_FALSE(ParseTsdbSchema("[]").ok());
  EXPECT_FALSE(ParseTsdbSchema(R"([{"metric":[]}])").ok());
  EXPECT_EQ(ParseTsdbSchema("nope").error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace disd::dump
