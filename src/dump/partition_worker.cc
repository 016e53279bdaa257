#include "dump/partition_worker.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "disd/common/error_table.h"

namespace disd::dump {
namespace {

using engine::TransferTaskState;

// The exit status of the test-only crash fault (128 + SIGKILL, as a killed process shows).
constexpr int kCrashExitCode = 137;

std::string Reason(const Error& error) {
  return std::string(DescribeError(error.code).dis_code) + " " + FormatErrorMessage(error);
}

}  // namespace

PartitionWorker::PartitionWorker(std::int32_t partition,
                                 std::optional<engine::PartitionDelivery> stored,
                                 const TaskRuntime& task, std::int64_t now_ms) {
  if (stored) state_ = std::move(*stored);
  state_.partition = partition;
  const std::int64_t last = state_.last_transfer_timestamp_ms > 0
                                ? state_.last_transfer_timestamp_ms
                                : task.meta.create_time_ms;
  // Never later than one interval from now (the clock may have been set back).
  next_due_ms_ = std::min(last + task.interval_ms, now_ms + task.interval_ms);
  if (state_.pending_last_sequence >= 0) next_due_ms_ = now_ms;  // finish a crashed batch
}

Status PartitionWorker::Store(const TaskRuntime& task, WorkerEnv& env) {
  return env.catalog.PutDelivery(task.meta.task_id, state_);
}

Status PartitionWorker::Resolve(const TaskRuntime& task, WorkerEnv& env) {
  const engine::PartitionRef ref{task.meta.stream_internal_id, state_.partition};
  if (task.spec.common.consumer_strategy == ConsumerStrategy::kTrimHorizon) {
    auto range = env.log.Range(ref);
    if (!range.ok()) return range.status();
    state_.next_sequence = range->first_valid;
  } else {
    auto first = env.log.SeekArrivalTime(ref, task.meta.create_time_ms);
    if (!first.ok()) return first.status();
    state_.next_sequence = *first;
  }
  state_.state = TransferTaskState::kRunning;
  state_.state_reason.clear();
  return Store(task, env);
}

Status PartitionWorker::RunIfDue(const TaskRuntime& task, WorkerEnv& env, std::int64_t now_ms,
                                 DeliveryRoundStats& stats) {
  if (state_.next_sequence < 0) {
    Status resolved = Resolve(task, env);
    if (!resolved.ok()) {
      state_.next_sequence = -1;
      return resolved.code() == ErrorCode::kTransferTaskNotFound ? resolved : Status::Ok();
    }
  }
  if (now_ms < next_due_ms_) return Status::Ok();

  const engine::PartitionRef ref{task.meta.stream_internal_id, state_.partition};
  auto range = env.log.Range(ref);
  if (!range.ok()) return Status::Ok();  // retried next round
  if (state_.next_sequence < range->first_valid) {
    // Retention expired records this task never delivered: count them, skip them.
    state_.discarded_records += range->first_valid - state_.next_sequence;
    state_.next_sequence = range->first_valid;
    if (state_.pending_last_sequence >= 0 && state_.pending_last_sequence < range->first_valid) {
      state_.pending_last_sequence = -1;
    }
    DISD_RETURN_IF_ERROR(Store(task, env));
  }
  next_due_ms_ = now_ms + task.interval_ms;
  bool more = true;
  while (more) {
    more = false;
    DISD_RETURN_IF_ERROR(DeliverOne(task, env, now_ms, stats, &more));
  }
  return Status::Ok();
}

Result<std::vector<engine::LogRecord>> PartitionWorker::ReadBatch(const TaskRuntime& task,
                                                                  WorkerEnv& env,
                                                                  std::int64_t next_available) {
  const engine::PartitionRef ref{task.meta.stream_internal_id, state_.partition};
  const std::int64_t from = state_.next_sequence;
  std::size_t max_records = static_cast<std::size_t>(std::max(1, env.options.max_records_per_file));
  std::size_t max_bytes =
      static_cast<std::size_t>(std::max<std::int64_t>(1, env.options.max_bytes_per_file));
  if (state_.pending_last_sequence >= 0) {  // exactly the recorded batch
    max_records = static_cast<std::size_t>(state_.pending_last_sequence - from + 1);
    max_bytes = std::numeric_limits<std::size_t>::max();
  }
  auto read = env.log.Read(ref, from, max_records, max_bytes);
  if (!read.ok()) return read.error();
  if (read->records.empty() && from < next_available) {
    // The next record alone is larger than max_bytes_per_file: it gets a file of its own.
    read = env.log.Read(ref, from, 1, std::numeric_limits<std::size_t>::max());
    if (!read.ok()) return read.error();
  }
  return std::move(read->records);
}

Status PartitionWorker::DeliverOne(const TaskRuntime& task, WorkerEnv& env, std::int64_t now_ms,
                                   DeliveryRoundStats& stats, bool* more) {
  const engine::PartitionRef ref{task.meta.stream_internal_id, state_.partition};
  auto range = env.log.Range(ref);
  if (!range.ok()) return Status::Ok();
  if (state_.pending_last_sequence >= 0 && state_.pending_last_sequence < state_.next_sequence) {
    state_.pending_last_sequence = -1;  // nothing of it left to write
  }
  const bool pending = state_.pending_last_sequence >= 0;
  if (!pending && state_.next_sequence >= range->next) return Status::Ok();  // no records, no file

  auto records = ReadBatch(task, env, range->next);
  if (!records.ok() || records->empty()) return Status::Ok();  // expired meanwhile: next round
  if (!pending) {
    // Record the batch before writing it, so a crash before the commit rewrites it alike.
    state_.pending_last_sequence = records->back().sequence_number;
    state_.pending_time_ms = now_ms;
    DISD_RETURN_IF_ERROR(Store(task, env));
  }
  DeliveryBatch batch;
  batch.stream_name = task.meta.stream_name;
  batch.partition = state_.partition;
  batch.first_sequence = state_.next_sequence;
  batch.last_sequence = records->back().sequence_number;
  batch.delivery_time_ms = state_.pending_time_ms;
  batch.records = &*records;

  auto written = task.sink.sink->Write(batch);
  if (written.ok() && !written->rejected.empty()) {
    Status rejected =
        task.sink.errors.Write(batch, &written->rejected, task.spec.common.record_delimiter);
    if (!rejected.ok()) written = rejected.error();
  }
  if (!written.ok()) return OnFailure(task, env, batch, written.error(), now_ms, stats);
  if (env.options.crash_after_sink_write) std::_Exit(kCrashExitCode);  // test-only fault

  DISD_RETURN_IF_ERROR(Commit(task, env, batch, now_ms, TransferTaskState::kRunning, {}));
  stats.files_written += written->files_written + (written->rejected.empty() ? 0 : 1);
  stats.records_delivered += static_cast<std::int64_t>(records->size() - written->rejected.size());
  *more = state_.next_sequence < range->next;
  return Status::Ok();
}

Status PartitionWorker::OnFailure(const TaskRuntime& task, WorkerEnv& env,
                                  const DeliveryBatch& batch, const Error& error,
                                  std::int64_t now_ms, DeliveryRoundStats& stats) {
  ++stats.failures;
  ++failures_;
  if (first_failure_ms_ < 0) first_failure_ms_ = now_ms;
  if (!RetriesExhausted(task.retry, first_failure_ms_, now_ms)) {
    next_due_ms_ = now_ms + BackoffDelayMs(task.retry, failures_);
    return Status::Ok();
  }
  const std::string location = task.sink.errors.kind + "_error";
  Status to_errors = task.sink.errors.Write(batch, nullptr, task.spec.common.record_delimiter);
  if (to_errors.ok()) {
    DISD_RETURN_IF_ERROR(
        Commit(task, env, batch, now_ms, TransferTaskState::kAbnormal,
               Reason(error) + " (records " + std::to_string(batch.first_sequence) + "-" +
                   std::to_string(batch.last_sequence) + " written to " + location + ")"));
    ++stats.files_written;
    return Status::Ok();
  }
  // Neither the sink nor the error location takes the batch: keep it, keep trying.
  state_.state = TransferTaskState::kAbnormal;
  state_.state_reason = Reason(error) + " (the " + location +
                        " location failed too: " + Reason(to_errors.error()) + ")";
  next_due_ms_ = now_ms + BackoffDelayMs(task.retry, failures_);
  return Store(task, env);
}

Status PartitionWorker::Commit(const TaskRuntime& task, WorkerEnv& env, const DeliveryBatch& batch,
                               std::int64_t now_ms, engine::TransferTaskState state,
                               std::string reason) {
  state_.next_sequence = batch.last_sequence + 1;
  state_.pending_last_sequence = -1;
  state_.pending_time_ms = 0;
  state_.last_transfer_timestamp_ms = now_ms;
  state_.state = state;
  state_.state_reason = std::move(reason);
  failures_ = 0;
  first_failure_ms_ = -1;
  return Store(task, env);
}

}  // namespace disd::dump
