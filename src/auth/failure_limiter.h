// Rate-limits authentication failures per client address (the peer's IP, without its
// port): each client has a token bucket of `burst` failures that refills continuously at
// `refill_per_minute` on the injected clock. While a client's bucket is empty every
// request from it is refused (DIS.4309) without being verified, so guessing secrets is
// slow; other clients are unaffected. At most `max_clients` buckets are kept: full buckets
// (equivalent to none) are dropped first, then arbitrary ones.
// Thread-safety: all methods may be called concurrently (one internal mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "disd/common/clock.h"

namespace disd::auth {

class FailureLimiter {
 public:
  // REQUIRES: burst >= 1, refill_per_minute >= 1, max_clients >= 1.
  FailureLimiter(const Clock& clock, std::int64_t burst, std::int64_t refill_per_minute,
                 std::size_t max_clients = 65536);

  // Whether `client` has used up its failures.
  bool Blocked(std::string_view client) const;
  // Counts one failure of `client`.
  void RecordFailure(std::string_view client);

  // "ip" of an "ip:port" or "[v6]:port" peer address; the input when it has no port.
  static std::string ClientOf(std::string_view remote_address);

 private:
  struct Bucket {
    double tokens = 0;
    std::int64_t updated_ms = 0;
  };
  // The bucket's tokens at `now_ms`, refilled and capped at the burst.
  double Level(const Bucket& bucket, std::int64_t now_ms) const;

  const Clock& clock_;
  const double burst_;
  const double refill_per_ms_;
  const std::size_t max_clients_;

  mutable std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;  // GUARDED_BY(mu_)
};

}  // namespace disd::auth
