#include "disd/service/dms_sink_task_service.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "disd/dump/secret_box.h"
#include "service/transfer_task_validation.h"

namespace disd::service {
namespace {

constexpr std::size_t kTaskIdLength = 19;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" from 32 random hex digits.
std::string Uuid(IdGenerator& ids) {
  std::string hex = ids.Hex32();
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

// The streams a sink task selects: `topics` names them (comma-separated), `topics_regex`
// matches whole stream names. Exactly one must be given.
Result<std::vector<engine::StreamSnapshot>> SelectStreams(const engine::Catalog& catalog,
                                                          std::string_view project_id,
                                                          const Json& descriptor) {
  auto topics = OptString(descriptor, "topics");
  if (!topics.ok()) return topics.error();
  auto regex = OptString(descriptor, "topics_regex");
  if (!regex.ok()) return regex.error();
  if (topics->has_value() == regex->has_value()) {
    return InvalidField("exactly one of topics and topics_regex is required");
  }
  std::vector<engine::StreamSnapshot> out;
  if (topics->has_value()) {
    std::set<std::string> seen;
    std::string_view rest = **topics;
    while (true) {
      const auto comma = rest.find(',');
      const std::string name = Trim(rest.substr(0, comma));
      if (!name.empty() && seen.insert(name).second) {
        auto stream = catalog.GetStream(project_id, name);
        if (!stream.ok()) return MakeError(ErrorCode::kStreamNotFound, "[topic " + name + "]");
        out.push_back(*stream);
      }
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (out.empty()) return InvalidField("topics names no stream");
    return out;
  }
  std::regex pattern;
  try {
    pattern = std::regex(**regex, std::regex::ECMAScript);
  } catch (const std::regex_error&) {
    return InvalidField("topics_regex is not a valid regular expression");
  }
  for (const auto& stream : catalog.ListStreams(project_id)) {
    if (std::regex_match(stream->name, pattern)) out.push_back(stream);
  }
  if (out.empty()) {
    return MakeError(ErrorCode::kStreamNotFound, "[no stream matches topics_regex]");
  }
  return out;
}

// The request's obs_destination_descriptor as the normalised OBS descriptor every selected
// stream's transfer task stores (task_spec.h), with the DMS fields added.
Result<Json> NormaliseSinkDescriptor(const Json& body, const Json& d, const ValidationEnv& env,
                                     std::string_view secrets_key) {
  Json out = Json::object();
  DISD_RETURN_IF_ERROR(NormaliseTaskName(body, "task_name", out));
  const dump::ObjectStoreConfig* store = env.destinations.FindAgencyStore(kDmsSinkAgency);
  if (store == nullptr) {
    return MakeError(ErrorCode::kInvalidAgency,
                     "[DMS sink tasks write through the agency dis_admin_agency, which is not "
                     "configured]");
  }
  out["agency_name"] = std::string(kDmsSinkAgency);
  auto interval = OptInt(d, "deliver_time_interval");
  if (!interval.ok()) return interval.error();
  if (!interval->has_value()) return InvalidField("deliver_time_interval is required");
  DISD_RETURN_IF_ERROR(NormaliseInterval(d, out));
  auto strategy = OptString(d, "consumer_strategy");
  if (!strategy.ok()) return strategy.error();
  const std::string s = Lower(strategy->value_or("latest"));
  if (s != "latest" && s != "earliest") {
    return InvalidField("consumer_strategy must be latest or earliest");
  }
  out["consumer_strategy"] = s == "latest" ? "LATEST" : "TRIM_HORIZON";
  auto file_type = OptString(d, "destination_file_type");
  if (!file_type.ok()) return file_type.error();
  const std::string f = Lower(file_type->value_or("TXT"));
  if (f != "txt" && f != "text") return InvalidField("destination_file_type must be TXT");
  out["destination_file_type"] = "text";
  out["retry_duration"] = 1800;
  DISD_RETURN_IF_ERROR(NormalisePrefix(d, "obs_path", out, "file_prefix"));
  DISD_RETURN_IF_ERROR(NormalisePartitionFormat(d, out));
  DISD_RETURN_IF_ERROR(NormaliseRecordDelimiter(d, out));
  auto access_key = ReqString(d, "access_key");
  if (!access_key.ok()) return access_key.error();
  auto secret_key = ReqString(d, "secret_key");
  if (!secret_key.ok()) return secret_key.error();
  DISD_RETURN_IF_ERROR(
      NormaliseBucket(d, "obs_bucket_name", out, "obs_bucket_path", false, *store, env));
  auto sealed = dump::SealSecret(secrets_key, *secret_key);
  if (!sealed.ok()) return sealed.error();
  out["access_key"] = *access_key;
  out["secret_key_encrypted"] = *sealed;
  auto topics = OptString(d, "topics");
  auto regex = OptString(d, "topics_regex");
  if (topics.ok() && topics->has_value()) out["topics"] = **topics;
  if (regex.ok() && regex->has_value()) out["topics_regex"] = **regex;
  return out;
}

int Severity(engine::TransferTaskState state) {
  switch (state) {
    case engine::TransferTaskState::kRunning:
      return 0;
    case engine::TransferTaskState::kStarting:
      return 1;
    case engine::TransferTaskState::kPaused:
      return 2;
    case engine::TransferTaskState::kAbnormal:
      return 3;
    case engine::TransferTaskState::kError:
      return 4;
  }
  return 4;
}

std::string DmsTaskId(const engine::TransferTaskMeta& task) {
  Json d = Json::parse(task.descriptor_json, nullptr, /*allow_exceptions=*/false);
  auto it = d.is_object() ? d.find("dms_task_id") : d.end();
  return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

DmsSinkTaskService::DmsSinkTaskService(engine::Catalog& catalog, const Clock& clock,
                                       IdGenerator& ids, TransferTaskService& transfer_tasks)
    : catalog_(catalog), clock_(clock), ids_(ids), transfer_tasks_(transfer_tasks) {}

Result<std::string> DmsSinkTaskService::Create(std::string_view project_id,
                                               std::string_view connector_id, const Json& body) {
  auto source_type = ReqString(body, "source_type");
  if (!source_type.ok()) return source_type.error();
  if (*source_type != "BLOB") return InvalidField("source_type must be BLOB");
  auto destination_type = ReqString(body, "destination_type");
  if (!destination_type.ok()) return destination_type.error();
  if (*destination_type != "OBS") return InvalidField("destination_type must be OBS");
  auto descriptor = OptObject(body, "obs_destination_descriptor");
  if (!descriptor.ok()) return descriptor.error();
  if (*descriptor == nullptr) return InvalidField("obs_destination_descriptor is required");

  auto streams = SelectStreams(catalog_, project_id, **descriptor);
  if (!streams.ok()) return streams.error();
  const dump::DestinationRegistry& destinations = transfer_tasks_.destinations();
  ValidationEnv env{destinations, *streams->front(),
                    [this](const dump::ObjectStoreConfig& store, std::string_view bucket) {
                      return transfer_tasks_.CheckBucket(store, bucket);
                    }};
  auto normalised = NormaliseSinkDescriptor(body, **descriptor, env, destinations.secrets_key());
  if (!normalised.ok()) return normalised.error();
  const std::string dms_task_id = Uuid(ids_);
  (*normalised)["dms_task_id"] = dms_task_id;
  const std::string descriptor_json = normalised->dump();
  const std::int64_t now = clock_.NowMs();

  std::vector<std::string> created;
  for (const auto& stream : *streams) {
    engine::TransferTaskMeta task;
    task.task_id = ids_.Alphanumeric(kTaskIdLength);
    task.project_id = std::string(project_id);
    task.stream_internal_id = stream->internal_id;
    task.stream_name = stream->name;
    task.task_name = (*normalised)["task_name"].get<std::string>();
    task.destination_type = engine::DestinationType::kObs;
    task.state = engine::TransferTaskState::kStarting;
    task.origin = engine::TransferTaskOrigin::kDmsSinkTask;
    task.connector_id = std::string(connector_id);
    task.create_time_ms = now;
    task.last_modified_ms = now;
    task.descriptor_json = descriptor_json;
    auto done =
        catalog_.CreateTransferTask(std::move(task), transfer_tasks_.max_tasks_per_stream());
    if (!done.ok()) {
      for (const std::string& id : created) (void)catalog_.DeleteTransferTask(id);
      return done.error();
    }
    created.push_back(done->task_id);
  }
  return dms_task_id;
}

std::vector<engine::TransferTaskMeta> DmsSinkTaskService::TasksOf(std::string_view project_id,
                                                                  std::string_view connector_id,
                                                                  std::string_view task_id) const {
  std::vector<engine::TransferTaskMeta> out;
  for (auto& task : catalog_.ListAllTransferTasks()) {
    if (task.origin != engine::TransferTaskOrigin::kDmsSinkTask || task.project_id != project_id ||
        task.connector_id != connector_id) {
      continue;
    }
    if (!task_id.empty() && DmsTaskId(task) != task_id) continue;
    out.push_back(std::move(task));
  }
  return out;
}

std::vector<DmsSinkTaskView> DmsSinkTaskService::List(std::string_view project_id,
                                                      std::string_view connector_id) const {
  std::map<std::string, DmsSinkTaskView> by_id;
  for (const auto& task : TasksOf(project_id, connector_id, "")) {
    const std::string id = DmsTaskId(task);
    auto view = transfer_tasks_.ViewOf(task);
    if (id.empty() || !view.ok()) continue;
    DmsSinkTaskView& sink = by_id[id];
    if (sink.task_id.empty()) {
      sink.task_id = id;
      sink.connector_id = task.connector_id;
      sink.task_name = task.task_name;
      sink.create_time_ms = task.create_time_ms;
      sink.state = task.state;
      Json d = Json::parse(view->public_descriptor_json, nullptr, false);
      if (d.is_object()) {
        sink.topics = d.value("topics", "");
        sink.topics_regex = d.value("topics_regex", "");
      }
      sink.public_descriptor_json = view->public_descriptor_json;
    }
    if (Severity(task.state) > Severity(sink.state)) sink.state = task.state;
    sink.streams.push_back(std::move(*view));
  }
  std::vector<DmsSinkTaskView> out;
  for (auto& [id, view] : by_id) {
    std::sort(view.streams.begin(), view.streams.end(),
              [](const TransferTaskView& a, const TransferTaskView& b) {
                return a.task.stream_name < b.task.stream_name;
              });
    out.push_back(std::move(view));
  }
  std::stable_sort(out.begin(), out.end(), [](const DmsSinkTaskView& a, const DmsSinkTaskView& b) {
    return a.create_time_ms < b.create_time_ms;
  });
  return out;
}

Result<DmsSinkTaskView> DmsSinkTaskService::Show(std::string_view project_id,
                                                 std::string_view connector_id,
                                                 std::string_view task_id) const {
  for (auto& view : List(project_id, connector_id)) {
    if (view.task_id == task_id) return std::move(view);
  }
  return MakeError(ErrorCode::kTransferTaskNotFound, "[" + std::string(task_id) + "]");
}

Status DmsSinkTaskService::Delete(std::string_view project_id, std::string_view connector_id,
                                  std::string_view task_id) {
  auto tasks = TasksOf(project_id, connector_id, task_id);
  if (task_id.empty() || tasks.empty()) {
    return MakeError(ErrorCode::kTransferTaskNotFound, "[" + std::string(task_id) + "]");
  }
  for (const auto& task : tasks) {
    Status s = catalog_.DeleteTransferTask(task.task_id);
    if (!s.ok() && s.code() != ErrorCode::kTransferTaskNotFound) return s;
  }
  return Status::Ok();
}

}  // namespace disd::service
