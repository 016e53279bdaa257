// Storage keys of the RocksDB engine. Every integer is big-endian and fixed-width, so the
// byte order of keys is the numeric order of their fields (RocksDB's default bytewise
// comparator then sorts records by stream, partition, sequence number).
//
//   records          [stream internal id u64][partition u32][sequence u64]       20 bytes
//   partition_state  [stream internal id u64][partition u32]                     12 bytes
//   catalog          [kind u8][kind-specific suffix]
//
// The catalog keyspace is shared by every kind of catalog data; each kind owns one prefix
// byte (see CatalogKind), so new kinds never collide with old ones.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace disd::engine {

inline constexpr std::size_t kRecordKeySize = 20;
inline constexpr std::size_t kPartitionStateKeySize = 12;

// The fields of a records key. Partitions are never negative (the log rejects them); the
// partition is stored as the same bits in a u32.
struct RecordKey {
  std::uint64_t stream_internal_id = 0;
  std::int32_t partition = 0;
  std::uint64_t sequence = 0;
  bool operator==(const RecordKey&) const = default;
};

std::string EncodeRecordKey(const RecordKey& key);
std::optional<RecordKey> DecodeRecordKey(std::string_view bytes);

// The first key of a stream's records (and partition states): [id][0...]. The range
// [StreamKeyPrefix(id), StreamKeyPrefix(id + 1)) holds exactly that stream's keys in both
// the records and the partition_state column families.
std::string StreamKeyPrefix(std::uint64_t stream_internal_id);

std::string EncodePartitionStateKey(std::uint64_t stream_internal_id, std::int32_t partition);

// Prefix byte of each kind of catalog entry. Values are persisted: never renumber.
enum class CatalogKind : std::uint8_t {
  kCounter = 0x01,  // [kind][counter name] -> u64 big-endian
  kStream = 0x02,   // [kind][internal id u64] -> StreamMeta codec
  kApp = 0x03,      // [kind][app internal id u64] -> AppMeta codec
  // [kind][app internal id u64][stream internal id u64][partition u32] -> Checkpoint codec
  kCheckpoint = 0x04,
  // [kind][stream internal id u64][task internal id u64] -> TransferTaskMeta codec
  kTransferTask = 0x05,
  // [kind][task internal id u64][partition u32] -> PartitionDelivery codec
  kTransferDelivery = 0x06,
};

inline constexpr std::string_view kInternalIdCounter = "stream_internal_id";
inline constexpr std::string_view kAppInternalIdCounter = "app_internal_id";
inline constexpr std::string_view kTransferTaskInternalIdCounter = "transfer_task_internal_id";
inline constexpr std::size_t kCheckpointKeySize = 1 + 8 + 8 + 4;

std::string EncodeCounterKey(std::string_view counter_name);
std::string EncodeStreamMetaKey(std::uint64_t stream_internal_id);
std::string EncodeAppKey(std::uint64_t app_internal_id);

// Checkpoint keys. The prefixes select all checkpoints of an app, or of an app on one
// stream; [prefix, PrefixEnd(prefix)) is exactly that set.
std::string EncodeCheckpointKey(std::uint64_t app_internal_id, std::uint64_t stream_internal_id,
                                std::int32_t partition);
std::string CheckpointAppPrefix(std::uint64_t app_internal_id);
std::string CheckpointStreamPrefix(std::uint64_t app_internal_id,
                                   std::uint64_t stream_internal_id);
struct CheckpointKey {
  std::uint64_t app_internal_id = 0;
  std::uint64_t stream_internal_id = 0;
  std::int32_t partition = 0;
  bool operator==(const CheckpointKey&) const = default;
};
std::optional<CheckpointKey> DecodeCheckpointKey(std::string_view bytes);
// Transfer-task keys. TransferTaskStreamPrefix selects every task of a stream and
// TransferDeliveryTaskPrefix every delivery state of a task; [prefix, PrefixEnd(prefix)) is
// exactly that set.
inline constexpr std::size_t kTransferTaskKeySize = 1 + 8 + 8;
inline constexpr std::size_t kTransferDeliveryKeySize = 1 + 8 + 4;
std::string EncodeTransferTaskKey(std::uint64_t stream_internal_id,
                                  std::uint64_t task_internal_id);
std::string TransferTaskStreamPrefix(std::uint64_t stream_internal_id);
std::string EncodeTransferDeliveryKey(std::uint64_t task_internal_id, std::int32_t partition);
std::string TransferDeliveryTaskPrefix(std::uint64_t task_internal_id);
struct TransferDeliveryKey {
  std::uint64_t task_internal_id = 0;
  std::int32_t partition = 0;
  bool operator==(const TransferDeliveryKey&) const = default;
};
std::optional<TransferDeliveryKey> DecodeTransferDeliveryKey(std::string_view bytes);

// The smallest key greater than every key that starts with `prefix` (REQUIRES: `prefix`
// is not all 0xff bytes).
std::string PrefixEnd(std::string_view prefix);
// The smallest key of `kind` and the smallest key after all keys of `kind`.
std::string CatalogKindBegin(CatalogKind kind);
std::string CatalogKindEnd(CatalogKind kind);

}  // namespace disd::engine
