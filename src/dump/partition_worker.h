// PartitionWorker: the delivery of one (task, partition). Each due round it
//  1. resolves where to start the first time (LATEST: the first record that arrived at or
//     after the task's creation; TRIM_HORIZON: the oldest retained record) and stores it;
//  2. counts records retention expired before delivery as discarded and skips them;
//  3. reads up to max_records_per_file / max_bytes_per_file after the committed offset,
//     records the batch's range and delivery time in the catalog (the "pending" batch),
//     writes it through the sink, then commits the new offset (Catalog::PutDelivery);
//     repeats while records remain. A pending batch found on start (a crash between
//     write and commit) is rewritten first, with the same range and time, so it lands
//     under the same object names;
//  4. on a sink failure keeps the batch pending and retries with backoff (RetryPolicy);
//     once retry_duration has passed the batch goes to the error location, the offset is
//     committed and the partition shows ABNORMAL with the reason until a later batch
//     reaches the sink again. If the error location fails too, nothing is committed.
//
// Thread-safety: used by the scheduler's round only (one thread at a time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "disd/dump/delivery_scheduler.h"
#include "disd/dump/task_spec.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"
#include "dump/retry_policy.h"
#include "dump/sink.h"

namespace disd::dump {

// What a worker needs of its task; owned by the task's TaskDelivery.
struct TaskRuntime {
  engine::TransferTaskMeta meta;
  TaskSpec spec;
  TaskSink sink;
  std::int64_t interval_ms = 0;
  RetryPolicy retry;
};

struct WorkerEnv {
  engine::Catalog& catalog;
  engine::PartitionLog& log;
  const DeliveryOptions& options;
};

class PartitionWorker {
 public:
  // `stored` is the partition's delivery state from the catalog, if any.
  PartitionWorker(std::int32_t partition, std::optional<engine::PartitionDelivery> stored,
                  const TaskRuntime& task, std::int64_t now_ms);

  // Runs the round if it is due at `now_ms`. kTransferTaskNotFound when the task was
  // deleted meanwhile (the caller drops the task); other errors are kept in the state.
  Status RunIfDue(const TaskRuntime& task, WorkerEnv& env, std::int64_t now_ms,
                  DeliveryRoundStats& stats);

  const engine::PartitionDelivery& state() const { return state_; }
  std::int64_t next_due_ms() const { return next_due_ms_; }

 private:
  Status Resolve(const TaskRuntime& task, WorkerEnv& env);
  Status Store(const TaskRuntime& task, WorkerEnv& env);
  // One batch: pending or fresh. Sets *more when another batch may follow at once.
  Status DeliverOne(const TaskRuntime& task, WorkerEnv& env, std::int64_t now_ms,
                    DeliveryRoundStats& stats, bool* more);
  Result<std::vector<engine::LogRecord>> ReadBatch(const TaskRuntime& task, WorkerEnv& env,
                                                   std::int64_t next_available);
  // A failed write: schedules a retry, or gives up to the error location.
  Status OnFailure(const TaskRuntime& task, WorkerEnv& env, const DeliveryBatch& batch,
                   const Error& error, std::int64_t now_ms, DeliveryRoundStats& stats);
  Status Commit(const TaskRuntime& task, WorkerEnv& env, const DeliveryBatch& batch,
                std::int64_t now_ms, engine::TransferTaskState state, std::string reason);

  engine::PartitionDelivery state_;
  std::int64_t next_due_ms_ = 0;
  int failures_ = 0;  // consecutive failed attempts of the pending batch
  std::int64_t first_failure_ms_ = -1;
};

}  // namespace disd::dump
