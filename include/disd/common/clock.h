// Time, injected. Everything that reads the time takes a Clock&; production passes a
// SystemClock, tests (and the server's `clock.mode = manual` setting) a ManualClock that
// only moves when told to. Thread-safety: all methods may be called concurrently.
#pragma once

#include <atomic>
#include <cstdint>

namespace disd {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual std::int64_t NowMs() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowMs() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms) : now_ms_(start_ms) {}
  std::int64_t NowMs() const override { return now_ms_.load(std::memory_order_acquire); }
  // REQUIRES: delta_ms >= 0 (time never goes backwards).
  void AdvanceMs(std::int64_t delta_ms) { now_ms_.fetch_add(delta_ms, std::memory_order_acq_rel); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace disd
