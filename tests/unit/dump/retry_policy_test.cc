// The retry schedule of a failing batch.
#include "dump/retry_policy.h"

#include <gtest/gtest.h>

namespace disd::dump {
namespace {

TEST(RetryPolicyTest, BackoffDoublesUpToTheCap) {
  const RetryPolicy policy{1000, 60000, 1800000};
  const std::int64_t expected[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(BackoffDelayMs(policy, i + 1), expected[i]) << i;
  EXPECT_EQ(BackoffDelayMs(policy, 1000), 60000);  // no overflow
}

TEST(RetryPolicyTest, DegenerateSettingsStillWait) {
  EXPECT_EQ(BackoffDelayMs({0, 0, 0}, 1), 1);
  EXPECT_EQ(BackoffDelayMs({500, 100, 0}, 3), 500);  // cap below the first delay
}

TEST(RetryPolicyTest, GivesUpOnceRetryDurationHasPassed) {
  const RetryPolicy policy{1000, 60000, 30000};
  EXPECT_FALSE(RetriesExhausted(policy, 100, 100));
  EXPECT_FALSE(RetriesExhausted(policy, 100, 30099));
  EXPECT_TRUE(RetriesExhausted(policy, 100, 30100));
  EXPECT_TRUE(RetriesExhausted({1000, 60000, 0}, 100, 100));  // 0: no retries at all
}

}  // namespace
}  // namespace disd::dump
