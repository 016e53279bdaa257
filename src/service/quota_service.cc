#include "disd/service/quota_service.h"

#include <algorithm>

namespace disd::service {

QuotaService::QuotaService(const engine::Catalog& catalog, const ServiceOptions& options)
    : catalog_(catalog), options_(options) {}

std::vector<QuotaUsage> QuotaService::Get(std::string_view project_id) const {
  std::int64_t common = 0;
  std::int64_t advanced = 0;
  std::int64_t most_tasks = 0;
  for (const auto& stream : catalog_.ListStreams(project_id)) {
    (stream->stream_type == engine::StreamType::kAdvanced ? advanced : common) +=
        stream->WritablePartitionCount();
    const auto tasks = catalog_.ListTransferTasks(project_id, stream->internal_id).size();
    most_tasks = std::max(most_tasks, static_cast<std::int64_t>(tasks));
  }
  const auto apps = static_cast<std::int64_t>(catalog_.ListApps(project_id).size());
  return {
      {"common_partition", options_.common_partition_quota, common},
      {"advanced_partition", options_.advanced_partition_quota, advanced},
      {"app", options_.app_quota_per_project, apps},
      {"transfer_task", transfer_task_quota_.load(), most_tasks},
  };
}

}  // namespace disd::service
