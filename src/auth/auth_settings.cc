// ValidateAuthSettings: the rules every auth configuration must satisfy. Messages name the
// entry (by index, domain, user name or access key id) and never a secret.
#include "disd/auth/auth_settings.h"

#include <set>
#include <string>
#include <utility>

namespace disd::auth {

namespace {

constexpr std::int64_t kMinuteMs = 60LL * 1000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

class Checker {
 public:
  explicit Checker(std::string_view prefix) : prefix_(prefix) {}
  void Require(bool ok, const std::string& key, const std::string& why) {
    if (status_.ok() && !ok) {
      status_ = MakeError(ErrorCode::kInvalidRequest, prefix_ + "." + key + " " + why);
    }
  }
  void Range(const std::string& key, std::int64_t value, std::int64_t min, std::int64_t max) {
    Require(value >= min && value <= max, key,
            "must be between " + std::to_string(min) + " and " + std::to_string(max) + " (got " +
                std::to_string(value) + ")");
  }
  Status status() const { return status_; }

 private:
  std::string prefix_;
  Status status_;
};

bool ValidName(std::string_view s) {
  if (s.empty() || s.size() > 256) return false;
  for (unsigned char c : s) {
    if (c < 0x21 || c == 0x7f || c == ',' || c == '/' || c == ';') return false;
  }
  return true;
}

}  // namespace

Status ValidateAuthSettings(const AuthSettings& s, std::string_view prefix) {
  Checker c(prefix);
  c.Range("clock_skew_minutes", s.clock_skew_ms / kMinuteMs, 1, 7 * 24 * 60);
  c.Range("token_ttl_minutes", s.token_ttl_ms / kMinuteMs, 1, 7 * 24 * 60);
  c.Range("max_issued_tokens", s.max_issued_tokens, 1, 10000000);
  c.Range("failure_burst", s.failure_burst, 1, 1000000);
  c.Range("failure_refill_per_minute", s.failure_refill_per_minute, 1, 1000000);
  c.Require(s.mode != AuthMode::kStrict || !s.users.empty(), "users",
            "must name at least one user when mode is \"strict\" (nobody could authenticate)");
  std::set<std::pair<std::string, std::string>> users;
  std::set<std::string> access_keys;
  for (std::size_t i = 0; i < s.users.size(); ++i) {
    const UserConfig& u = s.users[i];
    const std::string at = "users[" + std::to_string(i) + "]";
    c.Require(ValidName(u.domain), at + ".domain",
              "must be 1-256 printable characters without spaces, ',', '/' or ';'");
    c.Require(ValidName(u.name), at + ".name",
              "must be 1-256 printable characters without spaces, ',', '/' or ';'");
    c.Require(users.emplace(u.domain, u.name).second, at,
              "repeats the user " + u.domain + "." + u.name);
    c.Require(!u.projects.empty(), at + ".projects", "must name at least one project id");
    for (const auto& project : u.projects) {
      c.Require(ValidName(project), at + ".projects", "has an empty or malformed project id");
    }
    for (std::size_t k = 0; k < u.access_keys.size(); ++k) {
      const AccessKeyConfig& key = u.access_keys[k];
      const std::string key_at = at + ".access_keys[" + std::to_string(k) + "]";
      c.Require(ValidName(key.access_key), key_at + ".access_key",
                "must be 1-256 printable characters without spaces, ',', '/' or ';'");
      c.Require(!key.secret_key.empty(), key_at + ".secret_key", "must not be empty");
      c.Require(access_keys.insert(key.access_key).second, key_at + ".access_key",
                "repeats the access key " + key.access_key);
    }
  }
  std::set<std::string> tokens;
  for (std::size_t i = 0; i < s.tokens.size(); ++i) {
    const TokenConfig& t = s.tokens[i];
    const std::string at = "tokens[" + std::to_string(i) + "]";
    c.Require(!t.token.empty(), at + ".token", "must not be empty");
    c.Require(tokens.insert(t.token).second, at + ".token", "repeats an earlier token");
    c.Require(users.count({t.domain, t.user}) == 1, at,
              "names the user " + t.domain + "." + t.user + ", which is not in " +
                  std::string(prefix) + ".users");
  }
  return c.status();
}

}  // namespace disd::auth
