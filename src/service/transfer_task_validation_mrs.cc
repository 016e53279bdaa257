// MRS dump descriptors (seed 004 5.5.8, table 5-123; seed 001): the common fields and the
// staging bucket, a configured MRS cluster named by mrs_cluster_name or mrs_cluster_id
// (DIS.4208), an absolute mrs_hdfs_path (DIS.4336) and hdfs_prefix_folder (0-50).
#include "service/transfer_task_validation.h"

namespace disd::service {
namespace {

constexpr std::size_t kMaxHdfsPrefixFolder = 50;

}  // namespace

Result<Json> NormaliseMrs(const Json& in, const ValidationEnv& env) {
  Json out = Json::object();
  DISD_RETURN_IF_ERROR(NormaliseStagedCommon(in, out, env));
  DISD_RETURN_IF_ERROR(NormaliseFileType(in, out, engine::DestinationType::kMrs, env.stream));
  auto name = ReqString(in, "mrs_cluster_name");
  if (!name.ok()) return name.error();
  auto id = ReqString(in, "mrs_cluster_id");
  if (!id.ok()) return id.error();
  const dump::MrsClusterConfig* by_name = env.destinations.FindMrsCluster(*name);
  const dump::MrsClusterConfig* by_id = env.destinations.FindMrsCluster(*id);
  if (by_name == nullptr && by_id == nullptr) {
    return MakeError(ErrorCode::kInvalidMrsCluster,
                     "[no MRS cluster " + *name + " (" + *id + ") is configured]");
  }
  if (by_name != nullptr && by_id != nullptr && by_name != by_id) {
    return MakeError(ErrorCode::kInvalidMrsCluster,
                     "[mrs_cluster_name and mrs_cluster_id name different clusters]");
  }
  auto hdfs_path = OptString(in, "mrs_hdfs_path");
  if (!hdfs_path.ok()) return hdfs_path.error();
  if (!hdfs_path->has_value() || !(*hdfs_path)->starts_with('/')) {
    return MakeError(ErrorCode::kInvalidHdfsPath,
                     "[mrs_hdfs_path is required and must be an absolute HDFS path]");
  }
  auto folder = OptString(in, "hdfs_prefix_folder");
  if (!folder.ok()) return folder.error();
  if (folder->value_or("").size() > kMaxHdfsPrefixFolder) {
    return InvalidField("hdfs_prefix_folder must be at most 50 characters");
  }
  out["mrs_cluster_name"] = *name;
  out["mrs_cluster_id"] = *id;
  out["mrs_hdfs_path"] = **hdfs_path;
  out["hdfs_prefix_folder"] = folder->value_or("");
  return out;
}

}  // namespace disd::service
