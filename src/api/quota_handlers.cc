// Handler for GetQuotas (GET /v1/{project_id}/quotas, dis-behaviour.md 2.5). The page's
// body is not in the seeds; disd answers in the shape Huawei Cloud's quota APIs share:
// {"quotas": {"resources": [{"type", "quota", "used"}, ...]}} (docs/behaviour.md).
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/responses.h"
#include "disd/service/quota_service.h"

namespace disd::api {

using nlohmann::json;

HttpResponse GetQuotas(const RequestContext& ctx, ApiEnv& env) {
  json resources = json::array();
  for (const auto& q : env.services.quotas().Get(ctx.project_id())) {
    resources.push_back({{"type", q.type}, {"quota", q.quota}, {"used", q.used}});
  }
  return JsonResponse(200, {{"quotas", {{"resources", std::move(resources)}}}});
}

}  // namespace disd::api
