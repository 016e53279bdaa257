// Handlers for stream management: decode the request, call StreamService, encode the
// answer. No DIS rule lives here; the service owns them.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/json_fields.h"
#include "api/responses.h"
#include "api/stream_json.h"
#include "disd/common/partition_id.h"
#include "disd/service/stream_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

// Reads every CreateStream field; unknown keys (Java's "private"/"is_private") are ignored.
Result<service::StreamSpec> DecodeStreamSpec(const json& body) {
  service::StreamSpec spec;
  auto name = OptionalString(body, "stream_name");
  auto count = RequiredInt(body, "partition_count");
  auto type = OptionalString(body, "stream_type");
  auto data_type = OptionalString(body, "data_type");
  auto duration = OptionalInt(body, "data_duration");
  auto auto_scale = OptionalBool(body, "auto_scale_enabled");
  auto min = OptionalInt(body, "auto_scale_min_partition_count");
  auto max = OptionalInt(body, "auto_scale_max_partition_count");
  auto schema = OptionalString(body, "data_schema");
  auto compression = OptionalString(body, "compression_format");
  auto tags = OptionalTags(body, "tags");
  auto sys_tags = OptionalTags(body, "sys_tags");
  for (const Status& s : {name.status(), count.status(), type.status(), data_type.status(),
                          duration.status(), auto_scale.status(), min.status(), max.status(),
                          schema.status(), compression.status(), tags.status(), sys_tags.status()}) {
    if (!s.ok()) return s.error();
  }
  spec.name = name->value_or("");
  spec.partition_count = *count;
  if (*type && !(*type)->empty()) spec.stream_type = **type;
  if (*data_type && !(*data_type)->empty()) spec.data_type = **data_type;
  spec.data_duration = *duration;
  spec.auto_scale_enabled = auto_scale->value_or(false);
  spec.auto_scale_min_partitions = *min;
  spec.auto_scale_max_partitions = *max;
  spec.data_schema = schema->value_or("");
  spec.compression_format = compression->value_or("");
  spec.tags = std::move(*tags);
  spec.sys_tags = std::move(*sys_tags);
  if (auto csv = body.find("csv_properties"); csv != body.end() && !csv->is_null()) {
    if (!csv->is_object()) return MakeError(ErrorCode::kInvalidRequest, "[csv_properties must be an object]");
    auto delimiter = OptionalString(*csv, "delimiter");
    if (!delimiter.ok()) return delimiter.error();
    spec.csv_delimiter = delimiter->value_or(",");
  }
  return spec;
}

}  // namespace

HttpResponse CreateStream(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto spec = DecodeStreamSpec(*body);
  if (!spec.ok()) return FromError(spec.error());
  Status s = env.services.streams().Create(ctx.project_id(), *spec);
  return s.ok() ? EmptyResponse(201) : FromError(s.error());
}

HttpResponse ListStreams(const RequestContext& ctx, ApiEnv& env) {
  auto limit = ctx.query.GetInt("limit");
  if (!limit.ok()) return FromError(limit.error());
  auto page = env.services.streams().List(ctx.project_id(), limit->value_or(10),
                                          ctx.query.Get("start_stream_name").value_or(""));
  if (!page.ok()) return FromError(page.error());
  json names = json::array();
  json infos = json::array();
  for (const auto& s : page->streams) {
    names.push_back(s->name);
    infos.push_back(StreamInfoJson(*s, env.services.streams().StatusOf(*s)));
  }
  return JsonResponse(200, {{"total_number", page->total_number},
                            {"stream_names", std::move(names)},
                            {"has_more_streams", page->has_more},
                            {"stream_info_list", std::move(infos)}});
}

HttpResponse DescribeStream(const RequestContext& ctx, ApiEnv& env) {
  auto limit = ctx.query.GetInt("limit_partitions");
  if (!limit.ok()) return FromError(limit.error());
  std::optional<std::int32_t> start_after;
  auto start = ctx.query.Get("start_partitionId");
  if (!start) start = ctx.query.Get("start_partition_id");
  if (start && !start->empty()) {
    start_after = ParsePartitionId(*start);
    if (!start_after) {
      return FromError(MakeError(ErrorCode::kInvalidPartitionId, "[" + *start + "]"));
    }
  }
  auto d = env.services.streams().Describe(ctx.project_id(), ctx.Param("stream_name"),
                                           start_after, limit->value_or(100));
  if (!d.ok()) return FromError(d.error());
  return JsonResponse(200, DescribeJson(*d));
}

HttpResponse DeleteStream(const RequestContext& ctx, ApiEnv& env) {
  Status s = env.services.streams().Delete(ctx.project_id(), ctx.Param("stream_name"));
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

HttpResponse UpdatePartitionCount(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto target = RequiredInt(*body, "target_partition_count");
  if (!target.ok()) return FromError(target.error());
  const std::string_view name = ctx.Param("stream_name");
  auto result = env.services.streams().UpdatePartitionCount(ctx.project_id(), name, *target,
                                                           /*auto_scale=*/false);
  if (!result.ok()) return FromError(result.error());
  return JsonResponse(200, {{"stream_name", name},
                            {"current_partition_count", result->current_count},
                            {"target_partition_count", *target}});
}

HttpResponse UpdateStream(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  service::StreamUpdate update;
  auto duration = OptionalInt(*body, "data_duration");
  auto data_type = OptionalString(*body, "data_type");
  auto schema = OptionalString(*body, "data_schema");
  auto enabled = OptionalBool(*body, "auto_scale_enabled");
  auto min = OptionalInt(*body, "auto_scale_min_partition_count");
  auto max = OptionalInt(*body, "auto_scale_max_partition_count");
  for (const Status& s : {duration.status(), data_type.status(), schema.status(), enabled.status(),
                          min.status(), max.status()}) {
    if (!s.ok()) return FromError(s.error());
  }
  update.data_duration = *duration;
  if (*data_type && !(*data_type)->empty()) update.data_type = *data_type;
  update.data_schema = *schema;
  update.auto_scale_enabled = *enabled;
  update.auto_scale_min_partitions = *min;
  update.auto_scale_max_partitions = *max;
  Status s = env.services.streams().Update(ctx.project_id(), ctx.Param("stream_name"), update);
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

HttpResponse ListPartitionCountUpdates(const RequestContext& ctx, ApiEnv& env) {
  auto d = env.services.streams().Describe(ctx.project_id(), ctx.Param("stream_name"),
                                           std::nullopt, 1);
  if (!d.ok()) return FromError(d.error());
  json records = json::array();
  for (const auto& r : d->stream->scaling_log) records.push_back(ScalingRecordJson(r));
  return JsonResponse(200, {{"stream_name", d->stream->name},
                            {"update_partition_counts", std::move(records)}});
}

}  // namespace disd::api
