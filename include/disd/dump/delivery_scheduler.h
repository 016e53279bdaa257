// DeliveryScheduler: runs every transfer task's delivery, one worker per (task, partition).
// A worker reads the records after the partition's committed offset (starting where
// consumer_strategy says), writes them as one file through the task's sink every
// deliver_time_interval, then commits the new offset (Catalog::PutDelivery). No records, no
// file. File names derive from stream, partition and offset range, so a retry after a
// crash between the write and the commit overwrites instead of duplicating.
//
// Time comes from the injected clock only: RunOnce() does every piece of work that is due
// at the clock's current instant and returns when it is done, which is what tests and the
// manual clock's advance endpoint call. In production the composition root calls RunOnce()
// from a timer.
//
// Thread-safety: RunOnce() may be called from any thread; concurrent calls are serialised.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/dump/destinations.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"

namespace spdlog {
class logger;
}

namespace disd::dump {

struct DeliveryOptions {
  // Divides every task's deliver_time_interval (and retry backoff) for emulator use; 1 =
  // the intervals the tasks ask for. The API still enforces 30-900 s.
  std::int32_t interval_divisor = 1;
  // Records per file at most (a larger backlog becomes several files).
  std::int32_t max_records_per_file = 100000;
  std::int64_t max_bytes_per_file = 64ll << 20;
  // First retry delay after a failed write; doubles per failure up to max_backoff_ms.
  std::int64_t initial_backoff_ms = 1000;
  std::int64_t max_backoff_ms = 60000;
  // Task state changes and failed rounds are logged here; null = silent.
  std::shared_ptr<spdlog::logger> logger;
  // Test-only fault: the process exits at once (no cleanup, like SIGKILL) after the first
  // successful sink write, before the offset commit. Set from DISD_FAULT_CRASH_AFTER_SINK_WRITE
  // by the composition root; never in production.
  bool crash_after_sink_write = false;
};

struct DeliveryRoundStats {
  std::int64_t files_written = 0;
  std::int64_t records_delivered = 0;
  std::int64_t failures = 0;
};

class DeliveryScheduler {
 public:
  virtual ~DeliveryScheduler() = default;
  // Runs every delivery that is due now. Errors are recorded in the tasks' delivery state
  // (and their state: ABNORMAL), never returned.
  virtual DeliveryRoundStats RunOnce() = 0;
  // Records not yet delivered, summed over the task's partitions (for the dump-lag metric).
  virtual std::int64_t PendingRecords(std::string_view task_id) = 0;
};

// Everything must outlive the scheduler. `data_dir` resolves local object-store roots.
std::unique_ptr<DeliveryScheduler> MakeDeliveryScheduler(engine::Catalog& catalog,
                                                         engine::PartitionLog& log,
                                                         const Clock& clock,
                                                         const DestinationRegistry& destinations,
                                                         std::string data_dir,
                                                         const DeliveryOptions& options);

}  // namespace disd::dump
