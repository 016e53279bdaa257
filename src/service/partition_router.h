// Chooses the partition of each PutRecords entry: partition_id, then explicit_hash_key,
// then partition_key (PartitionKeyHash), else round-robin over the writable partitions.
// Thread-safety: pure function (the round-robin counter is passed in).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "disd/common/status.h"
#include "disd/engine/stream_meta.h"
#include "disd/service/record_service.h"

namespace disd::service {

struct RouteDecision {
  std::int32_t partition = -1;
  std::optional<Error> record_error;  // fails only this record (partition not writable)
};

// A request-level error (malformed partition_id or explicit_hash_key) names `index`.
Result<RouteDecision> RouteRecord(const engine::StreamMeta& stream, const PutRecordEntry& entry,
                                  std::size_t index, std::atomic<std::uint64_t>& round_robin);

}  // namespace disd::service
