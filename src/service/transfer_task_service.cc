#include "disd/service/transfer_task_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "disd/dump/object_store.h"
#include "service/stream_lookup.h"
#include "service/transfer_task_validation.h"

namespace disd::service {
namespace {

constexpr std::size_t kTaskIdLength = 19;

Error TaskMissing(std::string_view name) {
  return MakeError(ErrorCode::kTransferTaskNotFound, "[" + std::string(name) + "]");
}

// The type and the normalised descriptor of a create/update body.
struct ParsedBody {
  engine::DestinationType type;
  Json descriptor;
};

Result<ParsedBody> ParseBody(const Json& body, const ValidationEnv& env) {
  auto type_name = ReqString(body, "destination_type");
  if (!type_name.ok()) return type_name.error();
  auto type = ParseDestinationType(*type_name);
  if (!type.ok()) return type.error();
  const std::string key = DescriptorKey(*type);
  auto descriptor = OptObject(body, key);
  if (!descriptor.ok()) return descriptor.error();
  if (*descriptor == nullptr) return InvalidField(key + " is required");
  auto normalised = NormaliseDescriptor(*type, **descriptor, env);
  if (!normalised.ok()) return normalised.error();
  return ParsedBody{*type, std::move(*normalised)};
}

}  // namespace

TransferTaskService::TransferTaskService(engine::Catalog& catalog, const Clock& clock,
                                         IdGenerator& ids,
                                         const dump::DestinationRegistry& destinations,
                                         TransferTaskOptions options)
    : catalog_(catalog),
      clock_(clock),
      ids_(ids),
      destinations_(destinations),
      options_(std::move(options)) {}

Status TransferTaskService::CheckBucket(const dump::ObjectStoreConfig& store,
                                        std::string_view bucket) const {
  auto object_store = dump::MakeObjectStore(store, options_.data_dir, signing_clock_);
  if (!object_store.ok()) return object_store.error();
  auto exists = (*object_store)->BucketExists(bucket);
  if (!exists.ok()) return exists.error();
  if (!*exists) return MakeError(ErrorCode::kBucketNotFound, "[" + std::string(bucket) + "]");
  return Status::Ok();
}

Status TransferTaskService::Create(std::string_view project_id, std::string_view stream_name,
                                   const Json& body) {
  auto stream = FindStreamByNameOrId(catalog_, project_id, stream_name);
  if (!stream.ok()) return stream.error();
  ValidationEnv env{destinations_, **stream,
                    [this](const dump::ObjectStoreConfig& store, std::string_view bucket) {
                      return CheckBucket(store, bucket);
                    }};
  auto parsed = ParseBody(body, env);
  if (!parsed.ok()) return parsed.error();
  engine::TransferTaskMeta task;
  task.task_id = ids_.Alphanumeric(kTaskIdLength);
  task.project_id = std::string(project_id);
  task.stream_internal_id = (*stream)->internal_id;
  task.stream_name = (*stream)->name;
  task.task_name = parsed->descriptor["task_name"].get<std::string>();
  task.destination_type = parsed->type;
  task.state = engine::TransferTaskState::kStarting;
  task.origin = engine::TransferTaskOrigin::kTransferTask;
  task.create_time_ms = clock_.NowMs();
  task.last_modified_ms = task.create_time_ms;
  task.descriptor_json = parsed->descriptor.dump();
  return catalog_.CreateTransferTask(std::move(task), options_.max_tasks_per_stream).status();
}

Status TransferTaskService::Update(std::string_view project_id, std::string_view stream_name,
                                   const Json& body) {
  auto stream = FindStreamByNameOrId(catalog_, project_id, stream_name);
  if (!stream.ok()) return stream.error();
  ValidationEnv env{destinations_, **stream,
                    [this](const dump::ObjectStoreConfig& store, std::string_view bucket) {
                      return CheckBucket(store, bucket);
                    }};
  auto parsed = ParseBody(body, env);
  if (!parsed.ok()) return parsed.error();
  const std::string name = parsed->descriptor["task_name"].get<std::string>();
  auto task = catalog_.GetTransferTask(project_id, (*stream)->internal_id, name);
  if (!task.ok()) return task.error();
  if (task->origin != engine::TransferTaskOrigin::kTransferTask) {
    return InvalidField("task " + name +
                        " is a DMS sink task; change it through the sink-task API");
  }
  const std::int64_t now = clock_.NowMs();
  return catalog_
      .MutateTransferTask(task->task_id,
                          [&](engine::TransferTaskMeta& m) {
                            m.destination_type = parsed->type;
                            m.descriptor_json = parsed->descriptor.dump();
                            m.last_modified_ms = now;
                            return Status::Ok();
                          })
      .status();
}

Result<TransferTaskView> TransferTaskService::ViewOf(const engine::TransferTaskMeta& task) const {
  TransferTaskView view;
  view.task = task;
  engine::StreamSnapshot stream;
  for (const auto& s : catalog_.ListStreams(task.project_id)) {
    if (s->internal_id == task.stream_internal_id) stream = s;
  }
  if (!stream) return TaskMissing(task.task_name);  // deleted meanwhile
  view.stream_id = stream->stream_id;
  Json stored = Json::parse(task.descriptor_json, nullptr, /*allow_exceptions=*/false);
  if (!stored.is_object()) return MakeError(ErrorCode::kInternal, "corrupt task descriptor");
  view.public_descriptor_json = PublicDescriptor(stored).dump();

  auto deliveries = catalog_.ListDeliveries(task.task_id);
  if (!deliveries.ok()) return deliveries.error();
  std::map<std::int32_t, const engine::PartitionDelivery*> by_partition;
  for (const auto& d : *deliveries) by_partition[d.partition] = &d;
  std::map<std::int32_t, PartitionDeliveryView> partitions;
  for (const auto& p : stream->partitions) {
    if (p.status == engine::PartitionStatus::kActive) {
      partitions[p.index] = PartitionDeliveryView{p.index, task.state, 0, -1, 0, ""};
    }
  }
  for (const auto& [index, d] : by_partition) {
    PartitionDeliveryView v{index,
                            d->state,
                            d->last_transfer_timestamp_ms,
                            d->next_sequence > 0 ? d->next_sequence - 1 : -1,
                            d->discarded_records,
                            d->state_reason};
    partitions[index] = v;
    view.last_transfer_timestamp_ms =
        std::max(view.last_transfer_timestamp_ms, d->last_transfer_timestamp_ms);
  }
  for (auto& [index, v] : partitions) {
    if (task.state == engine::TransferTaskState::kPaused) v.state = task.state;
    view.partitions.push_back(v);
  }
  return view;
}

Result<TransferTaskList> TransferTaskService::List(std::string_view project_id,
                                                   std::string_view stream_name) const {
  auto stream = FindStreamByNameOrId(catalog_, project_id, stream_name);
  if (!stream.ok()) return stream.error();
  TransferTaskList list;
  list.quota = static_cast<std::int64_t>(options_.max_tasks_per_stream);
  for (const auto& task : catalog_.ListTransferTasks(project_id, (*stream)->internal_id)) {
    auto view = ViewOf(task);
    if (!view.ok()) {
      if (view.error().code == ErrorCode::kTransferTaskNotFound) continue;
      return view.error();
    }
    list.tasks.push_back(std::move(*view));
  }
  return list;
}

Result<TransferTaskView> TransferTaskService::Describe(std::string_view project_id,
                                                       std::string_view stream_name,
                                                       std::string_view task_name) const {
  auto stream = FindStreamByNameOrId(catalog_, project_id, stream_name);
  if (!stream.ok()) return stream.error();
  auto task = catalog_.GetTransferTask(project_id, (*stream)->internal_id, task_name);
  if (!task.ok()) return task.error();
  return ViewOf(*task);
}

Status TransferTaskService::Delete(std::string_view project_id, std::string_view stream_name,
                                   std::string_view task_name) {
  auto stream = FindStreamByNameOrId(catalog_, project_id, stream_name);
  if (!stream.ok()) return stream.error();
  auto task = catalog_.GetTransferTask(project_id, (*stream)->internal_id, task_name);
  if (!task.ok()) return task.error();
  return catalog_.DeleteTransferTask(task->task_id);
}

Status TransferTaskService::BatchAction(std::string_view project_id, std::string_view stream_name,
                                        const Json& body) {
  auto stream = FindStreamByNameOrId(catalog_, project_id, stream_name);
  if (!stream.ok()) return stream.error();
  auto action = ReqString(body, "action");
  if (!action.ok()) return action.error();
  std::string lower = *action;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower != "start" && lower != "stop") return InvalidField("action must be start or stop");
  auto tasks = body.find("tasks");
  if (tasks == body.end() || !tasks->is_array() || tasks->empty()) {
    return InvalidField("tasks must be a non-empty array of {\"id\": task_id}");
  }
  std::vector<std::string> ids;
  for (const Json& entry : *tasks) {
    if (!entry.is_object()) return InvalidField("tasks must hold {\"id\": task_id} objects");
    auto id = ReqString(entry, "id");
    if (!id.ok()) return InvalidField("tasks[].id is required");
    auto task = catalog_.GetTransferTaskById(*id);
    if (!task.ok() || task->project_id != project_id ||
        task->stream_internal_id != (*stream)->internal_id) {
      return TaskMissing(*id);
    }
    ids.push_back(*id);
  }
  const bool start = lower == "start";
  const std::int64_t now = clock_.NowMs();
  for (const std::string& id : ids) {
    auto updated = catalog_.MutateTransferTask(id, [&](engine::TransferTaskMeta& m) {
      if (start) {
        if (m.state != engine::TransferTaskState::kRunning) {
          m.state = engine::TransferTaskState::kStarting;
          m.state_reason.clear();
        }
      } else {
        m.state = engine::TransferTaskState::kPaused;
        m.state_reason.clear();
      }
      m.last_modified_ms = now;
      return Status::Ok();
    });
    if (!updated.ok()) return updated.error();
  }
  return Status::Ok();
}

}  // namespace disd::service
