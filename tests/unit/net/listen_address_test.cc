#include "disd/net/listen_address.h"

#include <gtest/gtest.h>

namespace disd::net {
namespace {

TEST(ListenAddressTest, ParsesHostAndPort) {
  auto a = ParseListenAddress("127.0.0.1:20080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 20080);
  auto any = ParseListenAddress("0.0.0.0:0");
  ASSERT_TRUE(any.ok());
  EXPECT_EQ(any->port, 0);
  auto name = ParseListenAddress("localhost:80");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->host, "localhost");
}

TEST(ListenAddressTest, ParsesBracketedIpv6) {
  auto a = ParseListenAddress("[::1]:8080");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "::1");
  EXPECT_EQ(a->port, 8080);
  EXPECT_EQ(FormatListenAddress(*a), "[::1]:8080");
}

TEST(ListenAddressTest, RejectsMalformedAddresses) {
  for (const char* bad : {"", "127.0.0.1", ":80", "host:", "host:65536", "host:-1", "host:8x",
                          "::1:80", "[::1", "[::1]80", "[]:80"}) {
    auto a = ParseListenAddress(bad);
    EXPECT_FALSE(a.ok()) << bad;
    if (!a.ok()) {
      EXPECT_EQ(a.error().code, ErrorCode::kInvalidRequest);
    }
  }
}

TEST(ListenAddressTest, FormatRoundTrips) {
  EXPECT_EQ(FormatListenAddress({"127.0.0.1", 1}), "127.0.0.1:1");
  EXPECT_EQ(FormatListenAddress({"fe80::1", 443}), "[fe80::1]:443");
}

TEST(ListenAddressTest, RecognisesLoopback) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("::ffff:127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("::"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("example.com"));
}

}  // namespace
}  // namespace disd::net
