#include "dump/s3_xml.h"

#include <charconv>
#include <cstdint>

namespace disd::dump {
namespace {

void AppendUtf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string XmlUnescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) {
      out.push_back('&');
      continue;
    }
    const std::string_view entity = text.substr(i + 1, semi - i - 1);
    bool known = true;
    if (entity == "amp") {
      out.push_back('&');
    } else if (entity == "lt") {
      out.push_back('<');
    } else if (entity == "gt") {
      out.push_back('>');
    } else if (entity == "quot") {
      out.push_back('"');
    } else if (entity == "apos") {
      out.push_back('\'');
    } else if (entity.size() > 1 && entity[0] == '#') {
      const bool hex = entity[1] == 'x' || entity[1] == 'X';
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      auto [end, err] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      known = err == std::errc() && end == digits.data() + digits.size() && !digits.empty() &&
              cp <= 0x10FFFF;
      if (known) AppendUtf8(cp, out);
    } else {
      known = false;
    }
    if (!known) {
      out.push_back('&');
      continue;
    }
    i = semi;
  }
  return out;
}

std::vector<std::string> XmlValues(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const std::string close = "</" + std::string(tag) + ">";
  std::vector<std::string> values;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t start = xml.find(open, pos);
    if (start == std::string_view::npos) break;
    const std::size_t text = start + open.size();
    const std::size_t end = xml.find(close, text);
    if (end == std::string_view::npos) break;
    values.push_back(XmlUnescape(xml.substr(text, end - text)));
    pos = end + close.size();
  }
  return values;
}

std::optional<std::string> XmlValue(std::string_view xml, std::string_view tag) {
  auto values = XmlValues(xml, tag);
  if (values.empty()) return std::nullopt;
  return std::move(values.front());
}

}  // namespace disd::dump
