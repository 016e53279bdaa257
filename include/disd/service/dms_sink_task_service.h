// The DMS-for-Kafka "sink task" API (seed 003) as an alias over transfer tasks: a sink
// task on connector C dumps the streams its `topics` (comma-separated stream names) or
// `topics_regex` (ECMAScript, whole-name match) select to OBS. disd creates one OBS
// transfer task per selected stream, all named by the sink task's task_name and carrying
// its id (a UUID, the id the API answers with), origin kDmsSinkTask and connector_id C;
// they run on the same delivery machinery and also show in the streams' transfer-task
// lists. The inline secret_key is sealed under the secrets key (secret_box.h) and never
// returned. Objects are written through the object store of the agency dis_admin_agency,
// signed with the task's own access_key/secret_key when that store is S3.
//
// Any connector_id is accepted: disd has no DMS instances; the id only groups tasks.
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/service/transfer_task_service.h"

namespace disd::service {

// The agency whose object store DMS sink tasks write through.
inline constexpr std::string_view kDmsSinkAgency = "dis_admin_agency";

struct DmsSinkTaskView {
  std::string task_id;
  std::string connector_id;
  std::string task_name;
  std::int64_t create_time_ms = 0;
  // The worst state over the task's streams (ERROR, ABNORMAL, PAUSED, STARTING, RUNNING).
  engine::TransferTaskState state = engine::TransferTaskState::kStarting;
  std::string topics;        // as given ("" when topics_regex was)
  std::string topics_regex;  // as given ("" when topics was)
  // The obs_destination_descriptor as created, without secret_key (JSON object text).
  std::string public_descriptor_json;
  std::vector<TransferTaskView> streams;  // one per selected stream, by stream name
};

class DmsSinkTaskService {
 public:
  DmsSinkTaskService(engine::Catalog& catalog, const Clock& clock, IdGenerator& ids,
                     TransferTaskService& transfer_tasks);

  // Returns the new sink task's id. kInvalidRequest for a malformed body, kStreamNotFound
  // when a topic names no stream (or the regex matches none), kInvalidAgency,
  // kBucketNotFound, and the transfer-task codes (DIS.4355 when a selected stream already
  // has a task of that name, DIS.4357); on failure nothing is created.
  Result<std::string> Create(std::string_view project_id, std::string_view connector_id,
                             const nlohmann::json& body);
  // The connector's sink tasks, by creation time then id.
  std::vector<DmsSinkTaskView> List(std::string_view project_id,
                                    std::string_view connector_id) const;
  // kTransferTaskNotFound.
  Result<DmsSinkTaskView> Show(std::string_view project_id, std::string_view connector_id,
                               std::string_view task_id) const;
  // Deletes every transfer task of the sink task. kTransferTaskNotFound.
  Status Delete(std::string_view project_id, std::string_view connector_id,
                std::string_view task_id);

 private:
  // The transfer tasks of sink task `task_id` ("" = all of the connector's).
  std::vector<engine::TransferTaskMeta> TasksOf(std::string_view project_id,
                                                std::string_view connector_id,
                                                std::string_view task_id) const;

  engine::Catalog& catalog_;
  const Clock& clock_;
  IdGenerator& ids_;
  TransferTaskService& transfer_tasks_;
};

}  // namespace disd::service
