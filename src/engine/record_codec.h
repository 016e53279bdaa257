// Values of the records and partition_state column families.
//
// Record value: [flags u8][arrival_ms zigzag varint][timestamp delta zigzag varint, if
// kHasTimestamp][partition key (varint length + bytes), if kHasPartitionKey][data: the rest].
// The timestamp is stored as its difference to arrival_ms, so the usual record (producer
// time close to server time) costs one or two bytes. Unknown flag bits are rejected, which
// leaves room for later formats.
//
// Partition state value: [version u8 = 1][first_valid u64][next u64][last_arrival_ms i64],
// fixed-width big-endian.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace disd::engine {

// A decoded record value; the views point into the encoded bytes.
struct RecordView {
  std::int64_t arrival_ms = 0;
  std::int64_t timestamp_ms = 0;
  std::optional<std::string_view> partition_key;
  std::string_view data;
};

// Everything of the value but the data. The full value is header + data, so a large
// payload can be handed to the storage without first being copied into one string.
std::string EncodeRecordHeader(std::int64_t arrival_ms, std::int64_t timestamp_ms,
                               std::optional<std::string_view> partition_key);
std::string EncodeRecordValue(const RecordView& record);
std::optional<RecordView> DecodeRecordValue(std::string_view bytes);
// Only the arrival time (for binary searches; does not look at the rest).
std::optional<std::int64_t> DecodeRecordArrival(std::string_view bytes);

struct PartitionState {
  std::int64_t first_valid = 0;  // oldest sequence number not expired
  std::int64_t next = 0;         // the number the next record gets
  // Arrival time of the newest record ever appended (kept after it expires, so arrival
  // times stay monotonic); kNoArrival before the first append.
  std::int64_t last_arrival_ms = kNoArrival;
  static constexpr std::int64_t kNoArrival = std::numeric_limits<std::int64_t>::min();
  bool operator==(const PartitionState&) const = default;
};

std::string EncodePartitionState(const PartitionState& state);
std::optional<PartitionState> DecodePartitionState(std::string_view bytes);

}  // namespace disd::engine
