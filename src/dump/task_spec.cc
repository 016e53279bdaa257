// ParseTaskSpec: the stored (normalised) descriptor back into typed values. The service
// layer wrote it, so any deviation is corruption: kInternal naming the field.
#include "disd/dump/task_spec.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "disd/dump/secret_box.h"

namespace disd::dump {
namespace {

using nlohmann::json;

Error Corrupt(std::string_view field) {
  return MakeError(ErrorCode::kInternal,
                   "stored transfer-task descriptor: bad field " + std::string(field));
}

// Reads descriptor[key] as a string into `out`; absent is fine unless `required`.
Status ReadString(const json& d, std::string_view key, std::string& out, bool required) {
  auto it = d.find(key);
  if (it == d.end()) return required ? Status(Corrupt(key)) : Status::Ok();
  if (!it->is_string()) return Corrupt(key);
  out = it->get<std::string>();
  return Status::Ok();
}

Status ReadInt32(const json& d, std::string_view key, std::int32_t& out, bool required) {
  auto it = d.find(key);
  if (it == d.end()) return required ? Status(Corrupt(key)) : Status::Ok();
  if (!it->is_number_integer()) return Corrupt(key);
  const auto v = it->get<std::int64_t>();
  if (v < 0 || v > std::numeric_limits<std::int32_t>::max()) return Corrupt(key);
  out = static_cast<std::int32_t>(v);
  return Status::Ok();
}

Status ReadCommon(engine::DestinationType type, const json& d, CommonSpec& c) {
  DISD_RETURN_IF_ERROR(ReadString(d, "task_name", c.task_name, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "agency_name", c.agency_name, true));
  DISD_RETURN_IF_ERROR(ReadInt32(d, "deliver_time_interval", c.deliver_time_interval_s, true));
  DISD_RETURN_IF_ERROR(ReadInt32(d, "retry_duration", c.retry_duration_s, true));
  std::string strategy;
  DISD_RETURN_IF_ERROR(ReadString(d, "consumer_strategy", strategy, true));
  if (strategy == "LATEST") {
    c.consumer_strategy = ConsumerStrategy::kLatest;
  } else if (strategy == "TRIM_HORIZON") {
    c.consumer_strategy = ConsumerStrategy::kTrimHorizon;
  } else {
    return Corrupt("consumer_strategy");
  }
  if (type == engine::DestinationType::kCloudTable) {
    DISD_RETURN_IF_ERROR(ReadString(d, "obs_backup_bucket_path", c.obs_bucket_path, false));
    DISD_RETURN_IF_ERROR(ReadString(d, "backup_file_prefix", c.file_prefix, false));
  } else {
    DISD_RETURN_IF_ERROR(ReadString(d, "obs_bucket_path", c.obs_bucket_path, true));
    DISD_RETURN_IF_ERROR(ReadString(d, "file_prefix", c.file_prefix, false));
  }
  DISD_RETURN_IF_ERROR(ReadString(d, "partition_format", c.partition_format, false));
  DISD_RETURN_IF_ERROR(ReadString(d, "record_delimiter", c.record_delimiter, false));
  std::string file_type = "text";
  DISD_RETURN_IF_ERROR(ReadString(d, "destination_file_type", file_type, false));
  if (file_type == "text") {
    c.destination_file_type = FileType::kText;
  } else if (file_type == "parquet") {
    c.destination_file_type = FileType::kParquet;
  } else if (file_type == "carbon") {
    c.destination_file_type = FileType::kCarbon;
  } else {
    return Corrupt("destination_file_type");
  }
  if (auto it = d.find("processing_schema"); it != d.end()) {
    if (!it->is_object()) return Corrupt("processing_schema");
    ProcessingSchema p;
    DISD_RETURN_IF_ERROR(ReadString(*it, "timestamp_name", p.timestamp_name, true));
    DISD_RETURN_IF_ERROR(ReadString(*it, "timestamp_type", p.timestamp_type, true));
    DISD_RETURN_IF_ERROR(ReadString(*it, "timestamp_format", p.timestamp_format, false));
    c.processing_schema = std::move(p);
  }
  return Status::Ok();
}

}  // namespace

Result<TaskSpec> ParseTaskSpec(engine::DestinationType type, std::string_view descriptor_json) {
  json d = json::parse(descriptor_json, nullptr, /*allow_exceptions=*/false);
  if (!d.is_object()) return Corrupt("(not a JSON object)");
  TaskSpec spec;
  spec.destination_type = type;
  spec.descriptor_json = std::string(descriptor_json);
  DISD_RETURN_IF_ERROR(ReadCommon(type, d, spec.common));
  if (type == engine::DestinationType::kDli) {
    DliSpec dli;
    DISD_RETURN_IF_ERROR(ReadString(d, "dli_database_name", dli.dli_database_name, true));
    DISD_RETURN_IF_ERROR(ReadString(d, "dli_table_name", dli.dli_table_name, true));
    spec.dli = std::move(dli);
  }
  if (d.contains("secret_key_encrypted")) {
    DmsObsSpec dms;
    DISD_RETURN_IF_ERROR(ReadString(d, "access_key", dms.access_key, true));
    DISD_RETURN_IF_ERROR(ReadString(d, "secret_key_encrypted", dms.secret_key, true));
    spec.dms = std::move(dms);
  }
  return spec;
}

Result<TaskSpec> ParseTaskSpec(engine::DestinationType type, std::string_view descriptor_json,
                               const DestinationRegistry& destinations) {
  auto spec = ParseTaskSpec(type, descriptor_json);
  if (!spec.ok() || !spec->dms) return spec;
  auto secret = OpenSecret(destinations.secrets_key(), spec->dms->secret_key);
  if (!secret.ok()) {
    return MakeError(ErrorCode::kInternal,
                     "the DMS sink task's secret key does not open with the secrets key");
  }
  spec->dms->secret_key = std::move(*secret);
  return spec;
}

}  // namespace disd::dump
