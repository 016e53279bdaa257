// The /api/put exchange: request chunks, and OpenTSDB's answers, including the `?details`
// 400 answer (its shape from OpenTSDB's /api/put documentation), which VictoriaMetrics
// never sends, mapped back to the points of the request.
#include "dump/opentsdb_put.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

using Json = nlohmann::json;

TsdbPoint Point(const std::string& metric, std::int64_t ms, Json value, const std::string& host) {
  TsdbPoint p;
  p.metric = metric;
  p.timestamp_ms = ms;
  p.value = std::move(value);
  p.tags = {{"host", host}};
  return p;
}

std::vector<std::size_t> Indices(const std::vector<TsdbRefusal>& refusals) {
  std::vector<std::size_t> out;
  for (const auto& r : refusals) out.push_back(r.point);
  return out;
}

TEST(OpenTsdbPutTest, ChunksAreBoundedJsonArraysInOrder) {
  std::vector<TsdbPoint> points;
  for (int i = 0; i < 5; ++i) points.push_back(Point("m", 1510325345000 + i, i, "h"));
  auto chunks = ChunkPoints(points, 2, 1 << 20);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].first, 0u);
  EXPECT_EQ(chunks[0].count, 2u);
  EXPECT_EQ(chunks[2].first, 4u);
  EXPECT_EQ(chunks[2].count, 1u);
  const Json first = Json::parse(chunks[0].body);
  ASSERT_TRUE(first.is_array());
  EXPECT_EQ(first.size(), 2u);
  EXPECT_EQ(first[1], PointJson(points[1]));
  EXPECT_EQ(Json::parse(chunks[2].body)[0], PointJson(points[4]));

  // A byte bound: each point is about 80 bytes.
  const std::size_t one = PointJson(points[0]).dump().size();
  chunks = ChunkPoints(points, 100, 2 * one + 3);
  ASSERT_EQ(chunks.size(), 3u);
  for (const auto& c : chunks) EXPECT_LE(c.body.size(), 2 * one + 3);
  // A single point larger than the bound still goes, alone.
  chunks = ChunkPoints(points, 100, 10);
  EXPECT_EQ(chunks.size(), 5u);
  EXPECT_TRUE(ChunkPoints({}, 10, 10).empty());
}

TEST(OpenTsdbPutTest, EverythingStored) {
  const TsdbPoint p = Point("m", 1510325345000, 1, "h");
  EXPECT_TRUE(ReadPutAnswer(204, "", &p, 1)->empty());
  EXPECT_TRUE(ReadPutAnswer(200, "", &p, 1)->empty());
  // With ?details OpenTSDB answers 200 and the counts when nothing failed.
  EXPECT_TRUE(ReadPutAnswer(200, R"({"errors":[],"failed":0,"success":1})", &p, 1)->empty());
}

TEST(OpenTsdbPutTest, TheDocumentedDetailsAnswerNamesTheRefusedPoint) {
  // OpenTSDB's documentation: a put with ?details, one point of which has value "NaN"
  // (the echoed timestamp is what the client sent; here seconds, matched to milliseconds).
  const std::vector<TsdbPoint> points = {Point("sys.cpu.nice", 1365465600000, 18, "web01"),
                                         Point("sys.cpu.nice", 1365465600000, 9, "web02"),
                                         Point("sys.cpu.nice", 1365465600000, 1, "web01")};
  const std::string body = R"({
    "errors": [{"datapoint": {"metric": "sys.cpu.nice", "timestamp": 1365465600,
                              "value": "NaN", "tags": {"host": "web01"}},
                "error": "Unable to parse value to a number"}],
    "failed": 1, "success": 2})";
  auto refusals = ReadPutAnswer(400, body, points.data(), points.size());
  ASSERT_TRUE(refusals.ok()) << refusals.error().detail;
  EXPECT_EQ(Indices(*refusals), (std::vector<std::size_t>{0}));
  EXPECT_EQ((*refusals)[0].error, "Unable to parse value to a number");

  // Two errors naming equal points map to two distinct points, in order.
  const std::string two = R"({"errors": [
      {"datapoint": {"metric": "sys.cpu.nice", "timestamp": 1365465600000, "value": "1",
                     "tags": {"host": "web01"}}, "error": "Invalid tag value"},
      {"datapoint": {"metric": "sys.cpu.nice", "timestamp": 1365465600000, "value": "18",
                     "tags": {"host": "web01"}}, "error": "Invalid tag value"}],
      "failed": 2, "success": 1})";
  refusals = ReadPutAnswer(400, two, points.data(), points.size());
  ASSERT_TRUE(refusals.ok()) << refusals.error().detail;
  EXPECT_EQ(Indices(*refusals), (std::vector<std::size_t>{0, 2}));
}

TEST(OpenTsdbPutTest, AnswersThatFailTheWholeRequest) {
  const std::vector<TsdbPoint> points = {Point("m", 1510325345000, 1, "a")};
  const auto fails = [&](int status, std::string_view body) {
    auto r = ReadPutAnswer(status, body, points.data(), points.size());
    return !r.ok() && r.error().code == ErrorCode::kInternal;
  };
  EXPECT_TRUE(fails(500, R"({"error":{"code":500,"message":"boom"}})"));
  EXPECT_TRUE(fails(503, ""));
  EXPECT_TRUE(fails(404, "not found"));
  EXPECT_TRUE(fails(413, ""));
  EXPECT_TRUE(fails(400, "Unable to parse the given JSON")) << "not a details body";
  EXPECT_TRUE(fails(400, R"({"error":{"code":400,"message":"bad"}})")) << "no counts";
  EXPECT_TRUE(fails(400, R"({"failed":0,"success":0,"errors":[]})")) << "refused, no point named";
  EXPECT_TRUE(fails(400, R"({"failed":2,"success":0,"errors":[
      {"datapoint":{"metric":"m","timestamp":1510325345000,"tags":{"host":"a"}},"error":"x"}]})"))
      << "fewer errors than failures";
  EXPECT_TRUE(fails(400, R"({"failed":1,"success":0,"errors":[
      {"datapoint":{"metric":"other","timestamp":1510325345000,"tags":{"host":"a"}},"error":"x"}]})"))
      << "names a point that was not sent";
  EXPECT_TRUE(fails(400, R"({"failed":1,"success":0,"errors":[
      {"datapoint":{"metric":"m","timestamp":1510325345000,"tags":{"host":"b"}},"error":"x"}]})"))
      << "other tags";
  EXPECT_TRUE(fails(400, R"({"failed":1,"success":0,"errors":[
      {"datapoint":{"metric":"m","timestamp":1510325345000,"tags":{"host":"a"}},
       "error":"Storage exception: org.hbase.async.RegionOfflineException"}]})"))
      << "the storage failed, not the point";
  EXPECT_TRUE(fails(400, R"({"failed":1,"success":0,"errors":[
      {"datapoint":{"metric":"m","timestamp":1510325345000,"tags":{"host":"a"}},
       "error":"Please throttle writes: ..."}]})"));
  EXPECT_TRUE(fails(400, R"({"failed":0,"success":0,"timeouts":1,"errors":[]})"));
  auto r = ReadPutAnswer(502, "bad gateway", points.data(), points.size());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().detail.find("502"), std::string::npos) << r.error().detail;
}

}  // namespace
}  // namespace disd::dump
