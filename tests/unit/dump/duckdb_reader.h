// Test helper: reads a Parquet file back with DuckDB, an independent reader, through
// tests/tools/parquet-read.mjs (node + @duckdb/node-api, installed by
// scripts/install-test-tools.sh). A missing node or package is a test failure with a message
// saying how to install it, never a skip.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace disd::dump::testing {

// Writes `bytes` to a temporary file and returns what parquet-read.mjs prints for it
// ({file, schema, chunks, types, rows}); nullopt after recording a gtest failure when node,
// the package or DuckDB's read fails (DuckDB's message is in the failure).
std::optional<nlohmann::json> ReadWithDuckDb(const std::string& bytes);

}  // namespace disd::dump::testing
