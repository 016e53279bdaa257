// Record → HBase row, and the gateway's JSON bodies (hbase_rows.h).
#include "dump/hbase_rows.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "disd/common/base64.h"

namespace disd::dump {
namespace {

using Json = nlohmann::json;

std::optional<HBaseType> ParseType(std::string_view name) {
  if (name == "Bigint") return HBaseType::kBigint;
  if (name == "Double") return HBaseType::kDouble;
  if (name == "Boolean") return HBaseType::kBoolean;
  if (name == "Timestamp") return HBaseType::kTimestamp;
  if (name == "String") return HBaseType::kString;
  if (name == "Decimal") return HBaseType::kDecimal;
  return std::nullopt;
}

const char* TypeName(HBaseType type) {
  switch (type) {
    case HBaseType::kBigint:
      return "Bigint";
    case HBaseType::kDouble:
      return "Double";
    case HBaseType::kBoolean:
      return "Boolean";
    case HBaseType::kTimestamp:
      return "Timestamp";
    case HBaseType::kString:
      return "String";
    case HBaseType::kDecimal:
      return "Decimal";
  }
  return "?";
}

std::string Text(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// -?digits
std::optional<std::int64_t> IntegerText(std::string_view s) {
  const std::string_view digits = !s.empty() && s[0] == '-' ? s.substr(1) : s;
  if (!AllDigits(digits)) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// -?digits[.digits]
bool DecimalText(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const auto dot = s.find('.');
  if (dot == std::string_view::npos) return AllDigits(s);
  return AllDigits(s.substr(0, dot)) && AllDigits(s.substr(dot + 1));
}

// -?digits[.digits][(e|E)[+-]digits]
bool NumberText(std::string_view s) {
  const auto e = s.find_first_of("eE");
  if (e == std::string_view::npos) return DecimalText(s);
  std::string_view exp = s.substr(e + 1);
  if (!exp.empty() && (exp[0] == '+' || exp[0] == '-')) exp.remove_prefix(1);
  return DecimalText(s.substr(0, e)) && AllDigits(exp);
}

std::optional<std::int64_t> AsInteger(const Json& v) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_string()) return IntegerText(v.get<std::string>());
  return std::nullopt;
}

std::string DoubleText(double d) { return Json(d).dump(); }

// The value's text under `type`, or nullopt when it does not match the type.
std::optional<std::string> Render(HBaseType type, const Json& v) {
  switch (type) {
    case HBaseType::kBigint: {
      auto i = AsInteger(v);
      if (!i) return std::nullopt;
      return std::to_string(*i);
    }
    case HBaseType::kTimestamp: {
      auto i = AsInteger(v);
      if (!i || *i < 0) return std::nullopt;
      return std::to_string(*i);
    }
    case HBaseType::kDouble: {
      if (v.is_number()) return DoubleText(v.get<double>());
      if (!v.is_string() || !NumberText(v.get<std::string>())) return std::nullopt;
      const double d = std::strtod(v.get<std::string>().c_str(), nullptr);
      if (!std::isfinite(d)) return std::nullopt;
      return DoubleText(d);
    }
    case HBaseType::kDecimal: {
      if (v.is_number_integer()) return v.dump();
      if (v.is_number_float()) return DoubleText(v.get<double>());
      if (v.is_string() && DecimalText(v.get<std::string>())) return v.get<std::string>();
      return std::nullopt;
    }
    case HBaseType::kBoolean: {
      if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
      if (v.is_string() && (v == "true" || v == "false")) return v.get<std::string>();
      return std::nullopt;
    }
    case HBaseType::kString:
      if (v.is_string()) return v.get<std::string>();
      return std::nullopt;
  }
  return std::nullopt;
}

Error Rejected(std::string why) { return MakeError(ErrorCode::kInvalidRequest, std::move(why)); }

}  // namespace

Result<HBaseSchema> ParseHBaseSchema(std::string_view schema_json) {
  const Json doc = Json::parse(schema_json, nullptr, false);
  auto bad = [](const std::string& why) {
    return MakeError(ErrorCode::kInvalidCloudTableSchema, "[cloudtable_schema: " + why + "]");
  };
  if (!doc.is_object()) return bad("not an object");
  const Json& keys = doc.value("row_key", Json());
  const Json& columns = doc.value("columns", Json());
  if (!keys.is_array() || keys.empty() || !columns.is_array() || columns.empty()) {
    return bad("row_key and columns must be non-empty arrays");
  }
  HBaseSchema schema;
  for (const Json& k : keys) {
    if (!k.is_object()) return bad("row_key entries must be objects");
    auto type = ParseType(Text(k, "type"));
    if (!type || Text(k, "value").empty()) return bad("a row_key entry needs value and type");
    schema.row_key.push_back({Text(k, "value"), *type});
  }
  for (const Json& c : columns) {
    if (!c.is_object()) return bad("columns entries must be objects");
    auto type = ParseType(Text(c, "type"));
    HBaseColumn column{Text(c, "column_family_name"), Text(c, "column_name"), Text(c, "value"),
                       type.value_or(HBaseType::kString)};
    if (!type || column.family.empty() || column.qualifier.empty() || column.field.empty()) {
      return bad("a columns entry needs column_family_name, column_name, value and type");
    }
    bool known = false;
    for (const auto& f : schema.families) known = known || f == column.family;
    if (!known) schema.families.push_back(column.family);
    schema.columns.push_back(std::move(column));
  }
  return schema;
}

Result<HBaseRow> RecordToHBaseRow(const HBaseSchema& schema, std::string_view delimiter,
                                  std::string_view record) {
  const Json doc = Json::parse(record, nullptr, false);
  if (!doc.is_object()) return Rejected("the record is not a JSON object");
  HBaseRow row;
  for (std::size_t i = 0; i < schema.row_key.size(); ++i) {
    const HBaseKeyField& k = schema.row_key[i];
    auto it = doc.find(k.field);
    if (it == doc.end() || it->is_null()) {
      return Rejected("row key field " + k.field + " is missing");
    }
    auto text = Render(k.type, *it);
    if (!text) return Rejected("row key field " + k.field + " is not a " + TypeName(k.type));
    if (i > 0) row.key.append(delimiter);
    row.key += *text;
  }
  if (row.key.empty()) return Rejected("the row key is empty");
  for (const HBaseColumn& c : schema.columns) {
    auto it = doc.find(c.field);
    if (it == doc.end() || it->is_null()) continue;  // a missing column: no cell
    auto text = Render(c.type, *it);
    if (!text) return Rejected("field " + c.field + " is not a " + TypeName(c.type));
    row.cells.push_back({c.family + ":" + c.qualifier, std::move(*text)});
  }
  if (row.cells.empty()) return Rejected("no column of the schema is present");
  return row;
}

std::string EncodeHBaseCellSet(const std::vector<HBaseRow>& rows, std::size_t begin,
                               std::size_t end) {
  std::string out = "{\"Row\":[";
  for (std::size_t r = begin; r < end; ++r) {
    const HBaseRow& row = rows[r];
    if (r > begin) out.push_back(',');
    out += "{\"key\":\"";
    Base64EncodeTo(row.key, out);
    out += "\",\"Cell\":[";
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (c > 0) out.push_back(',');
      out += "{\"column\":\"";
      Base64EncodeTo(row.cells[c].column, out);
      out += "\",\"timestamp\":" + std::to_string(row.timestamp_ms) + ",\"$\":\"";
      Base64EncodeTo(row.cells[c].value, out);
      out += "\"}";
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

Result<std::vector<std::string>> ParseHBaseTableFamilies(std::string_view schema_answer) {
  const Json doc = Json::parse(schema_answer, nullptr, false);
  const Json& families = doc.is_object() ? doc.value("ColumnSchema", Json()) : Json();
  if (!families.is_array()) {
    return MakeError(ErrorCode::kRequestError,
                     "the HBase REST gateway's table schema has no ColumnSchema list");
  }
  std::vector<std::string> out;
  for (const Json& f : families) {
    if (f.is_object() && f.contains("name") && f["name"].is_string()) {
      out.push_back(f["name"].get<std::string>());
    }
  }
  return out;
}

std::string HBasePathSegment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == ':') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

}  // namespace disd::dump
