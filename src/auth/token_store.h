// Tokens disd issues itself (POST /v3/auth/tokens), kept in memory: a token is 32 random
// bytes from OpenSSL's CSPRNG in hex, valid for the configured lifetime on the injected
// clock. Only the SHA-256 of a token is stored. An expired token is remembered (so it is
// answered "expired", not "unknown") until it has been expired for a whole lifetime or
// the store is at its cap, where the oldest tokens go first. Tokens do not survive a
// restart.
// Thread-safety: all methods may be called concurrently (one internal mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "disd/auth/authenticator.h"
#include "disd/common/clock.h"

namespace disd::auth {

class TokenStore {
 public:
  // REQUIRES: ttl_ms > 0, max_tokens > 0.
  TokenStore(const Clock& clock, std::int64_t ttl_ms, std::size_t max_tokens);

  // A new token acting as `principal`. kInternal if the random generator failed.
  Result<IssuedToken> Issue(Principal principal);

  enum class State { kValid, kExpired, kUnknown };
  struct Lookup {
    State state = State::kUnknown;
    Principal principal;  // set when kValid
  };
  Lookup Find(std::string_view token) const;

  std::size_t size() const;

 private:
  struct Entry {
    Principal principal;
    std::int64_t expires_at_ms = 0;
  };

  const Clock& clock_;
  const std::int64_t ttl_ms_;
  const std::size_t max_tokens_;

  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> by_hash_;  // GUARDED_BY(mu_)
  std::deque<std::string> order_;                   // GUARDED_BY(mu_), oldest first
};

}  // namespace disd::auth
