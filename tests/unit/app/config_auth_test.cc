// The config keys of authentication (auth.*) and TLS (server.tls.*): parsing, unknown-key
// rejection inside the nested lists, validation, and that no message echoes a secret.
#include <gtest/gtest.h>

#include "disd/app/config.h"

namespace disd::app {
namespace {

Result<Config> ApplyAndValidate(std::string_view text) {
  auto config = ApplyConfigText(Config{}, text, "test.jsonc");
  if (!config.ok()) return config;
  if (Status valid = ValidateConfig(*config); !valid.ok()) return valid.error();
  return config;
}

constexpr std::string_view kStrict = R"({
  "auth": {
    "mode": "strict",
    "clock_skew_minutes": 5,
    "token_ttl_minutes": 60,
    "failure_burst": 7,
    "failure_refill_per_minute": 2,
    "users": [{
      "domain": "acme", "name": "alice", "password": "pw-alice",
      "projects": ["0123456789abcdef0123456789abcdef"],
      "access_keys": [{"access_key": "AKALICE", "secret_key": "SK-ALICE"},
                      {"access_key": "AKTEMP", "secret_key": "SK-TEMP", "security_token": "ST"}]
    }],
    "tokens": [{"token": "tok-alice", "domain": "acme", "user": "alice"}]
  },
  "server": {"tls": {"listen": "127.0.0.1:0", "cert_file": "c.pem", "key_file": "k.pem"}}
})";

TEST(ConfigAuthTest, ReadsEveryKey) {
  auto config = ApplyAndValidate(kStrict);
  ASSERT_TRUE(config.ok()) << config.error().detail;
  const auth::AuthSettings& a = config->auth;
  EXPECT_EQ(a.mode, AuthMode::kStrict);
  EXPECT_EQ(a.clock_skew_ms, 5 * 60 * 1000);
  EXPECT_EQ(a.token_ttl_ms, 60 * 60 * 1000);
  EXPECT_EQ(a.failure_burst, 7);
  EXPECT_EQ(a.failure_refill_per_minute, 2);
  ASSERT_EQ(a.users.size(), 1u);
  EXPECT_EQ(a.users[0].domain, "acme");
  EXPECT_EQ(a.users[0].password, "pw-alice");
  ASSERT_EQ(a.users[0].access_keys.size(), 2u);
  EXPECT_EQ(a.users[0].access_keys[1].security_token, "ST");
  ASSERT_EQ(a.tokens.size(), 1u);
  EXPECT_EQ(a.tokens[0].user, "alice");
  EXPECT_EQ(config->server.tls.listen, "127.0.0.1:0");
  EXPECT_EQ(config->server.tls.key_file, "k.pem");
  EXPECT_EQ(ToString(AuthMode::kStrict), "strict");
}

TEST(ConfigAuthTest, DefaultsAreOpenWithFifteenMinutes) {
  Config c;
  EXPECT_EQ(c.auth.mode, AuthMode::kOpen);
  EXPECT_EQ(c.auth.clock_skew_ms, 15 * 60 * 1000);
  EXPECT_EQ(c.auth.token_ttl_ms, 24LL * 60 * 60 * 1000);
  EXPECT_TRUE(c.server.tls.listen.empty());
}

TEST(ConfigAuthTest, UnknownKeysInsideListsAreNamedWithTheirPath) {
  auto typo = ApplyAndValidate(R"({"auth": {"users": [{"domain": "d", "nmae": "x"}]}})");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().detail.find("auth.users[0].nmae"), std::string::npos);
  auto key_typo = ApplyAndValidate(
      R"({"auth": {"users": [{"access_keys": [{"access_key": "A", "secretkey": "S"}]}]}})");
  ASSERT_FALSE(key_typo.ok());
  EXPECT_NE(key_typo.error().detail.find("auth.users[0].access_keys[0].secretkey"),
            std::string::npos);
  auto tls_typo = ApplyAndValidate(R"({"server": {"tls": {"cert": "x"}}})");
  ASSERT_FALSE(tls_typo.ok());
  EXPECT_NE(tls_typo.error().detail.find("server.tls.cert"), std::string::npos);
  EXPECT_FALSE(ApplyAndValidate(R"({"auth": {"users": {"domain": "d"}}})").ok());
  EXPECT_FALSE(ApplyAndValidate(R"({"auth": {"users": ["alice"]}})").ok());
}

TEST(ConfigAuthTest, ValidationFailuresNeverEchoSecrets) {
  // A repeated access key, a token naming nobody, a strict mode without users.
  for (std::string_view text : {
           std::string_view(R"({"auth": {"users": [
              {"domain": "d", "name": "a", "projects": ["p"],
               "access_keys": [{"access_key": "AK1", "secret_key": "TOPSECRET1"}]},
              {"domain": "d", "name": "b", "projects": ["p"],
               "access_keys": [{"access_key": "AK1", "secret_key": "TOPSECRET2"}]}]}})"),
           std::string_view(R"({"auth": {"tokens": [{"token": "TOPSECRET3", "domain": "d",
              "user": "u"}]}})"),
           std::string_view(R"({"auth": {"mode": "strict"}})"),
           std::string_view(R"({"auth": {"users": [{"domain": "d", "name": "a",
              "projects": ["p"], "password": 5}]}})"),
       }) {
    auto config = ApplyAndValidate(text);
    ASSERT_FALSE(config.ok()) << text;
    EXPECT_EQ(config.error().detail.find("TOPSECRET"), std::string::npos) << config.error().detail;
  }
}

TEST(ConfigAuthTest, RangesAndTlsFilesAreChecked) {
  EXPECT_FALSE(ApplyAndValidate(R"({"auth": {"clock_skew_minutes": 0}})").ok());
  EXPECT_FALSE(ApplyAndValidate(R"({"auth": {"failure_burst": 0}})").ok());
  EXPECT_FALSE(ApplyAndValidate(R"({"auth": {"token_ttl_minutes": -1}})").ok());
  auto no_key = ApplyAndValidate(R"({"server": {"tls": {"listen": "127.0.0.1:0",
                                                         "cert_file": "c.pem"}}})");
  ASSERT_FALSE(no_key.ok());
  EXPECT_NE(no_key.error().detail.find("server.tls.key_file"), std::string::npos);
  EXPECT_FALSE(ApplyAndValidate(R"({"server": {"tls": {"listen": "nohost",
                                  "cert_file": "c", "key_file": "k"}}})")
                   .ok());
}

TEST(ConfigAuthTest, EnvironmentSetsTheMode) {
  auto config = ApplyEnvironment(Config{}, [](std::string_view name) -> std::optional<std::string> {
    if (name == "DISD_AUTH_MODE") return "strict";
    return std::nullopt;
  });
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->auth.mode, AuthMode::kStrict);
  auto bad = ApplyEnvironment(Config{}, [](std::string_view name) -> std::optional<std::string> {
    if (name == "DISD_AUTH_MODE") return "none";
    return std::nullopt;
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().detail.find("DISD_AUTH_MODE"), std::string::npos);
}

}  // namespace
}  // namespace disd::app
