#include "service/scaling.h"

#include <string>

#include "disd/common/hash_range.h"

namespace disd::service {

namespace {
constexpr std::int64_t kHourMs = 3600 * 1000;
}

void AssignHashRanges(engine::StreamMeta& meta) {
  const std::int32_t writable = meta.WritablePartitionCount();
  for (auto& p : meta.partitions) {
    if (p.status != engine::PartitionStatus::kActive) continue;
    HashRange r = HashRangeFor(p.index, writable);
    p.hash_lo = r.lo;
    p.hash_hi = r.hi;
  }
}

Status CheckScalingBudget(const engine::StreamMeta& meta, std::int64_t now_ms,
                          const ServiceOptions& options) {
  std::int32_t recent = 0;
  for (const auto& op : meta.scaling_log) {
    if (op.create_timestamp_ms > now_ms - kHourMs && op.result_code == 0) ++recent;
  }
  if (options.scaling_cooldown_after_success && recent > 0) {
    return MakeError(ErrorCode::kScalingRateExceeded,
                     "[a scaling operation succeeded within the last hour; no other is allowed "
                     "until an hour has passed]");
  }
  if (options.scaling_ops_per_hour > 0 && recent >= options.scaling_ops_per_hour) {
    return MakeError(ErrorCode::kScalingRateExceeded,
                     "[at most " + std::to_string(options.scaling_ops_per_hour) +
                         " scaling operations per stream per hour]");
  }
  return Status::Ok();
}

void ApplyScaling(engine::StreamMeta& meta, std::int32_t target, std::int64_t now_ms,
                  bool auto_scale) {
  const std::int32_t current = meta.WritablePartitionCount();
  if (target > current) {
    for (std::int32_t i = current; i < target; ++i) {
      if (i < static_cast<std::int32_t>(meta.partitions.size())) {
        meta.partitions[i].status = engine::PartitionStatus::kActive;
        meta.partitions[i].status_changed_ms = now_ms;
      } else {
        engine::PartitionMeta p;
        p.index = i;
        p.status = engine::PartitionStatus::kActive;
        p.status_changed_ms = now_ms;
        meta.partitions.push_back(p);
      }
    }
  } else {
    for (std::int32_t i = target; i < current; ++i) {
      meta.partitions[i].status = engine::PartitionStatus::kDeleted;
      meta.partitions[i].status_changed_ms = now_ms;
    }
  }
  AssignHashRanges(meta);
  engine::ScalingRecord record;
  record.create_timestamp_ms = now_ms;
  record.src_partition_count = current;
  record.target_partition_count = target;
  record.result_code = 0;
  record.result_msg = "success";
  record.auto_scale = auto_scale;
  meta.scaling_log.push_back(record);
  meta.last_modified_ms = now_ms;
}

}  // namespace disd::service
