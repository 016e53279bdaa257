// ParseTaskSpec: the stored (normalised) descriptor back into typed values. The service
// layer wrote it, so any deviation is corruption: kInternal naming the field.
#include "disd/dump/task_spec.h"

#include <algorithm>
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

// The switches are stored as "true"/"on"/"false"/"off".
Status ReadSwitch(const json& d, std::string_view key, bool& out) {
  std::string v = "false";
  DISD_RETURN_IF_ERROR(ReadString(d, key, v, false));
  if (v != "true" && v != "on" && v != "false" && v != "off") return Corrupt(key);
  out = v == "true" || v == "on";
  return Status::Ok();
}

Result<DwsSpec> ReadDws(const json& d) {
  DwsSpec s;
  DISD_RETURN_IF_ERROR(ReadString(d, "dws_cluster_name", s.cluster_name, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "dws_cluster_id", s.cluster_id, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "dws_database_name", s.database_name, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "dws_schema", s.schema, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "dws_table_name", s.table_name, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "dws_delimiter", s.delimiter, false));
  DISD_RETURN_IF_ERROR(ReadString(d, "user_name", s.user_name, true));
  DISD_RETURN_IF_ERROR(
      ReadString(d, "user_password_encrypted", s.user_password_sealed, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "kms_user_key_name", s.kms_key_name, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "kms_user_key_id", s.kms_key_id, true));
  std::string columns;
  DISD_RETURN_IF_ERROR(ReadString(d, "dws_table_columns", columns, false));
  std::size_t start = 0;
  while (!columns.empty() && start <= columns.size()) {
    const std::size_t comma = std::min(columns.find(',', start), columns.size());
    std::string column = columns.substr(start, comma - start);
    const auto first = column.find_first_not_of(' ');
    const auto last = column.find_last_not_of(' ');
    if (first == std::string::npos) return Corrupt("dws_table_columns");
    s.table_columns.push_back(column.substr(first, last - first + 1));
    start = comma + 1;
  }
  auto options = d.find("options");
  if (options != d.end()) {
    if (!options->is_object()) return Corrupt("options");
    DwsOptions& o = s.options;
    DISD_RETURN_IF_ERROR(ReadSwitch(*options, "fill_missing_fields", o.fill_missing_fields));
    DISD_RETURN_IF_ERROR(ReadSwitch(*options, "ignore_extra_data", o.ignore_extra_data));
    DISD_RETURN_IF_ERROR(
        ReadSwitch(*options, "compatible_illegal_chars", o.compatible_illegal_chars));
    std::string limit = "0";
    DISD_RETURN_IF_ERROR(ReadString(*options, "reject_limit", limit, false));
    if (limit == "unlimited") {
      o.reject_limit = -1;
    } else {
      if (limit.empty() || limit.size() > 18 ||
          limit.find_first_not_of("0123456789") != std::string::npos) {
        return Corrupt("options.reject_limit");
      }
      o.reject_limit = std::stoll(limit);
    }
    DISD_RETURN_IF_ERROR(ReadString(*options, "error_table_name", o.error_table_name, false));
  }
  return s;
}

Result<MrsSpec> ReadMrs(const json& d) {
  MrsSpec s;
  DISD_RETURN_IF_ERROR(ReadString(d, "mrs_cluster_name", s.cluster_name, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "mrs_cluster_id", s.cluster_id, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "mrs_hdfs_path", s.hdfs_path, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "hdfs_prefix_folder", s.hdfs_prefix_folder, false));
  return s;
}

Result<CloudTableSpec> ReadCloudTable(const json& d) {
  CloudTableSpec s;
  DISD_RETURN_IF_ERROR(ReadString(d, "cloudtable_cluster_name", s.cluster_name, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "cloudtable_cluster_id", s.cluster_id, true));
  DISD_RETURN_IF_ERROR(ReadString(d, "cloudtable_table_name", s.table_name, false));
  DISD_RETURN_IF_ERROR(
      ReadString(d, "cloudtable_row_key_delimiter", s.row_key_delimiter, false));
  auto hbase = d.find("cloudtable_schema");
  auto tsdb = d.find("opentsdb_schema");
  const bool has_hbase = hbase != d.end() && hbase->is_object();
  const bool has_tsdb = tsdb != d.end() && tsdb->is_array();
  if (has_hbase == has_tsdb) return Corrupt("cloudtable_schema/opentsdb_schema");
  if (has_hbase) {
    if (s.table_name.empty()) return Corrupt("cloudtable_table_name");
    s.hbase_schema_json = hbase->dump();
  } else {
    s.opentsdb_schema_json = tsdb->dump();
  }
  return s;
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
  if (type == engine::DestinationType::kDws) {
    auto dws = ReadDws(d);
    if (!dws.ok()) return dws.error();
    spec.dws = std::move(*dws);
  }
  if (type == engine::DestinationType::kMrs) {
    auto mrs = ReadMrs(d);
    if (!mrs.ok()) return mrs.error();
    spec.mrs = std::move(*mrs);
  }
  if (type == engine::DestinationType::kCloudTable) {
    auto cloudtable = ReadCloudTable(d);
    if (!cloudtable.ok()) return cloudtable.error();
    spec.cloudtable = std::move(*cloudtable);
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
