// Handlers for monitoring (seed 004 5.6): stream and partition metrics. Query parameters
// label, label_list, start_time, end_time; the legacy Python SDK's JSON body on these GETs
// is ignored. `label` answers {"metrics": {...}}, `label_list` {"metrics_list": [...]}.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/responses.h"
#include "disd/service/metrics_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

json SeriesJson(const service::MetricsSeries& series) {
  json points = json::array();
  for (const auto& p : series.points) {
    points.push_back({{"timestamp", p.timestamp_ms}, {"value", p.value}});
  }
  return {{"label", series.label}, {"dataPoints", std::move(points)}};
}

HttpResponse Metrics(const RequestContext& ctx, ApiEnv& env, bool partition) {
  service::MetricsQuery query;
  query.stream_name = std::string(ctx.Param("stream_name"));
  if (partition) query.partition_id = std::string(ctx.Param("partition_id"));
  query.label = ctx.QueryString("label");
  query.label_list = ctx.QueryString("label_list");
  query.start_time = ctx.QueryString("start_time");
  query.end_time = ctx.QueryString("end_time");
  auto answer = env.services.metrics().Query(ctx.project_id(), query);
  if (!answer.ok()) return FromError(answer.error());
  if (!answer->from_label_list)
    return JsonResponse(200, {{"metrics", SeriesJson(answer->series.front())}});
  json list = json::array();
  for (const auto& series : answer->series) list.push_back(SeriesJson(series));
  return JsonResponse(200, {{"metrics_list", std::move(list)}});
}

}  // namespace

HttpResponse ShowStreamMetrics(const RequestContext& ctx, ApiEnv& env) {
  return Metrics(ctx, env, false);
}

HttpResponse ShowPartitionMetrics(const RequestContext& ctx, ApiEnv& env) {
  return Metrics(ctx, env, true);
}

}  // namespace disd::api
