#include "dump/retry_policy.h"

#include <algorithm>

namespace disd::dump {

std::int64_t BackoffDelayMs(const RetryPolicy& policy, int failures) {
  std::int64_t delay = std::max<std::int64_t>(policy.initial_backoff_ms, 1);
  const std::int64_t cap = std::max(policy.max_backoff_ms, delay);
  for (int i = 1; i < failures && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

bool RetriesExhausted(const RetryPolicy& policy, std::int64_t first_failure_ms,
                      std::int64_t now_ms) {
  return now_ms - first_failure_ms >= policy.retry_duration_ms;
}

}  // namespace disd::dump
