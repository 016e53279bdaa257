#include "disd/engine/stream_meta.h"

#include <algorithm>

namespace disd::engine {

std::int32_t StreamMeta::WritablePartitionCount() const {
  return static_cast<std::int32_t>(
      std::count_if(partitions.begin(), partitions.end(),
                    [](const PartitionMeta& p) { return p.status == PartitionStatus::kActive; }));
}

std::int32_t StreamMeta::ReadablePartitionCount() const {
  return static_cast<std::int32_t>(
      std::count_if(partitions.begin(), partitions.end(),
                    [](const PartitionMeta& p) { return p.status != PartitionStatus::kExpired; }));
}

}  // namespace disd::engine
