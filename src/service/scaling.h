// Partition scaling rules as pure functions over a StreamMeta, so they can be tested
// without storage: which partitions change status, the recomputed hash ranges, and the
// scaling budget (operations per rolling hour). Thread-safety: pure functions.
#pragma once

#include <cstdint>

#include "disd/common/status.h"
#include "disd/engine/stream_meta.h"
#include "disd/service/service_options.h"

namespace disd::service {

// Sets the ACTIVE partitions' hash ranges to the even division over the writable set.
void AssignHashRanges(engine::StreamMeta& meta);

// kScalingRateExceeded if another scaling operation on `meta` at `now_ms` would pass the
// budget in `options`.
Status CheckScalingBudget(const engine::StreamMeta& meta, std::int64_t now_ms,
                          const ServiceOptions& options);

// Moves `meta` from its writable count to `target` (REQUIRES: target >= 1 and != current):
// scale-up revives partitions above the writable prefix lowest index first and then adds
// new ones; scale-down moves the highest ACTIVE partitions to DELETED. Recomputes hash
// ranges, appends the ScalingRecord and updates last_modified_ms.
void ApplyScaling(engine::StreamMeta& meta, std::int32_t target, std::int64_t now_ms,
                  bool auto_scale);

}  // namespace disd::service
