#include "service/partition_router.h"

#include <string>

#include "disd/common/hash_range.h"
#include "disd/common/numbers.h"
#include "disd/common/partition_id.h"

namespace disd::service {

Result<RouteDecision> RouteRecord(const engine::StreamMeta& stream, const PutRecordEntry& entry,
                                  std::size_t index, std::atomic<std::uint64_t>& round_robin) {
  RouteDecision decision;
  const std::int32_t writable = stream.WritablePartitionCount();
  if (entry.partition_id && !entry.partition_id->empty()) {
    auto id = ParsePartitionId(*entry.partition_id);
    if (!id) {
      return MakeError(ErrorCode::kInvalidPartitionId,
                       "[records[" + std::to_string(index) + "].partition_id '" +
                           *entry.partition_id + "']");
    }
    decision.partition = *id;
    if (*id >= static_cast<std::int32_t>(stream.partitions.size())) {
      decision.record_error = MakeError(ErrorCode::kPartitionNotFound,
                                        "[" + FormatPartitionId(*id) + "][" + stream.name + "]");
    } else if (stream.partitions[*id].status != engine::PartitionStatus::kActive) {
      decision.record_error = MakeError(ErrorCode::kPartitionExpired,
                                        "[" + FormatPartitionId(*id) + "][" + stream.name +
                                            "] is not writable");
    }
    return decision;
  }
  if (writable == 0) {
    decision.record_error = MakeError(ErrorCode::kPartitionNotFound, "[no writable partition]");
    return decision;
  }
  if (entry.explicit_hash_key && !entry.explicit_hash_key->empty()) {
    auto hash = ParseUint64(*entry.explicit_hash_key);
    if (!hash || *hash > kMaxHashKey) {
      return MakeError(ErrorCode::kInvalidRequest,
                       "[records[" + std::to_string(index) +
                           "].explicit_hash_key must be a decimal in 0..9223372036854775807]");
    }
    decision.partition = PartitionForHash(*hash, writable);
    return decision;
  }
  if (entry.partition_key && !entry.partition_key->empty()) {
    decision.partition = PartitionForHash(PartitionKeyHash(*entry.partition_key), writable);
    return decision;
  }
  decision.partition = static_cast<std::int32_t>(
      round_robin.fetch_add(1, std::memory_order_relaxed) % static_cast<std::uint64_t>(writable));
  return decision;
}

}  // namespace disd::service
