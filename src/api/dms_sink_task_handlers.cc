// Handlers for the DMS sink-task alias (seed 003): create answers 200 {"task_id"}; list,
// show and delete work on the same resource. The shapes follow the DMS API: list
// {"tasks": [{task_id, task_name, destination_type, create_time, status, topics}],
// "total_number", "max_tasks", "quota_tasks"}; show adds obs_destination_descriptor (without
// the keys) and topics_info (per stream: its partitions' delivery state).
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/responses.h"
#include "disd/service/dms_sink_task_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

json SummaryJson(const service::DmsSinkTaskView& view) {
  return {{"task_id", view.task_id},
          {"task_name", view.task_name},
          {"destination_type", "OBS"},
          {"create_time", view.create_time_ms},
          {"status", engine::ToString(view.state)},
          {"topics", view.topics.empty() ? view.topics_regex : view.topics}};
}

// The stored OBS descriptor in the sink-task API's own terms.
json SinkDescriptorJson(const service::DmsSinkTaskView& view) {
  json d = json::parse(view.public_descriptor_json, nullptr, false);
  if (!d.is_object()) d = json::object();
  json out = {{"consumer_strategy",
               d.value("consumer_strategy", "") == "TRIM_HORIZON" ? "earliest" : "latest"},
              {"destination_file_type", "TEXT"},
              {"obs_bucket_name", d.value("obs_bucket_path", "")},
              {"obs_path", d.value("file_prefix", "")},
              {"partition_format", d.value("partition_format", "")},
              {"record_delimiter", d.value("record_delimiter", "\n")},
              {"deliver_time_interval", d.value("deliver_time_interval", 0)}};
  if (!view.topics.empty()) out["topics"] = view.topics;
  if (!view.topics_regex.empty()) out["topics_regex"] = view.topics_regex;
  return out;
}

json TopicsInfoJson(const service::DmsSinkTaskView& view) {
  json topics = json::array();
  for (const auto& stream : view.streams) {
    json partitions = json::array();
    for (const auto& p : stream.partitions) {
      partitions.push_back({{"partition_id", p.partition},
                            {"status", engine::ToString(p.state)},
                            {"last_transfer_offset", p.last_transfer_offset},
                            {"last_transfer_timestamp", p.last_transfer_timestamp_ms},
                            {"discard", p.discard}});
    }
    topics.push_back({{"topic", stream.task.stream_name}, {"partitions", std::move(partitions)}});
  }
  return topics;
}

}  // namespace

HttpResponse CreateSinkTask(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto id =
      env.services.dms_sink_tasks().Create(ctx.project_id(), ctx.Param("connector_id"), *body);
  if (!id.ok()) return FromError(id.error());
  return JsonResponse(200, {{"task_id", *id}});
}

HttpResponse ListSinkTasks(const RequestContext& ctx, ApiEnv& env) {
  auto views = env.services.dms_sink_tasks().List(ctx.project_id(), ctx.Param("connector_id"));
  json tasks = json::array();
  for (const auto& view : views) tasks.push_back(SummaryJson(view));
  const auto quota =
      static_cast<std::int64_t>(env.services.transfer_tasks().max_tasks_per_stream());
  return JsonResponse(200, {{"tasks", std::move(tasks)},
                            {"total_number", static_cast<std::int64_t>(views.size())},
                            {"max_tasks", quota},
                            {"quota_tasks", quota}});
}

HttpResponse ShowSinkTask(const RequestContext& ctx, ApiEnv& env) {
  auto view = env.services.dms_sink_tasks().Show(ctx.project_id(), ctx.Param("connector_id"),
                                                 ctx.Param("task_id"));
  if (!view.ok()) return FromError(view.error());
  json out = SummaryJson(*view);
  out["obs_destination_descriptor"] = SinkDescriptorJson(*view);
  out["topics_info"] = TopicsInfoJson(*view);
  return JsonResponse(200, out);
}

HttpResponse DeleteSinkTask(const RequestContext& ctx, ApiEnv& env) {
  Status s = env.services.dms_sink_tasks().Delete(ctx.project_id(), ctx.Param("connector_id"),
                                                  ctx.Param("task_id"));
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

}  // namespace disd::api
