// TaskDelivery: one transfer task's delivery state inside the scheduler: its parsed spec
// and sink (rebuilt when the task's descriptor or the stream's data_schema changes) and
// one PartitionWorker per readable partition of its stream (new partitions from a
// scale-up get a worker on the next round; DELETED partitions keep theirs until drained).
//
// Thread-safety: used by the scheduler's round only (one thread at a time).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "disd/dump/delivery_scheduler.h"
#include "disd/dump/destinations.h"
#include "disd/engine/stream_meta.h"
#include "disd/engine/transfer_task_meta.h"
#include "dump/object_store_pool.h"
#include "dump/partition_worker.h"

namespace disd::dump {

class TaskDelivery {
 public:
  // Brings the spec and sink up to date with `meta` and `stream`. An error means the task
  // cannot run (its state becomes ERROR with the error's text).
  Status Prepare(const engine::TransferTaskMeta& meta, const engine::StreamMeta& stream,
                 const DestinationRegistry& destinations, ObjectStorePool& stores,
                 const DeliveryOptions& options);

  // Runs every partition's due work. kTransferTaskNotFound when the task was deleted
  // meanwhile; other errors are logged by the caller and retried next round.
  Status Run(const engine::StreamMeta& stream, WorkerEnv& env, std::int64_t now_ms,
             DeliveryRoundStats& stats);

  // "partition N: reason" of the first ABNORMAL partition, nullopt when none is.
  std::optional<std::string> AbnormalReason() const;

 private:
  std::optional<TaskRuntime> runtime_;
  std::string descriptor_json_;  // what runtime_ was built from
  std::string data_schema_;
  std::map<std::int32_t, engine::PartitionDelivery> stored_;  // loaded once
  bool loaded_ = false;
  std::map<std::int32_t, PartitionWorker> workers_;
};

}  // namespace disd::dump
