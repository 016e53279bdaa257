// RequestMetrics: process-level counters of the DIS API for the Prometheus exposition:
// requests by operation (the route table's operation name; "unmatched" for paths no route
// serves) and HTTP status, and a latency histogram per operation (handler time, from
// routing to the response being built). Recording is lock-free: a few relaxed atomic
// increments per request.
// Thread-safety: Record and AppendPrometheus may be called concurrently.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/prometheus_text.h"

namespace disd::api {

struct Route;

class RequestMetrics {
 public:
  // Latency bucket bounds, seconds.
  static constexpr std::array<double, 14> kLatencyBounds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  RequestMetrics();  // one series per operation of the DIS route table, plus "unmatched"
  ~RequestMetrics();
  RequestMetrics(const RequestMetrics&) = delete;
  RequestMetrics& operator=(const RequestMetrics&) = delete;

  // `route`: the matched route (an element of the route table), or nullptr when none.
  void Record(const Route* route, int status, std::chrono::steady_clock::duration elapsed);

  // Writes disd_http_requests_total and disd_http_request_duration_seconds.
  void AppendPrometheus(PrometheusText& out) const;

 private:
  struct Series;
  std::vector<std::string_view> names_;    // per series
  std::vector<std::size_t> route_series_;  // route table index -> series index
  std::unique_ptr<Series[]> series_;
};

}  // namespace disd::api
