// The config sections that carry secrets: "auth" (mode, clock skew, users with their
// access keys, passwords and projects, static tokens, token lifetime, failure limit) and
// "server.tls" (certificate and key files). Error messages name keys, never values.
#include "app/config_reader.h"

namespace disd::app {

namespace {

constexpr std::int64_t kMinuteMs = 60LL * 1000;

Status ReadAccessKey(const Json& j, const std::string& path, std::string_view source,
                     auth::AccessKeyConfig& out) {
  ObjectReader r(j, path, source);
  r.String("access_key", out.access_key);
  r.String("secret_key", out.secret_key);
  r.String("security_token", out.security_token);
  return r.Finish();
}

Status ReadUser(const Json& j, const std::string& path, std::string_view source,
                auth::UserConfig& out) {
  ObjectReader r(j, path, source);
  r.String("domain", out.domain);
  r.String("name", out.name);
  r.String("password", out.password);
  r.StringList("projects", out.projects);
  r.ObjectList("access_keys", [&](const Json& key, const std::string& key_path) {
    auth::AccessKeyConfig config;
    Status status = ReadAccessKey(key, key_path, source, config);
    out.access_keys.push_back(std::move(config));
    return status;
  });
  return r.Finish();
}

Status ReadToken(const Json& j, const std::string& path, std::string_view source,
                 auth::TokenConfig& out) {
  ObjectReader r(j, path, source);
  r.String("token", out.token);
  r.String("domain", out.domain);
  r.String("user", out.user);
  return r.Finish();
}

}  // namespace

Status ReadAuth(const Json& j, std::string_view source, auth::AuthSettings& out) {
  ObjectReader r(j, "auth", source);
  r.Enum("mode", out.mode, &ParseAuthMode);
  std::int64_t skew_minutes = out.clock_skew_ms / kMinuteMs;
  r.Integer("clock_skew_minutes", skew_minutes);
  std::int64_t ttl_minutes = out.token_ttl_ms / kMinuteMs;
  r.Integer("token_ttl_minutes", ttl_minutes);
  r.Integer("max_issued_tokens", out.max_issued_tokens);
  r.Integer("failure_burst", out.failure_burst);
  r.Integer("failure_refill_per_minute", out.failure_refill_per_minute);
  // The file's lists replace earlier ones as a whole.
  if (j.contains("users")) out.users.clear();
  if (j.contains("tokens")) out.tokens.clear();
  r.ObjectList("users", [&](const Json& user, const std::string& path) {
    auth::UserConfig config;
    Status status = ReadUser(user, path, source, config);
    out.users.push_back(std::move(config));
    return status;
  });
  r.ObjectList("tokens", [&](const Json& token, const std::string& path) {
    auth::TokenConfig config;
    Status status = ReadToken(token, path, source, config);
    out.tokens.push_back(std::move(config));
    return status;
  });
  // Minutes that do not fit the ms fields are caught by validation as out of range.
  out.clock_skew_ms =
      skew_minutes > (1LL << 40) ? (1LL << 40) * kMinuteMs : skew_minutes * kMinuteMs;
  out.token_ttl_ms = ttl_minutes > (1LL << 40) ? (1LL << 40) * kMinuteMs : ttl_minutes * kMinuteMs;
  return r.Finish();
}

Status ReadTls(const Json& j, std::string_view source, TlsSettings& out) {
  ObjectReader r(j, "server.tls", source);
  r.String("listen", out.listen);
  r.String("cert_file", out.cert_file);
  r.String("key_file", out.key_file);
  return r.Finish();
}

}  // namespace disd::app
