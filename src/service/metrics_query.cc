#include "service/metrics_query.h"

#include <algorithm>
#include <array>
#include <limits>
#include <optional>

#include "disd/service/metrics_service.h"

namespace disd::service {
namespace {

struct LabelRow {
  std::string_view name;
  MetricKind kind;
};

constexpr std::array kStreamLabels = {
    LabelRow{"total_put_bytes_per_stream", MetricKind::kPutBytes},
    LabelRow{"total_get_bytes_per_stream", MetricKind::kGetBytes},
    LabelRow{"total_put_records_per_stream", MetricKind::kPutRecords},
    LabelRow{"total_get_records_per_stream", MetricKind::kGetRecords},
    LabelRow{"total_put_req_latency", MetricKind::kPutLatency},
    LabelRow{"total_get_req_latency", MetricKind::kGetLatency},
    LabelRow{"total_put_req_suc_per_stream", MetricKind::kPutRequests},
    LabelRow{"total_get_req_suc_per_stream", MetricKind::kGetRequests},
    LabelRow{"traffic_control_put", MetricKind::kPutThrottled},
    LabelRow{"traffic_control_get", MetricKind::kGetThrottled},
};

constexpr std::array kPartitionLabels = {
    LabelRow{"total_put_bytes_per_partition", MetricKind::kPutBytes},
    LabelRow{"total_get_bytes_per_partition", MetricKind::kGetBytes},
    LabelRow{"total_put_records_per_partition", MetricKind::kPutRecords},
    LabelRow{"total_get_records_per_partition", MetricKind::kGetRecords},
    LabelRow{"total_put_bytes_per_stream", MetricKind::kPutBytes},
    LabelRow{"total_get_bytes_per_stream", MetricKind::kGetBytes},
    LabelRow{"total_put_records_per_stream", MetricKind::kPutRecords},
    LabelRow{"total_get_records_per_stream", MetricKind::kGetRecords},
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Result<MetricLabel> Lookup(std::string_view name, bool partition) {
  auto find = [&](const auto& table) -> const LabelRow* {
    for (const LabelRow& row : table) {
      if (row.name == name) return &row;
    }
    return nullptr;
  };
  const LabelRow* row = partition ? find(kPartitionLabels) : find(kStreamLabels);
  if (row == nullptr) {
    return MakeError(
        ErrorCode::kInvalidMetricsLabel,
        "[" + std::string(name) + " is not a " + (partition ? "partition" : "stream") + " metric]");
  }
  return MetricLabel{std::string(name), row->kind};
}

// Exactly ten decimal digits.
std::optional<std::int64_t> ParseEpochSeconds(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

}  // namespace

Result<std::vector<MetricLabel>> ParseMetricLabels(std::string_view label,
                                                   std::string_view label_list, bool partition) {
  std::vector<MetricLabel> out;
  if (label_list.empty()) {
    if (label.empty()) {
      return MakeError(ErrorCode::kInvalidMetricsLabel, "[label or label_list is required]");
    }
    auto one = Lookup(Trim(label), partition);
    if (!one.ok()) return one.error();
    out.push_back(std::move(*one));
    return out;
  }
  while (true) {
    const auto comma = label_list.find(',');
    auto one = Lookup(Trim(label_list.substr(0, comma)), partition);
    if (!one.ok()) return one.error();
    out.push_back(std::move(*one));
    if (comma == std::string_view::npos) break;
    label_list.remove_prefix(comma + 1);
  }
  return out;
}

Result<MinuteRange> ParseMonitoringPeriod(std::string_view start_time, std::string_view end_time,
                                          std::int64_t now_ms) {
  const auto start = ParseEpochSeconds(start_time);
  const auto end = ParseEpochSeconds(end_time);
  if (!start || !end) {
    return MakeError(ErrorCode::kInvalidMonitoringPeriod,
                     "[start_time and end_time must be 10-digit epoch seconds]");
  }
  if (*start > *end) {
    return MakeError(ErrorCode::kInvalidMonitoringPeriod, "[start_time is after end_time]");
  }
  const std::int64_t now_minute = FloorDiv(now_ms, 60000);
  MinuteRange range{*start / 60, *end / 60};
  if (*end - *start > kMetricsRetentionMinutes * 60 ||
      range.first < now_minute - kMetricsRetentionMinutes) {
    return MakeError(ErrorCode::kMonitoringPeriodTooLong);
  }
  if (range.last > now_minute) range.last = now_minute;
  return range;
}

std::int64_t MetricValue(MetricKind kind, const engine::MetricsCounters& c) {
  auto average_ms = [](std::uint64_t sum_us, std::uint64_t count) -> std::int64_t {
    if (count == 0) return 0;
    return static_cast<std::int64_t>((sum_us + count * 500) / (count * 1000));
  };
  auto clamp = [](std::uint64_t v) {
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(v, std::numeric_limits<std::int64_t>::max()));
  };
  switch (kind) {
    case MetricKind::kPutBytes:
      return clamp(c.put_bytes);
    case MetricKind::kGetBytes:
      return clamp(c.get_bytes);
    case MetricKind::kPutRecords:
      return clamp(c.put_records);
    case MetricKind::kGetRecords:
      return clamp(c.get_records);
    case MetricKind::kPutLatency:
      return average_ms(c.put_latency_us, c.put_requests);
    case MetricKind::kGetLatency:
      return average_ms(c.get_latency_us, c.get_requests);
    case MetricKind::kPutRequests:
      return clamp(c.put_requests);
    case MetricKind::kGetRequests:
      return clamp(c.get_requests);
    case MetricKind::kPutThrottled:
      return clamp(c.put_throttled);
    case MetricKind::kGetThrottled:
      return clamp(c.get_throttled);
  }
  return 0;
}

}  // namespace disd::service
