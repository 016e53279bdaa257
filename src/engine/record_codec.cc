#include "engine/record_codec.h"

#include "engine/byte_codec.h"

namespace disd::engine {
namespace {

constexpr std::uint8_t kHasTimestamp = 0x01;
constexpr std::uint8_t kHasPartitionKey = 0x02;
constexpr std::uint8_t kKnownFlags = kHasTimestamp | kHasPartitionKey;

constexpr std::uint8_t kPartitionStateVersion = 1;

// Wrapping difference and sum, so extreme producer timestamps cannot overflow.
std::int64_t WrapSub(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) - static_cast<std::uint64_t>(b));
}
std::int64_t WrapAdd(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

}  // namespace

std::string EncodeRecordHeader(std::int64_t arrival_ms, std::int64_t timestamp_ms,
                               std::optional<std::string_view> partition_key) {
  std::string out;
  out.reserve(16 + (partition_key ? partition_key->size() : 0));
  ByteWriter w(out);
  std::uint8_t flags = 0;
  if (timestamp_ms != arrival_ms) flags |= kHasTimestamp;
  if (partition_key) flags |= kHasPartitionKey;
  w.PutU8(flags);
  w.PutSignedVarint(arrival_ms);
  if (flags & kHasTimestamp) w.PutSignedVarint(WrapSub(timestamp_ms, arrival_ms));
  if (partition_key) w.PutString(*partition_key);
  return out;
}

std::string EncodeRecordValue(const RecordView& record) {
  std::string out = EncodeRecordHeader(record.arrival_ms, record.timestamp_ms,
                                       record.partition_key);
  out.append(record.data);
  return out;
}

std::optional<RecordView> DecodeRecordValue(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t flags = 0;
  RecordView record;
  if (!r.GetU8(flags) || (flags & ~kKnownFlags) != 0) return std::nullopt;
  if (!r.GetSignedVarint(record.arrival_ms)) return std::nullopt;
  record.timestamp_ms = record.arrival_ms;
  if (flags & kHasTimestamp) {
    std::int64_t delta = 0;
    if (!r.GetSignedVarint(delta)) return std::nullopt;
    record.timestamp_ms = WrapAdd(record.arrival_ms, delta);
  }
  if (flags & kHasPartitionKey) {
    std::string_view key;
    if (!r.GetStringView(key)) return std::nullopt;
    record.partition_key = key;
  }
  record.data = r.rest();
  return record;
}

std::optional<std::int64_t> DecodeRecordArrival(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t flags = 0;
  std::int64_t arrival = 0;
  if (!r.GetU8(flags) || (flags & ~kKnownFlags) != 0 || !r.GetSignedVarint(arrival)) {
    return std::nullopt;
  }
  return arrival;
}

std::string EncodePartitionState(const PartitionState& state) {
  std::string out;
  out.reserve(25);
  ByteWriter w(out);
  w.PutU8(kPartitionStateVersion);
  w.PutFixed64(static_cast<std::uint64_t>(state.first_valid));
  w.PutFixed64(static_cast<std::uint64_t>(state.next));
  w.PutFixed64(static_cast<std::uint64_t>(state.last_arrival_ms));
  return out;
}

std::optional<PartitionState> DecodePartitionState(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t version = 0;
  std::uint64_t first_valid = 0, next = 0, last_arrival = 0;
  if (!r.GetU8(version) || version != kPartitionStateVersion) return std::nullopt;
  r.GetFixed64(first_valid);
  r.GetFixed64(next);
  r.GetFixed64(last_arrival);
  if (!r.AtEnd()) return std::nullopt;
  PartitionState state{static_cast<std::int64_t>(first_valid), static_cast<std::int64_t>(next),
                       static_cast<std::int64_t>(last_arrival)};
  if (state.first_valid < 0 || state.next < state.first_valid) return std::nullopt;
  return state;
}

}  // namespace disd::engine
