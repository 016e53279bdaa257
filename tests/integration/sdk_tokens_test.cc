// Token authentication (sdk-wire.md 3.6): X-Auth-Token with a configured token, and with
// a token disd issued through the IAM-style POST /v3/auth/tokens (password identity,
// project scope, X-Subject-Token, 24-hour validity on the server's clock).
#include <gtest/gtest.h>

#include "integration/sdk_calls.h"

namespace disd::test {
namespace {

json PasswordBody(const std::string& domain, const std::string& user, const std::string& password,
                  const json& project) {
  return {
      {"auth",
       {{"identity",
         {{"methods", {"password"}},
          {"password",
           {{"user", {{"name", user}, {"password", password}, {"domain", {{"name", domain}}}}}}}}},
        {"scope", {{"project", project}}}}}};
}

class TokenTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return sdk::WithAuth("strict"); }

  DisResponse Issue(const json& body) { return dis().CallJson("POST", "/v3/auth/tokens", body); }
  DisResponse WithToken(const std::string& token, const std::string& target) {
    // As the Java SDK sends it in token mode: unsigned, X-Auth-Token plus X-Project-Id.
    return dis().Call("GET", target, "",
                      {{"X-Auth-Token", token},
                       {"X-Project-Id", kProject},
                       {"Content-Type", "application/json; charset=utf-8"},
                       {"X-SDK-Version", "1.3.5-SNAPSHOT/java"}});
  }
};

TEST_F(TokenTest, IssuedTokensWorkForTheirProjectFor24Hours) {
  DisResponse issued = Issue(PasswordBody("acme", "alice", "alice-password", {{"id", kProject}}));
  ASSERT_TRUE(HasStatus(issued, 201));
  const std::string token = issued.Header("X-Subject-Token");
  ASSERT_EQ(token.size(), 64u);
  EXPECT_EQ(issued.doc["token"]["user"]["name"], "alice");
  EXPECT_EQ(issued.doc["token"]["project"]["id"], kProject);
  EXPECT_TRUE(issued.doc["token"]["expires_at"].is_string());
  EXPECT_EQ(issued.body.find("alice-password"), std::string::npos);

  EXPECT_TRUE(HasStatus(WithToken(token, dis().V2("/streams")), 200));
  dis().AdvanceClock(24LL * 3600 * 1000 - 1000);
  EXPECT_TRUE(HasStatus(WithToken(token, dis().V2("/streams")), 200));
  dis().AdvanceClock(1000);
  EXPECT_TRUE(IsDisError(WithToken(token, dis().V2("/streams")), 441, "DIS.4110"));
}

TEST_F(TokenTest, IssuanceChecksThePasswordAndTheScope) {
  EXPECT_TRUE(IsDisError(Issue(PasswordBody("acme", "alice", "wrong", {{"id", kProject}})), 441,
                         "DIS.4100"));
  EXPECT_TRUE(
      IsDisError(Issue(PasswordBody("acme", "nobody", "x", {{"id", kProject}})), 441, "DIS.4100"));
  EXPECT_TRUE(
      IsDisError(Issue(PasswordBody("acme", "alice", "alice-password", {{"id", kOtherProject}})),
                 403, "DIS.4116"));
  EXPECT_TRUE(
      IsDisError(Issue({{"auth", {{"identity", {{"methods", {"token"}}}}}}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(Issue(json::object()), 400, "DIS.4200"));
  // Scope by name works too (the project id as its name).
  EXPECT_TRUE(
      HasStatus(Issue(PasswordBody("acme", "alice", "alice-password", {{"name", kProject}})), 201));
}

TEST_F(TokenTest, ATokenIsScopedToOneProject) {
  DisResponse issued =
      Issue(PasswordBody("partner", "bob", "bob-password", {{"id", kOtherProject}}));
  ASSERT_TRUE(HasStatus(issued, 201));
  const std::string token = issued.Header("X-Subject-Token");
  DisResponse other = dis().Call("GET", "/v2/" + std::string(kOtherProject) + "/streams", "",
                                 {{"X-Auth-Token", token}});
  EXPECT_TRUE(HasStatus(other, 200));
  EXPECT_TRUE(IsDisError(dis().Call("GET", dis().V2("/streams"), "", {{"X-Auth-Token", token}}),
                         403, "DIS.4116"));
}

TEST_F(TokenTest, StaticTokensAndUnknownTokens) {
  EXPECT_TRUE(HasStatus(WithToken(sdk::kStaticToken, dis().V2("/streams")), 200));
  EXPECT_TRUE(IsDisError(WithToken("no-such-token", dis().V2("/streams")), 441, "DIS.4110"));
  // The token's user acts in its own projects only; X-Project-Id must match the path.
  DisResponse mismatch =
      dis().Call("GET", dis().V2("/streams"), "",
                 {{"X-Auth-Token", sdk::kStaticToken}, {"X-Project-Id", kOtherProject}});
  EXPECT_TRUE(IsDisError(mismatch, 400, "DIS.4117"));
}

}  // namespace
}  // namespace disd::test
