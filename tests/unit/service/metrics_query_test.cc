// The pure rules of a monitoring query: labels per endpoint, the period checks at their
// boundaries, and how a minute's counters become each label's value.
#include "service/metrics_query.h"

#include <gtest/gtest.h>

#include "disd/service/metrics_service.h"

namespace disd::service {
namespace {

constexpr std::int64_t kNowMs = 1'700'000'000'000;  // 2023-11-14T22:13:20Z
constexpr std::int64_t kNowS = kNowMs / 1000;
constexpr std::int64_t kWeekS = 7 * 24 * 3600;

std::string S(std::int64_t seconds) { return std::to_string(seconds); }

TEST(MetricLabelsTest, EveryDocumentedStreamLabelIsAccepted) {
  const std::pair<const char*, MetricKind> labels[] = {
      {"total_put_bytes_per_stream", MetricKind::kPutBytes},
      {"total_get_bytes_per_stream", MetricKind::kGetBytes},
      {"total_put_records_per_stream", MetricKind::kPutRecords},
      {"total_get_records_per_stream", MetricKind::kGetRecords},
      {"total_put_req_latency", MetricKind::kPutLatency},
      {"total_get_req_latency", MetricKind::kGetLatency},
      {"total_put_req_suc_per_stream", MetricKind::kPutRequests},
      {"total_get_req_suc_per_stream", MetricKind::kGetRequests},
      {"traffic_control_put", MetricKind::kPutThrottled},
      {"traffic_control_get", MetricKind::kGetThrottled}};
  for (const auto& [name, kind] : labels) {
    auto parsed = ParseMetricLabels(name, "", false);
    ASSERT_TRUE(parsed.ok()) << name;
    ASSERT_EQ(parsed->size(), 1u);
    EXPECT_EQ((*parsed)[0].kind, kind) << name;
    EXPECT_EQ((*parsed)[0].name, name);
  }
}

TEST(MetricLabelsTest, PartitionLabelsAndTheirStreamSpellings) {
  for (const char* name : {"total_put_bytes_per_partition", "total_get_bytes_per_partition",
                           "total_put_records_per_partition", "total_get_records_per_partition",
                           "total_put_bytes_per_stream", "total_get_records_per_stream"}) {
    EXPECT_TRUE(ParseMetricLabels(name, "", true).ok()) << name;
  }
  for (const char* name :
       {"total_put_req_latency", "traffic_control_get", "total_put_req_suc_per_stream"}) {
    auto parsed = ParseMetricLabels(name, "", true);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidMetricsLabel);
  }
  EXPECT_FALSE(ParseMetricLabels("total_put_bytes_per_partition", "", false).ok());
}

TEST(MetricLabelsTest, LabelListWinsKeepsOrderAndRejectsAnyBadEntry) {
  auto both = ParseMetricLabels("traffic_control_put",
                                "total_put_bytes_per_stream, total_get_req_latency", false);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[0].name, "total_put_bytes_per_stream");
  EXPECT_EQ((*both)[1].name, "total_get_req_latency");
  for (const char* bad : {"total_put_bytes_per_stream,", "total_put_bytes_per_stream,nope", ",",
                          "TOTAL_PUT_BYTES_PER_STREAM"}) {
    auto parsed = ParseMetricLabels("total_put_bytes_per_stream", bad, false);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidMetricsLabel) << bad;
  }
  auto none = ParseMetricLabels("", "", false);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalidMetricsLabel);
}

ErrorCode PeriodError(const std::string& start, const std::string& end) {
  auto r = ParseMonitoringPeriod(start, end, kNowMs);
  return r.ok() ? ErrorCode::kInternal : r.error().code;
}

TEST(MonitoringPeriodTest, TimesMustBeTenDigitEpochSeconds) {
  for (const auto& [start, end] :
       std::vector<std::pair<std::string, std::string>>{{"", S(kNowS)},
                                                        {S(kNowS), ""},
                                                        {S(kNowS) + "000", S(kNowS)},
                                                        {"17000000", S(kNowS)},
                                                        {"-700000000", S(kNowS)},
                                                        {"170000000x", S(kNowS)},
                                                        {" 1700000000", S(kNowS)}}) {
    EXPECT_EQ(PeriodError(start, end), ErrorCode::kInvalidMonitoringPeriod) << start << " " << end;
  }
  EXPECT_EQ(PeriodError(S(kNowS), S(kNowS - 1)), ErrorCode::kInvalidMonitoringPeriod);
}

TEST(MonitoringPeriodTest, SevenDaysIsTheLimitBothInLengthAndInAge) {
  const std::int64_t minute_start = kNowS / 60 * 60;
  auto week = ParseMonitoringPeriod(S(minute_start - kWeekS), S(minute_start), kNowMs);
  ASSERT_TRUE(week.ok());
  EXPECT_EQ(week->last - week->first, 7 * 24 * 60);
  EXPECT_EQ(PeriodError(S(minute_start - kWeekS), S(minute_start + 1)),
            ErrorCode::kMonitoringPeriodTooLong);
  EXPECT_EQ(PeriodError(S(minute_start - kWeekS - 60), S(minute_start - kWeekS)),
            ErrorCode::kMonitoringPeriodTooLong);
}

TEST(MonitoringPeriodTest, RangeCoversTheOverlappingMinutesUpToNow) {
  auto r = ParseMonitoringPeriod(S(kNowS - 125), S(kNowS + 3600), kNowMs);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first, (kNowS - 125) / 60);
  EXPECT_EQ(r->last, kNowS / 60);  // the future is cut off
  auto future = ParseMonitoringPeriod(S(kNowS + 120), S(kNowS + 180), kNowMs);
  ASSERT_TRUE(future.ok());
  EXPECT_LT(future->last, future->first);  // not begun: no points
  auto same = ParseMonitoringPeriod(S(kNowS), S(kNowS), kNowMs);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->first, same->last);
}

TEST(MetricValueTest, CountersAndRoundedAverageLatencies) {
  engine::MetricsCounters c;
  c.put_bytes = 10;
  c.get_bytes = 20;
  c.put_records = 3;
  c.get_records = 4;
  c.put_requests = 2;
  c.get_requests = 3;
  c.put_latency_us = 3000;  // 1.5 ms average -> 2
  c.get_latency_us = 3400;  // 1.13 ms average -> 1
  c.put_throttled = 5;
  c.get_throttled = 6;
  EXPECT_EQ(MetricValue(MetricKind::kPutBytes, c), 10);
  EXPECT_EQ(MetricValue(MetricKind::kGetBytes, c), 20);
  EXPECT_EQ(MetricValue(MetricKind::kPutRecords, c), 3);
  EXPECT_EQ(MetricValue(MetricKind::kGetRecords, c), 4);
  EXPECT_EQ(MetricValue(MetricKind::kPutRequests, c), 2);
  EXPECT_EQ(MetricValue(MetricKind::kGetRequests, c), 3);
  EXPECT_EQ(MetricValue(MetricKind::kPutLatency, c), 2);
  EXPECT_EQ(MetricValue(MetricKind::kGetLatency, c), 1);
  EXPECT_EQ(MetricValue(MetricKind::kPutThrottled, c), 5);
  EXPECT_EQ(MetricValue(MetricKind::kGetThrottled, c), 6);
  EXPECT_EQ(MetricValue(MetricKind::kPutLatency, engine::MetricsCounters{}), 0);
}

}  // namespace
}  // namespace disd::service
