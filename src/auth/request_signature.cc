#include "auth/request_signature.h"

#include <cctype>

#include "auth/crypto.h"

namespace disd::auth {

namespace {

constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::optional<std::int64_t> ParseSdkDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) -> int {
    int value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = number(0, 4), month = number(4, 2), day = number(6, 2);
  const int hour = number(9, 2), minute = number(11, 2), second = number(13, 2);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  const std::int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60'000LL + second * 1000LL;
}

std::string CanonicalHeaders(const HttpRequest& request,
                             const std::vector<std::string>& signed_headers,
                             std::string_view host) {
  std::string out;
  for (const std::string& name : signed_headers) {
    out += name;
    out.push_back(':');
    if (name == "host") {
      out += Trim(host);
    } else {
      bool first = true;
      for (const auto& [key, value] : request.headers) {
        if (!IEquals(key, name)) continue;
        if (!first) out.push_back(',');
        out += Trim(value);
        first = false;
      }
    }
    out.push_back('\n');
  }
  return out;
}

std::vector<std::string> HostCandidates(std::string_view host) {
  std::vector<std::string> out{std::string(host)};
  const auto colon = host.rfind(':');
  const auto bracket = host.rfind(']');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || bracket < colon)) {
    out.emplace_back(host.substr(0, colon));
  }
  return out;
}

bool VerifyRequestSignature(const HttpRequest& request, const AuthorizationHeader& header,
                            std::string_view signing_key, std::string_view sdk_date) {
  const std::string_view target = request.target;
  const auto q = target.find('?');
  const std::string uri = CanonicalUri(target.substr(0, q));
  const auto queries = CanonicalQueryCandidates(q == std::string_view::npos ? std::string_view()
                                                                            : target.substr(q + 1));
  const std::string payload_hash = Trim(request.Header("X-Sdk-Content-Sha256")) == kUnsignedPayload
                                       ? std::string(kUnsignedPayload)
                                       : Sha256Hex(request.body);
  std::string signed_line;
  bool signs_host = false;
  for (const auto& name : header.signed_headers) {
    if (!signed_line.empty()) signed_line.push_back(';');
    signed_line += name;
    signs_host = signs_host || name == "host";
  }
  const std::vector<std::string> hosts =
      signs_host ? HostCandidates(request.Header("Host")) : std::vector<std::string>{""};
  bool verified = false;
  for (const auto& host : hosts) {
    const std::string headers = CanonicalHeaders(request, header.signed_headers, host);
    for (const auto& query : queries) {
      const std::string canonical =
          CanonicalRequest(request.method, uri, query, headers, signed_line, payload_hash);
      const std::string expected =
          SignatureHex(signing_key, StringToSign(header, sdk_date, canonical));
      // Every candidate is computed, so the time taken does not tell which one matched.
      verified = ConstantTimeEquals(expected, header.signature) || verified;
    }
  }
  return verified;
}

}  // namespace disd::auth
