// Shared by the SDK drop-in integration tests (sdk_auth_test.cc, sdk_tokens_test.cc,
// sdk_cross_account_test.cc, sdk_wire_test.cc, tls_test.cc): a config with the users of
// sdk-wire.md's observations, and a client that replays requests signed like each SDK,
// dated by the server's own (manual) clock.
// Thread-safety: like DisClient, one per thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "support/disd_test.h"
#include "support/sdk_signer.h"

namespace disd::test::sdk {

// The test user of the observations (domain acme, user alice, AK/SK of sdk-wire.md, project
// kProject), a partner in another domain (bob, project kOtherProject), a temporary
// credential, a static token.
inline constexpr char kPartnerAk[] = "PARTNERAK0000001";
inline constexpr char kPartnerSk[] = "PARTNER-SECRET-0123456789";
inline constexpr char kStaticToken[] = "static-token-for-alice";

inline json AuthConfig(std::string_view mode, json extra = json::object()) {
  json auth = {{"mode", mode},
               {"users",
                {{{"domain", "acme"},
                  {"name", "alice"},
                  {"password", "alice-password"},
                  {"projects", {kProject}},
                  {"access_keys",
                   {{{"access_key", kTestAk}, {"secret_key", kTestSk}},
                    {{"access_key", "TEMPAK0000000001"},
                     {"secret_key", "TEMP-SECRET"},
                     {"security_token", "TEMP-SECURITY-TOKEN"}}}}},
                 {{"domain", "partner"},
                  {"name", "bob"},
                  {"password", "bob-password"},
                  {"projects", {kOtherProject}},
                  {"access_keys", {{{"access_key", kPartnerAk}, {"secret_key", kPartnerSk}}}}}}},
               {"tokens", {{{"token", kStaticToken}, {"domain", "acme"}, {"user", "alice"}}}}};
  for (const auto& [k, v] : extra.items()) auth[k] = v;
  return auth;
}

inline ServerOptions WithAuth(std::string_view mode, json extra = json::object(),
                              json server = json::object()) {
  json config = {{"auth", AuthConfig(mode, std::move(extra))}};
  if (!server.empty()) config["server"] = server;
  ServerOptions options;
  options.config = "// SDK drop-in test settings\n" + config.dump(2) + "\n";
  return options;
}

inline SdkCredentials Alice() { return {}; }
inline SdkCredentials Bob() { return {kPartnerAk, kPartnerSk, "cn-north-4", ""}; }

// Sends requests signed like `sdk` over `dis`, at the server's current time.
class SignedClient {
 public:
  SignedClient(DisClient& dis, std::uint16_t port)
      : dis_(dis), host_("127.0.0.1:" + std::to_string(port)) {}

  DisResponse Send(Sdk sdk, std::string_view method, const std::string& target,
                   std::string_view body = {}, const SdkCredentials& credentials = Alice(),
                   std::string_view content_type = {}, const HttpHeaders& extra = {},
                   const std::vector<std::string>& extra_signed = {}) {
    const std::int64_t now = dis_.Now();
    return dis_.Call(method, target, body,
                     SignLike(sdk, credentials, method, target, body, host_, now, content_type,
                              extra, extra_signed));
  }
  DisResponse SendJson(Sdk sdk, std::string_view method, const std::string& target,
                       const json& body, const SdkCredentials& credentials = Alice()) {
    return Send(sdk, method, target, body.dump(), credentials);
  }
  const std::string& host() const { return host_; }

 private:
  DisClient& dis_;
  std::string host_;
};

}  // namespace disd::test::sdk
