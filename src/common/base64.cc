#include "disd/common/base64.h"

#include <array>
#include <cstdint>

namespace disd {
namespace {

constexpr char kStd[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> MakeReverse(const char* alphabet) {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kStdRev = MakeReverse(kStd);
constexpr auto kUrlRev = MakeReverse(kUrl);

// For the bulk of a decode: each character's 6 bits pre-shifted to their place in the
// 24-bit group, so four lookups OR-ed together give three bytes. Invalid characters map
// to a value with bits above the 24th set, which one comparison catches for all four.
constexpr std::uint32_t kBad = 0x01ffffff;
struct ShiftedTables {
  std::array<std::uint32_t, 256> t[4];
};
constexpr ShiftedTables MakeShifted(const std::array<std::int8_t, 256>& rev) {
  ShiftedTables s{};
  for (int c = 0; c < 256; ++c) {
    for (int k = 0; k < 4; ++k) {
      s.t[k][c] = rev[c] < 0 ? kBad : static_cast<std::uint32_t>(rev[c]) << (18 - 6 * k);
    }
  }
  return s;
}
constexpr ShiftedTables kStdShifted = MakeShifted(kStdRev);
constexpr ShiftedTables kUrlShifted = MakeShifted(kUrlRev);

}  // namespace

void Base64EncodeTo(std::string_view bytes, std::string& out, Base64Alphabet alphabet) {
  const char* a = alphabet == Base64Alphabet::kStandard ? kStd : kUrl;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  std::size_t start = out.size();
  out.resize(start + (n + 2) / 3 * 4);
  char* o = out.data() + start;
  std::size_t i = 0;
  for (; i + 3 <= n; i += 3) {
    std::uint32_t v = (p[i] << 16) | (p[i + 1] << 8) | p[i + 2];
    *o++ = a[(v >> 18) & 63];
    *o++ = a[(v >> 12) & 63];
    *o++ = a[(v >> 6) & 63];
    *o++ = a[v & 63];
  }
  if (i < n) {
    std::uint32_t v = p[i] << 16;
    if (i + 1 < n) v |= p[i + 1] << 8;
    *o++ = a[(v >> 18) & 63];
    *o++ = a[(v >> 12) & 63];
    *o++ = (i + 1 < n) ? a[(v >> 6) & 63] : '=';
    *o++ = '=';
  }
}

std::string Base64Encode(std::string_view bytes, Base64Alphabet alphabet) {
  std::string out;
  Base64EncodeTo(bytes, out, alphabet);
  return out;
}

std::size_t Base64DecodedSize(std::string_view text) {
  std::size_t n = text.size() / 4 * 3;
  if (!text.empty() && text.back() == '=') --n;
  if (text.size() > 1 && text[text.size() - 2] == '=') --n;
  return n;
}

std::optional<std::string> Base64Decode(std::string_view text, Base64Alphabet alphabet) {
  const auto& rev = alphabet == Base64Alphabet::kStandard ? kStdRev : kUrlRev;
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  if (alphabet == Base64Alphabet::kStandard) {
    if (text.size() % 4 != 0) return std::nullopt;
  } else if (pad > 0 && text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string_view body = text.substr(0, text.size() - pad);
  if (body.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.resize(body.size() / 4 * 3 + (body.size() % 4 == 0 ? 0 : body.size() % 4 - 1));
  char* o = out.data();
  const auto* p = reinterpret_cast<const unsigned char*>(body.data());
  const ShiftedTables& shifted =
      alphabet == Base64Alphabet::kStandard ? kStdShifted : kUrlShifted;
  const auto& d0 = shifted.t[0];
  const auto& d1 = shifted.t[1];
  const auto& d2 = shifted.t[2];
  const auto& d3 = shifted.t[3];
  std::size_t i = 0;
  for (; i + 4 <= body.size(); i += 4) {
    const std::uint32_t v = d0[p[i]] | d1[p[i + 1]] | d2[p[i + 2]] | d3[p[i + 3]];
    if (v > 0xffffff) return std::nullopt;
    o[0] = static_cast<char>(v >> 16);
    o[1] = static_cast<char>(v >> 8);
    o[2] = static_cast<char>(v);
    o += 3;
  }
  std::size_t rest = body.size() - i;
  if (rest == 2) {
    int a = rev[p[i]], b = rev[p[i + 1]];
    if ((a | b) < 0 || (b & 0x0f) != 0) return std::nullopt;
    *o++ = static_cast<char>((a << 2) | (b >> 4));
  } else if (rest == 3) {
    int a = rev[p[i]], b = rev[p[i + 1]], c = rev[p[i + 2]];
    if ((a | b | c) < 0 || (c & 0x03) != 0) return std::nullopt;
    std::uint32_t v = (a << 18) | (b << 12) | (c << 6);
    *o++ = static_cast<char>(v >> 16);
    *o++ = static_cast<char>(v >> 8);
  }
  return out;
}

}  // namespace disd
