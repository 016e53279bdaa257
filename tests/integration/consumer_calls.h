// The consumer-side DIS calls as the SDKs send them (apps, checkpoints, consumer state,
// the Kafka adapter's coordinator, stream policies), over the support library's DisClient.
// Shared by apps_test.cc, checkpoints_test.cc, consumer_groups_test.cc and policies_test.cc.
// Thread-safety: like DisClient, one per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "support/dis_client.h"

namespace disd::test::consumers {

inline DisResponse CreateApp(DisClient& dis, const std::string& name) {
  return dis.CallJson("POST", dis.V2("/apps"), {{"app_name", name}});
}
inline DisResponse DescribeApp(DisClient& dis, const std::string& name) {
  return dis.Call("GET", dis.V2("/apps/" + name));
}
inline DisResponse ListApps(DisClient& dis, const Query& query = {}) {
  return dis.Call("GET", dis.V2("/apps") + BuildQuery(query));
}
inline DisResponse DeleteApp(DisClient& dis, const std::string& name) {
  return dis.Call("DELETE", dis.V2("/apps/" + name));
}
inline void CreateAppOk(DisClient& dis, const std::string& name) {
  DisResponse r = CreateApp(dis, name);
  EXPECT_TRUE(HasStatus(r, 201)) << name;
}

// CommitCheckpoint with the Python SDK's keys; `extra` adds or overrides keys.
inline DisResponse Commit(DisClient& dis, const std::string& app, const std::string& stream,
                          const std::string& partition, const std::string& sequence_number,
                          const json& extra = json::object()) {
  json body = {{"app_name", app},        {"stream_name", stream},
               {"partition_id", partition}, {"sequence_number", sequence_number},
               {"metadata", "meta"},     {"checkpoint_type", "LAST_READ"}};
  for (const auto& [k, v] : extra.items()) body[k] = v;
  return dis.CallJson("POST", dis.V2("/checkpoints"), body);
}
inline DisResponse GetCheckpoint(DisClient& dis, const Query& query) {
  return dis.Call("GET", dis.V2("/checkpoints") + BuildQuery(query));
}
inline DisResponse GetCheckpoint(DisClient& dis, const std::string& app,
                                 const std::string& stream, const std::string& partition) {
  return GetCheckpoint(dis, {{"stream_name", stream},
                             {"app_name", app},
                             {"partition_id", partition},
                             {"checkpoint_type", "LAST_READ"}});
}
// The committed sequence number of a partition as GetCheckpoint reports it ("-1" = none).
inline std::string CheckpointOf(DisClient& dis, const std::string& app, const std::string& stream,
                                const std::string& partition) {
  DisResponse r = GetCheckpoint(dis, app, stream, partition);
  EXPECT_TRUE(HasStatus(r, 200));
  return r.doc.is_object() ? r.doc.value("sequence_number", "<missing>") : "<no body>";
}
inline DisResponse DeleteCheckpoints(DisClient& dis, const Query& query) {
  return dis.Call("DELETE", dis.V2("/checkpoints") + BuildQuery(query));
}
inline DisResponse ConsumerState(DisClient& dis, const std::string& app,
                                 const std::string& stream, const Query& query = {}) {
  return dis.Call("GET", dis.V2("/apps/" + app + "/streams/" + stream) + BuildQuery(query));
}

// The Kafka adapter's coordinator (InnerDisClient): camelCase bodies, trailing slashes.
inline DisResponse Join(DisClient& dis, const std::string& group, const std::string& client,
                        const json& subscription, std::optional<std::int64_t> timeout_ms = {}) {
  json body = {{"projectId", dis.project()}, {"groupId", group}, {"clientId", client}};
  for (const auto& [k, v] : subscription.items()) body[k] = v;
  if (timeout_ms) body["rebalanceTimeoutMs"] = *timeout_ms;
  return dis.CallJson("POST", dis.V2("/apps/" + group + "/consumers/"), body);
}
inline DisResponse Sync(DisClient& dis, const std::string& group, const std::string& client,
                        std::int64_t generation) {
  return dis.CallJson("POST", dis.V2("/apps/" + group + "/consumers/" + client + "/partitions/"),
                      {{"projectId", dis.project()},
                       {"clientId", client},
                       {"groupId", group},
                       {"generation", generation}});
}
inline DisResponse Heartbeat(DisClient& dis, const std::string& group, const std::string& client,
                             std::int64_t generation) {
  return dis.CallJson("POST", dis.V2("/apps/" + group + "/consumers/" + client + "/heartbeats/"),
                      {{"projectId", dis.project()},
                       {"clientId", client},
                       {"groupId", group},
                       {"generation", generation}});
}
inline DisResponse Leave(DisClient& dis, const std::string& group, const std::string& client) {
  return dis.Call("DELETE", dis.V2("/apps/" + group + "/consumers/" + client + "/"));
}

// Stream policies; `version` is "v2" or "v3".
inline std::string PoliciesPath(DisClient& dis, const std::string& stream,
                                const std::string& version = "v2") {
  return "/" + version + "/" + dis.project() + "/streams/" + stream + "/policies";
}
inline DisResponse AddPolicy(DisClient& dis, const std::string& stream, const json& body,
                             const std::string& version = "v2") {
  return dis.CallJson("POST", PoliciesPath(dis, stream, version), body);
}
inline DisResponse ListPolicies(DisClient& dis, const std::string& stream,
                                const std::string& version = "v2") {
  return dis.Call("GET", PoliciesPath(dis, stream, version));
}
inline DisResponse DeletePolicies(DisClient& dis, const std::string& stream, const json& body,
                                  const std::string& version = "v2") {
  return body.is_null() ? dis.Call("DELETE", PoliciesPath(dis, stream, version))
                        : dis.CallJson("DELETE", PoliciesPath(dis, stream, version), body);
}

}  // namespace disd::test::consumers
