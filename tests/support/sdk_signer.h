// Signs requests the way the DIS SDKs do (sdk-wire.md section 3), written independently of
// disd's verifier: the Java SDK's dialect A, the legacy Python SDK's V11 dialect B and the
// v3 SDKs' dialect C, each with the headers that SDK sends and signs (and Python's habit of
// signing Host without its port). Integration tests use it to replay requests shaped
// exactly like the observed ones, dated by the server's own clock.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "support/http_client.h"

namespace disd::test {

enum class Sdk {
  kJava,     // dialect A: SDK-HMAC-SHA256 Credential=..., X-Project-Id, accept, X-SDK-Version
  kPython,   // dialect B: V11-HMAC-SHA256 (HKDF-derived key), signs host (no port) and date
  kPythonA,  // dialect A as legacy Python sends it with derivationKeySwitch=False
  kV3,       // dialect C: SDK-HMAC-SHA256 Access=..., raw SK, signs user-agent too
};

inline constexpr char kTestAk[] = "TESTAK0123456789";
inline constexpr char kTestSk[] = "TESTSK0123456789abcdefghijklmnopqrstuvw";

struct SdkCredentials {
  std::string access_key = kTestAk;
  std::string secret_key = kTestSk;
  std::string region = "cn-north-4";
  std::string security_token;  // sent (and, except for Python, signed) when set
};

// "yyyyMMddTHHmmssZ" for `ms` since the epoch.
std::string SdkDate(std::int64_t ms);

// The headers `sdk` sends for this request, signed at `now_ms`: the SDK's own headers,
// then `extra` (e.g. Content-Encoding), X-Sdk-Date and Authorization. `host` is the Host
// header value sent ("127.0.0.1:port"). `content_type` empty = the SDK's JSON type.
// `extra_signed` lists names from `extra` the SDK signs (lower case).
HttpHeaders SignLike(Sdk sdk, const SdkCredentials& credentials, std::string_view method,
                     std::string_view target, std::string_view body, std::string_view host,
                     std::int64_t now_ms, std::string_view content_type = {},
                     const HttpHeaders& extra = {},
                     const std::vector<std::string>& extra_signed = {});

// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);

}  // namespace disd::test
