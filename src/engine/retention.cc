#include "disd/engine/retention.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace disd::engine {
namespace {

constexpr std::int64_t kMsPerHour = 3'600'000;

// True when a DELETED partition has been out of the write set for the whole retention
// period, so everything it held has expired.
bool DueToExpire(const PartitionMeta& p, std::int64_t retention_ms, std::int64_t now_ms) {
  return p.status == PartitionStatus::kDeleted && p.status_changed_ms + retention_ms <= now_ms;
}

}  // namespace

Result<RetentionReport> RetentionSweeper::RunOnce() {
  std::lock_guard run_lock(run_mu_);
  RetentionReport report;
  std::optional<Error> first_error;
  auto remember = [&](const Error& e) {
    if (!first_error) first_error = e;
  };

  for (const StreamSnapshot& stream : catalog_.ListAllStreams()) {
    const std::int64_t now = clock_.NowMs();
    const std::int64_t retention_ms =
        static_cast<std::int64_t>(std::max(stream->retention_hours, 0)) * kMsPerHour;
    const std::int64_t cutoff = now - retention_ms;
    bool stream_gone = false;
    // DELETED partitions due to expire whose data is gone: (index, status_changed_ms).
    std::vector<std::pair<std::int32_t, std::int64_t>> purged;

    for (const PartitionMeta& p : stream->partitions) {
      if (p.status == PartitionStatus::kExpired) continue;
      const bool due = DueToExpire(p, retention_ms, now);
      // A due partition's records all arrived by the time it left the write set.
      const std::int64_t partition_cutoff =
          due ? std::max(cutoff, p.status_changed_ms + 1) : cutoff;
      auto deleted = log_.ExpireBefore({stream->internal_id, p.index}, partition_cutoff);
      if (!deleted.ok()) {
        if (deleted.error().code == ErrorCode::kStreamNotFound) {
          stream_gone = true;  // deleted meanwhile; nothing left to do for it
          break;
        }
        remember(deleted.error());
        continue;
      }
      report.records_deleted += *deleted;
      if (due) purged.emplace_back(p.index, p.status_changed_ms);
    }
    if (stream_gone || purged.empty()) continue;

    std::int32_t expired = 0;
    auto updated = catalog_.MutateStream(
        stream->project_id, stream->name, [&](StreamMeta& meta) -> Status {
          expired = 0;
          // Re-check on the current meta: the stream may have been re-created, rescaled or
          // given a longer retention since the snapshot the purge was based on.
          if (meta.internal_id != stream->internal_id) return Status::Ok();
          const std::int64_t current_retention_ms =
              static_cast<std::int64_t>(std::max(meta.retention_hours, 0)) * kMsPerHour;
          for (PartitionMeta& p : meta.partitions) {
            const std::pair<std::int32_t, std::int64_t> key{p.index, p.status_changed_ms};
            if (std::find(purged.begin(), purged.end(), key) != purged.end() &&
                DueToExpire(p, std::max(retention_ms, current_retention_ms), now)) {
              p.status = PartitionStatus::kExpired;
              p.status_changed_ms = now;
              ++expired;
            }
          }
          return Status::Ok();
        });
    if (updated.ok()) {
      report.partitions_expired += expired;
    } else if (updated.error().code != ErrorCode::kStreamNotFound) {
      remember(updated.error());
    }
  }
  if (first_error) return *first_error;
  return report;
}

}  // namespace disd::engine
