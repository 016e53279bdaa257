// RocksPartitionLog: PartitionLog over the records and partition_state column families.
// Appends go through the GroupCommitter; reads take the committed state from the
// PartitionStateTable and then read RocksDB without any engine lock.
//
// Expiry deletes a prefix of a partition. A reader that raced with it can find the first
// records it expected gone; it then answers kRecordExpired, never a gap.
//
// The catalog of the same store uses the stream hooks at the end to keep the log's view of
// deleted streams current and to delete a stream's data in its own atomic write.
//
// Thread-safety: every method may be called concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <rocksdb/write_batch.h>

#include "disd/common/clock.h"
#include "disd/engine/partition_log.h"
#include "engine/group_commit.h"
#include "engine/partition_state_table.h"
#include "engine/rocks_db.h"

namespace disd::engine {

class RocksPartitionLog final : public PartitionLog {
 public:
  RocksPartitionLog(RocksDb& db, const Clock& clock)
      : db_(db), states_(db), committer_(db, states_, clock) {}

  Result<std::vector<std::int64_t>> Append(std::span<const PartitionAppend> batch) override;
  Result<ReadResult> Read(PartitionRef partition, std::int64_t from, std::size_t max_records,
                          std::size_t max_bytes) const override;
  Result<SequenceRange> Range(PartitionRef partition) const override;
  Result<std::int64_t> SeekArrivalTime(PartitionRef partition,
                                       std::int64_t timestamp_ms) const override;
  Result<std::optional<std::int64_t>> OldestArrivalTime(PartitionRef partition) const override;
  Result<std::int64_t> ExpireBefore(PartitionRef partition, std::int64_t cutoff_ms) override;

  // Stream hooks for RocksCatalog.
  void ResetLiveness(const std::vector<std::uint64_t>& live_ids, std::uint64_t id_limit) {
    states_.ResetLiveness(live_ids, id_limit);
  }
  void OnStreamCreated(std::uint64_t stream_internal_id) {
    states_.MarkCreated(stream_internal_id);
  }
  // Adds the deletion of every record and partition state of the stream to `batch` (which
  // holds the catalog's part), writes it with no append in flight and, once it is durable,
  // refuses the id from then on.
  Status DeleteStreamData(std::uint64_t stream_internal_id, rocksdb::WriteBatch& batch);

 private:
  // The first sequence number in [state.first_valid, state.next) whose arrival time is
  // >= timestamp_ms (state.next if none): a binary search of point lookups, O(log n).
  Result<std::int64_t> SearchArrival(const PartitionRef& ref, const PartitionState& state,
                                     std::int64_t timestamp_ms) const;
  // Arrival time of record `seq`, nullopt when it is gone (expired meanwhile).
  Result<std::optional<std::int64_t>> ArrivalAt(const PartitionRef& ref, std::int64_t seq) const;
  // Why records of [first_valid, next) were missing: kStreamNotFound if the stream was
  // deleted meanwhile, else kRecordExpired (expiry overtook the reader).
  Error VanishedWhileReading(const PartitionRef& ref) const;
  // The committed state (loaded on first use); kInvalidPartitionId for a negative index.
  Result<PartitionState> StateOf(const PartitionRef& ref) const;

  RocksDb& db_;
  // Mutable: a const read may load a partition's state into the cache.
  mutable PartitionStateTable states_;
  GroupCommitter committer_;
};

}  // namespace disd::engine
