// Record -> row conversion and COPY CSV text for the DWS sink (dws_rows.h).
#include "dump/dws_rows.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace disd::dump {
namespace {

using nlohmann::json;

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const std::size_t left = s.size() - i;
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t k) { return k < left && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

std::string HexByte(unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string("0x") + kHex[c >> 4] + kHex[c & 15];
}

DwsField JsonValueText(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return std::nullopt;
    case json::value_t::string:
      return value.get<std::string>();
    case json::value_t::boolean:
      return std::string(value.get<bool>() ? "true" : "false");
    default:
      return value.dump();  // numbers, objects, arrays
  }
}

bool IsJsonObjectText(std::string_view text) {
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    return c == '{';
  }
  return false;
}

std::string Quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

}  // namespace

bool CheckIllegalChars(std::string_view bytes, bool compatible, std::string* out,
                       std::string* error) {
  out->clear();
  out->reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      if (!compatible) {
        *error = "a NUL byte at offset " + std::to_string(i);
        return false;
      }
      out->push_back(' ');
      ++i;
      continue;
    }
    const std::size_t n = Utf8SequenceLength(bytes, i);
    if (n == 0) {
      if (!compatible) {
        *error = "invalid UTF-8 byte " + HexByte(c) + " at offset " + std::to_string(i);
        return false;
      }
      out->push_back('?');
      ++i;
      continue;
    }
    out->append(bytes.substr(i, n));
    i += n;
  }
  return true;
}

bool SplitDelimited(std::string_view text, char delimiter, std::vector<DwsField>* fields,
                    std::string* error) {
  fields->clear();
  std::size_t pos = 0;
  while (true) {
    if (pos < text.size() && text[pos] == '"') {
      std::string value;
      std::size_t i = pos + 1;
      while (true) {
        const std::size_t quote = text.find('"', i);
        if (quote == std::string_view::npos) {
          *error = "an unterminated quoted field in column " + std::to_string(fields->size() + 1);
          return false;
        }
        value.append(text.substr(i, quote - i));
        if (quote + 1 < text.size() && text[quote + 1] == '"') {
          value.push_back('"');
          i = quote + 2;
          continue;
        }
        pos = quote + 1;
        break;
      }
      fields->push_back(std::move(value));
      if (pos == text.size()) return true;
      if (text[pos] != delimiter) {
        *error =
            "unexpected data after the closing quote of column " + std::to_string(fields->size());
        return false;
      }
      ++pos;
      continue;
    }
    const std::size_t end = std::min(text.find(delimiter, pos), text.size());
    if (end == pos) {
      fields->push_back(std::nullopt);
    } else {
      fields->push_back(std::string(text.substr(pos, end - pos)));
    }
    if (end == text.size()) return true;
    pos = end + 1;
  }
}

DwsRow RecordToRow(std::string_view record, const std::vector<std::string>& columns, char delimiter,
                   const DwsOptions& options) {
  DwsRow row;
  std::string text;
  if (!CheckIllegalChars(record, options.compatible_illegal_chars, &text, &row.error)) {
    return row;
  }
  if (IsJsonObjectText(text)) {
    json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_object()) {
      for (const std::string& column : columns) {
        auto it = doc.find(column);
        if (it == doc.end()) {
          if (!options.fill_missing_fields) {
            row.error = "missing data for column " + Quoted(column) + " (no such key)";
            row.fields.clear();
            return row;
          }
          row.fields.push_back(std::nullopt);
          continue;
        }
        row.fields.push_back(JsonValueText(*it));
      }
      return row;
    }
  }
  std::string_view line = text;
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (!SplitDelimited(line, delimiter, &row.fields, &row.error)) {
    row.fields.clear();
    return row;
  }
  if (row.fields.size() < columns.size()) {
    if (!options.fill_missing_fields) {
      row.error = "missing data for column " + Quoted(columns[row.fields.size()]) + " (" +
                  std::to_string(row.fields.size()) + " of " + std::to_string(columns.size()) +
                  " fields)";
      row.fields.clear();
      return row;
    }
    row.fields.resize(columns.size());
  } else if (row.fields.size() > columns.size()) {
    if (!options.ignore_extra_data) {
      row.error = "extra data after the last expected column (" +
                  std::to_string(row.fields.size()) + " fields for " +
                  std::to_string(columns.size()) + " columns)";
      row.fields.clear();
      return row;
    }
    row.fields.resize(columns.size());
  }
  return row;
}

std::string CopyCsvLine(const std::vector<DwsField>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    if (!fields[i]) continue;
    line.push_back('"');
    for (char c : *fields[i]) {
      if (c == '"') line.push_back('"');
      line.push_back(c);
    }
    line.push_back('"');
  }
  line.push_back('\n');
  return line;
}

std::optional<std::int64_t> CopyLineFromContext(std::string_view context) {
  std::size_t start = 0;
  while (start <= context.size()) {
    const std::size_t end = std::min(context.find('\n', start), context.size());
    const std::string_view line = context.substr(start, end - start);
    start = end + 1;
    if (line.substr(0, 5) != "COPY ") continue;
    static constexpr std::string_view kMarker = ", line ";
    const std::size_t at = line.find(kMarker);
    if (at == std::string_view::npos) continue;
    std::size_t i = at + kMarker.size();
    std::int64_t n = 0;
    std::size_t digits = 0;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) && digits < 18) {
      n = n * 10 + (line[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0) continue;
    if (i < line.size() && line[i] != ',' && line[i] != ':') continue;
    return n;
  }
  return std::nullopt;
}

}  // namespace disd::dump
