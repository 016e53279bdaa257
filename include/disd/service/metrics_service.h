// Stream and partition monitoring (seed 004 5.6): the traffic figures the DIS console
// charts, counted on the request path and kept per minute for 7 days.
//
// Recording: RecordService adds counter deltas for the current minute of the injected
// clock (per partition; PutRecords' request-level figures on the stream's
// kStreamMetricsRow). A stream's figure is the sum over its partitions and that row.
// Maintenance (the app's periodic timer, and every manual clock advance) flushes finished
// minutes to the MetricsStore, trims rows older than the 7-day window and forgets deleted
// streams; FlushAll at shutdown saves the minute in progress, so graceful restarts lose
// nothing. A kill -9 loses what was not flushed yet: the minute in progress and, at
// most, the previous one (flushed at every minute boundary on the system clock).
//
// Query: `label` or `label_list` (comma-separated; wins when both are given) and
// `start_time`/`end_time` in 10-digit epoch seconds. One data point per minute that
// overlaps [start_time, end_time] and has begun (empty minutes are 0), timestamped with the
// minute's start in epoch milliseconds. Values: bytes, record and request counts per
// minute; latencies are the minute's average in whole milliseconds (rounded).
// Errors: DIS.4209 unknown/missing label, DIS.4203 malformed times or start after end,
// DIS.4204 a period longer than 7 days or starting before the last 7 days, DIS.4301,
// DIS.4201/4302 for the partition.
//
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/engine/metrics_store.h"

namespace disd::service {

class MetricsRecorder;

inline constexpr std::int64_t kMetricsRetentionMinutes = 7 * 24 * 60;

// The query as received (strings exactly as in the URL; "" = absent).
struct MetricsQuery {
  std::string stream_name;
  std::optional<std::string> partition_id;  // set for the partition endpoint
  std::string label;
  std::string label_list;
  std::string start_time;
  std::string end_time;
};

struct MetricsDataPoint {
  std::int64_t timestamp_ms = 0;
  std::int64_t value = 0;
  bool operator==(const MetricsDataPoint&) const = default;
};

struct MetricsSeries {
  std::string label;
  std::vector<MetricsDataPoint> points;
};

struct MetricsAnswer {
  bool from_label_list = false;  // answer as metrics_list rather than metrics
  std::vector<MetricsSeries> series;
};

// Per-stream totals since the process started (the Prometheus exposition).
struct StreamMetricsTotals {
  std::uint64_t stream_internal_id = 0;
  engine::MetricsCounters counters;
};

class MetricsService {
 public:
  // All references must outlive the service.
  MetricsService(const engine::Catalog& catalog, engine::MetricsStore& store, const Clock& clock);
  ~MetricsService();
  MetricsService(const MetricsService&) = delete;
  MetricsService& operator=(const MetricsService&) = delete;

  // The request path: adds `delta` to the current minute of one partition (or
  // engine::kStreamMetricsRow) of a stream.
  void Record(std::uint64_t stream_internal_id, std::int32_t partition,
              const engine::MetricsCounters& delta);

  Result<MetricsAnswer> Query(std::string_view project_id, const MetricsQuery& query) const;

  // Flushes finished minutes, trims rows past the 7-day window (at most once an hour of
  // the clock), and forgets the in-memory rows of deleted streams.
  Status Maintain();
  // Flushes everything, the minute in progress included (shutdown).
  Status FlushAll();

  std::vector<StreamMetricsTotals> Totals() const;

 private:
  const engine::Catalog& catalog_;
  engine::MetricsStore& store_;
  const Clock& clock_;
  std::unique_ptr<MetricsRecorder> recorder_;
  std::mutex trim_mu_;
  std::int64_t trimmed_before_ = -1;  // GUARDED_BY(trim_mu_); the last cut, in minutes
};

}  // namespace disd::service
