// Handlers for stream policies (seed 004 5.1.7-5.1.8, CreatePoliciesv3, DeletePolicies).
// The list answers both "stream_id" (the table) and "streamId" (the page's example).
// DeletePolicies reads its JSON body; an empty body removes every rule of the stream.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/json_fields.h"
#include "api/responses.h"
#include "disd/service/policy_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

Result<service::PolicyRequest> DecodePolicy(const json& body) {
  service::PolicyRequest r;
  auto stream_id = OptionalString(body, "stream_id");
  auto name = OptionalString(body, "principal_name");
  auto id = OptionalString(body, "principal_id");
  auto action = OptionalString(body, "action_type");
  auto effect = OptionalString(body, "effect");
  for (const Status& s : {stream_id.status(), name.status(), id.status(), action.status(),
                          effect.status()}) {
    if (!s.ok()) return s.error();
  }
  r.stream_id = stream_id->value_or("");
  r.principal_name = name->value_or("");
  r.principal_id = id->value_or("");
  r.action_type = action->value_or("");
  r.effect = effect->value_or("");
  return r;
}

}  // namespace

HttpResponse AddPolicies(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto request = DecodePolicy(*body);
  if (!request.ok()) return FromError(request.error());
  Status s = env.services.policies().Add(ctx.project_id(), ctx.Param("stream_name"), *request);
  return s.ok() ? EmptyResponse(201) : FromError(s.error());
}

HttpResponse ListPolicies(const RequestContext& ctx, ApiEnv& env) {
  auto list = env.services.policies().List(ctx.project_id(), ctx.Param("stream_name"));
  if (!list.ok()) return FromError(list.error());
  json rules = json::array();
  for (const auto& r : list->rules) {
    rules.push_back({{"principal", r.principal},
                     {"principal_name", r.principal_name},
                     {"action_type", r.action_type},
                     {"effect", r.effect}});
  }
  return JsonResponse(200, {{"stream_id", list->stream_id},
                            {"streamId", list->stream_id},
                            {"rules", std::move(rules)}});
}

HttpResponse DeletePolicies(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.OptionalJsonBody();
  if (!body.ok()) return FromError(body.error());
  auto request = DecodePolicy(*body);
  if (!request.ok()) return FromError(request.error());
  Status s = env.services.policies().Delete(ctx.project_id(), ctx.Param("stream_name"), *request);
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

}  // namespace disd::api
