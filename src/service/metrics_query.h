// The pure parts of a monitoring query (metrics_service.h): which labels exist for streams
// and partitions, how `label`/`label_list` and `start_time`/`end_time` are validated, and
// how a minute's counters become a label's value. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/metrics_store.h"

namespace disd::service {

enum class MetricKind {
  kPutBytes,
  kGetBytes,
  kPutRecords,
  kGetRecords,
  kPutLatency,
  kGetLatency,
  kPutRequests,
  kGetRequests,
  kPutThrottled,
  kGetThrottled,
};

struct MetricLabel {
  std::string name;  // as the client spelled it (echoed in the answer)
  MetricKind kind;
};

// `label_list` (comma-separated, surrounding spaces ignored) when non-empty, else `label`.
// Stream labels: the ten of seed 004 table 5-141. Partition labels: the four
// *_per_partition ones, and their *_per_stream spellings (which some published SDK docs
// use for the partition API). kInvalidMetricsLabel naming the first bad entry, or when
// neither is given.
Result<std::vector<MetricLabel>> ParseMetricLabels(std::string_view label,
                                                   std::string_view label_list, bool partition);

// Minutes since the epoch, inclusive.
struct MinuteRange {
  std::int64_t first = 0;
  std::int64_t last = 0;  // < first when the period has not begun yet
};

// start_time/end_time: exactly 10 decimal digits (epoch seconds), else
// kInvalidMonitoringPeriod; start after end is kInvalidMonitoringPeriod too. A period
// longer than 7 days, or starting before the minute 7 days before now, is
// kMonitoringPeriodTooLong. The range ends at the current minute at the latest.
Result<MinuteRange> ParseMonitoringPeriod(std::string_view start_time, std::string_view end_time,
                                          std::int64_t now_ms);

// The label's value for one minute: the counter, or for latencies the average over the
// minute's requests in milliseconds, rounded to the nearest (0 without requests).
std::int64_t MetricValue(MetricKind kind, const engine::MetricsCounters& counters);

}  // namespace disd::service
