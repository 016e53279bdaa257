// OpenTSDB points from JSON records, per a CloudTable task's opentsdb_schema (seed 004
// 5.5.10, tables 5-135 to 5-139; docs/sinks/cloudtable-opentsdb.md has the rules):
//  - each schema entry makes one point of each record;
//  - metric: the entry's `metric` parts in order, joined with "." (Constant: the literal;
//    String: the record's field, which must be a non-empty JSON string);
//  - timestamp: type Timestamp = the field is an integer (a JSON number or a string of
//    digits) of at most 10 digits (seconds) or exactly 13 digits (milliseconds); type
//    String = text in the entry's `format` (UTC). Always sent in milliseconds; a time
//    before 1970-02-20 (at most 2^32-1 ms, which OpenTSDB would read as seconds) is refused;
//  - value: Bigint/Timestamp an integer, Double/Decimal any finite number, Boolean true=1
//    false=0, String a string holding a number; numeric types also take numeric strings;
//  - tags: name -> the field's value as text (integers in decimal, other numbers in their
//    shortest round-trip form, booleans true/false, strings as they are), 1-8 per point.
// Metric, tag names and tag values must be non-empty and use OpenTSDB's characters:
// ASCII letters and digits, '-', '_', '.', '/', and Unicode letters. A record that is not a
// JSON object or does not fit (missing field, wrong type, bad character, unparsable date)
// yields no point at all and an error that says why.
//
// Thread-safety: the schema is immutable after parsing; functions are pure.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"

namespace disd::dump {

enum class TsdbType { kBigint, kDouble, kBoolean, kTimestamp, kString, kDecimal };

struct TsdbMetricPart {
  bool constant = true;
  std::string value;  // the literal, or the record's field name
};

struct TsdbTag {
  std::string name;  // the tag key
  TsdbType type = TsdbType::kString;
  std::string field;  // the record's field
};

struct TsdbEntry {
  std::vector<TsdbMetricPart> metric;
  bool timestamp_is_text = false;
  std::string timestamp_field;
  std::string timestamp_format;  // text only
  TsdbType value_type = TsdbType::kBigint;
  std::string value_field;
  std::vector<TsdbTag> tags;
};

using TsdbSchema = std::vector<TsdbEntry>;

// Parses the stored opentsdb_schema array (CloudTableSpec::opentsdb_schema_json, already
// validated at creation). kInternal when it does not have that shape.
Result<TsdbSchema> ParseTsdbSchema(std::string_view schema_json);

struct TsdbPoint {
  std::string metric;
  std::int64_t timestamp_ms = 0;
  nlohmann::json value;  // an integer or a finite floating-point number
  std::map<std::string, std::string> tags;
};

// The points of one record (one per schema entry, in schema order), or kInvalidRequest
// whose detail says which field does not fit.
Result<std::vector<TsdbPoint>> RecordPoints(const TsdbSchema& schema, std::string_view record);

// The point as OpenTSDB's /api/put wants it:
// {"metric":..,"timestamp":ms,"value":..,"tags":{..}}.
nlohmann::json PointJson(const TsdbPoint& point);

// True when `text` is a non-empty OpenTSDB name: ASCII letters and digits, - _ . / and
// Unicode letters (valid UTF-8 only).
bool IsTsdbName(std::string_view text);

}  // namespace disd::dump
