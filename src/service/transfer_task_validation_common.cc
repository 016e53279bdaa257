// The descriptor fields every destination shares (seed 004 5.5.1 tables 5-82/5-83), the
// field readers, and the destination-type and state spellings.
#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include "disd/common/numbers.h"
#include "service/transfer_task_validation.h"

namespace disd::service {
namespace {

constexpr std::size_t kMaxTaskName = 64;
constexpr std::size_t kMaxAgencyName = 64;
constexpr std::size_t kMaxPrefix = 50;
constexpr std::int64_t kMinInterval = 30;
constexpr std::int64_t kMaxInterval = 900;
constexpr std::int64_t kDefaultInterval = 300;
constexpr std::int64_t kMaxRetry = 7200;
constexpr std::int64_t kDefaultRetry = 1800;

constexpr std::array<std::string_view, 5> kPartitionFormats = {"yyyy", "yyyy/MM", "yyyy/MM/dd",
                                                               "yyyy/MM/dd/HH", "yyyy/MM/dd/HH/mm"};
constexpr std::array<std::string_view, 4> kRecordDelimiters = {",", ";", "|", "\n"};
constexpr std::array<std::string_view, 6> kTimestampFormats = {
    "yyyy/MM/dd HH:mm:ss", "MM/dd/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm:ss",
    "yyyy-MM-dd HH:mm:ss", "MM-dd-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm:ss"};

template <std::size_t N>
bool OneOf(std::string_view value, const std::array<std::string_view, N>& allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}
bool IsPrefixChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '/';
}

const Json* Present(const Json& in, std::string_view key) {
  auto it = in.find(key);
  if (it == in.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Error InvalidField(std::string_view detail) {
  return MakeError(ErrorCode::kInvalidRequest, "[" + std::string(detail) + "]");
}

Result<std::optional<std::string>> OptString(const Json& in, std::string_view key) {
  const Json* v = Present(in, key);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return InvalidField(std::string(key) + " must be a string");
  const auto& s = v->get_ref<const std::string&>();
  if (s.empty()) return std::optional<std::string>();
  return std::optional<std::string>(s);
}

Result<std::string> ReqString(const Json& in, std::string_view key) {
  auto v = OptString(in, key);
  if (!v.ok()) return v.error();
  if (!v->has_value()) return InvalidField(std::string(key) + " is required");
  return **v;
}

Result<std::optional<std::int64_t>> OptInt(const Json& in, std::string_view key) {
  const Json* v = Present(in, key);
  if (v == nullptr) return std::optional<std::int64_t>();
  if (v->is_number_unsigned() &&
      v->get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return InvalidField(std::string(key) + " is out of range");
  }
  if (v->is_number_integer()) return std::optional<std::int64_t>(v->get<std::int64_t>());
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty()) return std::optional<std::int64_t>();
    if (auto n = ParseInt64(s)) return std::optional<std::int64_t>(*n);
  }
  return InvalidField(std::string(key) + " must be an integer");
}

Result<const Json*> OptObject(const Json& in, std::string_view key) {
  const Json* v = Present(in, key);
  if (v != nullptr && !v->is_object()) return InvalidField(std::string(key) + " must be an object");
  return v;
}

Status NormaliseTaskName(const Json& in, std::string_view key, Json& out) {
  auto name = ReqString(in, key);
  if (!name.ok()) return name.error();
  if (name->size() > kMaxTaskName || !std::all_of(name->begin(), name->end(), IsNameChar)) {
    return InvalidField(std::string(key) + " must be 1-64 characters of A-Z a-z 0-9 - _");
  }
  out["task_name"] = *name;
  return Status::Ok();
}

Result<const dump::ObjectStoreConfig*> NormaliseAgency(const Json& in, Json& out,
                                                       const ValidationEnv& env) {
  auto agency = ReqString(in, "agency_name");
  if (!agency.ok()) return agency.error();
  if (agency->size() > kMaxAgencyName) {
    return InvalidField("agency_name must be at most 64 characters");
  }
  const dump::ObjectStoreConfig* store = env.destinations.FindAgencyStore(*agency);
  if (store == nullptr) {
    return MakeError(ErrorCode::kInvalidAgency, "[no agency " + *agency + " is configured]");
  }
  out["agency_name"] = *agency;
  return store;
}

Status NormaliseInterval(const Json& in, Json& out) {
  auto v = OptInt(in, "deliver_time_interval");
  if (!v.ok()) return v.error();
  const std::int64_t interval = v->value_or(kDefaultInterval);
  if (interval < kMinInterval || interval > kMaxInterval) {
    return InvalidField("deliver_time_interval must be 30-900 seconds");
  }
  out["deliver_time_interval"] = interval;
  return Status::Ok();
}

Status NormaliseConsumerStrategy(const Json& in, Json& out) {
  auto v = OptString(in, "consumer_strategy");
  if (!v.ok()) return v.error();
  const std::string strategy = v->value_or("LATEST");
  if (strategy != "LATEST" && strategy != "TRIM_HORIZON") {
    return InvalidField("consumer_strategy must be LATEST or TRIM_HORIZON");
  }
  out["consumer_strategy"] = strategy;
  return Status::Ok();
}

Status NormaliseRetryDuration(const Json& in, Json& out) {
  auto v = OptInt(in, "retry_duration");
  if (!v.ok()) return v.error();
  const std::int64_t retry = v->value_or(kDefaultRetry);
  if (retry < 0 || retry > kMaxRetry) return InvalidField("retry_duration must be 0-7200 seconds");
  out["retry_duration"] = retry;
  return Status::Ok();
}

Status NormalisePrefix(const Json& in, std::string_view in_key, Json& out,
                       std::string_view out_key) {
  auto v = OptString(in, in_key);
  if (!v.ok()) return v.error();
  const std::string prefix = v->value_or("");
  const std::string key(in_key);
  if (prefix.size() > kMaxPrefix) return InvalidField(key + " must be at most 50 characters");
  if (!std::all_of(prefix.begin(), prefix.end(), IsPrefixChar)) {
    return InvalidField(key + " may contain only letters, digits, '_' and '/'");
  }
  if (prefix.starts_with('/')) return InvalidField(key + " must not start with '/'");
  if (prefix.find("//") != std::string::npos || prefix.ends_with('/')) {
    return InvalidField(key + " must not contain an empty directory level");
  }
  out[std::string(out_key)] = prefix;
  return Status::Ok();
}

Status NormalisePartitionFormat(const Json& in, Json& out) {
  auto v = OptString(in, "partition_format");
  if (!v.ok()) return v.error();
  std::string format = v->value_or("");
  if (format == "N/A") format.clear();
  if (!format.empty() && !OneOf(format, kPartitionFormats)) {
    return InvalidField(
        "partition_format must be one of yyyy, yyyy/MM, yyyy/MM/dd, yyyy/MM/dd/HH, "
        "yyyy/MM/dd/HH/mm");
  }
  out["partition_format"] = format;
  return Status::Ok();
}

Status NormaliseRecordDelimiter(const Json& in, Json& out) {
  auto v = OptString(in, "record_delimiter");
  if (!v.ok()) return v.error();
  const std::string delimiter = v->value_or("\n");
  if (!OneOf(delimiter, kRecordDelimiters)) {
    return InvalidField("record_delimiter must be one of \",\" \";\" \"|\" \"\\n\"");
  }
  out["record_delimiter"] = delimiter;
  return Status::Ok();
}

Status NormaliseFileType(const Json& in, Json& out, engine::DestinationType type,
                         const engine::StreamMeta& stream) {
  auto v = OptString(in, "destination_file_type");
  if (!v.ok()) return v.error();
  const std::string file_type = v->value_or("text");
  if (file_type != "text" && file_type != "parquet" && file_type != "carbon") {
    return InvalidField("destination_file_type must be text, parquet or carbon");
  }
  if (file_type != "text" &&
      (type != engine::DestinationType::kObs || stream.data_type != engine::DataType::kJson)) {
    return InvalidField("destination_file_type " + file_type +
                        " needs destination_type OBS and a stream of data_type JSON");
  }
  out["destination_file_type"] = file_type;
  return Status::Ok();
}

Status NormaliseProcessingSchema(const Json& in, Json& out) {
  auto schema = OptObject(in, "processing_schema");
  if (!schema.ok()) return schema.error();
  if (*schema == nullptr) return Status::Ok();
  const Json& s = **schema;
  auto name = ReqString(s, "timestamp_name");
  if (!name.ok()) return InvalidField("processing_schema.timestamp_name is required");
  auto type = ReqString(s, "timestamp_type");
  if (!type.ok() || (*type != "Timestamp" && *type != "String")) {
    return InvalidField("processing_schema.timestamp_type must be Timestamp or String");
  }
  Json normalised = {{"timestamp_name", *name}, {"timestamp_type", *type}};
  auto format = OptString(s, "timestamp_format");
  if (!format.ok()) return InvalidField("processing_schema.timestamp_format must be a string");
  if (*type == "String") {
    if (!format->has_value() || !OneOf(**format, kTimestampFormats)) {
      return InvalidField(
          "processing_schema.timestamp_format is required for timestamp_type String and must "
          "be one of yyyy/MM/dd HH:mm:ss, MM/dd/yyyy HH:mm:ss, dd/MM/yyyy HH:mm:ss, "
          "yyyy-MM-dd HH:mm:ss, MM-dd-yyyy HH:mm:ss, dd-MM-yyyy HH:mm:ss");
    }
    normalised["timestamp_format"] = **format;
  }
  out["processing_schema"] = std::move(normalised);
  return Status::Ok();
}

Status NormaliseBucket(const Json& in, std::string_view in_key, Json& out, std::string_view out_key,
                       bool optional, const dump::ObjectStoreConfig& store,
                       const ValidationEnv& env) {
  auto bucket = OptString(in, in_key);
  if (!bucket.ok()) return bucket.error();
  if (!bucket->has_value()) {
    if (!optional) return InvalidField(std::string(in_key) + " is required");
    out[std::string(out_key)] = "";
    return Status::Ok();
  }
  DISD_RETURN_IF_ERROR(env.check_bucket(store, **bucket));
  out[std::string(out_key)] = **bucket;
  return Status::Ok();
}

Result<const dump::ObjectStoreConfig*> NormaliseCommon(const Json& in, Json& out,
                                                       const ValidationEnv& env) {
  DISD_RETURN_IF_ERROR(NormaliseTaskName(in, "task_name", out));
  auto store = NormaliseAgency(in, out, env);
  if (!store.ok()) return store.error();
  DISD_RETURN_IF_ERROR(NormaliseInterval(in, out));
  DISD_RETURN_IF_ERROR(NormaliseConsumerStrategy(in, out));
  DISD_RETURN_IF_ERROR(NormaliseRetryDuration(in, out));
  out["destination_file_type"] = "text";
  out["partition_format"] = "";
  out["record_delimiter"] = "\n";
  return *store;
}

Status NormaliseStagedCommon(const Json& in, Json& out, const ValidationEnv& env) {
  auto store = NormaliseCommon(in, out, env);
  if (!store.ok()) return store.error();
  DISD_RETURN_IF_ERROR(NormalisePrefix(in, "file_prefix", out, "file_prefix"));
  return NormaliseBucket(in, "obs_bucket_path", out, "obs_bucket_path", false, **store, env);
}

Result<Json> NormaliseDescriptor(engine::DestinationType type, const Json& in,
                                 const ValidationEnv& env) {
  switch (type) {
    case engine::DestinationType::kObs:
      return NormaliseObs(in, env);
    case engine::DestinationType::kMrs:
      return NormaliseMrs(in, env);
    case engine::DestinationType::kDli:
      return NormaliseDli(in, env);
    case engine::DestinationType::kDws:
      return NormaliseDws(in, env);
    case engine::DestinationType::kCloudTable:
      return NormaliseCloudTable(in, env);
  }
  return MakeError(ErrorCode::kInternal, "unknown destination type");
}

Result<engine::DestinationType> ParseDestinationType(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "OBS") return engine::DestinationType::kObs;
  if (upper == "MRS") return engine::DestinationType::kMrs;
  if (upper == "DLI") return engine::DestinationType::kDli;
  if (upper == "DWS") return engine::DestinationType::kDws;
  if (upper == "CLOUDTABLE" || upper == "CLOUDBASE" || upper == "CLOUTABLE") {
    return engine::DestinationType::kCloudTable;
  }
  return InvalidField("destination_type must be OBS, MRS, DLI, DWS or CLOUDTABLE");
}

std::string DescriptorKey(engine::DestinationType type) {
  std::string name(engine::ToString(type));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name + "_destination_descriptor";
}

Json PublicDescriptor(const Json& stored) {
  Json out = stored;
  out.erase("user_password_encrypted");
  out.erase("secret_key_encrypted");
  return out;
}

}  // namespace disd::service
