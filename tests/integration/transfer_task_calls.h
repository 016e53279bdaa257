// Transfer-task and DMS sink-task calls as the SDKs send them, the request bodies of seed
// 004 5.5 (one per destination type, every field the reference's examples use), and the
// server configuration the transfer-task tests run with: the built-in local object store
// (buckets obs-bucket, obsbucket, obsbackupbucket) and agency dis_admin_agency, plus a DLI
// table, DWS/MRS/CloudTable clusters and a KMS key.
// Shared by transfer_tasks_*_test.cc and dms_sink_tasks_test.cc.
// Thread-safety: like DisClient, one per thread.
#pragma once

#include <string>
#include <vector>

#include "support/dis_client.h"
#include "support/server_process.h"

namespace disd::test::tasks {

// The KMS key of the test configuration (name kmskey, id kms-id).
inline constexpr char kKmsKeyHex[] =
    "8899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677";

// The test configuration; `dump` overrides keys of the "dump" section.
inline ServerOptions TaskServerOptions(const json& dump = json::object()) {
  json config = {{"destinations",
                  {{"dli_tables",
                    {{{"database", "dlidatabasename"},
                      {"table", "dlitablename"},
                      {"object_store", "local"},
                      {"bucket", "obsbucket"},
                      {"prefix", "warehouse/dlidatabasename/dlitablename"},
                      {"format", "json"}}}},
                   {"dws_clusters",
                    {{{"name", "dwscluster"}, {"id", "f82dc227-3691-47eb-bca7-e7851f509b2a"}}}},
                   {"mrs_clusters",
                    {{{"name", "mrscluster"},
                      {"id", "f8123fa6-99f1-4ed9-83f4-c827c7277d41"},
                      {"webhdfs_url", "http://127.0.0.1:9"}}}},
                   {"cloudtable_clusters",
                    {{{"name", "cloudtablecluster"},
                      {"id", "b8c095e2-db5f-4732-8a1d-eacd662e35dc"},
                      {"hbase_rest_url", "http://127.0.0.1:9"},
                      {"opentsdb_url", "http://127.0.0.1:9"}}}},
                   {"kms_keys",
                    {{{"name", "kmskey"},
                      {"id", "1e759f06-9188-4d21-afab-a75e57c04d2b"},
                      {"key_hex", kKmsKeyHex}}}}}}};
  if (!dump.empty()) config["dump"] = dump;
  ServerOptions options;
  options.config = "// transfer-task test settings\n" + config.dump(2) + "\n";
  return options;
}

// Where a transfer-task call goes: the v2 paths, their /v3 twins, or the legacy Python
// SDK's singular /v2/{project_id}/stream/{stream_name}/transfer-tasks/ (trailing slash).
enum class Api { kV2, kV3, kSingular };

inline std::string TasksPath(DisClient& dis, const std::string& stream, Api api = Api::kV2) {
  switch (api) {
    case Api::kV2:
      return dis.V2("/streams/" + stream + "/transfer-tasks");
    case Api::kV3:
      return "/v3/" + dis.project() + "/streams/" + stream + "/transfer-tasks";
    case Api::kSingular:
      return dis.V2("/stream/" + stream + "/transfer-tasks/");
  }
  return {};
}
inline std::string TaskPath(DisClient& dis, const std::string& stream, const std::string& task,
                            Api api = Api::kV2) {
  std::string base = TasksPath(dis, stream, api);
  if (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + task;
}

inline DisResponse CreateTask(DisClient& dis, const std::string& stream, const json& body,
                              Api api = Api::kV2) {
  return dis.CallJson("POST", TasksPath(dis, stream, api), body);
}
inline DisResponse UpdateTask(DisClient& dis, const std::string& stream, const json& body,
                              Api api = Api::kV2) {
  return dis.CallJson("PUT", TasksPath(dis, stream, api), body);
}
inline DisResponse ListTasks(DisClient& dis, const std::string& stream, Api api = Api::kV2) {
  return dis.Call("GET", TasksPath(dis, stream, api));
}
inline DisResponse DescribeTask(DisClient& dis, const std::string& stream, const std::string& task,
                                Api api = Api::kV2) {
  return dis.Call("GET", TaskPath(dis, stream, task, api));
}
inline DisResponse DeleteTask(DisClient& dis, const std::string& stream, const std::string& task,
                              Api api = Api::kV2) {
  return dis.Call("DELETE", TaskPath(dis, stream, task, api));
}
inline DisResponse TaskAction(DisClient& dis, const std::string& stream, const std::string& action,
                              const std::vector<std::string>& ids, Api api = Api::kV2) {
  json tasks = json::array();
  for (const auto& id : ids) tasks.push_back({{"id", id}});
  return dis.CallJson("POST", TaskPath(dis, stream, "action", api),
                      {{"action", action}, {"tasks", tasks}});
}

// `base` with the keys of `overrides` replaced (null removes a key).
inline json With(json base, const json& overrides) {
  for (const auto& [key, value] : overrides.items()) {
    if (value.is_null()) {
      base.erase(key);
    } else {
      base[key] = value;
    }
  }
  return base;
}

// The reference's example bodies (seed 004 5.5.1, 5.5.7-5.5.10), task name `name`;
// `overrides` applies to the descriptor.
inline json ObsBody(const std::string& name, const json& overrides = json::object()) {
  json d = {{"task_name", name},
            {"consumer_strategy", "LATEST"},
            {"agency_name", "dis_admin_agency"},
            {"destination_file_type", "text"},
            {"obs_bucket_path", "obsbucket"},
            {"file_prefix", ""},
            {"partition_format", "yyyy/MM/dd/HH/mm"},
            {"record_delimiter", "|"},
            {"deliver_time_interval", 30}};
  return {{"destination_type", "OBS"}, {"obs_destination_descriptor", With(d, overrides)}};
}
inline json DwsBody(const std::string& name, const json& overrides = json::object()) {
  json d = {{"task_name", name},
            {"consumer_strategy", "LATEST"},
            {"agency_name", "dis_admin_agency"},
            {"dws_cluster_name", "dwscluster"},
            {"dws_cluster_id", "f82dc227-3691-47eb-bca7-e7851f509b2a"},
            {"dws_database_name", "postgres"},
            {"dws_schema", "dbadmin"},
            {"dws_table_name", "dwstablename"},
            {"dws_delimiter", ""},
            {"user_name", "dbadmin"},
            {"user_password", "userpassword"},
            {"kms_user_key_name", "kmskey"},
            {"kms_user_key_id", "1e759f06-9188-4d21-afab-a75e57c04d2b"},
            {"obs_bucket_path", "obsbucket"},
            {"file_prefix", ""},
            {"deliver_time_interval", 60},
            {"retry_duration", 1800},
            {"options",
             {{"fill_missing_fields", "false"},
              {"ignore_extra_data", "false"},
              {"compatible_illegal_chars", "false"}}}};
  return {{"destination_type", "DWS"}, {"dws_destination_descriptor", With(d, overrides)}};
}
inline json MrsBody(const std::string& name, const json& overrides = json::object()) {
  json d = {{"task_name", name},
            {"consumer_strategy", "LATEST"},
            {"agency_name", "dis_admin_agency"},
            {"destination_file_type", "text"},
            {"mrs_cluster_id", "f8123fa6-99f1-4ed9-83f4-c827c7277d41"},
            {"mrs_cluster_name", "mrscluster"},
            {"mrs_hdfs_path", "/user"},
            {"obs_bucket_path", "obsbucket"},
            {"file_prefix", ""},
            {"hdfs_prefix_folder", ""},
            {"deliver_time_interval", 30},
            {"retry_duration", 1800}};
  return {{"destination_type", "MRS"}, {"mrs_destination_descriptor", With(d, overrides)}};
}
inline json DliBody(const std::string& name, const json& overrides = json::object()) {
  json d = {{"task_name", name},
            {"consumer_strategy", "LATEST"},
            {"agency_name", "dis_admin_agency"},
            {"dli_database_name", "dlidatabasename"},
            {"dli_table_name", "dlitablename"},
            {"obs_bucket_path", "obsbucket"},
            {"file_prefix", ""},
            {"deliver_time_interval", 300},
            {"retry_duration", 300}};
  return {{"destination_type", "DLI"}, {"dli_destination_descriptor", With(d, overrides)}};
}
// The HBase example (it says "CLOUDBASE"); `overrides` applies to the descriptor.
inline json HBaseBody(const std::string& name, const json& overrides = json::object()) {
  json d = {{"task_name", name},
            {"consumer_strategy", "TRIM_HORIZON"},
            {"agency_name", "dis_admin_agency"},
            {"cloudtable_cluster_name", "cloudtablecluster"},
            {"cloudtable_cluster_id", "b8c095e2-db5f-4732-8a1d-eacd662e35dc"},
            {"cloudtable_table_name", "cloudtabletable"},
            {"cloudtable_row_key_delimiter", "|"},
            {"retry_duration", 1800},
            {"obs_backup_bucket_path", "obsbackupbucket"},
            {"backup_file_prefix", ""},
            {"deliver_time_interval", 60},
            {"cloudtable_schema",
             {{"row_key", {{{"value", "datavalue"}, {"type", "String"}}}},
              {"columns",
               {{{"column_family_name", "cfname1"},
                 {"column_name", "ID"},
                 {"value", "datavalue1"},
                 {"type", "String"}},
                {{"column_family_name", "cfname2"},
                 {"column_name", "VALUE"},
                 {"value", "datavalue2"},
                 {"type", "String"}}}}}}};
  return {{"destination_type", "CLOUDBASE"},
          {"cloudtable_destination_descriptor", With(d, overrides)}};
}
inline json OpenTsdbBody(const std::string& name, const json& overrides = json::object()) {
  json d = {
      {"task_name", name},
      {"consumer_strategy", "LATEST"},
      {"agency_name", "dis_admin_agency"},
      {"cloudtable_cluster_name", "cloudtablecluster"},
      {"cloudtable_cluster_id", "b8c095e2-db5f-4732-8a1d-eacd662e35dc"},
      {"retry_duration", 1800},
      {"obs_backup_bucket_path", "obsbackupbucket"},
      {"backup_file_prefix", ""},
      {"deliver_time_interval", 60},
      {"opentsdb_schema",
       {{{"metric", {{{"type", "Constant"}, {"value", "age"}}}},
         {"timestamp", {{"value", "date"}, {"type", "String"}, {"format", "yyyy/MM/dd HH:mm:ss"}}},
         {"value", {{"value", "value"}, {"type", "Bigint"}}},
         {"tags", {{{"name", "name"}, {"value", "name"}, {"type", "Bigint"}}}}}}}};
  return {{"destination_type", "CLOUDTABLE"},
          {"cloudtable_destination_descriptor", With(d, overrides)}};
}

// The task's id from a list (empty when absent).
inline std::string TaskId(DisClient& dis, const std::string& stream, const std::string& name) {
  DisResponse list = ListTasks(dis, stream);
  for (const auto& t : list.doc.value("tasks", json::array())) {
    if (t.value("task_name", "") == name) return t.value("task_id", "");
  }
  return {};
}

// The DMS sink-task API (seed 003).
inline std::string SinkTasksPath(DisClient& dis, const std::string& connector) {
  return dis.V2("/connectors/" + connector + "/sink-tasks");
}
inline json SinkBody(const std::string& name, const json& overrides = json::object()) {
  json d = {{"consumer_strategy", "earliest"},
            {"destination_file_type", "TEXT"},
            {"access_key", "AKEXAMPLE"},
            {"secret_key", "SKEXAMPLESECRET"},
            {"obs_bucket_name", "obsbucket"},
            {"obs_path", "obsTransfer"},
            {"partition_format", "yyyy/MM/dd/HH/mm"},
            {"record_delimiter", "\n"},
            {"deliver_time_interval", 300},
            {"topics", "topic-test"}};
  return {{"source_type", "BLOB"},
          {"task_name", name},
          {"destination_type", "OBS"},
          {"obs_destination_descriptor", With(d, overrides)}};
}

}  // namespace disd::test::tasks
