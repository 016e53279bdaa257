#include "loadgen/stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace disd::bench {

double Latencies::PercentileMs(double p) {
  if (us_.empty()) return 0;
  if (!sorted_) {
    std::sort(us_.begin(), us_.end());
    sorted_ = true;
  }
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(us_.size())));
  rank = std::clamp<std::size_t>(rank, 1, us_.size());
  return us_[rank - 1] / 1000.0;
}

void JsonLine::Key(std::string_view key) {
  if (!body_.empty()) body_ += ',';
  body_ += '"';
  body_ += key;
  body_ += "\":";
}

JsonLine& JsonLine::Add(std::string_view key, std::string_view value) {
  Key(key);
  body_ += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') body_ += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) body_ += c;
  }
  body_ += '"';
  return *this;
}

JsonLine& JsonLine::Add(std::string_view key, double value) {
  Key(key);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", std::isfinite(value) ? value : 0.0);
  body_ += buf;
  return *this;
}

JsonLine& JsonLine::Add(std::string_view key, std::int64_t value) {
  Key(key);
  body_ += std::to_string(value);
  return *this;
}

JsonLine& JsonLine::AddPercentiles(std::string_view prefix, Latencies& latencies) {
  const std::string p(prefix);
  Add(p + "p50_ms", latencies.PercentileMs(50));
  Add(p + "p99_ms", latencies.PercentileMs(99));
  Add(p + "p999_ms", latencies.PercentileMs(99.9));
  return *this;
}

}  // namespace disd::bench
