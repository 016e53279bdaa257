#include "dump/task_delivery.h"

#include <algorithm>

namespace disd::dump {

Status TaskDelivery::Prepare(const engine::TransferTaskMeta& meta, const engine::StreamMeta& stream,
                             const DestinationRegistry& destinations, ObjectStorePool& stores,
                             const DeliveryOptions& options) {
  if (runtime_ && descriptor_json_ == meta.descriptor_json && data_schema_ == stream.data_schema) {
    runtime_->meta = meta;
    return Status::Ok();
  }
  runtime_.reset();
  auto spec = ParseTaskSpec(meta.destination_type, meta.descriptor_json, destinations);
  if (!spec.ok()) return spec.error();
  auto sink = MakeTaskSink(meta.task_id, *spec, stream, destinations, stores);
  if (!sink.ok()) return sink.error();

  const std::int64_t divisor = std::max<std::int32_t>(1, options.interval_divisor);
  TaskRuntime runtime;
  runtime.meta = meta;
  runtime.spec = std::move(*spec);
  runtime.sink = std::move(*sink);
  runtime.interval_ms =
      std::max<std::int64_t>(1, runtime.spec.common.deliver_time_interval_s * 1000ll / divisor);
  runtime.retry.initial_backoff_ms =
      std::max<std::int64_t>(1, options.initial_backoff_ms / divisor);
  runtime.retry.max_backoff_ms = std::max<std::int64_t>(1, options.max_backoff_ms / divisor);
  runtime.retry.retry_duration_ms = runtime.spec.common.retry_duration_s * 1000ll / divisor;
  runtime_ = std::move(runtime);
  descriptor_json_ = meta.descriptor_json;
  data_schema_ = stream.data_schema;
  return Status::Ok();
}

Status TaskDelivery::Run(const engine::StreamMeta& stream, WorkerEnv& env, std::int64_t now_ms,
                         DeliveryRoundStats& stats) {
  const TaskRuntime& task = *runtime_;
  if (!loaded_) {
    auto stored = env.catalog.ListDeliveries(task.meta.task_id);
    if (!stored.ok()) return stored.status();
    for (auto& delivery : *stored) stored_.emplace(delivery.partition, std::move(delivery));
    loaded_ = true;
  }
  Status first_error;
  for (const engine::PartitionMeta& partition : stream.partitions) {
    auto it = workers_.find(partition.index);
    if (it == workers_.end()) {
      std::optional<engine::PartitionDelivery> stored;
      if (auto s = stored_.find(partition.index); s != stored_.end()) stored = s->second;
      it = workers_
               .emplace(partition.index,
                        PartitionWorker(partition.index, std::move(stored), task, now_ms))
               .first;
    }
    Status status = it->second.RunIfDue(task, env, now_ms, stats);
    if (status.code() == ErrorCode::kTransferTaskNotFound) return status;
    if (!status.ok() && first_error.ok()) first_error = status;
  }
  return first_error;
}

std::optional<std::string> TaskDelivery::AbnormalReason() const {
  for (const auto& [index, worker] : workers_) {
    if (worker.state().state == engine::TransferTaskState::kAbnormal) {
      return "partition " + std::to_string(index) + ": " + worker.state().state_reason;
    }
  }
  return std::nullopt;
}

}  // namespace disd::dump
