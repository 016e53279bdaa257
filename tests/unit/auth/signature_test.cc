// The three signing dialects against the requests real SDKs sent (sdk-wire.md appendix):
// every published signature verifies, intermediate values match the published ones, and a
// flipped byte anywhere - signature, path, query, body, a signed header - does not verify.
// Also the canonicalisation traps of sdk-wire.md 3.2-3.5, one by one.
#include "auth/signature.h"

#include <gtest/gtest.h>

#include "auth/crypto.h"
#include "auth/request_signature.h"
#include "disd/auth/auth_service.h"
#include "unit/auth/test_requests.h"

namespace disd::auth {
namespace {

using testing::kObservationMs;
using testing::kObservedRequests;
using testing::kTestAk;
using testing::kTestSk;
using testing::ToRequest;

// Verifies `r` as the server would, with the test SK, without the clock and mode checks.
bool Verifies(const HttpRequest& r) {
  auto header = ParseAuthorization(r.Header("Authorization"));
  if (!header.ok()) return false;
  return VerifyRequestSignature(r, *header, SigningKey(*header, kTestSk), r.Header("X-Sdk-Date"));
}

TEST(SignatureTest, EveryObservedSignatureVerifies) {
  int a = 0, b = 0, c = 0;
  for (const auto& observed : kObservedRequests) {
    const HttpRequest r = ToRequest(observed);
    EXPECT_TRUE(Verifies(r)) << r.method << " " << r.target;
    auto header = ParseAuthorization(r.Header("Authorization"));
    ASSERT_TRUE(header.ok());
    a += header->dialect == Dialect::kSdkCredential;
    b += header->dialect == Dialect::kV11Credential;
    c += header->dialect == Dialect::kSdkAccess;
  }
  // Java, Python (protobuf, derivation off) and the v3 SDK all took part.
  EXPECT_GE(a, 10);
  EXPECT_GE(b, 10);
  EXPECT_GE(c, 10);
}

TEST(SignatureTest, ObservedRequestsAuthenticateInStrictMode) {
  AuthSettings settings;
  settings.mode = AuthMode::kStrict;
  settings.users = {testing::TestUser()};
  ManualClock clock(kObservationMs);
  AuthService auth(settings, clock);
  for (const auto& observed : kObservedRequests) {
    auto principal = auth.Authenticate(ToRequest(observed), testing::kTestProject);
    ASSERT_TRUE(principal.ok()) << observed.target << ": " << principal.error().detail;
    EXPECT_EQ(principal->user, "tester");
    EXPECT_FALSE(principal->anonymous);
  }
}

TEST(SignatureTest, AFlippedByteAnywhereFails) {
  for (const auto& observed : kObservedRequests) {
    const HttpRequest original = ToRequest(observed);
    SCOPED_TRACE(original.method + " " + original.target);
    {  // the signature
      HttpRequest r = original;
      std::string* auth = testing::HeaderValue(r, "Authorization");
      char& last = auth->back();
      last = last == '0' ? '1' : '0';
      EXPECT_FALSE(Verifies(r));
    }
    {  // the path
      HttpRequest r = original;
      r.target[r.target.find("streams") != std::string::npos ? r.target.find("streams") + 1 : 5] ^=
          0x01;
      EXPECT_FALSE(Verifies(r));
    }
    {  // the method
      HttpRequest r = original;
      r.method = r.method == "GET" ? "PUT" : "GET";
      EXPECT_FALSE(Verifies(r));
    }
    if (original.target.find('?') != std::string::npos) {  // the query
      HttpRequest r = original;
      r.target.back() = r.target.back() == '&' ? '0' : static_cast<char>(r.target.back() ^ 0x01);
      EXPECT_FALSE(Verifies(r));
    }
    if (!original.body.empty()) {  // every byte of the body
      for (std::size_t i = 0; i < original.body.size(); i += 7) {
        HttpRequest r = original;
        r.body[i] ^= 0x20;
        EXPECT_FALSE(Verifies(r)) << "body byte " << i;
      }
    }
    {  // the date
      HttpRequest r = original;
      testing::HeaderValue(r, "X-Sdk-Date")->at(14) ^= 0x01;
      EXPECT_FALSE(Verifies(r));
    }
    auto header = ParseAuthorization(original.Header("Authorization"));
    for (const auto& name : header->signed_headers) {  // each signed header
      if (name == "x-sdk-date") continue;
      HttpRequest r = original;
      std::string* value = testing::HeaderValue(r, name);
      ASSERT_NE(value, nullptr) << name;
      (*value)[0] ^= 0x01;
      EXPECT_FALSE(Verifies(r)) << name;
    }
  }
}

TEST(SignatureTest, WrongSecretFails) {
  const HttpRequest r = ToRequest(kObservedRequests[0]);
  auto header = ParseAuthorization(r.Header("Authorization"));
  ASSERT_TRUE(header.ok());
  std::string wrong(kTestSk);
  wrong.back() = 'x';
  EXPECT_FALSE(
      VerifyRequestSignature(r, *header, SigningKey(*header, wrong), r.Header("X-Sdk-Date")));
}

// sdk-wire.md 3.1: dialect A, Java POST .../streams/ (canonical request in A.4).
TEST(SignatureTest, DialectAIntermediateValues) {
  const std::string canonical =
      "POST\n/v2/0123456789abcdef0123456789abcdef/streams/\n\n"
      "accept:*/*; charset=utf-8\ncontent-type:application/json; charset=utf-8\n"
      "host:127.0.0.1:18080\nx-project-id:0123456789abcdef0123456789abcdef\n"
      "x-sdk-date:20261121T093813Z\nx-sdk-version:1.3.5-SNAPSHOT/java\n\n"
      "accept;content-type;host;x-project-id;x-sdk-date;x-sdk-version\n"
      "a2baab54633696fec1d7aca8a94d1e2df09a0fa306f83a3da0a428571c1a1c5f";
  EXPECT_EQ(Sha256Hex(canonical),
            "dd48e261a6236b12c133183d5b7b74364cde0cbba8b8bc92230ce1cbe40ef443");
  AuthorizationHeader h;
  h.dialect = Dialect::kSdkCredential;
  h.access_key = std::string(kTestAk);
  h.scope = {"20261121", "cn-north-4", "dis"};
  EXPECT_EQ(ToHex(SigningKey(h, kTestSk)),
            "7c1e967cfedf21b29e9324cd5eaf4d79c9860525504d00c3475a939661576a8f");
  EXPECT_EQ(SignatureHex(SigningKey(h, kTestSk), StringToSign(h, "20261121T093813Z", canonical)),
            "f697f68a9ff5b410576d6dab539f7b3fc7d82bd3afde69b8f3bc03df1226251f");
}

// sdk-wire.md 3.1: dialect B, legacy Python POST .../streams/ (canonical request in A.1).
TEST(SignatureTest, DialectBIntermediateValues) {
  const std::string canonical =
      "POST\n/v2/0123456789abcdef0123456789abcdef/streams/\n\n"
      "host:127.0.0.1\nx-sdk-date:20261121T093711Z\n\nhost;x-sdk-date\n"
      "c814d1d4db52e0df6c933972565f9a6432495225c22d4f5767f598474ed41f5d";
  EXPECT_EQ(Sha256Hex(canonical),
            "826a7ed1b8de5a44d95335ac877630c6dacde77b594149cf51709db2124c1ad1");
  AuthorizationHeader h;
  h.dialect = Dialect::kV11Credential;
  h.access_key = std::string(kTestAk);
  h.scope = {"20261121", "cn-north-4", "dis"};
  EXPECT_EQ(DerivedSecret(kTestAk, kTestSk, h.scope),
            "cd938e00265708d31cb76ffae678038e0012e85a39444c5bf67b5d04a524c4a0");
  EXPECT_EQ(SignatureHex(SigningKey(h, kTestSk), StringToSign(h, "20261121T093711Z", canonical)),
            "0e88e1e9999bc1cb209d9ec3d9c1eb9d381fc3ba928fe2dcf91c27c0c3993daa");
}

// Dialect C: the v3 GetCursor whose canonical request the test server printed (A.6).
TEST(SignatureTest, DialectCCanonicalRequest) {
  const HttpRequest* cursor = nullptr;
  HttpRequest r;
  for (const auto& observed : kObservedRequests) {
    if (observed.target.starts_with("/v2/0123456789abcdef0123456789abcdef/cursors?cursor-type")) {
      r = ToRequest(observed);
      cursor = &r;
    }
  }
  ASSERT_NE(cursor, nullptr);
  auto header = ParseAuthorization(r.Header("Authorization"));
  ASSERT_TRUE(header.ok());
  EXPECT_EQ(header->dialect, Dialect::kSdkAccess);
  const auto q = r.target.find('?');
  const std::string canonical =
      CanonicalRequest(r.method, CanonicalUri(r.target.substr(0, q)),
                       CanonicalQueryCandidates(r.target.substr(q + 1)).front(),
                       CanonicalHeaders(r, header->signed_headers, r.Header("Host")),
                       "content-type;host;user-agent;x-project-id;x-sdk-date", Sha256Hex(""));
  EXPECT_EQ(canonical,
            "GET\n/v2/0123456789abcdef0123456789abcdef/cursors/\n"
            "cursor-type=AT_SEQUENCE_NUMBER&partition-id=0&starting-sequence-number=0&"
            "stream-name=cap_stream\ncontent-type:application/json\nhost:127.0.0.1:18080\n"
            "user-agent:huaweicloud-usdk-python/3.0; os/Linux##1_SMP_PREEMPT_DYNAMIC_@0#x86_64 "
            "python/3.11.2 impl/CPython; app/cc970c7c-7ebf-4883-bc2e-70ad57ee917a\n"
            "x-project-id:0123456789abcdef0123456789abcdef\nx-sdk-date:20261121T093846Z\n\n"
            "content-type;host;user-agent;x-project-id;x-sdk-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(SignatureHex(kTestSk, StringToSign(*header, "20261121T093846Z", canonical)),
            "9440e7acc6e01dfe1c2435388065d12d22fa61c0ebb3cacf1dae7c206ea44e72");
}

TEST(CanonicalTest, UriAlwaysEndsWithSlash) {
  EXPECT_EQ(CanonicalUri("/v2/p/streams/s"), "/v2/p/streams/s/");
  EXPECT_EQ(CanonicalUri("/v2/p/streams/s/"), "/v2/p/streams/s/");
  EXPECT_EQ(CanonicalUri("//v2//p/"), "/v2/p/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri("/a%20b/c d/~x"), "/a%20b/c%20d/~x/");
}

TEST(CanonicalTest, QueryIsDecodedReencodedAndSorted) {
  // Java: raw, HashMap order, trailing '&'.
  EXPECT_EQ(CanonicalQueryCandidates("limit=10&").front(), "limit=10");
  EXPECT_EQ(CanonicalQueryCandidates("b=2&&a=1&").front(), "a=1&b=2");
  // requests percent-encodes '=' as %3D; Java sends it raw: same canonical form.
  EXPECT_EQ(CanonicalQueryCandidates("c=ab%3D%3D").front(), "c=ab%3D%3D");
  EXPECT_EQ(CanonicalQueryCandidates("c=ab==").front(), "c=ab%3D%3D");
  EXPECT_EQ(CanonicalQueryCandidates("").front(), "");
}

TEST(CanonicalTest, PythonAndGoQueryFormsAreCandidates) {
  const auto empty = CanonicalQueryCandidates("start_time=&label=x");
  ASSERT_EQ(empty.size(), 2u);
  EXPECT_EQ(empty[0], "label=x&start_time=");
  EXPECT_EQ(empty[1], "label=x&start_time");
  const auto plus = CanonicalQueryCandidates("k=a+b");
  EXPECT_EQ(plus[0], "k=a%2Bb");
  EXPECT_NE(std::find(plus.begin(), plus.end(), "k=a%20b"), plus.end());
  EXPECT_NE(std::find(plus.begin(), plus.end(), "k=a+b"), plus.end());
}

TEST(CanonicalTest, HostCandidatesStripThePort) {
  EXPECT_EQ(HostCandidates("127.0.0.1:18080"),
            (std::vector<std::string>{"127.0.0.1:18080", "127.0.0.1"}));
  EXPECT_EQ(HostCandidates("[::1]:20080"), (std::vector<std::string>{"[::1]:20080", "[::1]"}));
  EXPECT_EQ(HostCandidates("example.com"), (std::vector<std::string>{"example.com"}));
}

HttpRequest GoPost() {
  HttpRequest r;
  r.method = "POST";
  r.target = "/v2/0123456789abcdef0123456789abcdef/records";
  r.body =
      R"({"stream_name":"s","stream_id":"","records":[{"data":"eA==","explicit_hash_key":""}]})";
  r.headers = {
      {"Host", "127.0.0.1:18080"},
      {"Content-Type", "application/json;charset=UTF-8"},
      {"Content-Length", std::to_string(r.body.size())},
      // Go always signs the empty-body hash here; its canonical request uses the
      // real one.
      {"x-sdk-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}};
  return r;
}

TEST(SignatureTest, GoWrongContentShaHeaderIsIgnored) {
  HttpRequest r = GoPost();
  testing::Sign(r, Dialect::kSdkCredential, kTestAk, kTestSk, "20261121T093800Z",
                {"content-length", "content-type", "host", "x-sdk-content-sha256", "x-sdk-date"});
  EXPECT_TRUE(Verifies(r));
  // A signature over the header's (wrong) hash instead does not verify.
  HttpRequest trusting = GoPost();
  testing::Sign(trusting, Dialect::kSdkCredential, kTestAk, kTestSk, "20261121T093800Z",
                {"content-length", "content-type", "host", "x-sdk-content-sha256", "x-sdk-date"},
                Sha256Hex(""));
  EXPECT_FALSE(Verifies(trusting));
}

TEST(SignatureTest, UnsignedPayloadIsHonoured) {
  HttpRequest r = GoPost();
  testing::SetHeader(r, "X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");
  testing::Sign(r, Dialect::kSdkAccess, kTestAk, kTestSk, "20261121T093800Z",
                {"content-type", "host", "x-sdk-content-sha256", "x-sdk-date"}, "UNSIGNED-PAYLOAD");
  EXPECT_TRUE(Verifies(r));
  r.body += " ";  // the body is not covered, by the client's choice
  EXPECT_TRUE(Verifies(r));
}

TEST(SignatureTest, PythonHostWithoutPortVerifies) {
  HttpRequest r = GoPost();
  testing::Sign(r, Dialect::kV11Credential, kTestAk, kTestSk, "20261121T093800Z",
                {"host", "x-sdk-date"}, {}, "127.0.0.1");
  EXPECT_TRUE(Verifies(r));
  // ... but not another host.
  HttpRequest other = GoPost();
  testing::Sign(other, Dialect::kV11Credential, kTestAk, kTestSk, "20261121T093800Z",
                {"host", "x-sdk-date"}, {}, "127.0.0.2");
  EXPECT_FALSE(Verifies(other));
}

TEST(AuthorizationHeaderTest, ParsesEveryForm) {
  auto a = ParseAuthorization(
      "SDK-HMAC-SHA256 Credential=AK/20261121/cn-north-4/dis/sdk_request, "
      "SignedHeaders=host;x-sdk-date, Signature=" +
      std::string(64, 'a'));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->dialect, Dialect::kSdkCredential);
  EXPECT_EQ(a->scope.region, "cn-north-4");
  auto b = ParseAuthorization(
      "V11-HMAC-SHA256 Credential=AK/20261121/r/dis/sdk_request,"
      "SignedHeaders=host,Signature=" +
      std::string(64, 'b'));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->dialect, Dialect::kV11Credential);
  auto c = ParseAuthorization(
      "SDK-HMAC-SHA256 Access=AK, SignedHeaders=Host;X-Sdk-Date, "
      "Signature=" +
      std::string(64, 'c'));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->dialect, Dialect::kSdkAccess);
  EXPECT_EQ(c->signed_headers, (std::vector<std::string>{"host", "x-sdk-date"}));
}

TEST(AuthorizationHeaderTest, RejectsMalformedHeaders) {
  const std::string sig = "Signature=" + std::string(64, 'a');
  for (const std::string& bad : std::vector<std::string>{
           std::string("SDK-HMAC-SHA256"),
           "AWS4-HMAC-SHA256 Credential=AK/20261121/r/dis/sdk_request, SignedHeaders=host, " + sig,
           "SDK-HMAC-SHA256 Credential=AK/20261121/r/dis, SignedHeaders=host, " + sig,
           "V11-HMAC-SHA256 Credential=AK/20261121/r/dis, SignedHeaders=host, " + sig,
           "V11-HMAC-SHA256 Access=AK, SignedHeaders=host, " + sig,
           "SDK-HMAC-SHA256 Access=AK, Credential=AK/20261121/r/dis/sdk_request, "
           "SignedHeaders=host, " +
               sig,
           "SDK-HMAC-SHA256 Access=AK, " + sig,
           std::string("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=ABC"),
           "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=" + std::string(64, 'A'),
           "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;x, " + sig,
       }) {
    auto parsed = ParseAuthorization(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().code, ErrorCode::kAuthFailed);
    }
  }
}

TEST(SdkDateTest, ParsesUtcTimestamps) {
  EXPECT_EQ(ParseSdkDate("20261121T093800Z"), kObservationMs);
  EXPECT_EQ(ParseSdkDate("19700101T000000Z"), 0);
  EXPECT_FALSE(ParseSdkDate("20261121T0938Z").has_value());
  EXPECT_FALSE(ParseSdkDate("20261321T093800Z").has_value());
  EXPECT_FALSE(ParseSdkDate("2026-11-21T09:38").has_value());
  EXPECT_FALSE(ParseSdkDate("20261121 093800Z").has_value());
}

TEST(CryptoTest, HkdfMatchesRfc5869) {
  // RFC 5869 test case 1, first 32 bytes of the 42-byte OKM.
  const std::string ikm(22, '\x0b');
  std::string salt, info;
  for (int i = 0; i <= 0x0c; ++i) salt.push_back(static_cast<char>(i));
  for (int i = 0xf0; i <= 0xf9; ++i) info.push_back(static_cast<char>(i));
  EXPECT_EQ(ToHex(HkdfSha256(ikm, salt, info)),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
}

TEST(CryptoTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_EQ(RandomHex(32).size(), 64u);
  EXPECT_NE(RandomHex(16), RandomHex(16));
}

}  // namespace
}  // namespace disd::auth
