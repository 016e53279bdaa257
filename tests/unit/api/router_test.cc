#include "api/router.h"

#include <gtest/gtest.h>

#include "api/routes.h"

namespace disd::api {
namespace {

TEST(RouterTest, MatchesWithAndWithoutTrailingSlash) {
  for (const char* path : {"/v2/p1/streams/s1", "/v2/p1/streams/s1/"}) {
    auto m = MatchRoute(DisRoutes(), "GET", path);
    ASSERT_TRUE(m.ok()) << path;
    EXPECT_EQ(m->route->name, "DescribeStream");
    ASSERT_EQ(m->params.size(), 2u);
    EXPECT_EQ(m->params[0].second, "p1");
    EXPECT_EQ(m->params[1].second, "s1");
  }
}

TEST(RouterTest, UnknownPathAndWrongMethod) {
  auto missing = MatchRoute(DisRoutes(), "GET", "/v2/p1/nothing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kRouteNotFound);
  auto wrong = MatchRoute(DisRoutes(), "PATCH", "/v2/p1/streams");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kMethodNotAllowed);
  EXPECT_NE(wrong.error().detail.find("POST"), std::string::npos);
}

TEST(RouterTest, DecodesPathSegments) {
  auto m = MatchRoute(DisRoutes(), "GET", "/v2/p%31/streams/a%2Db");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->params[0].second, "p1");
  EXPECT_EQ(m->params[1].second, "a-b");
}

TEST(RouterTest, EmptySegmentDoesNotMatchAParameter) {
  EXPECT_FALSE(MatchRoute(DisRoutes(), "GET", "/v2//streams").ok());
}

TEST(QueryParamsTest, ToleratesEmptyPiecesAndTrailingAmpersand) {
  auto q = QueryParams::Parse("limit=10&&start_stream_name=a%3Db&flag&");
  EXPECT_EQ(q.Get("limit"), "10");
  EXPECT_EQ(q.Get("start_stream_name"), "a=b");
  EXPECT_EQ(q.Get("flag"), "");
  EXPECT_FALSE(q.Get("missing").has_value());
}

TEST(QueryParamsTest, FirstValueWinsAndIntegersAreStrict) {
  auto q = QueryParams::Parse("n=1&n=2&bad=1x");
  EXPECT_EQ(q.Get("n"), "1");
  EXPECT_EQ(**q.GetInt("n"), 1);
  EXPECT_FALSE(q.GetInt("bad").ok());
  EXPECT_FALSE(q.GetInt("absent")->has_value());
}

}  // namespace
}  // namespace disd::api
