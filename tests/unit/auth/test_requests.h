// Helpers for the auth unit tests: HttpRequest values built from observed raw requests,
// the test user of sdk-wire.md, and signing of new requests with the production signer
// (the observed vectors check that signer independently).
// Thread-safety: functions over values.
#pragma once

#include <algorithm>
#include <cctype>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "auth/crypto.h"
#include "auth/request_signature.h"
#include "auth/signature.h"
#include "disd/auth/auth_settings.h"
#include "disd/common/http_message.h"
#include "unit/auth/sdk_wire_vectors.h"

namespace disd::auth::testing {

// "yyyyMMddTHHmmssZ" of `ms` since the epoch.
inline std::string SdkDate(long long ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

inline HttpRequest ToRequest(const ObservedRequest& observed) {
  HttpRequest r;
  r.method = std::string(observed.method);
  r.target = std::string(observed.target);
  r.body = std::string(observed.body);
  r.remote_address = "127.0.0.1:40000";
  std::string_view headers = observed.headers;
  while (!headers.empty()) {
    const auto end = headers.find('\n');
    const std::string_view line = headers.substr(0, end);
    const auto colon = line.find(": ");
    r.headers.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
    headers.remove_prefix(end == std::string_view::npos ? headers.size() : end + 1);
  }
  return r;
}

inline std::string* HeaderValue(HttpRequest& r, std::string_view name) {
  for (auto& [k, v] : r.headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(a) == std::tolower(b);
        })) {
      return &v;
    }
  }
  return nullptr;
}

inline void SetHeader(HttpRequest& r, std::string_view name, std::string value) {
  if (std::string* v = HeaderValue(r, name)) {
    *v = std::move(value);
  } else {
    r.headers.emplace_back(std::string(name), std::move(value));
  }
}

inline void RemoveHeader(HttpRequest& r, std::string_view name) {
  std::erase_if(r.headers, [&](const auto& h) {
    return h.first.size() == name.size() &&
           std::equal(h.first.begin(), h.first.end(), name.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
}

// The sdk-wire test user: domain "testdomain", user "tester", the test AK/SK, the test
// project.
inline UserConfig TestUser() {
  UserConfig u;
  u.domain = "testdomain";
  u.name = "tester";
  u.password = "tester-password";
  u.access_keys = {{std::string(kTestAk), std::string(kTestSk), ""}};
  u.projects = {std::string(kTestProject)};
  return u;
}

// Signs `r` in `dialect` with the production signer: sets X-Sdk-Date and Authorization
// over `signed_headers` (names as they will be listed). `canonical_host` is what the
// client put in its canonical request for host (legacy Python strips the port).
inline void Sign(HttpRequest& r, Dialect dialect, std::string_view ak, std::string_view sk,
                 std::string_view sdk_date, std::vector<std::string> signed_headers,
                 std::string_view payload_hash = {}, std::string_view canonical_host = {}) {
  SetHeader(r, "X-Sdk-Date", std::string(sdk_date));
  AuthorizationHeader h;
  h.dialect = dialect;
  h.access_key = std::string(ak);
  h.scope = {std::string(sdk_date.substr(0, 8)), "cn-north-4", "dis"};
  h.signed_headers = std::move(signed_headers);
  std::string line;
  for (const auto& n : h.signed_headers) line += (line.empty() ? "" : ";") + n;
  const auto q = r.target.find('?');
  const std::string host =
      canonical_host.empty() ? std::string(r.Header("Host")) : std::string(canonical_host);
  const std::string canonical = CanonicalRequest(
      r.method, CanonicalUri(std::string_view(r.target).substr(0, q)),
      CanonicalQueryCandidates(q == std::string::npos ? "" : r.target.substr(q + 1)).front(),
      CanonicalHeaders(r, h.signed_headers, host), line,
      payload_hash.empty() ? Sha256Hex(r.body) : std::string(payload_hash));
  const std::string signature =
      SignatureHex(SigningKey(h, sk), StringToSign(h, sdk_date, canonical));
  std::string value = dialect == Dialect::kV11Credential ? "V11-HMAC-SHA256 " : "SDK-HMAC-SHA256 ";
  value += dialect == Dialect::kSdkAccess
               ? "Access=" + h.access_key
               : "Credential=" + h.access_key + "/" + ScopeString(h.scope);
  value += ", SignedHeaders=" + line + ", Signature=" + signature;
  SetHeader(r, "Authorization", value);
}

}  // namespace disd::auth::testing
