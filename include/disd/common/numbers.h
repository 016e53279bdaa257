// Strict decimal parsing for values that arrive as text (query parameters, sequence
// numbers in JSON strings). Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace disd {

// Digits only, optional leading '-', no spaces or '+', must fit in int64.
std::optional<std::int64_t> ParseInt64(std::string_view text);

// Digits only, fits in uint64.
std::optional<std::uint64_t> ParseUint64(std::string_view text);

}  // namespace disd
