#include "net/http_conversion.h"

#include <gtest/gtest.h>

#include <boost/beast/http/field.hpp>

namespace disd::net {
namespace {

namespace http = boost::beast::http;

TEST(HttpConversionTest, RequestKeepsMethodTargetHeadersAndBody) {
  BeastRequest beast_request{http::verb::post, "/v2/p1/records?x=1", 11};
  beast_request.set("Content-Type", "application/json");
  beast_request.insert("X-Custom", "a");
  beast_request.insert("X-Custom", "b");
  beast_request.body() = R"({"stream_name":"s"})";
  beast_request.prepare_payload();

  HttpRequest request = ToHttpRequest(std::move(beast_request), "abc", "127.0.0.1:5555");
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/v2/p1/records?x=1");
  EXPECT_EQ(request.body, R"({"stream_name":"s"})");
  EXPECT_EQ(request.request_id, "abc");
  EXPECT_EQ(request.remote_address, "127.0.0.1:5555");
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("x-custom"), "a");  // first of repeated headers
  EXPECT_EQ(request.Header("Content-Length"), "19");
  ASSERT_GE(request.headers.size(), 3u);
  EXPECT_EQ(request.headers[0].first, "Content-Type");  // names as received, in order
}

TEST(HttpConversionTest, UnknownMethodsArePassedThroughVerbatim) {
  BeastRequest beast_request;
  beast_request.method_string("PURGE");
  beast_request.target("/");
  EXPECT_EQ(ToHttpRequest(std::move(beast_request), "", "").method, "PURGE");
}

TEST(HttpConversionTest, ResponseCarriesIdServerTypeAndLength) {
  HttpResponse response;
  response.status = 201;
  response.content_type = "application/json";
  response.body = "{}";
  response.headers.emplace_back("X-Extra", "1");
  BeastResponse out = ToBeastResponse(std::move(response), {11, true, "rid"});
  EXPECT_EQ(out.result_int(), 201u);
  EXPECT_EQ(out["X-Request-Id"], "rid");
  EXPECT_EQ(out[http::field::content_type], "application/json");
  EXPECT_EQ(out[http::field::content_length], "2");
  EXPECT_EQ(out[http::field::server], std::string(ServerHeaderValue()));
  EXPECT_EQ(out["X-Extra"], "1");
  EXPECT_EQ(out.body(), "{}");
  EXPECT_TRUE(out.keep_alive());
  EXPECT_EQ(out.count(http::field::content_encoding), 0u);
}

TEST(HttpConversionTest, ServerHeaderNamesTheVersion) {
  EXPECT_EQ(ServerHeaderValue(), std::string("disd/") + DISD_VERSION);
}

TEST(HttpConversionTest, EmptyBodyStillGetsContentLengthZero) {
  HttpResponse response;
  response.status = 200;
  BeastResponse out = ToBeastResponse(std::move(response), {11, true, "rid"});
  EXPECT_EQ(out[http::field::content_length], "0");
  EXPECT_EQ(out.count(http::field::content_type), 0u);
}

TEST(HttpConversionTest, NoContentHasNoBodyAndNoLength) {
  HttpResponse response;
  response.status = 204;
  response.body = "ignored";
  BeastResponse out = ToBeastResponse(std::move(response), {11, true, "rid"});
  EXPECT_EQ(out.result_int(), 204u);
  EXPECT_TRUE(out.body().empty());
  EXPECT_EQ(out.count(http::field::content_length), 0u);
  EXPECT_EQ(out["X-Request-Id"], "rid");
}

TEST(HttpConversionTest, HeadResponseHasLengthButNoBody) {
  HttpResponse response;
  response.content_type = "application/json";
  response.body = "{\"a\":1}";
  BeastResponse out = ToBeastResponse(std::move(response), {11, true, "rid", true});
  EXPECT_EQ(out[http::field::content_length], "7");
  EXPECT_TRUE(out.body().empty());
}

TEST(HttpConversionTest, NonStandardStatusGetsAReasonPhrase) {
  HttpResponse response;
  response.status = 441;
  BeastResponse out = ToBeastResponse(std::move(response), {11, true, "rid"});
  EXPECT_EQ(out.result_int(), 441u);
  EXPECT_FALSE(out.reason().empty());
}

TEST(HttpConversionTest, HandlerCannotOverrideFramingOrRequestId) {
  HttpResponse response;
  response.body = "abc";
  response.headers = {{"Content-Length", "99"},
                      {"Transfer-Encoding", "chunked"},
                      {"Connection", "keep-alive"},
                      {"X-Request-Id", "theirs"}};
  BeastResponse out = ToBeastResponse(std::move(response), {11, false, "ours"});
  EXPECT_EQ(out[http::field::content_length], "3");
  EXPECT_EQ(out.count(http::field::transfer_encoding), 0u);
  EXPECT_EQ(out["X-Request-Id"], "ours");
  EXPECT_FALSE(out.keep_alive());
}

TEST(HttpConversionTest, Http10KeepAliveIsExplicit) {
  HttpResponse response;
  BeastResponse out = ToBeastResponse(std::move(response), {10, true, "rid"});
  EXPECT_EQ(out.version(), 10u);
  EXPECT_TRUE(out.keep_alive());
}

TEST(HttpConversionTest, TargetPathDropsTheQuery) {
  EXPECT_EQ(TargetPath("/v2/p/streams?limit=1&"), "/v2/p/streams");
  EXPECT_EQ(TargetPath("/v2/p/streams"), "/v2/p/streams");
  EXPECT_EQ(TargetPath("?a"), "");
}

}  // namespace
}  // namespace disd::net
