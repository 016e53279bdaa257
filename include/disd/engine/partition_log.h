// PartitionLog: the per-partition append-only record logs.
//
// Contract:
// - Sequence numbers are per partition, dense, start at 0 and are never reused (not after
//   retention, scaling or restart).
// - Append is atomic per call and durable when it returns if the store was opened with
//   sync on (the default); concurrent appends are group-committed.
// - Readers see only committed records: a record is visible once its Append returned (or
//   is about to return) and never before.
// - A partition nobody wrote to yet has the range [0 : 0]; partitions need no creation.
//
// Thread-safety: every method may be called concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"

namespace disd::engine {

struct PartitionRef {
  std::uint64_t stream_internal_id = 0;
  std::int32_t partition = 0;
};

// One record to append. The views must stay valid for the duration of Append.
struct AppendRecord {
  std::string_view data;
  std::optional<std::string_view> partition_key;  // stored and returned only if given
  std::optional<std::int64_t> timestamp_ms;       // producer's; arrival time if absent
};

struct PartitionAppend {
  PartitionRef partition;
  std::span<const AppendRecord> records;  // appended in this order, consecutive numbers
};

struct LogRecord {
  std::int64_t sequence_number = 0;
  std::int64_t timestamp_ms = 0;    // producer timestamp, or arrival time
  std::int64_t arrival_ms = 0;      // server time of the append (monotonic per partition)
  std::optional<std::string> partition_key;
  std::string data;
};

struct SequenceRange {
  std::int64_t first_valid = 0;     // oldest record not expired
  std::int64_t next = 0;            // the number the next append will get
};

struct ReadResult {
  std::vector<LogRecord> records;
  // The sequence number after the last record returned (== from when none returned).
  std::int64_t next_sequence_number = 0;
};

class PartitionLog {
 public:
  virtual ~PartitionLog() = default;

  // Appends every group of `batch` in one atomic, (by default) synced write and returns the
  // first sequence number assigned to each group, index-aligned with `batch`. Arrival time
  // comes from the store's Clock. A partition may appear in several groups; its groups get
  // consecutive ranges in batch order.
  virtual Result<std::vector<std::int64_t>> Append(std::span<const PartitionAppend> batch) = 0;

  // Records with sequence numbers >= from, in order, at most max_records of them and at most
  // max_bytes of data (a record that would pass max_bytes is not returned, even if it is
  // the first). kRecordExpired if from < first_valid; from > next is returned as empty.
  virtual Result<ReadResult> Read(PartitionRef partition, std::int64_t from,
                                  std::size_t max_records, std::size_t max_bytes) const = 0;

  virtual Result<SequenceRange> Range(PartitionRef partition) const = 0;

  // The first sequence number whose arrival time is >= timestamp_ms, or `next` if none.
  virtual Result<std::int64_t> SeekArrivalTime(PartitionRef partition,
                                               std::int64_t timestamp_ms) const = 0;

  // Arrival time of the oldest retained record, nullopt when the partition holds none.
  virtual Result<std::optional<std::int64_t>> OldestArrivalTime(PartitionRef partition) const = 0;

  // Deletes (from storage, not merely hides) every record whose arrival time is older than
  // cutoff_ms and advances first_valid past them. Returns how many were deleted.
  virtual Result<std::int64_t> ExpireBefore(PartitionRef partition, std::int64_t cutoff_ms) = 0;
};

}  // namespace disd::engine
