// Retention: deletes records older than each stream's retention period and moves
// scaled-down (DELETED) partitions to EXPIRED once everything they held has expired.
// Driven by the injected clock: the app calls RunOnce() on a timer; tests call it directly
// after advancing a ManualClock. Thread-safety: RunOnce may run concurrently with any
// Catalog/PartitionLog use; concurrent RunOnce calls are serialised internally.
#pragma once

#include <cstdint>
#include <mutex>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"

namespace disd::engine {

struct RetentionReport {
  std::int64_t records_deleted = 0;
  std::int32_t partitions_expired = 0;
};

class RetentionSweeper {
 public:
  RetentionSweeper(Catalog& catalog, PartitionLog& log, const Clock& clock)
      : catalog_(catalog), log_(log), clock_(clock) {}

  // One pass over every stream and partition.
  Result<RetentionReport> RunOnce();

 private:
  Catalog& catalog_;
  PartitionLog& log_;
  const Clock& clock_;
  std::mutex run_mu_;
};

}  // namespace disd::engine
