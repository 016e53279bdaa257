// Per-partition traffic control (DIS.4303), as the real service enforces it
// (dis-behaviour.md 2.1, 2.3): token buckets on the injected clock, per partition,
//   writes  COMMON 1 MiB/s and 1000 records/s, ADVANCED 5 MiB/s and 2000 records/s
//           (whichever runs out first throttles),
//   reads   COMMON 2 MiB/s, ADVANCED 10 MiB/s,
// each scaled by ServiceOptions::traffic_control_scale. A bucket holds one second of its
// rate and starts full. Tokens are counted in millionths, so refills are exact for any
// whole number of milliseconds.
//
// Writes are admitted per partition in request order: the records that fit succeed, and
// from the first one that does not, that partition's remaining records of the request
// are refused (so a retry never lands before records that were written). A record larger
// than a whole bucket passes when the bucket is full and empties it. Reads are admitted
// while the partition's read bucket is not in debt and are charged afterwards with the
// bytes they returned (the size is known only then), so a large read pushes the bucket
// into debt and the following reads wait for it to refill.
//
// Demand (admitted and refused records and bytes) and throttling are also counted per
// stream over the last minute for the auto-scaler, whether or not control is enabled.
// Thread-safety: every method may be called concurrently.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "disd/common/clock.h"
#include "disd/engine/stream_meta.h"
#include "disd/service/service_options.h"

namespace disd::service {

// The real service's limits per partition, before scaling.
struct PartitionLimits {
  std::int64_t write_bytes_per_s = 0;
  std::int64_t write_records_per_s = 0;
  std::int64_t read_bytes_per_s = 0;
};
PartitionLimits LimitsFor(engine::StreamType type);

// Totals since startup, for the traffic_control_put/get metrics.
struct TrafficCounters {
  std::uint64_t put_records_throttled = 0;  // records answered DIS.4303
  std::uint64_t get_requests_throttled = 0; // GetRecords calls answered DIS.4303
};

// A stream's demand over the last 60 seconds (the window the auto-scaler reads).
struct StreamTraffic {
  std::int64_t bytes = 0;    // offered: admitted and refused
  std::int64_t records = 0;  // offered: admitted and refused
  std::int64_t throttled_records = 0;
  std::int64_t last_throttled_ms = -1;  // -1: never
};

class TrafficControl {
 public:
  TrafficControl(const Clock& clock, const ServiceOptions& options);

  bool enabled() const { return options_.traffic_control; }
  // The effective (scaled) limits of one partition of a stream of `type`.
  PartitionLimits EffectiveLimits(engine::StreamType type) const;

  // Admits a prefix of `sizes` (the data bytes of the records, in request order) for one
  // partition; returns how many were admitted. Always all of them when disabled.
  std::size_t AdmitWrites(const engine::StreamMeta& stream, std::int32_t partition,
                          std::span<const std::size_t> sizes);
  // Whether a GetRecords on the partition may run now (counts a refusal).
  bool AdmitRead(const engine::StreamMeta& stream, std::int32_t partition);
  // Charges an admitted read with the bytes it returned.
  void ChargeRead(const engine::StreamMeta& stream, std::int32_t partition, std::size_t bytes);

  TrafficCounters counters() const;
  StreamTraffic RecentTraffic(std::uint64_t stream_internal_id) const;
  // Drops the buckets and windows of every stream not in `live_stream_ids` (deleted
  // streams), so their memory does not outlive them. Run from the periodic maintenance.
  void ForgetStreamsExcept(const std::unordered_set<std::uint64_t>& live_stream_ids);

 private:
  struct Bucket {
    std::int64_t tokens = 0;     // millionths
    std::int64_t capacity = 0;   // millionths
    std::int64_t refill_per_ms = 0;  // millionths per millisecond
    std::int64_t updated_ms = 0;
    void Refill(std::int64_t now_ms);
  };
  struct PartitionBuckets {
    Bucket write_bytes, write_records, read_bytes;
  };
  struct Second {
    std::int64_t second = -1;
    std::int64_t bytes = 0, records = 0, throttled = 0;
  };
  struct StreamWindow {
    std::array<Second, 60> seconds;
    std::int64_t last_throttled_ms = -1;
    Second& At(std::int64_t now_ms);
  };
  struct Key {
    std::uint64_t stream;
    std::int32_t partition;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      return std::hash<std::uint64_t>()(k.stream * 1000003u + static_cast<std::uint32_t>(k.partition));
    }
  };

  // REQUIRES: mu_ held.
  PartitionBuckets& BucketsFor(const engine::StreamMeta& stream, std::int32_t partition,
                               std::int64_t now_ms);

  const Clock& clock_;
  const ServiceOptions& options_;
  mutable std::mutex mu_;
  std::unordered_map<Key, PartitionBuckets, KeyHash> buckets_;   // GUARDED_BY(mu_)
  std::unordered_map<std::uint64_t, StreamWindow> windows_;      // GUARDED_BY(mu_)
  std::atomic<std::uint64_t> put_throttled_{0};
  std::atomic<std::uint64_t> get_throttled_{0};
};

}  // namespace disd::service
