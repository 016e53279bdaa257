// The per-client failure limit: a token bucket on the injected clock, per address.
#include "auth/failure_limiter.h"

#include <gtest/gtest.h>

namespace disd::auth {
namespace {

TEST(FailureLimiterTest, BlocksAfterTheBurstAndRefillsOverTime) {
  ManualClock clock(0);
  FailureLimiter limiter(clock, 2, 6);  // one failure back every 10 s
  EXPECT_FALSE(limiter.Blocked("a"));
  limiter.RecordFailure("a");
  EXPECT_FALSE(limiter.Blocked("a"));
  limiter.RecordFailure("a");
  EXPECT_TRUE(limiter.Blocked("a"));
  EXPECT_FALSE(limiter.Blocked("b"));
  clock.AdvanceMs(9999);
  EXPECT_TRUE(limiter.Blocked("a"));
  clock.AdvanceMs(1);
  EXPECT_FALSE(limiter.Blocked("a"));
  clock.AdvanceMs(3600 * 1000);  // never more than the burst
  limiter.RecordFailure("a");
  limiter.RecordFailure("a");
  EXPECT_TRUE(limiter.Blocked("a"));
}

TEST(FailureLimiterTest, KeepsAtMostMaxClients) {
  ManualClock clock(0);
  FailureLimiter limiter(clock, 1, 1, /*max_clients=*/2);
  limiter.RecordFailure("a");
  limiter.RecordFailure("b");
  limiter.RecordFailure("c");  // evicts one of the others
  EXPECT_TRUE(limiter.Blocked("c"));
  EXPECT_EQ(static_cast<int>(limiter.Blocked("a")) + static_cast<int>(limiter.Blocked("b")), 1);
}

TEST(FailureLimiterTest, ClientIsTheAddressWithoutItsPort) {
  EXPECT_EQ(FailureLimiter::ClientOf("10.1.2.3:4567"), "10.1.2.3");
  EXPECT_EQ(FailureLimiter::ClientOf("[::1]:20080"), "::1");
  EXPECT_EQ(FailureLimiter::ClientOf("::1"), "::1");
  EXPECT_EQ(FailureLimiter::ClientOf("-"), "-");
}

}  // namespace
}  // namespace disd::auth
