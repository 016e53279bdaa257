// Request signing as the DIS SDKs do it (sdk-wire.md section 3): the Authorization header
// of the three dialects, the canonical request with every canonicalisation rule the SDKs
// disagree on, the string to sign and the signing key of each dialect.
//
//   A  SDK-HMAC-SHA256 Credential=AK/date/region/dis/sdk_request  key chain seeded "SDK"+SK
//   B  V11-HMAC-SHA256 Credential=AK/date/region/dis/sdk_request  the chain seeded with
//      "SDK"+hex(HKDF-SHA256(SK, salt=AK, info=date/region/dis))
//   C  SDK-HMAC-SHA256 Access=AK (v3 SDKs)                        HMAC with the raw SK
//
// The dialect D of the v3 SDKs' derived-key mode (V11 with a three-part scope) is not
// accepted: the DIS v3 client cannot use it (sdk-wire.md 3.1).
// Thread-safety: pure functions over values.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "disd/common/status.h"

namespace disd::auth {

enum class Dialect {
  kSdkCredential,  // A
  kV11Credential,  // B
  kSdkAccess,      // C
};

inline constexpr std::string_view kSdkAlgorithm = "SDK-HMAC-SHA256";
inline constexpr std::string_view kV11Algorithm = "V11-HMAC-SHA256";
inline constexpr std::string_view kScopeTerminator = "sdk_request";

// The scope of dialects A and B: "date/region/service/sdk_request".
struct CredentialScope {
  std::string date;  // yyyyMMdd
  std::string region;
  std::string service;
};

struct AuthorizationHeader {
  Dialect dialect = Dialect::kSdkCredential;
  std::string access_key;
  CredentialScope scope;                    // A and B only
  std::vector<std::string> signed_headers;  // lower-case, in the order sent
  std::string signature;                    // 64 lower-case hex characters
};

// Parses "ALGORITHM k=v, k=v, ..." (items comma-separated, spaces optional). kAuthFailed
// with a detail for an unknown algorithm, a missing or malformed item, or a scope that is
// not date/region/service/sdk_request.
Result<AuthorizationHeader> ParseAuthorization(std::string_view value);

// Percent-encodes everything outside the RFC 3986 unreserved set (upper-case hex); with
// `space_as_plus` a space becomes '+' (Go's url.QueryEscape).
std::string UriEncode(std::string_view text, bool space_as_plus = false);

// The canonical URI of a raw request path: decoded, split on '/', empty segments dropped,
// each segment encoded, joined, always ending in '/' ("/v2/p/streams" and
// "/v2/p/streams/" both give "/v2/p/streams/").
std::string CanonicalUri(std::string_view raw_path);

// The canonical query strings an SDK may have signed for `raw_query`, the common form
// first (decoded, re-encoded, sorted by key then value, "k=v" joined by '&', empty pieces
// such as Java's trailing '&' ignored). Further forms only when they differ: '+' read as
// a space (encoded %20, or '+' as Go does), and legacy Python's form ("k" for an empty
// value, whole pairs sorted).
std::vector<std::string> CanonicalQueryCandidates(std::string_view raw_query);

// The six-part canonical request; `canonical_headers` is the "name:value\n" block.
std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, std::string_view canonical_headers,
                             std::string_view signed_headers, std::string_view payload_hash);

// "date/region/service/sdk_request".
std::string ScopeString(const CredentialScope& scope);

// The string to sign: four lines for A and B (algorithm, date, scope, hash of the canonical
// request), three for C (no scope).
std::string StringToSign(const AuthorizationHeader& header, std::string_view sdk_date,
                         std::string_view canonical_request);

// The HMAC key of the final step: the key chain for A and B, the raw SK for C.
std::string SigningKey(const AuthorizationHeader& header, std::string_view secret_key);

// The V11 derived secret: hex(HKDF-SHA256(SK, salt=AK, info="date/region/service")).
std::string DerivedSecret(std::string_view access_key, std::string_view secret_key,
                          const CredentialScope& scope);

// Lower-case hex HMAC-SHA256 of `string_to_sign` under `signing_key`.
std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign);

}  // namespace disd::auth
