// The pure half of the CloudTable HBase sink: a task's cloudtable_schema (seed 004 5.5.10,
// tables 5-132 to 5-134) as typed values, one JSON record turned into one HBase row (row key
// and cells, every value rendered as UTF-8 text), and the HBase REST gateway's JSON bodies
// (the multi-row cell set a PUT sends, the table schema a GET answers).
//
// Rendering per declared type (docs/sinks/cloudtable-hbase.md):
//  - Bigint: a JSON integer in the signed 64-bit range, or a string holding one
//    ("-12", "007"); rendered as the canonical decimal ("-12", "7").
//  - Timestamp: the same as Bigint but not negative (milliseconds since the epoch).
//  - Double: a JSON number, or a string holding a finite decimal number; rendered in the
//    shortest form that reads back to the same double, as JSON writes it ("1.5", "3.0").
//  - Decimal: a JSON number (integers exactly, fractions as Double renders them) or a string
//    of the form -?digits[.digits], rendered as given.
//  - Boolean: JSON true/false, or the string "true"/"false"; rendered "true"/"false".
//  - String: a JSON string, rendered as its UTF-8 content.
// A record is rejected (RecordToHBaseRow fails) when it is not a JSON object, when a row-key
// field is missing or null, when a present value does not match its declared type, when the
// row key comes out empty, or when no column of the schema is present (HBase refuses a row
// without cells). A missing or null column field only drops that cell.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"

namespace disd::dump {

enum class HBaseType { kBigint, kDouble, kBoolean, kTimestamp, kString, kDecimal };

struct HBaseKeyField {
  std::string field;  // the record's JSON attribute name
  HBaseType type = HBaseType::kString;
};

struct HBaseColumn {
  std::string family;
  std::string qualifier;
  std::string field;
  HBaseType type = HBaseType::kString;
};

struct HBaseSchema {
  std::vector<HBaseKeyField> row_key;
  std::vector<HBaseColumn> columns;
  std::vector<std::string> families;  // the distinct column families, in first-use order
};

// Parses the stored cloudtable_schema JSON; kInvalidCloudTableSchema when it lacks the shape
// the service layer validated (an unknown type, an empty name, no row_key or columns).
Result<HBaseSchema> ParseHBaseSchema(std::string_view schema_json);

struct HBaseCell {
  std::string column;  // "family:qualifier"
  std::string value;
};

struct HBaseRow {
  std::string key;
  std::vector<HBaseCell> cells;   // in the schema's column order
  std::int64_t timestamp_ms = 0;  // the version every cell of the row is written with
};

// The row of one record: row-key values joined with `delimiter`, cells per column.
// kInvalidRequest with the reason when the record is rejected (see above).
Result<HBaseRow> RecordToHBaseRow(const HBaseSchema& schema, std::string_view delimiter,
                                  std::string_view record);

// The gateway's JSON cell set for rows [begin, end):
// {"Row":[{"key":B64,"Cell":[{"column":B64,"timestamp":N,"$":B64},...]},...]}, Base64 with
// the standard alphabet and padding, members in exactly this order.
std::string EncodeHBaseCellSet(const std::vector<HBaseRow>& rows, std::size_t begin,
                               std::size_t end);

// The column family names of a `GET /<table>/schema` JSON answer
// ({"name":...,"ColumnSchema":[{"name":"cf",...},...],...}); kRequestError when the body
// does not have that shape.
Result<std::vector<std::string>> ParseHBaseTableFamilies(std::string_view schema_answer);

// Percent-encodes one URL path segment (everything outside A-Z a-z 0-9 - . _ ~ and ':',
// which HBase uses for namespace:table).
std::string HBasePathSegment(std::string_view text);

}  // namespace disd::dump
