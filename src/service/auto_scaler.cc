#include "disd/service/auto_scaler.h"

#include <algorithm>
#include <unordered_set>

#include "disd/common/error_table.h"
#include "disd/service/stream_service.h"
#include "disd/service/traffic_control.h"

namespace disd::service {

AutoScaler::AutoScaler(const engine::Catalog& catalog, StreamService& streams,
                       TrafficControl& traffic, const Clock& clock)
    : catalog_(catalog), streams_(streams), traffic_(traffic), clock_(clock) {}

std::vector<ScalingDecision> AutoScaler::RunOnce() {
  std::lock_guard lock(mu_);
  const std::int64_t now = clock_.NowMs();
  std::vector<ScalingDecision> decisions;
  std::unordered_map<std::uint64_t, State> live;
  std::unordered_set<std::uint64_t> existing;
  for (const engine::StreamSnapshot& snapshot : catalog_.ListAllStreams()) {
    const engine::StreamMeta& stream = *snapshot;
    existing.insert(stream.internal_id);
    if (!stream.auto_scale_enabled || now < stream.ready_at_ms) continue;
    State state = states_.count(stream.internal_id) ? states_[stream.internal_id] : State{};
    const std::int32_t n = stream.WritablePartitionCount();
    if (n < 1) continue;

    const StreamTraffic traffic = traffic_.RecentTraffic(stream.internal_id);
    const PartitionLimits limits = traffic_.EffectiveLimits(stream.stream_type);
    const double window_s = static_cast<double>(kWindowMs) / 1000.0;
    const double u = std::max(
        static_cast<double>(traffic.bytes) / (n * window_s * limits.write_bytes_per_s),
        static_cast<double>(traffic.records) / (n * window_s * limits.write_records_per_s));
    const bool throttled =
        traffic.last_throttled_ms >= 0 && traffic.last_throttled_ms > now - kWindowMs;
    const bool settled = state.last_change_ms < 0 || now - state.last_change_ms >= kWindowMs;

    std::int32_t target = n;
    if (throttled && u > 0.8) {
      state.low_since_ms = -1;
      target = std::max(n, std::min<std::int32_t>((5 * n + 2) / 3, stream.auto_scale_max_partitions));
    } else if (!throttled && u < 0.3) {
      if (state.low_since_ms < 0) state.low_since_ms = now;
      if (now - state.low_since_ms >= kScaleDownAfterMs) {
        target = std::min(n, std::max<std::int32_t>((n + 1) / 2, stream.auto_scale_min_partitions));
      }
    } else {
      state.low_since_ms = -1;
    }
    if (target != n && settled) {
      ScalingDecision decision{stream.project_id, stream.name, n, target, false, {}};
      auto result = streams_.UpdatePartitionCount(stream.project_id, stream.name, target,
                                                  /*auto_scale=*/true);
      if (result.ok()) {
        decision.applied = true;
        state.last_change_ms = now;
        state.low_since_ms = -1;
      } else {
        decision.refusal = FormatErrorMessage(result.error());
      }
      decisions.push_back(std::move(decision));
    }
    live[stream.internal_id] = state;
  }
  states_ = std::move(live);  // forgets deleted streams and streams that stopped scaling
  // Deleted streams' token buckets go too. A stream created since the listing loses
  // nothing but buckets it may have just made, which start full again.
  traffic_.ForgetStreamsExcept(existing);
  return decisions;
}

}  // namespace disd::service
