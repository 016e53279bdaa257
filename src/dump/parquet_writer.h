// Parquet files from the records of a JSON stream, with columns from the stream's Avro
// `data_schema` (docs/dump-tasks.md, "Parquet files", has the type mapping).
//
// ColumnsFromAvroSchema maps an Avro record schema to flat columns once per task;
// WriteParquet turns a batch of JSON records into one complete Parquet file (one row group,
// one PLAIN data page per column, SNAPPY by default) held in memory. A record that is not a
// JSON object, lacks a required field, or holds a value of the wrong type is left out of the
// file and its index is reported in `rejected`, so the caller can send it to the task's
// error location; the other records are written.
//
// Thread-safety: free functions over value types; safe to call concurrently.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"

namespace disd::dump {

// One column of a Parquet file (a top-level field of the Avro record).
struct ParquetColumn {
  enum class Type {
    kBoolean,  // JSON true/false
    kInt32,    // JSON integer in [-2^31, 2^31-1]
    kInt64,    // JSON integer in [-2^63, 2^63-1]
    kFloat,    // JSON number, rounded to binary32
    kDouble,   // JSON number
    kString,   // JSON string (Avro string and enum), Parquet UTF8
    kBytes,    // JSON string whose UTF-8 bytes are stored (Avro bytes and fixed)
    kJson,     // Avro record/array/map/multi-type union: the value's JSON text, Parquet UTF8
  };
  // For kJson: which JSON values the Avro type admits.
  enum class JsonShape { kAny, kObject, kArray };

  std::string name;
  Type type = Type::kString;
  bool optional = false;  // a ["null", T] union: missing or null values are stored as null
  JsonShape json_shape = JsonShape::kAny;
  // The field's Avro "default" as JSON text, used when a record lacks the field.
  std::optional<std::string> default_json;
};

// Maps an Avro record schema (JSON text {"type":"record","fields":[...]}) to columns, in
// field order. Fails with kInvalidDataSchema (detail says why) on malformed JSON, a top level
// that is not a record with at least one field, an unknown type name, a field whose only
// type is "null", an invalid or duplicate field name, or a default its type cannot hold.
Result<std::vector<ParquetColumn>> ColumnsFromAvroSchema(std::string_view avro_schema_json);

enum class ParquetCompression { kUncompressed, kSnappy };

struct ParquetFile {
  std::string bytes;                  // the complete file, "PAR1" ... "PAR1"
  std::size_t rows = 0;               // records written
  std::vector<std::size_t> rejected;  // indices into json_records, ascending
};

// Writes the records that fit `columns` as one Parquet file. Zero rows (no records, or all
// rejected) still give a valid file: the schema and no row group. Fails with
// kInvalidDataSchema when `columns` is empty or has duplicate names, and with kInternal when
// one column's data exceeds the 2 GiB a Parquet page can hold.
Result<ParquetFile> WriteParquet(const std::vector<ParquetColumn>& columns,
                                 const std::vector<std::string_view>& json_records,
                                 ParquetCompression compression = ParquetCompression::kSnappy);

}  // namespace disd::dump
