// The hash space and its division over writable partitions (design.md, "Sequence numbers
// and routing"). Keys hash to 0..2^63-1 with the same function the Java producer uses, so
// client-side and server-side routing agree. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace disd {

inline constexpr std::uint64_t kMaxHashKey = 0x7fffffffffffffffULL;  // 2^63 - 1

struct HashRange {
  std::uint64_t lo = 0;
  std::uint64_t hi = 0;
};

// First 8 bytes of MD5(key), big-endian, masked to 63 bits.
std::uint64_t PartitionKeyHash(std::string_view key);

// The range partition `index` owns when `writable` partitions share the space:
// step = (2^63-1)/writable, [index*step + (index>0), (index+1)*step], the last one ending at
// 2^63-1. REQUIRES: 0 <= index < writable.
HashRange HashRangeFor(std::int32_t index, std::int32_t writable);

// The partition whose HashRangeFor contains `hash`. REQUIRES: writable > 0, hash <= 2^63-1.
std::int32_t PartitionForHash(std::uint64_t hash, std::int32_t writable);

// "[lo : hi]", the form describe shows.
std::string FormatHashRange(const HashRange& range);

}  // namespace disd
