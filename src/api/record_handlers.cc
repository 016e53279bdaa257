// Handlers for PutRecords, GetRecords and GetCursor. The wire codec (JSON or protobuf,
// records_codec.h) only decodes and encodes; every request runs the same service calls.
// A principal acting outside its own projects reaches a stream only by stream_id and only
// through the stream's policies (authorization.h); the stream name is then ignored, so a
// name can never smuggle access to another stream.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/authorization.h"
#include "api/handlers.h"
#include "api/records_codec.h"
#include "api/responses.h"
#include "disd/service/cursor_service.h"
#include "disd/service/record_service.h"
#include "disd/service/stream_service.h"

namespace disd::api {

namespace {

bool SharedAccess(const RequestContext& ctx) { return !ctx.principal.MayActIn(ctx.project_id()); }

// For shared access: the stream `stream_id` must let the principal perform `action`.
Status AuthorizeSharedStream(const RequestContext& ctx, ApiEnv& env, std::string_view stream_id,
                             std::string_view action) {
  if (stream_id.empty()) {
    return MakeError(ErrorCode::kInvalidRbac,
                     "[another account's stream is addressed by stream_id only]");
  }
  auto stream = env.services.streams().ResolveRunning(ctx.project_id(), "", stream_id);
  if (!stream.ok()) return stream.error();
  return CheckStreamPolicy(ctx.principal, **stream, action);
}

}  // namespace

HttpResponse PutRecords(const RequestContext& ctx, ApiEnv& env) {
  const RecordsCodec& codec = RecordsCodecFor(ctx.http);
  auto command = codec.DecodePut(ctx);
  if (!command.ok()) return FromError(command.error());
  if (SharedAccess(ctx)) {
    if (Status s = AuthorizeSharedStream(ctx, env, command->stream_id, kPutRecordsAction);
        !s.ok()) {
      return FromError(s.error());
    }
    command->stream_name.clear();  // resolve by the authorised id only
  }
  auto outcome = env.services.records().Put(ctx.project_id(), *command);
  if (!outcome.ok()) return FromError(outcome.error());
  return codec.EncodePut(*outcome);
}

HttpResponse GetRecords(const RequestContext& ctx, ApiEnv& env) {
  auto cursor = ctx.query.Get("partition-cursor");
  if (!cursor || cursor->empty()) {
    return FromError(MakeError(ErrorCode::kInvalidCursor, "[partition-cursor is required]"));
  }
  auto limit = ctx.query.GetInt("limit");
  if (!limit.ok()) return FromError(limit.error());
  auto max_bytes = ctx.query.GetInt("max_fetch_bytes");
  if (!max_bytes.ok()) return FromError(max_bytes.error());
  if (!max_bytes->has_value()) {
    max_bytes = ctx.query.GetInt("max_fetch_by_bytes");
    if (!max_bytes.ok()) return FromError(max_bytes.error());
  }
  if (SharedAccess(ctx)) {
    auto target = env.services.cursors().Resolve(ctx.project_id(), *cursor);
    if (!target.ok()) return FromError(target.error());
    if (Status s = CheckStreamPolicy(ctx.principal, *target->stream, kGetRecordsAction); !s.ok()) {
      return FromError(s.error());
    }
  }
  auto outcome = env.services.records().Get(ctx.project_id(), *cursor, *limit, *max_bytes);
  if (!outcome.ok()) return FromError(outcome.error());
  return RecordsCodecFor(ctx.http).EncodeGet(*outcome);
}

HttpResponse GetCursor(const RequestContext& ctx, ApiEnv& env) {
  service::CursorRequest request;
  request.stream_name = ctx.query.Get("stream-name");
  request.stream_id = ctx.query.Get("stream-id");
  request.partition_id = ctx.query.Get("partition-id");
  request.cursor_type = ctx.query.Get("cursor-type");
  request.starting_sequence_number = ctx.query.Get("starting-sequence-number");
  request.timestamp = ctx.query.Get("timestamp");
  if (SharedAccess(ctx)) {
    if (Status s = AuthorizeSharedStream(ctx, env, request.stream_id.value_or(""),
                                         kGetRecordsAction);
        !s.ok()) {
      return FromError(s.error());
    }
    request.stream_name.reset();  // resolve by the authorised id only
  }
  auto cursor = env.services.cursors().MakeCursor(ctx.project_id(), request);
  if (!cursor.ok()) return FromError(cursor.error());
  return JsonResponse(200, {{"partition_cursor", *cursor}});
}

}  // namespace disd::api
