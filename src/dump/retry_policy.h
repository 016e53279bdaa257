// How a failing batch is retried: the first retry `initial_backoff_ms` after the first
// failure, each further delay doubled up to `max_backoff_ms`, until the batch has been
// failing for `retry_duration_ms`; then it goes to the error location. All times come from
// the injected clock, so tests walk the schedule by advancing it.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>

namespace disd::dump {

struct RetryPolicy {
  std::int64_t initial_backoff_ms = 1000;
  std::int64_t max_backoff_ms = 60000;
  std::int64_t retry_duration_ms = 1800 * 1000;
};

// The delay after the `failures`-th consecutive failure (failures >= 1):
// min(initial * 2^(failures-1), max), and at least 1 ms.
std::int64_t BackoffDelayMs(const RetryPolicy& policy, int failures);

// True when a batch that first failed at `first_failure_ms` and failed again at `now_ms`
// is to be given up (retry_duration 0 gives up at the first failure).
bool RetriesExhausted(const RetryPolicy& policy, std::int64_t first_failure_ms,
                      std::int64_t now_ms);

}  // namespace disd::dump
