#include "disd/common/prometheus_text.h"

#include <charconv>
#include <cmath>

namespace disd {
namespace {

void AppendEscaped(std::string& out, std::string_view text, bool quotes) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quotes) {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

std::string FormatPrometheusValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Whole numbers print as integers; others in %g style (0.0005, 1.5e-07).
  if (std::fabs(value) < 9007199254740992.0 && value == std::floor(value)) {
    return std::to_string(static_cast<std::int64_t>(value));
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general);
  if (ec != std::errc()) return "NaN";
  return std::string(buffer, end);
}

void PrometheusText::Family(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  AppendEscaped(out_, help, false);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusText::Series(std::string_view name, const PrometheusLabels& labels,
                            std::string_view extra_label, std::string_view extra_value) {
  out_ += name;
  if (labels.empty() && extra_label.empty()) {
    out_ += ' ';
    return;
  }
  out_ += '{';
  bool first = true;
  auto label = [&](std::string_view key, std::string_view value) {
    if (!first) out_ += ',';
    first = false;
    out_ += key;
    out_ += "=\"";
    AppendEscaped(out_, value, true);
    out_ += '"';
  };
  for (const auto& [key, value] : labels) label(key, value);
  if (!extra_label.empty()) label(extra_label, extra_value);
  out_ += "} ";
}

void PrometheusText::Sample(std::string_view name, const PrometheusLabels& labels, double value) {
  Series(name, labels, {}, {});
  out_ += FormatPrometheusValue(value);
  out_ += '\n';
}

void PrometheusText::Sample(std::string_view name, const PrometheusLabels& labels,
                            std::uint64_t value) {
  Series(name, labels, {}, {});
  out_ += std::to_string(value);
  out_ += '\n';
}

void PrometheusText::Sample(std::string_view name, const PrometheusLabels& labels,
                            std::int64_t value) {
  Series(name, labels, {}, {});
  out_ += std::to_string(value);
  out_ += '\n';
}

void PrometheusText::Histogram(std::string_view name, const PrometheusLabels& labels,
                               std::span<const double> bounds,
                               std::span<const std::uint64_t> bucket_counts, std::uint64_t overflow,
                               double sum) {
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    cumulative += i < bucket_counts.size() ? bucket_counts[i] : 0;
    Series(bucket, labels, "le", FormatPrometheusValue(bounds[i]));
    out_ += std::to_string(cumulative) + '\n';
  }
  cumulative += overflow;
  Series(bucket, labels, "le", "+Inf");
  out_ += std::to_string(cumulative) + '\n';
  Sample(std::string(name) + "_sum", labels, sum);
  Sample(std::string(name) + "_count", labels, cumulative);
}

}  // namespace disd
