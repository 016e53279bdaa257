#include "api/put_records_json_parser.h"

#include <simdjson.h>

#include <string>

#include "disd/common/base64.h"
#include "disd/common/error_table.h"
#include "disd/common/numbers.h"

namespace disd::api {

namespace {

namespace dom = simdjson::dom;

// Bodies larger than this (a batch of 500 x 1 KiB is about 0.7 MB) are parsed by a parser
// of their own, so a worker thread does not keep buffers sized for its largest request.
constexpr std::size_t kRetainedParserBytes = 2u << 20;

Error WrongType(std::string_view key, std::string_view what) {
  return MakeError(ErrorCode::kInvalidRequest,
                   "[" + std::string(key) + " must be " + std::string(what) + "]");
}

Error AtIndex(std::size_t i, std::string what) {
  return MakeError(ErrorCode::kInvalidRequest, "[records[" + std::to_string(i) + "]: " + what + "]");
}

// The value of `key` in `object`, the last one when it repeats (as nlohmann keeps it);
// null and absent are both "no value".
std::optional<dom::element> Find(dom::object object, std::string_view key) {
  std::optional<dom::element> found;
  for (dom::key_value_pair field : object) {
    if (field.key == key) found = field.value;
  }
  if (found && found->is_null()) return std::nullopt;
  return found;
}

Result<std::optional<std::string>> OptionalString(dom::object object, std::string_view key) {
  auto v = Find(object, key);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return WrongType(key, "a string");
  return std::optional<std::string>(std::string(std::string_view(*v)));
}

// As api::OptionalInt: integers, or decimal strings ("" = absent).
Result<std::optional<std::int64_t>> OptionalInt(dom::object object, std::string_view key) {
  auto v = Find(object, key);
  if (!v) return std::optional<std::int64_t>();
  if (v->is_int64()) return std::optional<std::int64_t>(std::int64_t(*v));
  if (v->is_uint64()) return WrongType(key, "an integer in range");
  if (v->is_string()) {
    std::string_view s = *v;
    if (s.empty()) return std::optional<std::int64_t>();
    if (auto n = ParseInt64(s)) return std::optional<std::int64_t>(*n);
  }
  return WrongType(key, "an integer");
}

Result<service::PutRecordsCommand> Decode(dom::element root) {
  if (!root.is_object()) {
    return MakeError(ErrorCode::kInvalidRequest, "[body must be a JSON object]");
  }
  const dom::object body = root;
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
  auto records = Find(body, "records");
  if (!records) return MakeError(ErrorCode::kEmptyRequest);
  if (!records->is_array()) {
    return MakeError(ErrorCode::kInvalidRequest, "[records must be an array]");
  }
  const dom::array array = *records;
  command.records.reserve(array.size());
  std::size_t i = 0;
  for (dom::element r : array) {
    if (!r.is_object()) return AtIndex(i, "must be an object");
    const dom::object record = r;
    auto data = Find(record, "data");
    if (!data || !data->is_string()) return AtIndex(i, "data must be a base64 string");
    auto decoded = Base64Decode(std::string_view(*data));
    if (!decoded) return AtIndex(i, "data is not valid base64");
    service::PutRecordEntry& entry = command.records.emplace_back();
    entry.data = std::move(*decoded);
    auto partition_id = OptionalString(record, "partition_id");
    auto hash_key = OptionalString(record, "explicit_hash_key");
    auto partition_key = OptionalString(record, "partition_key");
    auto timestamp = OptionalInt(record, "timestamp");
    for (const Status& s : {partition_id.status(), hash_key.status(), partition_key.status(),
                            timestamp.status()}) {
      if (!s.ok()) return AtIndex(i, FormatErrorMessage(s.error()));
    }
    entry.partition_id = std::move(*partition_id);
    entry.explicit_hash_key = std::move(*hash_key);
    entry.partition_key = std::move(*partition_key);
    entry.timestamp_ms = *timestamp;
    ++i;
  }
  return command;
}

}  // namespace

std::optional<Result<service::PutRecordsCommand>> ParsePutRecordsJson(std::string_view body) {
  if (body.empty()) return Result<service::PutRecordsCommand>(MakeError(ErrorCode::kEmptyRequest));
  thread_local dom::parser retained;
  dom::parser oversized;
  dom::parser& parser = body.size() <= kRetainedParserBytes ? retained : oversized;
  // parse() copies the body into its own padded buffer, so `body` needs no padding.
  dom::element root;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
  return Decode(root);
}

}  // namespace disd::api
