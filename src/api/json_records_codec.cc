// The JSON codec of PutRecords and GetRecords (seed 004 5.4.1-5.4.2, sdk-wire.md 1.3):
// record data is standard base64 with padding, sequence numbers are strings, a failed
// PutRecords entry carries error_code/error_message instead of a sequence number.
#include <nlohmann/json.hpp>

#include "api/json_fields.h"
#include "api/put_records_json_parser.h"
#include "api/records_json_writer.h"
#include "api/records_codec.h"
#include "disd/common/base64.h"
#include "disd/common/error_table.h"

namespace disd::api {

namespace {

using nlohmann::json;

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

class JsonCodec final : public RecordsCodec {
 public:
  Result<service::PutRecordsCommand> DecodePut(const RequestContext& ctx) const override {
    // The hot path (simdjson); it leaves only bodies it cannot read to nlohmann below.
    if (auto fast = ParsePutRecordsJson(ctx.http.body)) return std::move(*fast);
    auto body = ctx.JsonBody();
    if (!body.ok()) return body.error();
    return DecodePutRecords(*body);
  }

  // Written straight into the body, byte for byte what nlohmann produced.
  HttpResponse EncodePut(const service::PutRecordsOutcome& outcome) const override {
    return WritePutRecordsJson(outcome);
  }

  HttpResponse EncodeGet(const service::GetRecordsOutcome& outcome) const override {
    return WriteGetRecordsJson(outcome);
  }
};

}  // namespace

const RecordsCodec& JsonRecordsCodec() {
  static const JsonCodec codec;
  return codec;
}

}  // namespace disd::api
