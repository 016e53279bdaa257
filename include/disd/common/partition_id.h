// Partition ids: disd prints "shardId-%010d" and accepts that or the bare number ("0")
// everywhere a client sends one. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace disd {

// "shardId-0000000007" for 7. REQUIRES: index >= 0.
std::string FormatPartitionId(std::int32_t index);

// 7 for "shardId-0000000007", "shardId-7" or "7"; nullopt for anything else (signs,
// spaces, other prefixes, values above INT32_MAX).
std::optional<std::int32_t> ParsePartitionId(std::string_view text);

}  // namespace disd
