// Transfer ("dump") tasks, seed 004 section 5.5: create (OBS, MRS, DLI, DWS, CloudTable
// descriptors, validated and normalised as transfer_task_validation.h describes), update
// (PUT, the Java SDK's), list, describe, delete, and batch start/stop. The service owns the
// task records and their states STARTING (created or started) and PAUSED (stopped); the
// delivery workers (dump/) set RUNNING, ABNORMAL and ERROR through the catalog.
//
// Resources a task names are checked at create/update time: the agency (DIS.4335) and the
// buckets through the agency's object store (DIS.4306), clusters, DLI tables and KMS keys
// against the `destinations` config. Secrets are sealed before they are stored and never
// returned.
//
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/common/status.h"
#include "disd/dump/destinations.h"
#include "disd/engine/catalog.h"

namespace disd::service {

struct TransferTaskOptions {
  // DIS.4357: tasks per stream (dump.max_tasks_per_stream).
  std::size_t max_tasks_per_stream = 5;
  // Resolves relative local object-store roots (storage.data_dir).
  std::string data_dir;
};

// One partition's delivery as describe shows it (every partition of the stream that is
// ACTIVE or has delivery state).
struct PartitionDeliveryView {
  std::int32_t partition = 0;
  engine::TransferTaskState state = engine::TransferTaskState::kStarting;
  std::int64_t last_transfer_timestamp_ms = 0;
  // The last sequence number delivered; -1 when none yet.
  std::int64_t last_transfer_offset = -1;
  std::int64_t discard = 0;
  std::string state_reason;  // why the partition is ABNORMAL or ERROR; "" otherwise
};

struct TransferTaskView {
  engine::TransferTaskMeta task;
  std::string stream_id;
  // The descriptor without sealed secrets (JSON object text, seed field names).
  std::string public_descriptor_json;
  std::int64_t last_transfer_timestamp_ms = 0;  // latest over the partitions; 0 = never
  std::vector<PartitionDeliveryView> partitions;
};

struct TransferTaskList {
  std::int64_t quota = 0;  // tasks a stream may have (dump.max_tasks_per_stream)
  std::vector<TransferTaskView> tasks;
};

class TransferTaskService {
 public:
  // All references must outlive the service.
  TransferTaskService(engine::Catalog& catalog, const Clock& clock, IdGenerator& ids,
                      const dump::DestinationRegistry& destinations, TransferTaskOptions options);

  // `body`: {"destination_type": ..., "<type>_destination_descriptor": {...}}.
  // kStreamNotFound, kInvalidRequest, the destination's codes, kTransferTaskExists,
  // kTransferTaskQuota.
  Status Create(std::string_view project_id, std::string_view stream_name,
                const nlohmann::json& body);
  // The same body as Create; replaces the settings of the task named by the descriptor's
  // task_name (kTransferTaskNotFound), keeping its id, state and delivery offsets.
  Status Update(std::string_view project_id, std::string_view stream_name,
                const nlohmann::json& body);
  Result<TransferTaskList> List(std::string_view project_id, std::string_view stream_name) const;
  Result<TransferTaskView> Describe(std::string_view project_id, std::string_view stream_name,
                                    std::string_view task_name) const;
  Status Delete(std::string_view project_id, std::string_view stream_name,
                std::string_view task_name);
  // `body`: {"action": "start" | "stop", "tasks": [{"id": task_id}, ...]}. Every id must be
  // a task of the stream (kTransferTaskNotFound, nothing changed); start sets STARTING
  // (a RUNNING task stays RUNNING), stop sets PAUSED.
  Status BatchAction(std::string_view project_id, std::string_view stream_name,
                     const nlohmann::json& body);

  // The per-stream task quota (for GET /v1/{project_id}/quotas).
  std::size_t max_tasks_per_stream() const { return options_.max_tasks_per_stream; }

  // The describe view of `task` (used by the DMS sink-task alias too).
  Result<TransferTaskView> ViewOf(const engine::TransferTaskMeta& task) const;
  // Ok when `bucket` exists in `store`: kBucketNotFound, or kObsAccessError when the store
  // cannot be asked.
  Status CheckBucket(const dump::ObjectStoreConfig& store, std::string_view bucket) const;
  const dump::DestinationRegistry& destinations() const { return destinations_; }

 private:
  engine::Catalog& catalog_;
  const Clock& clock_;
  IdGenerator& ids_;
  const dump::DestinationRegistry& destinations_;
  const TransferTaskOptions options_;
  // Object stores sign with the real time whatever clock the server runs on: S3 servers
  // reject requests dated too far from theirs.
  SystemClock signing_clock_;
};

}  // namespace disd::service
