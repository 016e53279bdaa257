// Handlers for PutRecords, GetRecords and GetCursor (JSON codec). Base64 is decoded here
// (a bad encoding names the record index); the DIS rules live in the services.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/json_fields.h"
#include "api/responses.h"
#include "disd/common/base64.h"
#include "disd/common/error_table.h"
#include "disd/common/partition_id.h"
#include "disd/service/cursor_service.h"
#include "disd/service/record_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

Error AtIndex(std::size_t i, std::string what) {
  return MakeError(ErrorCode::kInvalidRequest, "[records[" + std::to_string(i) + "]: " + what + "]");
}

Result<service::PutRecordsCommand> DecodePutRecords(const json& body) {
  service::PutRecordsCommand command;
  auto name = OptionalString(body, "stream_name");
  auto id = OptionalString(body, "stream_id");
  if (!name.ok()) return name.error();
  if (!id.ok()) return id.error();
  command.stream_name = name->value_or("");
  command.stream_id = id->value_or("");
  if (command.stream_name.empty() && command.stream_id.empty()) {
    return MakeError(ErrorCode::kInvalidRequest, "[stream_name is required]");
  }
  auto records = body.find("records");
  if (records == body.end() || records->is_null()) return MakeError(ErrorCode::kEmptyRequest);
  if (!records->is_array()) return MakeError(ErrorCode::kInvalidRequest, "[records must be an array]");
  command.records.reserve(records->size());
  for (std::size_t i = 0; i < records->size(); ++i) {
    const json& r = (*records)[i];
    if (!r.is_object()) return AtIndex(i, "must be an object");
    auto data = r.find("data");
    if (data == r.end() || !data->is_string()) return AtIndex(i, "data must be a base64 string");
    auto decoded = Base64Decode(data->get_ref<const std::string&>());
    if (!decoded) return AtIndex(i, "data is not valid base64");
    service::PutRecordEntry entry;
    entry.data = std::move(*decoded);
    auto partition_id = OptionalString(r, "partition_id");
    auto hash_key = OptionalString(r, "explicit_hash_key");
    auto partition_key = OptionalString(r, "partition_key");
    auto timestamp = OptionalInt(r, "timestamp");
    for (const Status& s : {partition_id.status(), hash_key.status(), partition_key.status(),
                            timestamp.status()}) {
      if (!s.ok()) return AtIndex(i, FormatErrorMessage(s.error()));
    }
    entry.partition_id = *partition_id;
    entry.explicit_hash_key = *hash_key;
    entry.partition_key = *partition_key;
    entry.timestamp_ms = *timestamp;
    command.records.push_back(std::move(entry));
  }
  return command;
}

}  // namespace

HttpResponse PutRecords(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto command = DecodePutRecords(*body);
  if (!command.ok()) return FromError(command.error());
  auto outcome = env.services.records().Put(ctx.project_id(), *command);
  if (!outcome.ok()) return FromError(outcome.error());
  json records = json::array();
  for (const auto& r : outcome->records) {
    json entry = json::object();
    if (r.partition >= 0) entry["partition_id"] = FormatPartitionId(r.partition);
    if (r.error) {
      entry["error_code"] = DescribeError(r.error->code).dis_code;
      entry["error_message"] = FormatErrorMessage(*r.error);
    } else {
      entry["sequence_number"] = std::to_string(r.sequence_number);
    }
    records.push_back(std::move(entry));
  }
  return JsonResponse(200, {{"failed_record_count", outcome->failed_record_count},
                            {"records", std::move(records)}});
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
  auto outcome = env.services.records().Get(ctx.project_id(), *cursor, *limit, *max_bytes);
  if (!outcome.ok()) return FromError(outcome.error());
  json records = json::array();
  for (const auto& r : outcome->records) {
    json entry = {{"sequence_number", std::to_string(r.sequence_number)},
                  {"data", Base64Encode(r.data)},
                  {"timestamp", r.timestamp_ms},
                  {"timestamp_type", "CreateTime"}};
    if (r.partition_key) entry["partition_key"] = *r.partition_key;
    records.push_back(std::move(entry));
  }
  return JsonResponse(200, {{"records", std::move(records)},
                            {"next_partition_cursor", outcome->next_cursor}});
}

HttpResponse GetCursor(const RequestContext& ctx, ApiEnv& env) {
  service::CursorRequest request;
  request.stream_name = ctx.query.Get("stream-name");
  request.stream_id = ctx.query.Get("stream-id");
  request.partition_id = ctx.query.Get("partition-id");
  request.cursor_type = ctx.query.Get("cursor-type");
  request.starting_sequence_number = ctx.query.Get("starting-sequence-number");
  request.timestamp = ctx.query.Get("timestamp");
  auto cursor = env.services.cursors().MakeCursor(ctx.project_id(), request);
  if (!cursor.ok()) return FromError(cursor.error());
  return JsonResponse(200, {{"partition_cursor", *cursor}});
}

}  // namespace disd::api
