// Helpers of the Parquet writer tests: what DuckDB should print for an input JSON value, and
// a check that a file DuckDB read holds exactly the expected schema, metadata and rows.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dump/parquet_writer.h"

namespace disd::dump::testing {

// The cell parquet-read.mjs prints for a column value given as JSON (after the writer's
// conversion rules): BIGINT as a decimal string, BLOB as hex, FLOAT widened from binary32,
// nested values as their JSON text.
nlohmann::json ExpectedCell(const ParquetColumn& column, const nlohmann::ordered_json& value);

// DuckDB's type name for a column.
std::string DuckDbType(ParquetColumn::Type type);

// Writes `records` with `columns`, reads the file back with DuckDB and checks the schema,
// the per-chunk metadata (offsets, sizes, value and null counts, codec) and that the rows
// equal `expected_rows` (cells as ExpectedCell prints them). Returns the written file.
ParquetFile WriteAndVerify(const std::vector<ParquetColumn>& columns,
                           const std::vector<std::string>& records,
                           const std::vector<std::vector<nlohmann::json>>& expected_rows,
                           ParquetCompression compression = ParquetCompression::kSnappy);

// Expected rows straight from the records (every record accepted, no defaults involved).
std::vector<std::vector<nlohmann::json>> ExpectedRows(const std::vector<ParquetColumn>& columns,
                                                      const std::vector<std::string>& records);

}  // namespace disd::dump::testing
