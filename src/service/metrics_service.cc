#include "disd/service/metrics_service.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "disd/common/partition_id.h"
#include "service/metrics_query.h"
#include "service/metrics_recorder.h"

namespace disd::service {
namespace {

constexpr std::int64_t kMinuteMs = 60000;
constexpr std::int64_t kTrimStepMinutes = 60;

std::int64_t MinuteOf(std::int64_t ms) {
  return ms / kMinuteMs - ((ms % kMinuteMs != 0) && (ms < 0));
}

}  // namespace

MetricsService::MetricsService(const engine::Catalog& catalog, engine::MetricsStore& store,
                               const Clock& clock)
    : catalog_(catalog),
      store_(store),
      clock_(clock),
      recorder_(std::make_unique<MetricsRecorder>(store)) {}

MetricsService::~MetricsService() = default;

void MetricsService::Record(std::uint64_t stream_internal_id, std::int32_t partition,
                            const engine::MetricsCounters& delta) {
  recorder_->Add(stream_internal_id, partition, MinuteOf(clock_.NowMs()), delta);
}

Result<MetricsAnswer> MetricsService::Query(std::string_view project_id,
                                            const MetricsQuery& query) const {
  const bool partition_query = query.partition_id.has_value();
  auto labels = ParseMetricLabels(query.label, query.label_list, partition_query);
  if (!labels.ok()) return labels.error();
  auto range = ParseMonitoringPeriod(query.start_time, query.end_time, clock_.NowMs());
  if (!range.ok()) return range.error();
  auto stream = catalog_.GetStream(project_id, query.stream_name);
  if (!stream.ok()) {
    if (stream.error().code != ErrorCode::kStreamNotFound) return stream.error();
    return MakeError(ErrorCode::kStreamNotFound,
                     "[" + query.stream_name + "][" + std::string(project_id) + "]");
  }
  const engine::StreamMeta& meta = **stream;

  // The rows to sum: one partition, or every partition plus the stream's request row.
  std::vector<std::int32_t> rows;
  if (partition_query) {
    auto index = ParsePartitionId(*query.partition_id);
    if (!index) {
      return MakeError(ErrorCode::kInvalidPartitionId, "[" + *query.partition_id + "]");
    }
    if (*index >= static_cast<std::int32_t>(meta.partitions.size())) {
      return MakeError(ErrorCode::kPartitionNotFound,
                       "[" + FormatPartitionId(*index) + "][" + meta.name + "]");
    }
    rows.push_back(*index);
  } else {
    for (const auto& p : meta.partitions) rows.push_back(p.index);
    rows.push_back(engine::kStreamMetricsRow);
  }

  std::map<std::int64_t, engine::MetricsCounters> minutes;
  for (std::int32_t row : rows) {
    auto read = recorder_->Read(meta.internal_id, row, range->first, range->last);
    if (!read.ok()) return read.error();
    for (const auto& [minute, counters] : *read) minutes[minute].Add(counters);
  }

  MetricsAnswer answer;
  answer.from_label_list = !query.label_list.empty();
  for (const MetricLabel& label : *labels) {
    MetricsSeries series;
    series.label = label.name;
    if (range->last >= range->first) {
      series.points.reserve(static_cast<std::size_t>(range->last - range->first + 1));
    }
    auto next = minutes.begin();
    for (std::int64_t minute = range->first; minute <= range->last; ++minute) {
      while (next != minutes.end() && next->first < minute) ++next;
      std::int64_t value = 0;
      if (next != minutes.end() && next->first == minute)
        value = MetricValue(label.kind, next->second);
      series.points.push_back({minute * kMinuteMs, value});
    }
    answer.series.push_back(std::move(series));
  }
  return answer;
}

Status MetricsService::Maintain() {
  const std::int64_t now_minute = MinuteOf(clock_.NowMs());
  Status flushed = recorder_->Flush(now_minute, false);

  std::unordered_set<std::uint64_t> live;
  std::uint64_t max_listed = 0;
  for (const auto& stream : catalog_.ListAllStreams()) {
    live.insert(stream->internal_id);
    max_listed = std::max(max_listed, stream->internal_id);
  }
  recorder_->Forget(live, max_listed);

  // Rows are kept for the whole query window; the cut moves in hour steps so the store
  // sees one trim an hour rather than one a minute.
  const std::int64_t cut =
      (now_minute - kMetricsRetentionMinutes) / kTrimStepMinutes * kTrimStepMinutes;
  std::lock_guard lock(trim_mu_);
  if (cut > trimmed_before_) {
    Status trimmed = store_.TrimBefore(cut);
    if (!trimmed.ok()) return trimmed;
    trimmed_before_ = cut;
  }
  return flushed;
}

Status MetricsService::FlushAll() { return recorder_->Flush(MinuteOf(clock_.NowMs()), true); }

std::vector<StreamMetricsTotals> MetricsService::Totals() const {
  std::vector<StreamMetricsTotals> out;
  for (const auto& [stream, counters] : recorder_->Totals()) out.push_back({stream, counters});
  return out;
}

}  // namespace disd::service
