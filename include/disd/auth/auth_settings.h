// What authentication is configured with: the mode, the clock-skew window, the users with
// their access keys, passwords and projects, static tokens, issued-token lifetime and the
// failure rate limit. Filled by app/ from the config file (auth.*); secrets live only here
// and in the objects built from it, and are never logged or echoed in an error.
// Thread-safety: value types; ValidateAuthSettings is a pure function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "disd/common/status.h"

namespace disd::auth {

enum class AuthMode {
  kOpen,    // no credentials needed (anonymous may act in every project); credentials that
            // are sent are still parsed, and verified when they name a known key or token
  kStrict,  // every request must authenticate
};

// One AK/SK pair. With a security_token the pair is a temporary credential: requests
// signed with it must carry `X-Security-Token` with that value.
struct AccessKeyConfig {
  std::string access_key;
  std::string secret_key;
  std::string security_token;  // empty: a permanent key
};

struct UserConfig {
  std::string domain;    // the account
  std::string name;      // the user within the domain
  std::string password;  // for POST /v3/auth/tokens; empty: the user cannot obtain tokens
  std::vector<AccessKeyConfig> access_keys;
  std::vector<std::string> projects;  // project ids the user may act in
};

// A token configured up front; it acts as the named user in the user's projects.
struct TokenConfig {
  std::string token;
  std::string domain;
  std::string user;
};

struct AuthSettings {
  AuthMode mode = AuthMode::kOpen;
  // |X-Sdk-Date - now| must not exceed this.
  std::int64_t clock_skew_ms = 15LL * 60 * 1000;
  // Lifetime of tokens issued by POST /v3/auth/tokens (IAM issues 24-hour tokens).
  std::int64_t token_ttl_ms = 24LL * 60 * 60 * 1000;
  // Issued tokens kept in memory; at the cap the oldest are dropped.
  std::int64_t max_issued_tokens = 100000;
  // Authentication failures per client address: a token bucket of `failure_burst`
  // failures refilled at `failure_refill_per_minute`; an address whose bucket is empty is
  // answered DIS.4309 until it refills.
  std::int64_t failure_burst = 20;
  std::int64_t failure_refill_per_minute = 20;
  std::vector<UserConfig> users;
  std::vector<TokenConfig> tokens;
};

// Consistency of the settings, with the offending entry named (never its secret): required
// fields present, access keys and (domain, user) pairs unique, tokens naming a configured
// user, tokens unique, limits in range. `prefix` ("auth") starts every key path.
Status ValidateAuthSettings(const AuthSettings& settings, std::string_view prefix = "auth");

}  // namespace disd::auth
