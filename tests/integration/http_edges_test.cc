// The HTTP front end as SDKs and hostile peers meet it: routing (404/405 with the DIS
// error body), trailing slashes and the query-string shapes SDKs send, body parsing,
// malformed requests that must not take the server down, keep-alive, request ids.
// Configured limits are in http_limits_test.cc.
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class HttpEdgesTest : public DisdTest {};

TEST_F(HttpEdgesTest, UnknownPathIs404WithDisErrorBody) {
  for (std::string target :
       {std::string("/nothing"), dis().V2("/nothing"), dis().V2("/streams/s/nothing/else"),
        std::string("/v9/p/streams"), std::string("/")}) {
    SCOPED_TRACE(target);
    EXPECT_TRUE(IsDisError(dis().Call("GET", target), 404, "DIS.4200"));
  }
}

TEST_F(HttpEdgesTest, KnownPathWithOtherMethodIs405WithDisErrorBody) {
  dis().CreateOk("s", 1);
  EXPECT_TRUE(IsDisError(dis().Call("PATCH", dis().V2("/streams")), 405, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("DELETE", dis().V2("/records")), 405, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/cursors"), "{}"), 405, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/streams/s"), "{}"), 405, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("GET", "/_disd/clock/advance"), 405, "DIS.4200"));
  // Trailing slash does not change the answer.
  EXPECT_TRUE(IsDisError(dis().Call("PATCH", dis().V2("/streams/")), 405, "DIS.4200"));
}

TEST_F(HttpEdgesTest, TrailingSlashAcceptedOnEveryPath) {
  const std::string v3 = "/v3/" + dis().project();
  EXPECT_TRUE(HasStatus(dis().CallJson("POST", dis().V2("/streams/"),
                                       {{"stream_name", "ts"}, {"partition_count", 2}}),
                        201));
  DisResponse list = dis().Call("GET", dis().V2("/streams/"));
  ASSERT_TRUE(HasStatus(list, 200));
  EXPECT_EQ(list.doc["stream_names"], json::array({"ts"}));
  EXPECT_TRUE(HasStatus(dis().Call("GET", dis().V2("/streams/ts/")), 200));
  DisResponse put = dis().CallJson(
      "POST", dis().V2("/records/"),
      {{"stream_name", "ts"}, {"records", {{{"data", Base64("x")}, {"partition_id", "0"}}}}});
  ASSERT_TRUE(HasStatus(put, 200));
  DisResponse cursor = dis().Call(
      "GET", dis().V2("/cursors/?stream-name=ts&partition-id=0&cursor-type=TRIM_HORIZON"));
  ASSERT_TRUE(HasStatus(cursor, 200));
  DisResponse got = dis().Call(
      "GET", dis().V2("/records/") +
                 BuildQuery({{"partition-cursor", cursor.doc.value("partition_cursor", "")}}));
  ASSERT_TRUE(HasStatus(got, 200));
  EXPECT_EQ(got.doc["records"].size(), 1u);
  EXPECT_TRUE(HasStatus(dis().CallJson("PUT", dis().V2("/streams/ts/update/"),
                                       {{"stream_name", "ts"}, {"data_duration", 48}}),
                        204));
  EXPECT_TRUE(HasStatus(
      dis().CallJson("PUT", v3 + "/streams/ts/", {{"stream_name", "ts"}, {"data_duration", 72}}),
      204));
  EXPECT_TRUE(HasStatus(dis().CallJson("PUT", dis().V2("/streams/ts/"),
                                       {{"stream_name", "ts"}, {"target_partition_count", 3}}),
                        200));
  EXPECT_TRUE(HasStatus(dis().Call("GET", dis().V2("/streams/ts/update_partition_counts/")), 200));
  EXPECT_TRUE(HasStatus(dis().CallJson("POST", "/_disd/clock/advance/", {{"advance_ms", 1}}), 200));
  EXPECT_TRUE(HasStatus(dis().Call("DELETE", dis().V2("/streams/ts/")), 204));
  dis().CreateOk("v3del", 1);
  EXPECT_TRUE(HasStatus(dis().Call("DELETE", v3 + "/streams/v3del/"), 204));
  EXPECT_TRUE(IsDisError(dis().Describe("v3del"), 400, "DIS.4301"));
}

TEST_F(HttpEdgesTest, QueryStringsWithTrailingAndEmptyPieces) {
  for (const char* name : {"a", "b", "c"}) dis().CreateOk(name, 1);
  DisResponse r = dis().Call("GET", dis().V2("/streams?limit=10&"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["stream_names"], json::array({"a", "b", "c"}));
  r = dis().Call("GET", dis().V2("/streams?limit=1&&start_stream_name=a"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["stream_names"], json::array({"b"}));
  r = dis().Call("GET", dis().V2("/streams?&limit=2&&"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["stream_names"], json::array({"a", "b"}));
  EXPECT_TRUE(HasStatus(dis().Call("GET", dis().V2("/streams?a=1&&b=2")), 200));
  // The Java SDK duplicates the path's stream name into the query and ends with '&'.
  EXPECT_TRUE(HasStatus(
      dis().Call("GET", dis().V2("/streams/a/?stream_name=a&limit_partitions=100&")), 200));
  EXPECT_TRUE(HasStatus(
      dis().Call("GET", dis().V2("/cursors/?stream-name=a&partition-id=shardId-0000000000&"
                                 "cursor-type=LATEST&")),
      200));
}

TEST_F(HttpEdgesTest, RepeatedParameterTakesItsFirstValue) {
  for (const char* name : {"a", "b", "c"}) dis().CreateOk(name, 1);
  DisResponse r = dis().Call("GET", dis().V2("/streams?limit=1&limit=50"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["stream_names"], json::array({"a"}));
  r = dis().Call("GET", dis().V2("/streams?start_stream_name=a&start_stream_name=b"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["stream_names"], json::array({"b", "c"}));
}

TEST_F(HttpEdgesTest, UnknownJsonKeysAreIgnored) {
  EXPECT_TRUE(HasStatus(dis().CreateStream({{"stream_name", "s"},
                                            {"partition_count", 1},
                                            {"no_such_key", 1},
                                            {"nested", {{"deep", {1, 2, 3}}}},
                                            {"private_cluster_id", nullptr}}),
                        201));
  DisResponse put =
      dis().PutRecords({{"stream_name", "s"},
                        {"stream_id", ""},
                        {"extra", true},
                        {"records", {{{"data", Base64("v")}, {"whatever", {{"a", 1}}}}}}});
  ASSERT_TRUE(HasStatus(put, 200));
  EXPECT_EQ(put.doc["failed_record_count"], 0);
  EXPECT_TRUE(HasStatus(
      dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", 5}, {"comment", "x"}}), 200));
}

TEST_F(HttpEdgesTest, BodyThatIsNotAJsonObjectIsDis4200) {
  dis().CreateOk("s", 1);
  for (std::string body : {"{", "not json", "[1,2]", "\"text\"", "{\"stream_name\":\"x\",}",
                           "{\"stream_name\":\"x\"} trailing", "null"}) {
    SCOPED_TRACE(body);
    EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/streams"), body), 400, "DIS.4200"));
    EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/records"), body), 400, "DIS.4200"));
    EXPECT_TRUE(IsDisError(dis().Call("PUT", dis().V2("/streams/s"), body), 400, "DIS.4200"));
  }
  // An empty body where one is required is "Empty request".
  for (const char* path : {"/streams", "/records", "/streams/s"}) {
    DisResponse r = dis().Call(std::string(path) == "/streams/s" ? "PUT" : "POST", dis().V2(path));
    EXPECT_TRUE(IsDisError(r, 400, "DIS.4202")) << path;
  }
  DisResponse list = dis().ListStreams();
  ASSERT_TRUE(HasStatus(list, 200));
  EXPECT_EQ(list.doc["total_number"], 1);
  EXPECT_EQ(dis().Partition("s", 0).value("sequence_number_range", ""), "[0 : 0]");
}

TEST_F(HttpEdgesTest, ContentTypeVariantsOfEverySdkAccepted) {
  int n = 0;
  // The last one sends no Content-Type at all (an empty value suppresses the header).
  for (const char* type :
       {"application/json", "application/json;charset=UTF-8", "application/json; charset=UTF-8",
        "application/json; charset=utf-8", ""}) {
    SCOPED_TRACE(type);
    std::string name = "ct" + std::to_string(n++);
    HttpHeaders headers = {{"Content-Type", type}};
    json body = {{"stream_name", name}, {"partition_count", 1}};
    EXPECT_TRUE(HasStatus(dis().Call("POST", dis().V2("/streams"), body.dump(), headers), 201));
  }
  // Python sends a JSON content type and a zero content length on GET.
  EXPECT_TRUE(HasStatus(
      dis().Call("GET", dis().V2("/streams"), "",
                 {{"Content-Type", "application/json; charset=UTF-8"}, {"Content-Length", "0"}}),
      200));
}

TEST_F(HttpEdgesTest, GarbageRequestLineIs400AndTheServerStillServes) {
  for (std::string garbage :
       {std::string("GARBAGE\r\n\r\n"), std::string("\x01\x02\xff\xfe nonsense\r\n\r\n"),
        std::string("GET  HTTP/1.1\r\n\r\n")}) {
    HttpClient raw(server().host(), server().port());
    ASSERT_TRUE(raw.SendRaw(garbage));
    auto response = raw.ReadResponse();
    ASSERT_TRUE(response.has_value()) << "no answer to garbage request line";
    EXPECT_EQ(response->status, 400);
  }
  auto fresh = MakeClient();
  EXPECT_TRUE(HasStatus(fresh->ListStreams(), 200));
  EXPECT_TRUE(HasStatus(dis().ListStreams(), 200));
}

TEST_F(HttpEdgesTest, OversizedHeadersRejectedAndTheServerStillServes) {
  HttpClient raw(server().host(), server().port());
  std::string request = "GET " + dis().V2("/streams") +
                        " HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(200 * 1024, 'a') +
                        "\r\n\r\n";
  raw.SendRaw(request);  // may fail part-way if the server already gave up on us
  if (auto response = raw.ReadResponse()) {
    EXPECT_GE(response->status, 400);
    EXPECT_LT(response->status, 500);
  }
  EXPECT_TRUE(HasStatus(MakeClient()->ListStreams(), 200));
}

TEST_F(HttpEdgesTest, ClientHangingUpMidRequestLeavesTheServerHealthy) {
  dis().CreateOk("s", 1);
  const std::string head = "POST " + dis().V2("/records") +
                           " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: 1000\r\n\r\n";
  const std::string partial_body = R"({"stream_name":"s","records":[{"data":")" + Base64("abc");
  for (int i = 0; i < 10; ++i) {
    HttpClient raw(server().host(), server().port());
    if (i % 3 == 0) raw.SendRaw(head.substr(0, head.size() / 2));  // mid-header
    if (i % 3 == 1) raw.SendRaw(head);                             // headers only
    if (i % 3 == 2) raw.SendRaw(head + partial_body);              // mid-body
    raw.Close();
  }
  auto fresh = MakeClient();
  EXPECT_TRUE(HasStatus(fresh->ListStreams(), 200));
  EXPECT_EQ(dis().Partition("s", 0).value("sequence_number_range", ""), "[0 : 0]");
  EXPECT_EQ(dis().PutToPartition("s", 0, 1), std::vector<std::int64_t>({0}));
}

TEST_F(HttpEdgesTest, KeepAliveServesManyRequestsOnOneConnection) {
  dis().CreateOk("s", 2);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(HasStatus(dis().ListStreams(), 200));
    EXPECT_TRUE(HasStatus(dis().Describe("s"), 200));
    dis().PutToPartition("s", i % 2, 2);
    EXPECT_TRUE(IsDisError(dis().Describe("missing"), 400, "DIS.4301"));
  }
  EXPECT_EQ(dis().http().connect_count(), 1);
}

TEST_F(HttpEdgesTest, MalformedFramingIsRejectedAndTheServerStillServes) {
  const std::string line = "POST " + dis().V2("/streams") + " HTTP/1.1\r\nHost: x\r\n";
  for (std::string headers :
       {std::string("Content-Length: abc\r\n"), std::string("Content-Length: -5\r\n"),
        std::string("Content-Length: 2\r\nContent-Length: 3\r\n"),
        std::string("Header-Without-Colon\r\nContent-Length: 2\r\n")}) {
    SCOPED_TRACE(headers);
    HttpClient raw(server().host(), server().port());
    ASSERT_TRUE(raw.SendRaw(line + headers + "\r\n{}"));
    auto response = raw.ReadResponse();
    ASSERT_TRUE(response.has_value()) << "no answer to a malformed request";
    EXPECT_EQ(response->status, 400);
  }
  EXPECT_TRUE(HasStatus(MakeClient()->ListStreams(), 200));
}

TEST_F(HttpEdgesTest, ChunkedRequestBodyIsAccepted) {
  HttpClient raw(server().host(), server().port());
  std::string body = R"({"stream_name":"chunked","partition_count":1})";
  std::string first = body.substr(0, 10), rest = body.substr(10);
  std::ostringstream wire;
  wire << "POST " << dis().V2("/streams") << " HTTP/1.1\r\nHost: x\r\n"
       << "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
       << std::hex << first.size() << "\r\n"
       << first << "\r\n"
       << rest.size() << "\r\n"
       << rest << "\r\n0\r\n\r\n";
  ASSERT_TRUE(raw.SendRaw(wire.str()));
  auto response = raw.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 201) << response->body;
  EXPECT_TRUE(HasStatus(dis().Describe("chunked"), 200));
}

TEST_F(HttpEdgesTest, ConnectionCloseAndHttp10AreHonoured) {
  for (std::string request :
       {"GET " + dis().V2("/streams") + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GET " + dis().V2("/streams") + " HTTP/1.0\r\n\r\n"}) {
    SCOPED_TRACE(request);
    HttpClient raw(server().host(), server().port());
    ASSERT_TRUE(raw.SendRaw(request));
    auto response = raw.ReadResponse();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 200);
    EXPECT_FALSE(response->Header("X-Request-Id").empty());
    EXPECT_TRUE(raw.WaitForClose()) << "the server kept the connection open";
  }
}

TEST_F(HttpEdgesTest, PipelinedRequestsAreAnsweredInOrder) {
  dis().CreateOk("s", 1);
  HttpClient raw(server().host(), server().port());
  std::string one = "GET " + dis().V2("/streams/s") + " HTTP/1.1\r\nHost: x\r\n\r\n";
  std::string two = "GET " + dis().V2("/streams/missing") + " HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(raw.SendRaw(one + two + one));
  auto a = raw.ReadResponse();
  auto b = raw.ReadResponse();
  auto c = raw.ReadResponse();
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->status, 200);
  EXPECT_EQ(b->status, 400);
  EXPECT_EQ(c->status, 200);
}

TEST_F(HttpEdgesTest, EveryResponseCarriesADistinctRequestId) {
  std::vector<DisResponse> responses;
  responses.push_back(dis().CreateStream("s", 1));
  responses.push_back(dis().ListStreams());
  responses.push_back(dis().Describe("missing"));
  responses.push_back(dis().Call("GET", "/nowhere"));
  responses.push_back(dis().DeleteStream("s"));
  std::set<std::string> ids;
  for (const auto& r : responses) {
    EXPECT_FALSE(r.Header("X-Request-Id").empty()) << r.status << " " << r.body;
    ids.insert(r.Header("X-Request-Id"));
  }
  EXPECT_EQ(ids.size(), responses.size());
  EXPECT_EQ(responses[0].status, 201);
  EXPECT_EQ(responses[4].status, 204);
  EXPECT_TRUE(responses[4].body.empty());
}

TEST_F(HttpEdgesTest, ManualClockMovesOnlyWhenAdvanced) {
  std::int64_t start = dis().Now();
  ASSERT_GE(start, 0);
  dis().CreateOk("s", 1);
  EXPECT_EQ(dis().Now(), start);
  EXPECT_EQ(dis().AdvanceClock(1500), start + 1500);
  EXPECT_EQ(dis().AdvanceClock(kDayMs), start + 1500 + kDayMs);
  EXPECT_TRUE(IsDisError(dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", -1}}), 400,
                         "DIS.4200"));
  EXPECT_EQ(dis().Now(), start + 1500 + kDayMs);
}

TEST_F(HttpEdgesTest, ManyConcurrentConnectionsAreAllAnswered) {
  dis().CreateOk("s", 1);
  std::vector<std::thread> threads;
  std::vector<int> ok(32, 0);
  for (int t = 0; t < 32; ++t) {
    threads.emplace_back([&, t, client = std::shared_ptr<DisClient>(MakeClient())] {
      for (int i = 0; i < 10; ++i) ok[t] += client->Describe("s").status == 200 ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < 32; ++t) EXPECT_EQ(ok[t], 10) << "client " << t;
}

}  // namespace
}  // namespace disd::test
