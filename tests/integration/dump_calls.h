// Transfer-task calls and delivery checks shared by the dump tests: task bodies shaped like
// the seed's examples (004 5.5.1, 5.5.9), describe/list/action wrappers, and reading what a
// local object store holds on disk (bucket = directory under <data dir>/dump by default).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/dis_client.h"

namespace disd::test {

// An OBS descriptor with the emulator's defaults (agency dis_admin_agency, bucket
// obs-bucket, 30 s interval); `extra` overrides or adds fields.
inline json ObsTask(const std::string& name, const json& extra = json::object()) {
  json d = {{"task_name", name},
            {"agency_name", "dis_admin_agency"},
            {"obs_bucket_path", "obs-bucket"},
            {"deliver_time_interval", 30},
            {"consumer_strategy", "LATEST"}};
  for (const auto& [k, v] : extra.items()) d[k] = v;
  return {{"destination_type", "OBS"}, {"obs_destination_descriptor", d}};
}

inline json DliTask(const std::string& name, const std::string& database, const std::string& table,
                    const json& extra = json::object()) {
  json d = {{"task_name", name},
            {"agency_name", "dis_admin_agency"},
            {"dli_database_name", database},
            {"dli_table_name", table},
            {"obs_bucket_path", "obs-bucket"},
            {"deliver_time_interval", 30},
            {"consumer_strategy", "TRIM_HORIZON"}};
  for (const auto& [k, v] : extra.items()) d[k] = v;
  return {{"destination_type", "DLI"}, {"dli_destination_descriptor", d}};
}

inline std::string TasksPath(DisClient& dis, const std::string& stream) {
  return dis.V2("/streams/" + stream + "/transfer-tasks");
}

inline void CreateTaskOk(DisClient& dis, const std::string& stream, const json& body) {
  DisResponse r = dis.CallJson("POST", TasksPath(dis, stream), body);
  EXPECT_EQ(r.status, 201) << "creating a transfer task on " << stream << ": " << r.body;
}

inline json DescribeTask(DisClient& dis, const std::string& stream, const std::string& task) {
  DisResponse r = dis.Call("GET", TasksPath(dis, stream) + "/" + task);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.doc;
}

inline std::string TaskId(DisClient& dis, const std::string& stream, const std::string& task) {
  DisResponse r = dis.Call("GET", TasksPath(dis, stream));
  EXPECT_EQ(r.status, 200) << r.body;
  for (const json& t : r.doc.value("tasks", json::array())) {
    if (t.value("task_name", "") == task) return t.value("task_id", "");
  }
  ADD_FAILURE() << "no task " << task << " in " << r.body;
  return {};
}

inline void TaskActionOk(DisClient& dis, const std::string& stream, const std::string& action,
                         const std::string& task) {
  const json body = {{"action", action}, {"tasks", {{{"id", TaskId(dis, stream, task)}}}}};
  DisResponse r = dis.CallJson("POST", TasksPath(dis, stream) + "/action", body);
  EXPECT_TRUE(r.status == 200 || r.status == 201 || r.status == 204)
      << action << " " << task << ": " << r.status << " " << r.body;
}

// A JSON number or a decimal string as an integer (-999 when neither).
inline std::int64_t AsInt(const json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_string()) {
    try {
      return std::stoll(v.get<std::string>());
    } catch (...) {
    }
  }
  return -999;
}

// The describe entry of partition `index` (matched by partition_id "shardId-%010d").
inline json TaskPartition(const json& describe, int index) {
  for (const json& p : describe.value("partitions", json::array())) {
    if (p.value("partition_id", "") == PartitionId(index)) return p;
  }
  return json();
}

// Every regular file under `dir`, keyed by its path relative to `dir` ('/'-separated).
inline std::map<std::string, std::string> FilesUnder(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    files[entry.path().lexically_relative(dir).generic_string()] = content.str();
  }
  return files;
}

// "yyyy/MM/dd/HH/mm" of a Unix time in milliseconds, UTC (computed here independently).
inline std::string MinuteDirs(std::int64_t unix_ms) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y/%m/%d/%H/%M", &tm);
  return buf;
}

// `node tests/tools/parquet-read.mjs FILE` (DuckDB, an independent reader).
inline json ReadParquet(const std::filesystem::path& file) {
  const std::string command = "node '" + std::string(DISD_SOURCE_DIR) +
                              "/tests/tools/parquet-read.mjs' '" + file.string() + "' 2>&1";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    ::pclose(pipe);
  }
  json doc = json::parse(out, nullptr, false);
  EXPECT_TRUE(doc.is_object()) << "parquet-read.mjs (scripts/install-test-tools.sh) said: " << out;
  return doc;
}

}  // namespace disd::test
