#include "dump/opentsdb_points.h"

#include <locale.h>
#include <wctype.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

#include "dump/object_layout.h"

namespace disd::dump {
namespace {

using Json = nlohmann::json;

// OpenTSDB reads a timestamp up to 2^32-1 as seconds; a millisecond time must exceed it.
constexpr std::int64_t kMaxSecondsLike = 4294967295;
constexpr std::size_t kMaxTags = 8;

Error Bad(const std::string& detail) { return MakeError(ErrorCode::kInvalidRequest, detail); }

Result<TsdbType> ParseType(const Json& v) {
  static constexpr std::pair<std::string_view, TsdbType> kTypes[] = {
      {"Bigint", TsdbType::kBigint},   {"Double", TsdbType::kDouble},
      {"Boolean", TsdbType::kBoolean}, {"Timestamp", TsdbType::kTimestamp},
      {"String", TsdbType::kString},   {"Decimal", TsdbType::kDecimal}};
  if (v.is_string()) {
    for (const auto& [name, type] : kTypes) {
      if (v.get_ref<const std::string&>() == name) return type;
    }
  }
  return MakeError(ErrorCode::kInternal, "stored opentsdb_schema has an unknown type");
}

std::string Text(const Json& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<std::int64_t> IntegerOf(const Json& v) {
  if (v.is_number_integer() && !v.is_number_unsigned()) return v.get<std::int64_t>();
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(u);
  }
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    std::int64_t out = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return out;
  }
  return std::nullopt;
}

// An integer JSON value, or a finite double, from a JSON number or a numeric string.
std::optional<Json> NumberOf(const Json& v) {
  if (auto i = IntegerOf(v)) return Json(*i);
  double d = 0;
  if (v.is_number_float()) {
    d = v.get<double>();
  } else if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (!std::isfinite(d)) return std::nullopt;
  return Json(d);
}

std::string_view TypeName(TsdbType type) {
  switch (type) {
    case TsdbType::kBigint:
      return "Bigint";
    case TsdbType::kDouble:
      return "Double";
    case TsdbType::kBoolean:
      return "Boolean";
    case TsdbType::kTimestamp:
      return "Timestamp";
    case TsdbType::kString:
      return "String";
    case TsdbType::kDecimal:
      return "Decimal";
  }
  return "?";
}

std::optional<Json> ValueOf(TsdbType type, const Json& v) {
  switch (type) {
    case TsdbType::kBigint:
    case TsdbType::kTimestamp:
      if (auto i = IntegerOf(v)) return Json(*i);
      return std::nullopt;
    case TsdbType::kDouble:
    case TsdbType::kDecimal:
      return NumberOf(v);
    case TsdbType::kBoolean:
      if (v.is_boolean()) return Json(v.get<bool>() ? 1 : 0);
      if (v == "true") return Json(1);
      if (v == "false") return Json(0);
      return std::nullopt;
    case TsdbType::kString:
      if (v.is_string()) return NumberOf(v);
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> TagTextOf(TsdbType type, const Json& v) {
  switch (type) {
    case TsdbType::kBigint:
    case TsdbType::kTimestamp:
      if (auto i = IntegerOf(v)) return std::to_string(*i);
      return std::nullopt;
    case TsdbType::kDouble:
    case TsdbType::kDecimal:
      if (!NumberOf(v)) return std::nullopt;
      return v.is_string() ? v.get<std::string>() : v.dump();
    case TsdbType::kBoolean:
      if (v.is_boolean()) return std::string(v.get<bool>() ? "true" : "false");
      if (v == "true" || v == "false") return v.get<std::string>();
      return std::nullopt;
    case TsdbType::kString:
      if (v.is_string()) return v.get<std::string>();
      return std::nullopt;
  }
  return std::nullopt;
}

// Decodes one UTF-8 code point at `i` (advancing it); nullopt for invalid UTF-8.
std::optional<char32_t> NextCodePoint(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  int extra = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + extra >= s.size()) return std::nullopt;
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += extra + 1;
  return cp;
}

// Unicode letters through glibc's C.UTF-8 character classes (OpenTSDB uses Java's
// Character.isLetter); when that locale is missing, any non-ASCII code point passes.
bool IsUnicodeLetter(char32_t cp) {
  static const locale_t kLocale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  if (kLocale == static_cast<locale_t>(0)) return true;
  return ::iswalpha_l(static_cast<wint_t>(cp), kLocale) != 0;
}

Result<std::int64_t> TimestampOf(const TsdbEntry& entry, const Json& v) {
  std::int64_t ms = 0;
  if (entry.timestamp_is_text) {
    if (!v.is_string()) return Bad("field " + entry.timestamp_field + " is not a date string");
    auto parsed = ParseTimestampText(entry.timestamp_format, v.get_ref<const std::string&>());
    if (!parsed) {
      return Bad("field " + entry.timestamp_field + " is not a date in " + entry.timestamp_format);
    }
    ms = *parsed;
  } else {
    const auto number = IntegerOf(v);
    if (!number || *number < 0) {
      return Bad("field " + entry.timestamp_field + " is not an integer timestamp");
    }
    const std::size_t digits = std::to_string(*number).size();
    if (digits <= 10) {
      ms = *number * 1000;
    } else if (digits == 13) {
      ms = *number;
    } else {
      return Bad("field " + entry.timestamp_field +
                 " has neither 10 (seconds) nor 13 (milliseconds) digits");
    }
  }
  if (ms <= kMaxSecondsLike) {
    return Bad("field " + entry.timestamp_field +
               " is before 1970-02-20, which OpenTSDB reads as seconds");
  }
  return ms;
}

Result<TsdbPoint> EntryPoint(const TsdbEntry& entry, const Json& record) {
  const auto field = [&](const std::string& name) -> const Json* {
    auto it = record.find(name);
    return it == record.end() || it->is_null() ? nullptr : &*it;
  };
  TsdbPoint point;
  for (const TsdbMetricPart& part : entry.metric) {
    if (!point.metric.empty()) point.metric += '.';
    if (part.constant) {
      point.metric += part.value;
      continue;
    }
    const Json* v = field(part.value);
    if (v == nullptr || !v->is_string() || v->get_ref<const std::string&>().empty()) {
      return Bad("metric field " + part.value + " is missing or not a non-empty string");
    }
    point.metric += v->get_ref<const std::string&>();
  }
  if (!IsTsdbName(point.metric)) {
    return Bad("metric \"" + point.metric + "\" has characters OpenTSDB does not allow");
  }
  const Json* ts = field(entry.timestamp_field);
  if (ts == nullptr) return Bad("timestamp field " + entry.timestamp_field + " is missing");
  auto ms = TimestampOf(entry, *ts);
  if (!ms.ok()) return ms.error();
  point.timestamp_ms = *ms;

  const Json* value = field(entry.value_field);
  if (value == nullptr) return Bad("value field " + entry.value_field + " is missing");
  auto number = ValueOf(entry.value_type, *value);
  if (!number) {
    return Bad("value field " + entry.value_field + " is not a " +
               std::string(TypeName(entry.value_type)) + " number");
  }
  point.value = std::move(*number);

  for (const TsdbTag& tag : entry.tags) {
    const Json* v = field(tag.field);
    if (v == nullptr) return Bad("tag field " + tag.field + " is missing");
    auto text = TagTextOf(tag.type, *v);
    if (!text) {
      return Bad("tag field " + tag.field + " is not a " + std::string(TypeName(tag.type)));
    }
    if (!IsTsdbName(*text)) {
      return Bad("tag " + tag.name + " value \"" + *text +
                 "\" has characters OpenTSDB does not allow");
    }
    point.tags[tag.name] = std::move(*text);
  }
  if (point.tags.empty() || point.tags.size() > kMaxTags) {
    return Bad("a point needs 1-8 distinct tags");
  }
  return point;
}

}  // namespace

bool IsTsdbName(std::string_view text) {
  if (text.empty()) return false;
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = NextCodePoint(text, i);
    if (!cp) return false;
    const char32_t c = *cp;
    const bool ascii_ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/';
    if (ascii_ok) continue;
    if (c < 0x80 || !IsUnicodeLetter(c)) return false;
  }
  return true;
}

Result<TsdbSchema> ParseTsdbSchema(std::string_view schema_json) {
  const Json doc = Json::parse(schema_json, nullptr, /*allow_exceptions=*/false);
  const Error corrupt = MakeError(ErrorCode::kInternal, "stored opentsdb_schema is malformed");
  if (!doc.is_array() || doc.empty()) return corrupt;
  TsdbSchema schema;
  for (const Json& e : doc) {
    if (!e.is_object() || !e.contains("metric") || !e["metric"].is_array() ||
        !e.contains("timestamp") || !e["timestamp"].is_object() || !e.contains("value") ||
        !e["value"].is_object() || !e.contains("tags") || !e["tags"].is_array()) {
      return corrupt;
    }
    TsdbEntry entry;
    for (const Json& m : e["metric"]) {
      if (!m.is_object()) return corrupt;
      entry.metric.push_back({Text(m, "type") == "Constant", Text(m, "value")});
    }
    const Json& ts = e["timestamp"];
    entry.timestamp_is_text = Text(ts, "type") == "String";
    entry.timestamp_field = Text(ts, "value");
    entry.timestamp_format = Text(ts, "format");
    auto value_type = ParseType(e["value"].value("type", Json()));
    if (!value_type.ok()) return value_type.error();
    entry.value_type = *value_type;
    entry.value_field = Text(e["value"], "value");
    for (const Json& t : e["tags"]) {
      if (!t.is_object()) return corrupt;
      auto type = ParseType(t.value("type", Json()));
      if (!type.ok()) return type.error();
      entry.tags.push_back({Text(t, "name"), *type, Text(t, "value")});
    }
    if (entry.metric.empty() || entry.timestamp_field.empty() || entry.value_field.empty()) {
      return corrupt;
    }
    schema.push_back(std::move(entry));
  }
  return schema;
}

Result<std::vector<TsdbPoint>> RecordPoints(const TsdbSchema& schema, std::string_view record) {
  const Json doc = Json::parse(record, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Bad("the record is not a JSON object");
  std::vector<TsdbPoint> points;
  points.reserve(schema.size());
  for (const TsdbEntry& entry : schema) {
    auto point = EntryPoint(entry, doc);
    if (!point.ok()) return point.error();
    points.push_back(std::move(*point));
  }
  return points;
}

Json PointJson(const TsdbPoint& point) {
  return Json{{"metric", point.metric},
              {"timestamp", point.timestamp_ms},
              {"value", point.value},
              {"tags", point.tags}};
}

}  // namespace disd::dump
