// PartitionStateTable: the committed state (first_valid, next, last arrival) of every
// partition the process has touched, loaded lazily from the partition_state column family,
// plus which stream internal ids are deleted.
//
// Only the engine's single writer (the holder of GroupCommitter's write token) changes a
// partition's state, and it publishes a state only after the write that persists it
// succeeded (expiry publishes first and restores on failure, see RocksPartitionLog). Readers
// therefore never see a `next` beyond what is committed.
//
// Deleted streams: an id below the id limit that is not live belongs to a deleted stream,
// and every lookup of it fails kStreamNotFound, so a late append can never write records
// (or resurrect partition state) under a deleted stream. Ids at or above the limit are
// unknown to the catalog and accepted.
//
// Thread-safety: every method may be called concurrently (one internal mutex).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/partition_log.h"
#include "engine/record_codec.h"
#include "engine/rocks_db.h"

namespace disd::engine {

class PartitionStateTable {
 public:
  explicit PartitionStateTable(RocksDb& db) : db_(db) {}

  // The committed state, read from storage on first use ({0, 0} for a partition nobody
  // wrote to). kStreamNotFound for a deleted stream, kInternal on storage failure.
  Result<PartitionState> Get(const PartitionRef& ref);
  // The cached state; nullopt if it was never loaded or the stream is deleted.
  std::optional<PartitionState> Peek(const PartitionRef& ref) const;
  bool IsDeleted(std::uint64_t stream_internal_id) const;

  // REQUIRES: the caller holds the write token.
  void Publish(const PartitionRef& ref, const PartitionState& state);

  // Sets the live ids and the id limit (the catalog's next internal id) at open.
  void ResetLiveness(const std::vector<std::uint64_t>& live_ids, std::uint64_t id_limit);
  void MarkCreated(std::uint64_t stream_internal_id);
  // Forgets every partition of the stream and refuses the id from now on.
  // REQUIRES: the caller holds the write token.
  void MarkDeleted(std::uint64_t stream_internal_id);

 private:
  bool IsDeletedLocked(std::uint64_t id) const { return id < id_limit_ && !live_.contains(id); }

  RocksDb& db_;
  mutable std::mutex mu_;
  // stream internal id -> partition -> state. GUARDED_BY(mu_)
  std::unordered_map<std::uint64_t, std::unordered_map<std::int32_t, PartitionState>> states_;
  std::unordered_set<std::uint64_t> live_;  // GUARDED_BY(mu_)
  std::uint64_t id_limit_ = 0;              // GUARDED_BY(mu_)
};

}  // namespace disd::engine
