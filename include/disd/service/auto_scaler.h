// Auto-scaling of streams with auto_scale_enabled, on the injected clock. RunOnce() looks
// at every such stream's demand over the last minute (TrafficControl::RecentTraffic) and
// its writable partition count n, with utilisation u = the larger of
// offered bytes / (n * per-partition byte limit * 60 s) and the same for records:
//
// - Scale up (usermanual-dis/dis_01_0401) when records were throttled within the last
//   minute and u > 0.8: to ceil(n / 0.6), at most auto_scale_max_partition_count.
// - Scale down after sustained low traffic: when every evaluation over at least the last
//   10 minutes saw u < 0.3 and no throttling, to max(ceil(n / 2),
//   auto_scale_min_partition_count). Halving keeps the utilisation it leaves below 0.6,
//   the level a scale-up aims for, so the two rules cannot flap.
// - At most one change per stream per minute, so every decision reads a full minute of
//   traffic at the current count.
//
// Changes go through StreamService::UpdatePartitionCount with auto_scale = true, so they
// are recorded in update_partition_counts and obey the partition quota and the scaling
// budget; a refused change is reported and tried again at a later evaluation.
// Thread-safety: RunOnce calls are serialised internally and may run concurrently with
// any other service call.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "disd/common/clock.h"
#include "disd/engine/catalog.h"

namespace disd::service {

class StreamService;
class TrafficControl;

struct ScalingDecision {
  std::string project_id;
  std::string stream_name;
  std::int32_t from = 0;
  std::int32_t to = 0;
  bool applied = false;
  std::string refusal;  // why the change was refused (quota, budget) when !applied
};

class AutoScaler {
 public:
  static constexpr std::int64_t kWindowMs = 60 * 1000;
  static constexpr std::int64_t kScaleDownAfterMs = 10 * 60 * 1000;

  AutoScaler(const engine::Catalog& catalog, StreamService& streams,
             TrafficControl& traffic, const Clock& clock);

  // One evaluation of every auto-scaling stream; the changes it decided on.
  std::vector<ScalingDecision> RunOnce();

 private:
  struct State {
    std::int64_t low_since_ms = -1;     // first of the consecutive low evaluations
    std::int64_t last_change_ms = -1;   // last applied change
  };

  const engine::Catalog& catalog_;
  StreamService& streams_;
  TrafficControl& traffic_;
  const Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::uint64_t, State> states_;  // GUARDED_BY(mu_); by internal id
};

}  // namespace disd::service
