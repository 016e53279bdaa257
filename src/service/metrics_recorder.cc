#include "service/metrics_recorder.h"

namespace disd::service {

void MetricsRecorder::MoveToPending(const RowKey& key, Entry& entry) {
  if (!entry.current.IsZero()) {
    std::lock_guard lock(pending_mu_);
    pending_[{key.stream, key.partition, entry.minute}].Add(entry.current);
  }
  entry.current = {};
}

void MetricsRecorder::Add(std::uint64_t stream, std::int32_t partition, std::int64_t minute,
                          const engine::MetricsCounters& delta) {
  const RowKey key{stream, partition};
  while (true) {
    {
      // Shared while the entry is used, so Forget cannot free it under us.
      std::shared_lock map_lock(map_mu_);
      auto it = entries_.find(key);
      if (it != entries_.end()) {
        Entry& entry = *it->second;
        std::lock_guard lock(entry.mu);
        if (entry.minute != minute) {
          MoveToPending(key, entry);
          entry.minute = minute;
        }
        entry.current.Add(delta);
        entry.lifetime.Add(delta);
        return;
      }
    }
    std::unique_lock map_lock(map_mu_);  // first delta of this row: make its entry
    entries_.try_emplace(key, std::make_unique<Entry>());
  }
}

Status MetricsRecorder::Flush(std::int64_t now_minute, bool include_current) {
  std::unique_lock flush_lock(flush_mu_);
  {
    std::shared_lock map_lock(map_mu_);
    for (auto& [key, entry] : entries_) {
      std::lock_guard lock(entry->mu);
      if (include_current || entry->minute < now_minute) MoveToPending(key, *entry);
    }
  }
  std::map<PendingKey, engine::MetricsCounters> taken;
  {
    std::lock_guard lock(pending_mu_);
    taken.swap(pending_);
  }
  if (taken.empty()) return Status::Ok();
  std::vector<engine::MetricsRow> rows;
  rows.reserve(taken.size());
  for (const auto& [key, counters] : taken) {
    rows.push_back({std::get<0>(key), std::get<1>(key), {std::get<2>(key), counters}});
  }
  Status written = store_.Add(rows);
  if (!written.ok()) {
    std::lock_guard lock(pending_mu_);
    for (const auto& [key, counters] : taken) pending_[key].Add(counters);
  }
  return written;
}

Result<std::map<std::int64_t, engine::MetricsCounters>> MetricsRecorder::Read(
    std::uint64_t stream, std::int32_t partition, std::int64_t first_minute,
    std::int64_t last_minute) const {
  std::map<std::int64_t, engine::MetricsCounters> out;
  if (last_minute < first_minute) return out;
  std::shared_lock flush_lock(flush_mu_);
  auto stored = store_.Read(stream, partition, first_minute, last_minute);
  if (!stored.ok()) return stored.error();
  for (const auto& point : *stored) out[point.minute].Add(point.counters);

  std::shared_lock map_lock(map_mu_);
  auto it = entries_.find(RowKey{stream, partition});
  // The entry's lock, then pending's (the order MoveToPending takes them), so a minute
  // moving from one to the other is seen exactly once.
  std::unique_lock<std::mutex> entry_lock;
  if (it != entries_.end()) entry_lock = std::unique_lock(it->second->mu);
  {
    std::lock_guard lock(pending_mu_);
    for (auto p = pending_.lower_bound({stream, partition, first_minute});
         p != pending_.end() && p->first <= PendingKey{stream, partition, last_minute}; ++p) {
      out[std::get<2>(p->first)].Add(p->second);
    }
  }
  if (it != entries_.end()) {
    const Entry& entry = *it->second;
    if (entry.minute >= first_minute && entry.minute <= last_minute && !entry.current.IsZero()) {
      out[entry.minute].Add(entry.current);
    }
  }
  return out;
}

std::vector<std::pair<std::uint64_t, engine::MetricsCounters>> MetricsRecorder::Totals() const {
  std::map<std::uint64_t, engine::MetricsCounters> sums;
  std::shared_lock map_lock(map_mu_);
  for (const auto& [key, entry] : entries_) {
    std::lock_guard lock(entry->mu);
    sums[key.stream].Add(entry->lifetime);
  }
  return {sums.begin(), sums.end()};
}

void MetricsRecorder::Forget(const std::unordered_set<std::uint64_t>& live,
                             std::uint64_t max_listed) {
  auto gone = [&](std::uint64_t stream) { return stream <= max_listed && live.count(stream) == 0; };
  {
    std::unique_lock map_lock(map_mu_);
    std::erase_if(entries_, [&](const auto& entry) { return gone(entry.first.stream); });
  }
  std::lock_guard lock(pending_mu_);
  std::erase_if(pending_, [&](const auto& p) { return gone(std::get<0>(p.first)); });
}

}  // namespace disd::service
