// Handlers for transfer tasks (seed 004 5.5): decode, call TransferTaskService, encode the
// list and describe shapes. Describe shows the partitions under both the reference's keys
// (partition_id, state) and the Java SDK's (partitionId, transfer_state), and the
// descriptor as <type>_destination_description (the reference and the Java SDK),
// <type>_destination_descriptor (the request's name) and, for the types the reference
// misspells, <type>_destination_descripion.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/responses.h"
#include "disd/common/partition_id.h"
#include "disd/service/transfer_task_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

std::string TypePrefix(engine::DestinationType type) {
  switch (type) {
    case engine::DestinationType::kObs:
      return "obs";
    case engine::DestinationType::kMrs:
      return "mrs";
    case engine::DestinationType::kDli:
      return "dli";
    case engine::DestinationType::kDws:
      return "dws";
    case engine::DestinationType::kCloudTable:
      return "cloudtable";
  }
  return "obs";
}

json SummaryJson(const service::TransferTaskView& view) {
  return {{"task_id", view.task.task_id},
          {"task_name", view.task.task_name},
          {"state", engine::ToString(view.task.state)},
          {"destination_type", engine::ToString(view.task.destination_type)},
          {"create_time", view.task.create_time_ms},
          {"last_transfer_timestamp", view.last_transfer_timestamp_ms}};
}

json PartitionJson(const service::PartitionDeliveryView& p) {
  const std::string id = FormatPartitionId(p.partition);
  return {{"partition_id", id},
          {"partitionId", id},
          {"state", engine::ToString(p.state)},
          {"transfer_state", engine::ToString(p.state)},
          {"state_reason", p.state_reason},
          {"last_transfer_timestamp", p.last_transfer_timestamp_ms},
          {"last_transfer_offset", p.last_transfer_offset},
          {"discard", p.discard}};
}

json DescribeJson(const service::TransferTaskView& view) {
  json out = SummaryJson(view);
  out["stream_id"] = view.stream_id;
  out["stream_name"] = view.task.stream_name;
  out["state_reason"] = view.task.state_reason;
  json partitions = json::array();
  for (const auto& p : view.partitions) partitions.push_back(PartitionJson(p));
  out["partitions"] = std::move(partitions);
  json descriptor = json::parse(view.public_descriptor_json, nullptr, false);
  const std::string prefix = TypePrefix(view.task.destination_type);
  out[prefix + "_destination_description"] = descriptor;
  out[prefix + "_destination_descriptor"] = descriptor;
  if (view.task.destination_type != engine::DestinationType::kObs) {
    out[prefix + "_destination_descripion"] = descriptor;
  }
  return out;
}

}  // namespace

HttpResponse CreateTransferTask(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  Status s =
      env.services.transfer_tasks().Create(ctx.project_id(), ctx.Param("stream_name"), *body);
  return s.ok() ? EmptyResponse(201) : FromError(s.error());
}

HttpResponse UpdateTransferTask(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  Status s =
      env.services.transfer_tasks().Update(ctx.project_id(), ctx.Param("stream_name"), *body);
  return s.ok() ? EmptyResponse(200) : FromError(s.error());
}

HttpResponse ListTransferTasks(const RequestContext& ctx, ApiEnv& env) {
  auto list = env.services.transfer_tasks().List(ctx.project_id(), ctx.Param("stream_name"));
  if (!list.ok()) return FromError(list.error());
  json tasks = json::array();
  for (const auto& view : list->tasks) tasks.push_back(SummaryJson(view));
  const auto total = static_cast<std::int64_t>(list->tasks.size());
  return JsonResponse(
      200, {{"total_number", total}, {"quota", list->quota}, {"tasks", std::move(tasks)}});
}

HttpResponse DescribeTransferTask(const RequestContext& ctx, ApiEnv& env) {
  auto view = env.services.transfer_tasks().Describe(ctx.project_id(), ctx.Param("stream_name"),
                                                     ctx.Param("task_name"));
  if (!view.ok()) return FromError(view.error());
  return JsonResponse(200, DescribeJson(*view));
}

HttpResponse DeleteTransferTask(const RequestContext& ctx, ApiEnv& env) {
  Status s = env.services.transfer_tasks().Delete(ctx.project_id(), ctx.Param("stream_name"),
                                                  ctx.Param("task_name"));
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

HttpResponse BatchTransferTaskAction(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  Status s =
      env.services.transfer_tasks().BatchAction(ctx.project_id(), ctx.Param("stream_name"), *body);
  return s.ok() ? EmptyResponse(200) : FromError(s.error());
}

}  // namespace disd::api
