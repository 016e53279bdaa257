// Handlers for apps (seed 004 5.2.1-5.2.4): decode, call AppService, encode the DescribeApp
// shape (app_name, app_id, create_time, commit_checkpoint_stream_names).
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/json_fields.h"
#include "api/responses.h"
#include "disd/service/app_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

json AppJson(const service::AppView& view) {
  return {{"app_name", view.app.name},
          {"app_id", view.app.app_id},
          {"create_time", view.app.create_time_ms},
          {"commit_checkpoint_stream_names", view.checkpoint_stream_names}};
}

}  // namespace

HttpResponse CreateApp(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto name = RequiredString(*body, "app_name");
  if (!name.ok()) return FromError(name.error());
  Status s = env.services.apps().Create(ctx.project_id(), *name);
  return s.ok() ? EmptyResponse(201) : FromError(s.error());
}

HttpResponse DescribeApp(const RequestContext& ctx, ApiEnv& env) {
  auto view = env.services.apps().Describe(ctx.project_id(), ctx.Param("app_name"));
  if (!view.ok()) return FromError(view.error());
  return JsonResponse(200, AppJson(*view));
}

HttpResponse ListApps(const RequestContext& ctx, ApiEnv& env) {
  auto limit = ctx.query.GetInt("limit");
  if (!limit.ok()) return FromError(limit.error());
  auto page = env.services.apps().List(ctx.project_id(), limit->value_or(10),
                                       ctx.QueryString("start_app_name"),
                                       ctx.QueryString("stream_name"));
  if (!page.ok()) return FromError(page.error());
  json apps = json::array();
  for (const auto& app : page->apps) apps.push_back(AppJson(app));
  return JsonResponse(200, {{"has_more_app", page->has_more},
                            {"apps", std::move(apps)},
                            {"total_number", page->total_number}});
}

HttpResponse DeleteApp(const RequestContext& ctx, ApiEnv& env) {
  Status s = env.services.apps().Delete(ctx.project_id(), ctx.Param("app_name"));
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

}  // namespace disd::api
