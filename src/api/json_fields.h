// Typed reads of request-body fields with the leniency the SDKs need: null and absent are
// the same, integers may arrive as JSON strings (Jackson coerces them), and Go's empty
// strings for unset optional fields count as absent where noted. Wrong types answer
// kInvalidRequest naming the field. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "disd/common/status.h"
#include "disd/engine/stream_meta.h"

namespace disd::api {

Result<std::optional<std::string>> OptionalString(const nlohmann::json& object, std::string_view key);
Result<std::optional<std::int64_t>> OptionalInt(const nlohmann::json& object, std::string_view key);
Result<std::optional<bool>> OptionalBool(const nlohmann::json& object, std::string_view key);

// Present and non-empty, else kInvalidRequest "[key is required]".
Result<std::string> RequiredString(const nlohmann::json& object, std::string_view key);
Result<std::int64_t> RequiredInt(const nlohmann::json& object, std::string_view key);

// An array of strings (absent/null = empty; empty strings are dropped, as Go sends them
// for unset entries).
Result<std::vector<std::string>> OptionalStringArray(const nlohmann::json& object,
                                                     std::string_view key);

// An array of {"key","value"} objects (absent/null = empty).
Result<std::vector<engine::Tag>> OptionalTags(const nlohmann::json& object, std::string_view key);

}  // namespace disd::api
