#include "auth/signature.h"

#include <algorithm>
#include <cctype>

#include "auth/crypto.h"

namespace disd::auth {

namespace {

Error Malformed(std::string why) {
  return MakeError(ErrorCode::kAuthFailed, "[malformed Authorization header: " + why + "]");
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && Lower(a) == Lower(b);
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

bool IsLowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes; a malformed escape is kept as it is. With `plus_as_space`, '+' is a
// space (form encoding).
std::string Decode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

enum class QueryForm { kStandard, kGo, kPython };

std::string BuildQuery(std::string_view raw, bool plus_as_space, QueryForm form) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::string_view piece : Split(raw, '&')) {
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    const std::string_view key = piece.substr(0, eq);
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    const bool plus = form == QueryForm::kGo;
    pairs.emplace_back(UriEncode(Decode(key, plus_as_space), plus),
                       UriEncode(Decode(value, plus_as_space), plus));
  }
  std::vector<std::string> items;
  items.reserve(pairs.size());
  if (form == QueryForm::kPython) {
    for (auto& [k, v] : pairs) items.push_back(v.empty() ? k : k + "=" + v);
    std::sort(items.begin(), items.end());
  } else {
    std::sort(pairs.begin(), pairs.end());
    for (auto& [k, v] : pairs) items.push_back(k + "=" + v);
  }
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.push_back('&');
    out += item;
  }
  return out;
}

bool HasEmptyValue(std::string_view raw) {
  for (std::string_view piece : Split(raw, '&')) {
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    if (eq == std::string_view::npos || eq + 1 == piece.size()) return true;
  }
  return false;
}

}  // namespace

Result<AuthorizationHeader> ParseAuthorization(std::string_view value) {
  value = Trim(value);
  const auto space = value.find(' ');
  if (space == std::string_view::npos) return Malformed("no credentials after the algorithm");
  const std::string_view algorithm = value.substr(0, space);
  const bool v11 = algorithm == kV11Algorithm;
  if (algorithm != kSdkAlgorithm && !v11) {
    return Malformed("unsupported algorithm " + std::string(algorithm));
  }
  std::string_view credential, access, signed_headers, signature;
  bool have_credential = false, have_access = false, have_signed = false, have_signature = false;
  for (std::string_view item : Split(value.substr(space + 1), ',')) {
    item = Trim(item);
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) return Malformed("item without '='");
    const std::string_view key = Trim(item.substr(0, eq));
    const std::string_view val = Trim(item.substr(eq + 1));
    if (IEquals(key, "Credential")) {
      credential = val, have_credential = true;
    } else if (IEquals(key, "Access")) {
      access = val, have_access = true;
    } else if (IEquals(key, "SignedHeaders")) {
      signed_headers = val, have_signed = true;
    } else if (IEquals(key, "Signature")) {
      signature = val, have_signature = true;
    }
  }
  if (have_credential == have_access) return Malformed("exactly one of Credential and Access");
  if (!have_signed || signed_headers.empty()) return Malformed("SignedHeaders missing");
  if (!have_signature || signature.size() != 64 || !IsLowerHex(signature)) {
    return Malformed("Signature must be 64 lower-case hex digits");
  }
  AuthorizationHeader header;
  header.signature = std::string(signature);
  for (std::string_view name : Split(signed_headers, ';')) {
    if (name.empty()) return Malformed("empty name in SignedHeaders");
    header.signed_headers.push_back(Lower(name));
  }
  if (have_access) {
    if (v11) return Malformed("V11-HMAC-SHA256 needs a Credential scope");
    if (access.empty()) return Malformed("empty Access key");
    header.dialect = Dialect::kSdkAccess;
    header.access_key = std::string(access);
    return header;
  }
  const auto parts = Split(credential, '/');
  if (parts.size() != 5 || parts[0].empty() || parts[1].size() != 8 || parts[2].empty() ||
      parts[3].empty() || parts[4] != kScopeTerminator) {
    return Malformed("Credential must be AK/yyyyMMdd/region/service/sdk_request");
  }
  header.dialect = v11 ? Dialect::kV11Credential : Dialect::kSdkCredential;
  header.access_key = std::string(parts[0]);
  header.scope = {std::string(parts[1]), std::string(parts[2]), std::string(parts[3])};
  return header;
}

std::string UriEncode(std::string_view text, bool space_as_plus) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0x0f]);
    }
  }
  return out;
}

std::string CanonicalUri(std::string_view raw_path) {
  const std::string path = Decode(raw_path, /*plus_as_space=*/false);
  std::string out = "/";
  for (std::string_view segment : Split(path, '/')) {
    if (segment.empty()) continue;
    out += UriEncode(segment);
    out.push_back('/');
  }
  return out;
}

std::vector<std::string> CanonicalQueryCandidates(std::string_view raw_query) {
  std::vector<std::string> out;
  const auto add = [&out](std::string candidate) {
    if (std::find(out.begin(), out.end(), candidate) == out.end()) {
      out.push_back(std::move(candidate));
    }
  };
  add(BuildQuery(raw_query, false, QueryForm::kStandard));
  const bool has_plus = raw_query.find('+') != std::string_view::npos;
  if (has_plus) {
    add(BuildQuery(raw_query, true, QueryForm::kStandard));
    add(BuildQuery(raw_query, true, QueryForm::kGo));
  }
  if (HasEmptyValue(raw_query)) {
    add(BuildQuery(raw_query, false, QueryForm::kPython));
    if (has_plus) add(BuildQuery(raw_query, true, QueryForm::kPython));
  }
  return out;
}

std::string CanonicalRequest(std::string_view method, std::string_view canonical_uri,
                             std::string_view canonical_query, std::string_view canonical_headers,
                             std::string_view signed_headers, std::string_view payload_hash) {
  std::string out;
  out.reserve(method.size() + canonical_uri.size() + canonical_query.size() +
              canonical_headers.size() + signed_headers.size() + payload_hash.size() + 8);
  out.append(method).push_back('\n');
  out.append(canonical_uri).push_back('\n');
  out.append(canonical_query).push_back('\n');
  out.append(canonical_headers).push_back('\n');
  out.append(signed_headers).push_back('\n');
  out.append(payload_hash);
  return out;
}

std::string ScopeString(const CredentialScope& scope) {
  return scope.date + "/" + scope.region + "/" + scope.service + "/" +
         std::string(kScopeTerminator);
}

std::string StringToSign(const AuthorizationHeader& header, std::string_view sdk_date,
                         std::string_view canonical_request) {
  std::string out(header.dialect == Dialect::kV11Credential ? kV11Algorithm : kSdkAlgorithm);
  out.push_back('\n');
  out.append(sdk_date).push_back('\n');
  if (header.dialect != Dialect::kSdkAccess) out.append(ScopeString(header.scope)).push_back('\n');
  out += Sha256Hex(canonical_request);
  return out;
}

std::string DerivedSecret(std::string_view access_key, std::string_view secret_key,
                          const CredentialScope& scope) {
  const std::string info = scope.date + "/" + scope.region + "/" + scope.service;
  return ToHex(HkdfSha256(secret_key, access_key, info));
}

std::string SigningKey(const AuthorizationHeader& header, std::string_view secret_key) {
  if (header.dialect == Dialect::kSdkAccess) return std::string(secret_key);
  std::string seed = "SDK";
  seed += header.dialect == Dialect::kV11Credential
              ? DerivedSecret(header.access_key, secret_key, header.scope)
              : std::string(secret_key);
  std::string key = HmacSha256(seed, header.scope.date);
  key = HmacSha256(key, header.scope.region);
  key = HmacSha256(key, header.scope.service);
  return HmacSha256(key, kScopeTerminator);
}

std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign) {
  return ToHex(HmacSha256(signing_key, string_to_sign));
}

}  // namespace disd::auth
