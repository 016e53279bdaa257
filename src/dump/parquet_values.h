// The value a Parquet column stores for one JSON value of a record: the conversion rules of
// docs/dump-tasks.md ("Parquet files"), shared by the writer and the schema mapping (which
// checks Avro defaults with them).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "dump/parquet_writer.h"

namespace disd::dump {

// std::monostate is null; kString, kBytes and kJson columns hold std::string.
using ColumnValue =
    std::variant<std::monostate, bool, std::int32_t, std::int64_t, float, double, std::string>;

// `value` converted for `column`, or nullopt when the column cannot hold it (wrong JSON type,
// out of range, or null for a required column).
std::optional<ColumnValue> ConvertJsonValue(const ParquetColumn& column,
                                            const nlohmann::ordered_json& value);

}  // namespace disd::dump
