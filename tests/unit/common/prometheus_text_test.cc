// PrometheusText: family headers, label escaping, value formatting and cumulative
// histogram buckets, compared with the exact text the format prescribes.
#include "disd/common/prometheus_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace disd {
namespace {

TEST(PrometheusTextTest, FamilyAndSamples) {
  PrometheusText out;
  out.Family("disd_things_total", "counter", "Things.\nOn two lines \\ escaped.");
  out.Sample("disd_things_total", {}, std::uint64_t{3});
  out.Sample("disd_things_total", {{"a", "x"}, {"b", "q\"uo\\te\nnl"}}, std::int64_t{-2});
  EXPECT_EQ(out.text(),
            "# HELP disd_things_total Things.\\nOn two lines \\\\ escaped.\n"
            "# TYPE disd_things_total counter\n"
            "disd_things_total 3\n"
            "disd_things_total{a=\"x\",b=\"q\\\"uo\\\\te\\nnl\"} -2\n");
}

TEST(PrometheusTextTest, DoubleValues) {
  EXPECT_EQ(FormatPrometheusValue(0.25), "0.25");
  EXPECT_EQ(FormatPrometheusValue(1e-3), "0.001");
  EXPECT_EQ(FormatPrometheusValue(0.0005), "0.0005");
  EXPECT_EQ(FormatPrometheusValue(1234567890.0), "1234567890");
  EXPECT_EQ(FormatPrometheusValue(12), "12");
  EXPECT_EQ(FormatPrometheusValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatPrometheusValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatPrometheusValue(std::nan("")), "NaN");
}

TEST(PrometheusTextTest, HistogramBucketsAreCumulative) {
  PrometheusText out;
  const double bounds[] = {0.1, 1};
  const std::uint64_t counts[] = {2, 3};
  out.Histogram("h_seconds", {{"op", "Put"}}, bounds, counts, 4, 7.5);
  EXPECT_EQ(out.text(),
            "h_seconds_bucket{op=\"Put\",le=\"0.1\"} 2\n"
            "h_seconds_bucket{op=\"Put\",le=\"1\"} 5\n"
            "h_seconds_bucket{op=\"Put\",le=\"+Inf\"} 9\n"
            "h_seconds_sum{op=\"Put\"} 7.5\n"
            "h_seconds_count{op=\"Put\"} 9\n");
}

}  // namespace
}  // namespace disd
