#include "disd/common/partition_id.h"

#include <charconv>
#include <cstdio>

namespace disd {

std::string FormatPartitionId(std::int32_t index) {
  char buf[32];
  int n = std::snprintf(buf, sizeof(buf), "shardId-%010d", index);
  return std::string(buf, static_cast<std::size_t>(n));
}

std::optional<std::int32_t> ParsePartitionId(std::string_view text) {
  constexpr std::string_view kPrefix = "shardId-";
  if (text.starts_with(kPrefix)) text.remove_prefix(kPrefix.size());
  if (text.empty() || text.size() > 10) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value > INT32_MAX) {
    return std::nullopt;
  }
  return static_cast<std::int32_t>(value);
}

}  // namespace disd
