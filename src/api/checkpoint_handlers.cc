// Handlers for checkpoints (seed 004 5.3) and an app's consumer state on a stream (5.2.5).
// A partition without a checkpoint answers sequence_number "-1" (what the Kafka adapter
// reads as "no checkpoint"); GetCheckpoint also repeats metadata as "metaData", the key
// the legacy Python SDK reads.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/json_fields.h"
#include "api/responses.h"
#include "api/stream_json.h"
#include "disd/common/partition_id.h"
#include "disd/service/checkpoint_service.h"
#include "disd/service/consumer_state_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

Result<service::CheckpointCommit> DecodeCommit(const json& body) {
  service::CheckpointCommit c;
  auto app = OptionalString(body, "app_name");
  auto type = OptionalString(body, "checkpoint_type");
  auto name = OptionalString(body, "stream_name");
  auto id = OptionalString(body, "stream_id");
  auto partition = OptionalString(body, "partition_id");
  auto metadata = OptionalString(body, "metadata");
  auto client = OptionalString(body, "client_id");
  auto generation = OptionalInt(body, "generation_id");
  for (const Status& s : {app.status(), type.status(), name.status(), id.status(),
                          partition.status(), metadata.status(), client.status(),
                          generation.status()}) {
    if (!s.ok()) return s.error();
  }
  // sequence_number is a string on the wire; a JSON number is accepted too.
  if (auto seq = body.find("sequence_number"); seq != body.end() && !seq->is_null()) {
    if (seq->is_string()) {
      c.sequence_number = seq->get<std::string>();
    } else if (seq->is_number_integer()) {
      c.sequence_number = std::to_string(seq->get<std::int64_t>());
    } else {
      return MakeError(ErrorCode::kInvalidSequenceNumber, "[sequence_number must be a string]");
    }
  }
  c.app_name = app->value_or("");
  c.checkpoint_type = type->value_or("");
  c.stream_name = name->value_or("");
  c.stream_id = id->value_or("");
  c.partition_id = partition->value_or("");
  c.metadata = metadata->value_or("");
  c.client_id = client->value_or("");
  c.generation_id = *generation;
  return c;
}

service::CheckpointSelector SelectorFromQuery(const RequestContext& ctx) {
  service::CheckpointSelector s;
  s.app_name = ctx.QueryString("app_name");
  s.checkpoint_type = ctx.QueryString("checkpoint_type");
  s.stream_name = ctx.QueryString("stream_name");
  s.stream_id = ctx.QueryString("stream_id");
  s.partition_id = ctx.QueryString("partition_id");
  return s;
}

}  // namespace

HttpResponse CommitCheckpoint(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto commit = DecodeCommit(*body);
  if (!commit.ok()) return FromError(commit.error());
  Status s = env.services.checkpoints().Commit(ctx.project_id(), *commit);
  return s.ok() ? EmptyResponse(201) : FromError(s.error());
}

HttpResponse GetCheckpoint(const RequestContext& ctx, ApiEnv& env) {
  auto checkpoint = env.services.checkpoints().Get(ctx.project_id(), SelectorFromQuery(ctx));
  if (!checkpoint.ok()) return FromError(checkpoint.error());
  const std::string metadata = checkpoint->has_value() ? (*checkpoint)->metadata : "";
  const std::string sequence =
      checkpoint->has_value() ? std::to_string((*checkpoint)->sequence_number) : "-1";
  return JsonResponse(200, {{"sequence_number", sequence},
                            {"metadata", metadata},
                            {"metaData", metadata}});
}

HttpResponse DeleteCheckpoint(const RequestContext& ctx, ApiEnv& env) {
  Status s = env.services.checkpoints().Delete(ctx.project_id(), SelectorFromQuery(ctx));
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

HttpResponse ShowConsumerState(const RequestContext& ctx, ApiEnv& env) {
  auto limit = ctx.query.GetInt("limit");
  if (!limit.ok()) return FromError(limit.error());
  std::optional<std::int32_t> start_after;
  if (const std::string start = ctx.QueryString("start_partition_id"); !start.empty()) {
    start_after = ParsePartitionId(start);
    if (!start_after) {
      return FromError(MakeError(ErrorCode::kInvalidPartitionId, "[" + start + "]"));
    }
  }
  auto state = env.services.consumer_states().Describe(
      ctx.project_id(), ctx.Param("app_name"), ctx.Param("stream_name"), start_after,
      limit->value_or(100), ctx.QueryString("checkpoint_type"));
  if (!state.ok()) return FromError(state.error());
  json partitions = json::array();
  for (const auto& p : state->partitions) {
    const auto& c = p.checkpoint;
    partitions.push_back(
        {{"partition_id", std::to_string(p.partition.index)},
         {"sequence_number", c ? std::to_string(c->sequence_number) : "-1"},
         {"metadata", c ? c->metadata : ""},
         {"latest_offset", p.range.next},
         {"earliest_offset", p.range.first_valid},
         {"checkpoint_type", service::CheckpointTypeName(
                                 c ? c->type : engine::CheckpointType::kLastRead)},
         {"status", PartitionStatusName(p.partition.status)}});
  }
  return JsonResponse(200, {{"has_more", state->has_more},
                            {"stream_name", state->stream->name},
                            {"app_name", state->app.name},
                            {"app_id", state->app.app_id},
                            {"create_time", state->app.create_time_ms},
                            {"partition_consuming_states", std::move(partitions)}});
}

}  // namespace disd::api
