#include "disd/service/traffic_control.h"

#include <algorithm>
#include <cmath>

namespace disd::service {

namespace {

constexpr std::int64_t kMicro = 1000000;  // tokens are counted in millionths
constexpr std::int64_t kMiB = 1 << 20;
constexpr std::int64_t kWindowSeconds = 60;

std::int64_t RefillPerMs(std::int64_t per_second, double scale) {
  return std::max<std::int64_t>(1, std::llround(static_cast<double>(per_second) * scale * 1000.0));
}

}  // namespace

PartitionLimits LimitsFor(engine::StreamType type) {
  if (type == engine::StreamType::kAdvanced) return {5 * kMiB, 2000, 10 * kMiB};
  return {1 * kMiB, 1000, 2 * kMiB};
}

void TrafficControl::Bucket::Refill(std::int64_t now_ms) {
  if (now_ms > updated_ms) {
    tokens = std::min(capacity, tokens + (now_ms - updated_ms) * refill_per_ms);
    updated_ms = now_ms;
  }
}

TrafficControl::Second& TrafficControl::StreamWindow::At(std::int64_t now_ms) {
  const std::int64_t second = now_ms / 1000;
  Second& slot = seconds[static_cast<std::size_t>(second % kWindowSeconds)];
  if (slot.second != second) slot = Second{second, 0, 0, 0};
  return slot;
}

TrafficControl::TrafficControl(const Clock& clock, const ServiceOptions& options)
    : clock_(clock), options_(options) {}

PartitionLimits TrafficControl::EffectiveLimits(engine::StreamType type) const {
  const PartitionLimits base = LimitsFor(type);
  const double scale = options_.traffic_control_scale;
  auto scaled = [scale](std::int64_t v) {
    return std::max<std::int64_t>(1, std::llround(static_cast<double>(v) * scale));
  };
  return {scaled(base.write_bytes_per_s), scaled(base.write_records_per_s),
          scaled(base.read_bytes_per_s)};
}

TrafficControl::PartitionBuckets& TrafficControl::BucketsFor(const engine::StreamMeta& stream,
                                                             std::int32_t partition,
                                                             std::int64_t now_ms) {
  auto [it, inserted] = buckets_.try_emplace(Key{stream.internal_id, partition});
  PartitionBuckets& b = it->second;
  if (inserted) {
    const PartitionLimits base = LimitsFor(stream.stream_type);
    const double scale = options_.traffic_control_scale;
    auto init = [&](Bucket& bucket, std::int64_t per_second) {
      bucket.refill_per_ms = RefillPerMs(per_second, scale);
      bucket.capacity = bucket.refill_per_ms * 1000;  // one second of refill
      bucket.tokens = bucket.capacity;
      bucket.updated_ms = now_ms;
    };
    init(b.write_bytes, base.write_bytes_per_s);
    init(b.write_records, base.write_records_per_s);
    init(b.read_bytes, base.read_bytes_per_s);
  }
  b.write_bytes.Refill(now_ms);
  b.write_records.Refill(now_ms);
  b.read_bytes.Refill(now_ms);
  return b;
}

std::size_t TrafficControl::AdmitWrites(const engine::StreamMeta& stream, std::int32_t partition,
                                        std::span<const std::size_t> sizes) {
  const std::int64_t now = clock_.NowMs();
  std::int64_t offered_bytes = 0;
  for (std::size_t size : sizes) offered_bytes += static_cast<std::int64_t>(size);
  std::size_t admitted = sizes.size();
  std::lock_guard lock(mu_);
  if (options_.traffic_control) {
    PartitionBuckets& b = BucketsFor(stream, partition, now);
    admitted = 0;
    for (std::size_t size : sizes) {
      const std::int64_t byte_cost =
          std::min(static_cast<std::int64_t>(size) * kMicro, b.write_bytes.capacity);
      if (b.write_records.tokens < kMicro || b.write_bytes.tokens < byte_cost) break;
      b.write_records.tokens -= kMicro;
      b.write_bytes.tokens -= byte_cost;
      ++admitted;
    }
  }
  StreamWindow& window = windows_[stream.internal_id];
  Second& second = window.At(now);
  second.bytes += offered_bytes;
  second.records += static_cast<std::int64_t>(sizes.size());
  if (admitted < sizes.size()) {
    second.throttled += static_cast<std::int64_t>(sizes.size() - admitted);
    window.last_throttled_ms = now;
    put_throttled_ += sizes.size() - admitted;
  }
  return admitted;
}

bool TrafficControl::AdmitRead(const engine::StreamMeta& stream, std::int32_t partition) {
  if (!options_.traffic_control) return true;
  std::lock_guard lock(mu_);
  if (BucketsFor(stream, partition, clock_.NowMs()).read_bytes.tokens > 0) return true;
  ++get_throttled_;
  return false;
}

void TrafficControl::ChargeRead(const engine::StreamMeta& stream, std::int32_t partition,
                                std::size_t bytes) {
  if (!options_.traffic_control) return;
  std::lock_guard lock(mu_);
  Bucket& bucket = BucketsFor(stream, partition, clock_.NowMs()).read_bytes;
  // Debt is bounded by one call's bytes; a call never returns more than the configured
  // GetRecords maximum.
  bucket.tokens -= static_cast<std::int64_t>(bytes) * kMicro;
}

TrafficCounters TrafficControl::counters() const {
  return {put_throttled_.load(), get_throttled_.load()};
}

StreamTraffic TrafficControl::RecentTraffic(std::uint64_t stream_internal_id) const {
  const std::int64_t now_second = clock_.NowMs() / 1000;
  std::lock_guard lock(mu_);
  StreamTraffic traffic;
  auto it = windows_.find(stream_internal_id);
  if (it == windows_.end()) return traffic;
  for (const Second& s : it->second.seconds) {
    if (s.second < 0 || s.second <= now_second - kWindowSeconds || s.second > now_second) continue;
    traffic.bytes += s.bytes;
    traffic.records += s.records;
    traffic.throttled_records += s.throttled;
  }
  traffic.last_throttled_ms = it->second.last_throttled_ms;
  return traffic;
}

void TrafficControl::ForgetStreamsExcept(const std::unordered_set<std::uint64_t>& live_stream_ids) {
  std::lock_guard lock(mu_);
  std::erase_if(buckets_, [&](const auto& entry) {
    return live_stream_ids.count(entry.first.stream) == 0;
  });
  std::erase_if(windows_, [&](const auto& entry) {
    return live_stream_ids.count(entry.first) == 0;
  });
}

}  // namespace disd::service
