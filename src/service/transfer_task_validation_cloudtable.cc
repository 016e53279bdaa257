// CloudTable dump descriptors (seed 004 5.5.10, tables 5-131 to 5-139): the common fields,
// a configured CloudTable cluster (DIS.4341) with an HBase REST gateway (for
// cloudtable_schema) or an OpenTSDB endpoint (for opentsdb_schema), exactly one schema
// whose shape is checked here (DIS.4345 HBase, DIS.4348 OpenTSDB), the row-key delimiter
// and the optional backup bucket. The HBase table and its column families must exist
// (DIS.4342/4343) when the gateway answers; the sink checks them again (docs/behaviour.md).
#include <algorithm>
#include <array>
#include <cctype>

#include "disd/dump/hbase_probe.h"
#include "service/transfer_task_validation.h"

namespace disd::service {
namespace {

constexpr std::array<std::string_view, 6> kValueTypes = {"Bigint",    "Double", "Boolean",
                                                         "Timestamp", "String", "Decimal"};
constexpr std::array<std::string_view, 6> kTimestampFormats = {
    "yyyy/MM/dd HH:mm:ss", "MM/dd/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm:ss",
    "yyyy-MM-dd HH:mm:ss", "MM-dd-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm:ss"};
// The reference's lists are garbled; this is their union (its HBase example uses "|").
constexpr std::array<std::string_view, 11> kRowKeyDelimiters = {".",  ",", "|", ";", ":", " ",
                                                                "\\", "-", "_", "~", "/"};

template <std::size_t N>
bool OneOf(std::string_view v, const std::array<std::string_view, N>& allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

// 1-32 characters of letters, digits and `extra`.
bool IsShortName(std::string_view s, char extra) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == extra;
  });
}

Error BadHBase(const std::string& detail) {
  return MakeError(ErrorCode::kInvalidCloudTableSchema, "[" + detail + "]");
}
Error BadTsdb(const std::string& detail) {
  return MakeError(ErrorCode::kInvalidOpenTsdbSchema, "[" + detail + "]");
}

std::string Str(const Json& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Status CheckArray(const Json& o, std::string_view key, std::size_t max,
                  Error (*bad)(const std::string&), const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_array() || it->empty() || it->size() > max) {
    return bad(where + std::string(key) + " must be an array of 1-" + std::to_string(max) +
               " objects");
  }
  for (const Json& item : *it) {
    if (!item.is_object()) return bad(where + std::string(key) + " must hold objects");
  }
  return Status::Ok();
}

Status CheckHBaseSchema(const Json& schema) {
  if (!schema.is_object()) return BadHBase("cloudtable_schema must be an object");
  DISD_RETURN_IF_ERROR(CheckArray(schema, "row_key", 64, BadHBase, "cloudtable_schema."));
  DISD_RETURN_IF_ERROR(CheckArray(schema, "columns", 4096, BadHBase, "cloudtable_schema."));
  for (const Json& key : schema["row_key"]) {
    if (Str(key, "value").empty() || !OneOf(Str(key, "type"), kValueTypes)) {
      return BadHBase(
          "row_key entries need a value and a type of Bigint, Double, Boolean, "
          "Timestamp, String or Decimal");
    }
  }
  for (const Json& column : schema["columns"]) {
    if (Str(column, "column_family_name").empty() || Str(column, "value").empty() ||
        !OneOf(Str(column, "type"), kValueTypes)) {
      return BadHBase("columns entries need column_family_name, value and a valid type");
    }
    if (!IsShortName(Str(column, "column_name"), '_')) {
      return BadHBase("column_name must be 1-32 characters of letters, digits and _");
    }
  }
  return Status::Ok();
}

Status CheckTsdbEntry(const Json& entry) {
  DISD_RETURN_IF_ERROR(CheckArray(entry, "metric", 1024, BadTsdb, "opentsdb_schema."));
  for (const Json& metric : entry["metric"]) {
    const std::string type = Str(metric, "type");
    if ((type != "Constant" && type != "String") || !IsShortName(Str(metric, "value"), '.')) {
      return BadTsdb(
          "metric entries need type Constant or String and a value of 1-32 "
          "letters, digits and .");
    }
  }
  auto ts = entry.find("timestamp");
  if (ts == entry.end() || !ts->is_object()) return BadTsdb("timestamp is required");
  const std::string ts_type = Str(*ts, "type");
  if ((ts_type != "Timestamp" && ts_type != "String") || !IsShortName(Str(*ts, "value"), '_')) {
    return BadTsdb(
        "timestamp needs type Timestamp or String and a value of 1-32 letters, "
        "digits and _");
  }
  if (ts_type == "String" && !OneOf(Str(*ts, "format"), kTimestampFormats)) {
    return BadTsdb(
        "timestamp.format is required for type String and must be one of the six "
        "documented formats");
  }
  auto value = entry.find("value");
  if (value == entry.end() || !value->is_object() || !OneOf(Str(*value, "type"), kValueTypes) ||
      !IsShortName(Str(*value, "value"), '_')) {
    return BadTsdb("value needs a valid type and a value of 1-32 letters, digits and _");
  }
  // OpenTSDB holds 1-8 tags per point (tsd.storage.max_tags; CloudTable states the same).
  DISD_RETURN_IF_ERROR(CheckArray(entry, "tags", 8, BadTsdb, "opentsdb_schema."));
  std::vector<std::string> tag_names;
  for (const Json& tag : entry["tags"]) {
    if (!IsShortName(Str(tag, "name"), '_') || !OneOf(Str(tag, "type"), kValueTypes) ||
        !IsShortName(Str(tag, "value"), '_')) {
      return BadTsdb(
          "tags entries need a name and value of 1-32 letters, digits and _ and a "
          "valid type");
    }
    if (std::find(tag_names.begin(), tag_names.end(), Str(tag, "name")) != tag_names.end()) {
      return BadTsdb("tag names must be distinct within an opentsdb_schema entry");
    }
    tag_names.push_back(Str(tag, "name"));
  }
  return Status::Ok();
}

}  // namespace

Result<Json> NormaliseCloudTable(const Json& in, const ValidationEnv& env) {
  Json out = Json::object();
  auto store = NormaliseCommon(in, out, env);
  if (!store.ok()) return store.error();
  auto name = ReqString(in, "cloudtable_cluster_name");
  if (!name.ok()) return name.error();
  auto id = ReqString(in, "cloudtable_cluster_id");
  if (!id.ok()) return id.error();
  const dump::CloudTableClusterConfig* by_name = env.destinations.FindCloudTableCluster(*name);
  const dump::CloudTableClusterConfig* by_id = env.destinations.FindCloudTableCluster(*id);
  const dump::CloudTableClusterConfig* cluster = by_name != nullptr ? by_name : by_id;
  if (cluster == nullptr || (by_name != nullptr && by_id != nullptr && by_name != by_id)) {
    return MakeError(ErrorCode::kCloudTableClusterNotFound,
                     "[no CloudTable cluster " + *name + " (" + *id + ") is configured]");
  }
  out["cloudtable_cluster_name"] = *name;
  out["cloudtable_cluster_id"] = *id;

  const bool hbase = in.contains("cloudtable_schema") && !in["cloudtable_schema"].is_null();
  const bool tsdb = in.contains("opentsdb_schema") && !in["opentsdb_schema"].is_null();
  if (hbase == tsdb) {
    return BadHBase("exactly one of cloudtable_schema and opentsdb_schema is required");
  }
  if (hbase) {
    auto table = ReqString(in, "cloudtable_table_name");
    if (!table.ok()) return BadHBase("cloudtable_table_name is required with cloudtable_schema");
    DISD_RETURN_IF_ERROR(CheckHBaseSchema(in["cloudtable_schema"]));
    if (cluster->hbase_rest_url.empty()) {
      return MakeError(ErrorCode::kCloudTableClusterNotFound,
                       "[cluster " + cluster->name + " has no HBase REST gateway configured]");
    }
    // The table and the families the schema uses must exist (DIS.4342/4343). A gateway
    // that cannot be asked does not stop the task: the sink checks again before writing.
    std::vector<std::string> families;
    for (const Json& column : in["cloudtable_schema"]["columns"]) {
      const std::string family = Str(column, "column_family_name");
      if (std::find(families.begin(), families.end(), family) == families.end()) {
        families.push_back(family);
      }
    }
    constexpr std::int64_t kHBaseProbeTimeoutMs = 5000;
    Status exists = dump::CheckHBaseTable(*cluster, *table, families, kHBaseProbeTimeoutMs);
    if (exists.code() == ErrorCode::kCloudTableTableNotFound ||
        exists.code() == ErrorCode::kCloudTableFamilyNotFound) {
      return exists.error();
    }
    out["cloudtable_table_name"] = *table;
    out["cloudtable_schema"] = in["cloudtable_schema"];
  } else {
    const Json& schema = in["opentsdb_schema"];
    if (!schema.is_array() || schema.empty()) {
      return BadTsdb("opentsdb_schema must be a non-empty array");
    }
    for (const Json& entry : schema) {
      if (!entry.is_object()) return BadTsdb("opentsdb_schema must hold objects");
      DISD_RETURN_IF_ERROR(CheckTsdbEntry(entry));
    }
    if (cluster->opentsdb_url.empty()) {
      return MakeError(ErrorCode::kCloudTableClusterNotFound,
                       "[cluster " + cluster->name + " has no OpenTSDB endpoint configured]");
    }
    out["opentsdb_schema"] = schema;
  }
  auto delimiter = OptString(in, "cloudtable_row_key_delimiter");
  if (!delimiter.ok()) return delimiter.error();
  const std::string d = delimiter->value_or(".");
  if (!OneOf(d, kRowKeyDelimiters)) {
    return InvalidField("cloudtable_row_key_delimiter must be one of . , | ; : space \\ - _ ~ /");
  }
  out["cloudtable_row_key_delimiter"] = d;
  DISD_RETURN_IF_ERROR(NormalisePrefix(in, "backup_file_prefix", out, "backup_file_prefix"));
  DISD_RETURN_IF_ERROR(NormaliseBucket(in, "obs_backup_bucket_path", out, "obs_backup_bucket_path",
                                       true, **store, env));
  return out;
}

}  // namespace disd::service
