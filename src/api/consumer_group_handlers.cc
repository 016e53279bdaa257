// Handlers for the consumer-group coordinator the DIS Kafka adapter uses (sdk-wire.md 1.2,
// 1.3 and 4.6). Bodies are camelCase: join {clientId, interestedStream[],
// interestedStreamIdList[], streamPattern, rebalanceTimeoutMs}, sync and heartbeat
// {clientId, groupId, generation}; the group is the {app_name} of the path and the client
// of sync, heartbeat and leave is the path's {client_id}. Protocol states are answered as
// 200 {"state": ...}; DIS errors only for malformed requests, leave of an unknown member
// (DIS.4702) and a full group (DIS.4339).
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/json_fields.h"
#include "api/responses.h"
#include "disd/service/consumer_group_coordinator.h"

namespace disd::api {

using nlohmann::json;

namespace {

std::string_view JoinStateName(service::JoinState state) {
  switch (state) {
    case service::JoinState::kOk: return "OK";
    case service::JoinState::kRejoin: return "REJOIN";
    case service::JoinState::kErrSubscription: return "ERR_SUBSCRIPTION";
    case service::JoinState::kGroupNotExist: return "GROUP_NOT_EXIST";
  }
  return "ERROR";
}

std::string_view SyncStateName(service::SyncGroupState state) {
  switch (state) {
    case service::SyncGroupState::kOk: return "OK";
    case service::SyncGroupState::kWaiting: return "WAITING";
    case service::SyncGroupState::kRejoin: return "REJOIN";
    case service::SyncGroupState::kGroupNotExist: return "GROUP_NOT_EXIST";
  }
  return "ERROR";
}

std::string_view HeartbeatStateName(service::HeartbeatGroupState state) {
  switch (state) {
    case service::HeartbeatGroupState::kJoining: return "JOINING";
    case service::HeartbeatGroupState::kSyncing: return "SYNCING";
    case service::HeartbeatGroupState::kStable: return "STABLE";
    case service::HeartbeatGroupState::kGroupNotExist: return "GROUP_NOT_EXIST";
  }
  return "JOINING";
}

Result<service::JoinRequest> DecodeJoin(const json& body) {
  service::JoinRequest r;
  auto client = OptionalString(body, "clientId");
  auto names = OptionalStringArray(body, "interestedStream");
  auto ids = OptionalStringArray(body, "interestedStreamIdList");
  auto pattern = OptionalString(body, "streamPattern");
  auto timeout = OptionalInt(body, "rebalanceTimeoutMs");
  for (const Status& s :
       {client.status(), names.status(), ids.status(), pattern.status(), timeout.status()}) {
    if (!s.ok()) return s.error();
  }
  r.client_id = client->value_or("");
  r.stream_names = std::move(*names);
  r.stream_ids = std::move(*ids);
  r.stream_pattern = pattern->value_or("");
  r.rebalance_timeout_ms = *timeout;
  return r;
}

}  // namespace

HttpResponse JoinGroup(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto request = DecodeJoin(*body);
  if (!request.ok()) return FromError(request.error());
  auto joined =
      env.services.consumer_groups().Join(ctx.project_id(), ctx.Param("app_name"), *request);
  if (!joined.ok()) return FromError(joined.error());
  json out = {{"state", JoinStateName(joined->state)}};
  if (joined->state == service::JoinState::kOk) {
    out["subscription"] = joined->subscription;
    out["syncDelayedTimeMs"] = joined->sync_delayed_time_ms;
  }
  return JsonResponse(200, out);
}

HttpResponse SyncGroup(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.OptionalJsonBody();
  if (!body.ok()) return FromError(body.error());
  auto synced = env.services.consumer_groups().Sync(ctx.project_id(), ctx.Param("app_name"),
                                                    ctx.Param("client_id"));
  if (!synced.ok()) return FromError(synced.error());
  json out = {{"state", SyncStateName(synced->state)}};
  if (synced->state == service::SyncGroupState::kOk) {
    out["generation"] = synced->generation;
    json assignment = json::object();
    for (const auto& [stream, partitions] : synced->assignment) assignment[stream] = partitions;
    out["assignment"] = std::move(assignment);
  }
  return JsonResponse(200, out);
}

HttpResponse Heartbeat(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.OptionalJsonBody();
  if (!body.ok()) return FromError(body.error());
  auto generation = OptionalInt(*body, "generation");
  if (!generation.ok()) return FromError(generation.error());
  auto state = env.services.consumer_groups().Heartbeat(ctx.project_id(), ctx.Param("app_name"),
                                                        ctx.Param("client_id"), *generation);
  if (!state.ok()) return FromError(state.error());
  return JsonResponse(200, {{"state", HeartbeatStateName(*state)}});
}

HttpResponse LeaveGroup(const RequestContext& ctx, ApiEnv& env) {
  Status s = env.services.consumer_groups().Leave(ctx.project_id(), ctx.Param("app_name"),
                                                  ctx.Param("client_id"));
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

}  // namespace disd::api
