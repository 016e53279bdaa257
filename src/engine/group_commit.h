// GroupCommitter: the engine's single write path (leveldb-style group commit).
//
// Appenders queue up. The writer at the front becomes the leader once the write token is
// free: it takes the queued appends (up to kMaxGroupBytes, always at least its own),
// assigns their sequence numbers and arrival times from the committed partition states,
// writes every record plus the new partition states in one WriteBatch (synced if the store
// syncs) without holding the queue lock, then publishes the new states and wakes the
// followers with their results. If the write fails nothing is published, so the numbers it
// assigned are handed out again, and every append of the group fails.
//
// Other writes that must not interleave with appends (expiry, stream deletion) run through
// RunExclusive, which takes the same token; a waiting exclusive operation goes before the
// next append group so it cannot be starved.
//
// Thread-safety: every method may be called concurrently.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/engine/partition_log.h"
#include "engine/partition_state_table.h"
#include "engine/rocks_db.h"

namespace disd::engine {

class GroupCommitter {
 public:
  // Bytes of record data (plus a small per-record overhead) one group may carry.
  static constexpr std::size_t kMaxGroupBytes = 64u << 20;

  GroupCommitter(RocksDb& db, PartitionStateTable& states, const Clock& clock)
      : db_(db), states_(states), clock_(clock) {}

  // PartitionLog::Append. REQUIRES: every partition of `batch` is >= 0 and its state was
  // loaded into `states` (PartitionStateTable::Get) before the call.
  Result<std::vector<std::int64_t>> Append(std::span<const PartitionAppend> batch);

  // Runs `op` while holding the write token: no append group is in flight and none starts
  // until it returns.
  Status RunExclusive(const std::function<Status()>& op);

 private:
  struct Writer;

  // The leader's work for one group, called without mu_ held.
  void CommitGroup(std::span<Writer* const> group);
  // REQUIRES: mu_ held. Wakes whoever may take the token next.
  void WakeNextLocked();

  RocksDb& db_;
  PartitionStateTable& states_;
  const Clock& clock_;

  std::mutex mu_;
  std::deque<Writer*> writers_;      // GUARDED_BY(mu_): queued appends, leader's group first
  bool busy_ = false;                // GUARDED_BY(mu_): someone holds the write token
  int exclusive_waiting_ = 0;        // GUARDED_BY(mu_)
  std::condition_variable idle_cv_;  // exclusive operations wait here for the token
};

}  // namespace disd::engine
