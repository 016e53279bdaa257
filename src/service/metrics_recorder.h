// MetricsRecorder: the in-memory half of the monitoring figures. The request path adds
// counter deltas to the current minute of a (stream, partition) row; when a row sees a
// later minute, its finished minute moves to a pending list, and Flush hands pending (and,
// at shutdown, current) minutes to the MetricsStore, which adds them to what it holds. A
// read merges the store with what is still in memory, so figures are exact at any time and
// across a graceful restart (the store adds a re-opened minute to the saved one).
//
// Cost on the request path: a shared-lock map lookup (exclusive only the first time a row
// is seen) and one uncontended per-row mutex around a few additions; the store is never
// touched there.
//
// Thread-safety: every method may be called concurrently. Lock order: flush_mu_, map_mu_,
// Entry::mu, pending_mu_.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "disd/engine/metrics_store.h"

namespace disd::service {

class MetricsRecorder {
 public:
  // `store` must outlive the recorder.
  explicit MetricsRecorder(engine::MetricsStore& store) : store_(store) {}

  // Adds `delta` to minute `minute` of the row (stream, partition).
  void Add(std::uint64_t stream, std::int32_t partition, std::int64_t minute,
           const engine::MetricsCounters& delta);

  // Writes every finished minute (before `now_minute`) still in memory to the store; with
  // `include_current` also the minutes in progress (shutdown). On a store error nothing is
  // lost: the minutes stay pending for the next flush.
  Status Flush(std::int64_t now_minute, bool include_current);

  // The row's minutes in [first_minute, last_minute] with any traffic, stored and in
  // memory combined.
  Result<std::map<std::int64_t, engine::MetricsCounters>> Read(std::uint64_t stream,
                                                               std::int32_t partition,
                                                               std::int64_t first_minute,
                                                               std::int64_t last_minute) const;

  // Everything recorded since construction, per stream (all rows summed), ascending ids.
  std::vector<std::pair<std::uint64_t, engine::MetricsCounters>> Totals() const;

  // Drops the rows of streams that no longer exist: every stream id not in `live` and not
  // above `max_listed` (a stream created after the caller listed the live ones has a
  // larger id and is kept). Their unflushed minutes are discarded with them.
  void Forget(const std::unordered_set<std::uint64_t>& live, std::uint64_t max_listed);

 private:
  struct RowKey {
    std::uint64_t stream = 0;
    std::int32_t partition = 0;
    bool operator==(const RowKey&) const = default;
  };
  struct RowKeyHash {
    std::size_t operator()(const RowKey& k) const {
      return std::hash<std::uint64_t>()(k.stream * 1000003u ^
                                        static_cast<std::uint32_t>(k.partition));
    }
  };
  struct Entry {
    std::mutex mu;
    std::int64_t minute = 0;           // GUARDED_BY(mu); of `current`
    engine::MetricsCounters current;   // GUARDED_BY(mu)
    engine::MetricsCounters lifetime;  // GUARDED_BY(mu)
  };
  // (stream, partition, minute), ordered like the store's keys.
  using PendingKey = std::tuple<std::uint64_t, std::int32_t, std::int64_t>;

  // REQUIRES: entry.mu held. Moves the entry's current minute to pending_.
  void MoveToPending(const RowKey& key, Entry& entry);

  engine::MetricsStore& store_;
  // Queries hold it shared so a flush never moves minutes between the store and memory
  // while they read both; flushes hold it exclusively. The request path never takes it.
  mutable std::shared_mutex flush_mu_;
  mutable std::shared_mutex map_mu_;
  std::unordered_map<RowKey, std::unique_ptr<Entry>, RowKeyHash> entries_;  // GUARDED_BY(map_mu_)
  mutable std::mutex pending_mu_;
  std::map<PendingKey, engine::MetricsCounters> pending_;  // GUARDED_BY(pending_mu_)
};

}  // namespace disd::service
