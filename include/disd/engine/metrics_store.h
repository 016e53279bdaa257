// MetricsStore: the durable per-minute traffic figures behind the DIS monitoring API
// (seed 004 5.6). One row per (stream internal id, partition, minute) holds the counters of
// that minute; the service layer aggregates on the request path in memory and adds whole
// minutes here. Rows of a stream that was deleted simply age out (internal ids are never
// reused, so a re-created stream never sees them).
//
// Thread-safety: every method may be called concurrently; Add is serialised internally so
// concurrent additions to the same row never lose one another.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "disd/common/status.h"

namespace disd::engine {

// The row of a stream that holds the figures of requests spanning several partitions
// (PutRecords' request count, latency and throttling). Stored as partition 0xFFFFFFFF, so
// it sorts after every real partition of the stream.
inline constexpr std::int32_t kStreamMetricsRow = -1;

// One minute of one partition (or of kStreamMetricsRow). All counts; latencies are sums in
// microseconds over the requests they were measured on.
struct MetricsCounters {
  std::uint64_t put_bytes = 0;       // record payload bytes written
  std::uint64_t put_records = 0;     // records written
  std::uint64_t get_bytes = 0;       // record payload bytes returned by GetRecords
  std::uint64_t get_records = 0;     // records returned by GetRecords
  std::uint64_t put_requests = 0;    // successful PutRecords calls
  std::uint64_t get_requests = 0;    // successful GetRecords calls
  std::uint64_t put_latency_us = 0;  // summed over put_requests
  std::uint64_t get_latency_us = 0;  // summed over get_requests
  std::uint64_t put_throttled = 0;   // PutRecords calls with records refused by DIS.4303
  std::uint64_t get_throttled = 0;   // GetRecords calls refused by DIS.4303

  void Add(const MetricsCounters& other);
  bool IsZero() const;
  bool operator==(const MetricsCounters&) const = default;
};

struct MetricsPoint {
  std::int64_t minute = 0;  // minutes since the Unix epoch
  MetricsCounters counters;
  bool operator==(const MetricsPoint&) const = default;
};

struct MetricsRow {
  std::uint64_t stream_internal_id = 0;
  std::int32_t partition = 0;  // or kStreamMetricsRow
  MetricsPoint point;
};

class MetricsStore {
 public:
  virtual ~MetricsStore() = default;

  // Adds every row to the stored row of its key (a missing row counts as zero), all in one
  // atomic write. Rows may repeat a key; they are summed.
  virtual Status Add(std::span<const MetricsRow> rows) = 0;

  // The stored minutes of one partition (or kStreamMetricsRow) of a stream within
  // [first_minute, last_minute], ascending. Minutes without a row are absent.
  virtual Result<std::vector<MetricsPoint>> Read(std::uint64_t stream_internal_id,
                                                 std::int32_t partition, std::int64_t first_minute,
                                                 std::int64_t last_minute) const = 0;

  // Deletes every row of every stream older than `before_minute`.
  virtual Status TrimBefore(std::int64_t before_minute) = 0;
};

}  // namespace disd::engine
