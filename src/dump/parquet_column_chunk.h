// ColumnChunkBuilder: collects one column's values for a row group and writes them as one
// column chunk: a single data page (v1) holding the definition levels (optional columns
// only, RLE/bit-packed hybrid) and the PLAIN-encoded non-null values, compressed as a whole.
// Keeps null_count and, for boolean and numeric columns, min/max statistics.
//
// Thread-safety: one builder per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "disd/common/status.h"
#include "dump/parquet_values.h"
#include "dump/parquet_writer.h"
#include "dump/thrift_compact.h"

namespace disd::dump {

class ColumnChunkBuilder {
 public:
  explicit ColumnChunkBuilder(const ParquetColumn& column);

  // REQUIRES: `value` holds the alternative of the column's type, or is null for an
  // optional column (ConvertJsonValue guarantees both).
  void Append(const ColumnValue& value);

  // Appends the chunk (page header + page) to `file` and returns its metadata, with offsets
  // relative to the start of `file`. Fails with kInternal when the page exceeds 2 GiB.
  Result<parquet::ColumnChunk> Finish(parquet::Codec codec, std::string* file);

  // The column's leaf in the file schema.
  parquet::SchemaElement SchemaElement() const;

 private:
  parquet::Type PhysicalType() const;
  std::optional<parquet::Statistics> Statistics() const;

  const ParquetColumn& column_;
  std::int64_t rows_ = 0;
  std::int64_t nulls_ = 0;
  std::vector<std::uint8_t> definition_levels_;  // optional columns only
  std::string values_;                           // PLAIN, non-null values
  std::vector<bool> booleans_;                   // kBoolean values, packed at Finish
  // Bounds of the non-null values of boolean and numeric columns (all of one alternative,
  // so the variant's ordering is the value's).
  std::optional<ColumnValue> min_, max_;
};

}  // namespace disd::dump
