// PrometheusText: builds the Prometheus text exposition format (version 0.0.4): per metric
// family one "# HELP" and one "# TYPE" line followed by its samples. Label values and help
// texts are escaped as the format requires; integers print exactly, other values in the
// shortest form that reads back to the same double.
//
// The caller keeps each family's samples together (Family, then its Samples) and uses each
// family name once; histograms write their _bucket/_sum/_count series in one call.
// Thread-safety: not thread-safe; one writer per exposition.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace disd {

using PrometheusLabels = std::vector<std::pair<std::string_view, std::string>>;

class PrometheusText {
 public:
  // type: "counter", "gauge" or "histogram".
  void Family(std::string_view name, std::string_view type, std::string_view help);
  void Sample(std::string_view name, const PrometheusLabels& labels, double value);
  void Sample(std::string_view name, const PrometheusLabels& labels, std::uint64_t value);
  void Sample(std::string_view name, const PrometheusLabels& labels, std::int64_t value);
  // One histogram series: `bucket_counts[i]` observations fell at or below `bounds[i]`
  // (not cumulative; cumulated here), `overflow` above the last bound.
  void Histogram(std::string_view name, const PrometheusLabels& labels,
                 std::span<const double> bounds, std::span<const std::uint64_t> bucket_counts,
                 std::uint64_t overflow, double sum);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Series(std::string_view name, const PrometheusLabels& labels, std::string_view extra_label,
              std::string_view extra_value);

  std::string out_;
};

// The value as the format writes it ("+Inf", "NaN", integers without a fraction).
std::string FormatPrometheusValue(double value);

}  // namespace disd
