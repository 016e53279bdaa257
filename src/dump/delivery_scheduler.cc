#include "disd/dump/delivery_scheduler.h"

#include <spdlog/spdlog.h>

#include <map>
#include <mutex>

#include "disd/common/error_table.h"
#include "dump/object_store_pool.h"
#include "dump/task_delivery.h"

namespace disd::dump {
namespace {

using engine::TransferTaskState;

std::string Describe(const Error& error) {
  return std::string(DescribeError(error.code).dis_code) + " " + FormatErrorMessage(error);
}

class Scheduler final : public DeliveryScheduler {
 public:
  Scheduler(engine::Catalog& catalog, engine::PartitionLog& log, const Clock& clock,
            const DestinationRegistry& destinations, std::string data_dir,
            const DeliveryOptions& options)
      : catalog_(catalog),
        log_(log),
        clock_(clock),
        destinations_(destinations),
        options_(options),
        stores_(std::move(data_dir), signing_clock_) {}

  DeliveryRoundStats RunOnce() override {
    std::lock_guard lock(mu_);
    DeliveryRoundStats stats;
    const std::int64_t now = clock_.NowMs();
    WorkerEnv env{catalog_, log_, options_};
    std::map<std::string, TaskDelivery> live;
    for (const engine::TransferTaskMeta& meta : catalog_.ListAllTransferTasks()) {
      auto node = tasks_.extract(meta.task_id);
      TaskDelivery delivery = node.empty() ? TaskDelivery() : std::move(node.mapped());
      if (RunTask(meta, delivery, env, now, stats)) live.emplace(meta.task_id, std::move(delivery));
    }
    tasks_ = std::move(live);  // workers of deleted tasks stop here
    return stats;
  }

  std::int64_t PendingRecords(std::string_view task_id) override {
    auto task = catalog_.GetTransferTaskById(task_id);
    if (!task.ok()) return 0;
    auto stream = catalog_.GetStream(task->project_id, task->stream_name);
    if (!stream.ok() || (*stream)->internal_id != task->stream_internal_id) return 0;
    auto deliveries = catalog_.ListDeliveries(task_id);
    if (!deliveries.ok()) return 0;
    std::map<std::int32_t, std::int64_t> next;
    for (const auto& d : *deliveries) next[d.partition] = d.next_sequence;
    std::int64_t pending = 0;
    for (const auto& partition : (*stream)->partitions) {
      const engine::PartitionRef ref{task->stream_internal_id, partition.index};
      auto range = log_.Range(ref);
      if (!range.ok()) continue;
      std::int64_t from = next.count(partition.index) ? next[partition.index] : -1;
      if (from < 0) {
        auto spec = ParseTaskSpec(task->destination_type, task->descriptor_json);
        const bool latest =
            !spec.ok() || spec->common.consumer_strategy == ConsumerStrategy::kLatest;
        auto seek = latest ? log_.SeekArrivalTime(ref, task->create_time_ms)
                           : Result<std::int64_t>(range->first_valid);
        from = seek.ok() ? *seek : range->next;
      }
      pending += std::max<std::int64_t>(0, range->next - std::max(from, range->first_valid));
    }
    return pending;
  }

 private:
  // One task's round; false when the task is gone (its delivery state is dropped).
  bool RunTask(const engine::TransferTaskMeta& meta, TaskDelivery& delivery, WorkerEnv& env,
               std::int64_t now, DeliveryRoundStats& stats) {
    if (meta.state == TransferTaskState::kPaused) return true;
    auto stream = catalog_.GetStream(meta.project_id, meta.stream_name);
    if (!stream.ok() || (*stream)->internal_id != meta.stream_internal_id) {
      return false;  // the stream (and with it the task) is being deleted
    }
    Status prepared = delivery.Prepare(meta, **stream, destinations_, stores_, options_);
    if (!prepared.ok()) {
      SetState(meta, TransferTaskState::kError, Describe(prepared.error()));
      return true;
    }
    Status ran = delivery.Run(**stream, env, now, stats);
    if (ran.code() == ErrorCode::kTransferTaskNotFound) return false;
    if (!ran.ok() && options_.logger) {
      options_.logger->warn("transfer task {}: delivery round failed: {}", meta.task_id,
                            Describe(ran.error()));
    }
    const auto abnormal = delivery.AbnormalReason();
    SetState(meta, abnormal ? TransferTaskState::kAbnormal : TransferTaskState::kRunning,
             abnormal.value_or(""));
    return true;
  }

  // Moves the task to `state` unless it already is there or was paused meanwhile.
  void SetState(const engine::TransferTaskMeta& meta, TransferTaskState state,
                const std::string& reason) {
    if (meta.state == state && meta.state_reason == reason) return;
    auto updated = catalog_.MutateTransferTask(meta.task_id, [&](engine::TransferTaskMeta& t) {
      if (t.state != TransferTaskState::kPaused) {
        t.state = state;
        t.state_reason = reason;
      }
      return Status::Ok();
    });
    if (updated.ok() && options_.logger) {
      const bool trouble =
          state == TransferTaskState::kAbnormal || state == TransferTaskState::kError;
      options_.logger->log(trouble ? spdlog::level::warn : spdlog::level::info,
                           "transfer task {} ({}/{}): {}{}{}", meta.task_id, meta.stream_name,
                           meta.task_name, engine::ToString(state), reason.empty() ? "" : ": ", reason);
    }
  }

  engine::Catalog& catalog_;
  engine::PartitionLog& log_;
  const Clock& clock_;
  const DestinationRegistry& destinations_;
  const DeliveryOptions options_;
  // SigV4 needs the real time even when the server runs on the manual clock.
  const SystemClock signing_clock_;
  ObjectStorePool stores_;
  std::mutex mu_;                              // serialises rounds
  std::map<std::string, TaskDelivery> tasks_;  // by task_id; guarded by mu_
};

}  // namespace

std::unique_ptr<DeliveryScheduler> MakeDeliveryScheduler(
    engine::Catalog& catalog, engine::PartitionLog& log, const Clock& clock,
    const DestinationRegistry& destinations, std::string data_dir, const DeliveryOptions& options) {
  return std::make_unique<Scheduler>(catalog, log, clock, destinations, std::move(data_dir),
                                     options);
}

}  // namespace disd::dump
