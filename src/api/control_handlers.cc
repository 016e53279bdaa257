// disd's own test-control endpoint: advancing the manual clock, after which the retention
// sweep (the app's hook) and an auto-scaling evaluation run. Absent (404) unless the
// server runs with clock.mode = manual.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/json_fields.h"
#include "api/responses.h"
#include "disd/service/auto_scaler.h"

namespace disd::api {

HttpResponse AdvanceClock(const RequestContext& ctx, ApiEnv& env) {
  if (env.options.manual_clock == nullptr) {
    return FromError(MakeError(ErrorCode::kRouteNotFound, "[the clock is not manual]"));
  }
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto advance = RequiredInt(*body, "advance_ms");
  if (!advance.ok()) return FromError(advance.error());
  if (*advance < 0) return FromError(MakeError(ErrorCode::kInvalidRequest, "[advance_ms must be >= 0]"));
  env.options.manual_clock->AdvanceMs(*advance);
  if (env.options.after_clock_advance) env.options.after_clock_advance();
  env.services.auto_scaler().RunOnce();  // decisions are recorded in update_partition_counts
  return JsonResponse(200, {{"now_ms", env.options.manual_clock->NowMs()}});
}

}  // namespace disd::api
