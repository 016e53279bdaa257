#include "support/sdk_signer.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <vector>

namespace disd::test {
namespace {

std::string Hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 15]);
  }
  return out;
}

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<char*>(out), size);
}

std::string HexOf(std::string_view bytes) {
  return Hex(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

// RFC 3986: unreserved kept, everything else %XX.
std::string Encode(std::string_view s) {
  std::string out;
  char buffer[4];
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      std::snprintf(buffer, sizeof buffer, "%%%02X", c);
      out += buffer;
    }
  }
  return out;
}

std::string Decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string CanonicalUri(std::string_view path) {
  std::string out = "/";
  std::string decoded = Decode(path);
  std::size_t start = 0;
  while (start <= decoded.size()) {
    auto slash = decoded.find('/', start);
    if (slash == std::string::npos) slash = decoded.size();
    if (slash > start) out += Encode(decoded.substr(start, slash - start)) + "/";
    start = slash + 1;
  }
  return out;
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= query.size()) {
    auto amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view piece = query.substr(start, amp - start);
    if (!piece.empty()) {
      auto eq = piece.find('=');
      pairs.emplace_back(Encode(Decode(piece.substr(0, eq))),
                         eq == std::string_view::npos ? "" : Encode(Decode(piece.substr(eq + 1))));
    }
    start = amp + 1;
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [k, v] : pairs) out += (out.empty() ? "" : "&") + k + "=" + v;
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ProjectOf(std::string_view target) {
  // "/v2/{project}/..." -> project
  auto start = target.find('/', 1);
  if (start == std::string_view::npos) return {};
  auto end = target.find_first_of("/?", start + 1);
  return std::string(target.substr(start + 1, end - start - 1));
}

}  // namespace

std::string SdkDate(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Hex(digest, sizeof digest);
}

HttpHeaders SignLike(Sdk sdk, const SdkCredentials& credentials, std::string_view method,
                     std::string_view target, std::string_view body, std::string_view host,
                     std::int64_t now_ms, std::string_view content_type, const HttpHeaders& extra,
                     const std::vector<std::string>& extra_signed) {
  const std::string date = SdkDate(now_ms);
  HttpHeaders headers{{"Host", std::string(host)}};
  std::vector<std::string> signed_names;
  std::string canonical_host(host);
  switch (sdk) {
    case Sdk::kJava:
      headers.emplace_back("X-SDK-Version", "1.3.5-SNAPSHOT/java");
      headers.emplace_back("X-Project-Id", ProjectOf(target));
      headers.emplace_back("Content-Type", content_type.empty() ? "application/json; charset=utf-8"
                                                                : std::string(content_type));
      headers.emplace_back("accept", "*/*; charset=utf-8");
      signed_names = {"accept",       "content-type", "host",
                      "x-project-id", "x-sdk-date",   "x-sdk-version"};
      break;
    case Sdk::kPython:
    case Sdk::kPythonA:
      headers.emplace_back("user-agent", "dis-python-sdk-v-2.0.0");
      headers.emplace_back("Content-Type", content_type.empty() ? "application/json; charset=UTF-8"
                                                                : std::string(content_type));
      signed_names = {"host", "x-sdk-date"};
      canonical_host = std::string(host.substr(0, host.rfind(':')));  // the Python trap
      break;
    case Sdk::kV3:
      headers.emplace_back("User-Agent", "huaweicloud-usdk-python/3.0; os/Linux; app/disd-tests");
      headers.emplace_back("Content-Type",
                           content_type.empty() ? "application/json" : std::string(content_type));
      headers.emplace_back("X-Project-Id", ProjectOf(target));
      signed_names = {"content-type", "host", "user-agent", "x-project-id", "x-sdk-date"};
      break;
  }
  for (const auto& h : extra) headers.push_back(h);
  for (const auto& n : extra_signed) signed_names.push_back(n);
  if (!credentials.security_token.empty()) {
    headers.emplace_back("X-Security-Token", credentials.security_token);
    if (sdk != Sdk::kPython && sdk != Sdk::kPythonA) signed_names.push_back("x-security-token");
  }
  headers.emplace_back("X-Sdk-Date", date);
  std::sort(signed_names.begin(), signed_names.end());

  std::map<std::string, std::string> values;
  for (const auto& [k, v] : headers) values[Lower(k)] = v;
  values["host"] = canonical_host;
  std::string canonical_headers, signed_line;
  for (const auto& name : signed_names) {
    canonical_headers += name + ":" + values[name] + "\n";
    signed_line += (signed_line.empty() ? "" : ";") + name;
  }
  const auto q = target.find('?');
  const std::string canonical =
      std::string(method) + "\n" + CanonicalUri(target.substr(0, q)) + "\n" +
      CanonicalQuery(q == std::string_view::npos ? "" : target.substr(q + 1)) + "\n" +
      canonical_headers + "\n" + signed_line + "\n" + Sha256Hex(body);
  const std::string day = date.substr(0, 8);
  const std::string scope = day + "/" + credentials.region + "/dis/sdk_request";
  std::string authorization;
  if (sdk == Sdk::kV3) {
    const std::string to_sign = "SDK-HMAC-SHA256\n" + date + "\n" + Sha256Hex(canonical);
    authorization = "SDK-HMAC-SHA256 Access=" + credentials.access_key +
                    ", SignedHeaders=" + signed_line +
                    ", Signature=" + HexOf(Hmac(credentials.secret_key, to_sign));
  } else {
    const bool v11 = sdk == Sdk::kPython;
    const std::string algorithm = v11 ? "V11-HMAC-SHA256" : "SDK-HMAC-SHA256";
    std::string seed = credentials.secret_key;
    if (v11) {  // HKDF-SHA256(IKM=SK, salt=AK, info=date/region/dis), L=32, as hex
      const std::string prk = Hmac(credentials.access_key, credentials.secret_key);
      seed = HexOf(Hmac(prk, day + "/" + credentials.region + "/dis" + std::string(1, '\x01')));
    }
    std::string key = Hmac("SDK" + seed, day);
    key = Hmac(key, credentials.region);
    key = Hmac(key, "dis");
    key = Hmac(key, "sdk_request");
    const std::string to_sign =
        algorithm + "\n" + date + "\n" + scope + "\n" + Sha256Hex(canonical);
    authorization = algorithm + " Credential=" + credentials.access_key + "/" + scope +
                    ", SignedHeaders=" + signed_line + ", Signature=" + HexOf(Hmac(key, to_sign));
  }
  headers.emplace_back("Authorization", authorization);
  return headers;
}

}  // namespace disd::test
