// AuthService: open and strict mode, the clock-skew window, X-Project-Id, temporary
// credentials, static and issued tokens, and the per-client failure limit, all on a manual
// clock.
#include "disd/auth/auth_service.h"

#include <gtest/gtest.h>

#include "unit/auth/test_requests.h"

namespace disd::auth {
namespace {

using testing::kObservationMs;
using testing::kTestAk;
using testing::kTestSk;

constexpr char kTestProject[] = "0123456789abcdef0123456789abcdef";

constexpr char kOtherProject[] = "fedcba9876543210fedcba9876543210";

class AuthServiceTest : public ::testing::Test {
 protected:
  AuthSettings Settings(AuthMode mode) {
    AuthSettings s;
    s.mode = mode;
    s.users = {testing::TestUser()};
    UserConfig temp;
    temp.domain = "tempdomain";
    temp.name = "temp";
    temp.access_keys = {{"TEMPAK", "TEMPSK", "SECURITY-TOKEN"}};
    temp.projects = {kOtherProject};
    s.users.push_back(temp);
    s.tokens = {{"static-token-1", "testdomain", "tester"}};
    s.failure_burst = 3;
    s.failure_refill_per_minute = 3;
    return s;
  }

  // A GET of the streams of `project`, signed now with `ak`/`sk` (dialect A).
  HttpRequest Signed(std::string_view ak = kTestAk, std::string_view sk = kTestSk,
                     std::string_view project = kTestProject, std::string remote = "10.0.0.1:5") {
    HttpRequest r;
    r.method = "GET";
    r.target = "/v2/" + std::string(project) + "/streams?limit=10&";
    r.remote_address = std::move(remote);
    r.headers = {{"Host", "127.0.0.1:20080"}, {"Content-Type", "application/json"}};
    testing::Sign(r, Dialect::kSdkCredential, ak, sk, testing::SdkDate(clock_.NowMs()),
                  {"content-type", "host", "x-sdk-date"});
    return r;
  }

  HttpRequest Unsigned(std::string remote = "10.0.0.1:5") {
    HttpRequest r;
    r.method = "GET";
    r.target = "/v2/" + std::string(kTestProject) + "/streams";
    r.remote_address = std::move(remote);
    r.headers = {{"Host", "127.0.0.1:20080"}};
    return r;
  }

  static ErrorCode CodeOf(const Result<Principal>& r) {
    return r.ok() ? ErrorCode::kInternal : r.error().code;
  }

  ManualClock clock_{kObservationMs};
};

TEST_F(AuthServiceTest, OpenModeAcceptsAnonymousRequests) {
  AuthService auth(Settings(AuthMode::kOpen), clock_);
  auto p = auth.Authenticate(Unsigned(), kTestProject);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->anonymous);
  EXPECT_TRUE(p->MayActIn("anything"));
}

TEST_F(AuthServiceTest, OpenModeTreatsUnknownKeysAndTokensAsAnonymous) {
  AuthService auth(Settings(AuthMode::kOpen), clock_);
  auto p = auth.Authenticate(Signed("SOMEONE-ELSE", "whatever"), kTestProject);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->anonymous);
  HttpRequest token = Unsigned();
  token.headers.emplace_back("X-Auth-Token", "not-a-known-token");
  ASSERT_TRUE(auth.Authenticate(token, kTestProject).ok());
}

TEST_F(AuthServiceTest, OpenModeStillVerifiesKnownKeysAndRejectsMalformedHeaders) {
  AuthService auth(Settings(AuthMode::kOpen), clock_);
  auto good = auth.Authenticate(Signed(), kTestProject);
  ASSERT_TRUE(good.ok());
  EXPECT_FALSE(good->anonymous);
  EXPECT_EQ(good->domain, "testdomain");
  EXPECT_TRUE(good->MayActIn(kTestProject));
  EXPECT_FALSE(good->MayActIn(kOtherProject));
  EXPECT_EQ(CodeOf(auth.Authenticate(Signed(kTestAk, "wrong-secret"), kTestProject)),
            ErrorCode::kSignatureMismatch);
  HttpRequest malformed = Unsigned();
  malformed.headers.emplace_back("Authorization", "SDK-HMAC-SHA256 garbage");
  EXPECT_EQ(CodeOf(auth.Authenticate(malformed, kTestProject)), ErrorCode::kAuthFailed);
}

TEST_F(AuthServiceTest, StrictModeNeedsCredentials) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  EXPECT_EQ(CodeOf(auth.Authenticate(Unsigned(), kTestProject)), ErrorCode::kEmptyAuthorization);
  EXPECT_EQ(CodeOf(auth.Authenticate(Signed("UNKNOWNAK", "x"), kTestProject)),
            ErrorCode::kUnknownAccessKey);
  EXPECT_TRUE(auth.Authenticate(Signed(), kTestProject).ok());
}

TEST_F(AuthServiceTest, SdkDateMustBePresentWellFormedAndWithinTheSkew) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  HttpRequest no_date = Signed();
  testing::RemoveHeader(no_date, "X-Sdk-Date");
  EXPECT_EQ(CodeOf(auth.Authenticate(no_date, kTestProject)), ErrorCode::kEmptySdkDate);
  HttpRequest bad_date = Signed();
  testing::SetHeader(bad_date, "X-Sdk-Date", "2026-11-21T09:38:00Z");
  EXPECT_EQ(CodeOf(auth.Authenticate(bad_date, kTestProject)), ErrorCode::kInvalidSdkDate);

  const HttpRequest r = Signed();
  clock_.AdvanceMs(14 * 60 * 1000);
  EXPECT_TRUE(auth.Authenticate(r, kTestProject).ok());
  clock_.AdvanceMs(2 * 60 * 1000);  // 16 minutes late
  EXPECT_EQ(CodeOf(auth.Authenticate(r, kTestProject)), ErrorCode::kInvalidSdkDate);
}

TEST_F(AuthServiceTest, SdkDateFromTheFutureIsOutsideTheSkewToo) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  clock_.AdvanceMs(16 * 60 * 1000);
  const HttpRequest future = Signed();
  ManualClock earlier(kObservationMs);
  AuthService auth_earlier(Settings(AuthMode::kStrict), earlier);
  EXPECT_EQ(CodeOf(auth_earlier.Authenticate(future, kTestProject)), ErrorCode::kInvalidSdkDate);
}

TEST_F(AuthServiceTest, ScopeDateMustBeTheDateOfXSdkDate) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  HttpRequest r = Signed();
  std::string* authorization = testing::HeaderValue(r, "Authorization");
  const auto at = authorization->find("/20261121/");
  ASSERT_NE(at, std::string::npos);
  authorization->replace(at, 10, "/20261120/");
  EXPECT_EQ(CodeOf(auth.Authenticate(r, kTestProject)), ErrorCode::kInvalidSdkDate);
}

TEST_F(AuthServiceTest, XProjectIdMustMatchThePath) {
  AuthService auth(Settings(AuthMode::kOpen), clock_);
  HttpRequest r = Unsigned();
  r.headers.emplace_back("X-Project-Id", kOtherProject);
  EXPECT_EQ(CodeOf(auth.Authenticate(r, kTestProject)), ErrorCode::kInvalidProjectId);
  testing::SetHeader(r, "X-Project-Id", kTestProject);
  EXPECT_TRUE(auth.Authenticate(r, kTestProject).ok());
  // Routes outside a project (empty project id) do not check it.
  testing::SetHeader(r, "X-Project-Id", kOtherProject);
  EXPECT_TRUE(auth.Authenticate(r, "").ok());
}

TEST_F(AuthServiceTest, TemporaryCredentialsNeedTheirSecurityToken) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  HttpRequest r = Signed("TEMPAK", "TEMPSK", kOtherProject);
  EXPECT_EQ(CodeOf(auth.Authenticate(r, kOtherProject)), ErrorCode::kInvalidToken);
  r.headers.emplace_back("X-Security-Token", "SECURITY-TOKEN");
  auto p = auth.Authenticate(r, kOtherProject);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->user, "temp");
  testing::SetHeader(r, "X-Security-Token", "SECURITY-TOKEX");
  EXPECT_EQ(CodeOf(auth.Authenticate(r, kOtherProject)), ErrorCode::kInvalidToken);
  HttpRequest permanent = Signed();
  permanent.headers.emplace_back("X-Security-Token", "SECURITY-TOKEN");
  EXPECT_EQ(CodeOf(auth.Authenticate(permanent, kTestProject)), ErrorCode::kInvalidToken);
}

TEST_F(AuthServiceTest, StaticTokensActAsTheirUser) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  HttpRequest r = Unsigned();
  r.headers.emplace_back("X-Auth-Token", "static-token-1");
  auto p = auth.Authenticate(r, kTestProject);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->user, "tester");
  testing::SetHeader(r, "X-Auth-Token", "static-token-2");
  EXPECT_EQ(CodeOf(auth.Authenticate(r, kTestProject)), ErrorCode::kInvalidToken);
}

TEST_F(AuthServiceTest, IssuedTokensAreScopedAndExpireAfterTheirLifetime) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  auto issued =
      auth.IssueToken({"testdomain", "tester", "tester-password", kTestProject}, "10.0.0.9:1");
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(issued->token.size(), 64u);
  EXPECT_EQ(issued->expires_at_ms - issued->issued_at_ms, 24LL * 3600 * 1000);
  HttpRequest r = Unsigned();
  r.headers.emplace_back("X-Auth-Token", issued->token);
  auto p = auth.Authenticate(r, kTestProject);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->projects, std::vector<std::string>{kTestProject});
  clock_.AdvanceMs(24LL * 3600 * 1000 - 1);
  EXPECT_TRUE(auth.Authenticate(r, kTestProject).ok());
  clock_.AdvanceMs(1);
  auto expired = auth.Authenticate(r, kTestProject);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kInvalidToken);
  EXPECT_NE(expired.error().detail.find("expired"), std::string::npos);
}

TEST_F(AuthServiceTest, TokenIssuanceChecksPasswordAndProject) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  auto wrong = auth.IssueToken({"testdomain", "tester", "nope", kTestProject}, "10.0.0.9:1");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kAuthFailed);
  auto unknown = auth.IssueToken({"otherdomain", "tester", "tester-password", kTestProject}, "x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kAuthFailed);
  auto no_password = auth.IssueToken({"tempdomain", "temp", "", kOtherProject}, "x");
  EXPECT_FALSE(no_password.ok());
  auto foreign = auth.IssueToken({"testdomain", "tester", "tester-password", kOtherProject}, "y");
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::kInvalidRbac);
}

TEST_F(AuthServiceTest, RepeatedFailuresBlockOnlyThatClientUntilTheBucketRefills) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  const HttpRequest bad = Signed(kTestAk, "wrong-secret");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(CodeOf(auth.Authenticate(bad, kTestProject)), ErrorCode::kSignatureMismatch);
  }
  // Now even a good request from that address is refused, unverified...
  EXPECT_EQ(CodeOf(auth.Authenticate(Signed(), kTestProject)), ErrorCode::kTooManyFailures);
  // ... password guessing too ...
  auto token =
      auth.IssueToken({"testdomain", "tester", "tester-password", kTestProject}, "10.0.0.1:7");
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, ErrorCode::kTooManyFailures);
  // ... while another client is unaffected.
  EXPECT_TRUE(
      auth.Authenticate(Signed(kTestAk, kTestSk, kTestProject, "10.0.0.2:5"), kTestProject).ok());
  // Three per minute refill: one failure is allowed again after 20 s.
  clock_.AdvanceMs(20 * 1000);
  EXPECT_TRUE(auth.Authenticate(Signed(), kTestProject).ok());
  EXPECT_EQ(CodeOf(auth.Authenticate(Signed(kTestAk, "wrong-secret"), kTestProject)),
            ErrorCode::kSignatureMismatch);
  EXPECT_EQ(CodeOf(auth.Authenticate(Signed(), kTestProject)), ErrorCode::kTooManyFailures);
}

TEST_F(AuthServiceTest, SecretsNeverAppearInErrors) {
  AuthService auth(Settings(AuthMode::kStrict), clock_);
  std::vector<Result<Principal>> results;
  results.push_back(auth.Authenticate(Signed(kTestAk, "wrong-secret"), kTestProject));
  HttpRequest temp = Signed("TEMPAK", "TEMPSK", kOtherProject);
  temp.headers.emplace_back("X-Security-Token", "SECURITY-TOKEX");
  results.push_back(auth.Authenticate(temp, kOtherProject));
  for (const auto& r : results) {
    ASSERT_FALSE(r.ok());
    for (const char* secret : {"TESTSK", "wrong-secret", "TEMPSK", "SECURITY-TOKE"}) {
      EXPECT_EQ(r.error().detail.find(secret), std::string::npos) << r.error().detail;
    }
  }
}

TEST(AuthSettingsTest, ValidationNamesTheEntryNotTheSecret) {
  AuthSettings s;
  EXPECT_TRUE(ValidateAuthSettings(s).ok());
  s.mode = AuthMode::kStrict;
  EXPECT_FALSE(ValidateAuthSettings(s).ok());  // nobody could authenticate
  s.users = {testing::TestUser(), testing::TestUser()};
  auto duplicate = ValidateAuthSettings(s);
  ASSERT_FALSE(duplicate.ok());
  EXPECT_NE(duplicate.error().detail.find("auth.users[1]"), std::string::npos);
  s.users[1].name = "second";
  auto same_key = ValidateAuthSettings(s);
  ASSERT_FALSE(same_key.ok());
  EXPECT_NE(same_key.error().detail.find("access_keys[0].access_key"), std::string::npos);
  s.users[1].access_keys[0].access_key = "AK2";
  EXPECT_TRUE(ValidateAuthSettings(s).ok());
  s.users[1].access_keys[0].secret_key.clear();
  EXPECT_FALSE(ValidateAuthSettings(s).ok());
  s.users[1].access_keys[0].secret_key = "sk";
  s.tokens = {{"tok", "testdomain", "nobody"}};
  auto token = ValidateAuthSettings(s);
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().detail.find("tok\""), std::string::npos);
  s.tokens[0].user = "tester";
  EXPECT_TRUE(ValidateAuthSettings(s).ok());
  s.users[0].projects.clear();
  EXPECT_FALSE(ValidateAuthSettings(s).ok());
}

}  // namespace
}  // namespace disd::auth
