#include "disd/service/consumer_state_service.h"

#include <algorithm>

#include "disd/service/checkpoint_service.h"
#include "service/stream_lookup.h"

namespace disd::service {

ConsumerStateService::ConsumerStateService(const engine::Catalog& catalog,
                                           const engine::PartitionLog& log)
    : catalog_(catalog), log_(log) {}

Result<ConsumerState> ConsumerStateService::Describe(std::string_view project_id,
                                                     std::string_view app_name,
                                                     std::string_view stream,
                                                     std::optional<std::int32_t> start_after,
                                                     std::int64_t limit,
                                                     std::string_view checkpoint_type) const {
  if (limit < 1 || limit > 1000)
    return MakeError(ErrorCode::kInvalidRequest, "[limit] must be 1-1000");
  auto type = ParseCheckpointType(checkpoint_type);
  if (!type.ok()) return type.error();
  auto app = catalog_.GetApp(project_id, app_name);
  if (!app.ok()) return app.error();
  auto found = FindStreamByNameOrId(catalog_, project_id, stream);
  if (!found.ok()) return found.error();
  auto checkpoints = catalog_.ListCheckpoints(project_id, app_name, (*found)->internal_id);
  if (!checkpoints.ok()) return checkpoints.error();

  ConsumerState state{*app, *found, {}, false};
  const auto& parts = (*found)->partitions;
  const std::int32_t first = start_after ? *start_after + 1 : 0;
  for (std::int32_t i = std::max(first, 0); i < static_cast<std::int32_t>(parts.size()); ++i) {
    if (static_cast<std::int64_t>(state.partitions.size()) == limit) {
      state.has_more = true;
      break;
    }
    auto range = log_.Range({(*found)->internal_id, i});
    if (!range.ok()) return range.error();
    PartitionConsumption p{parts[i], *range, std::nullopt};
    auto it = std::find_if(checkpoints->begin(), checkpoints->end(),
                           [&](const engine::PartitionCheckpoint& c) { return c.partition == i; });
    if (it != checkpoints->end()) p.checkpoint = it->checkpoint;
    state.partitions.push_back(std::move(p));
  }
  return state;
}

}  // namespace disd::service
