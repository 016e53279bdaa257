#include "disd/api/request_metrics.h"

#include <algorithm>

#include "api/routes.h"

namespace disd::api {

namespace {

constexpr std::size_t kStatusSlots = 16;
constexpr std::string_view kUnmatched = "unmatched";

}  // namespace

struct RequestMetrics::Series {
  struct StatusSlot {
    std::atomic<int> status{0};  // 0 = free
    std::atomic<std::uint64_t> count{0};
  };
  std::array<StatusSlot, kStatusSlots> statuses;
  std::atomic<std::uint64_t> other_status{0};  // once every slot is taken
  std::array<std::atomic<std::uint64_t>, kLatencyBounds.size()> buckets{};
  std::atomic<std::uint64_t> overflow{0};
  std::atomic<std::uint64_t> sum_ns{0};
  std::atomic<std::uint64_t> count{0};
};

RequestMetrics::RequestMetrics() {
  const auto routes = DisRoutes();
  route_series_.resize(routes.size());
  for (std::size_t i = 0; i < routes.size(); ++i) {
    auto it = std::find(names_.begin(), names_.end(), routes[i].name);
    route_series_[i] = static_cast<std::size_t>(it - names_.begin());
    if (it == names_.end()) names_.push_back(routes[i].name);
  }
  names_.push_back(kUnmatched);
  series_ = std::make_unique<Series[]>(names_.size());
}

RequestMetrics::~RequestMetrics() = default;

void RequestMetrics::Record(const Route* route, int status,
                            std::chrono::steady_clock::duration elapsed) {
  const auto routes = DisRoutes();
  std::size_t index = names_.size() - 1;
  if (route != nullptr && route >= routes.data() && route < routes.data() + routes.size()) {
    index = route_series_[static_cast<std::size_t>(route - routes.data())];
  }
  Series& s = series_[index];
  bool counted = false;
  for (auto& slot : s.statuses) {
    int seen = slot.status.load(std::memory_order_relaxed);
    if (seen == 0) {
      int expected = 0;
      if (slot.status.compare_exchange_strong(expected, status, std::memory_order_relaxed)) {
        seen = status;
      } else {
        seen = expected;
      }
    }
    if (seen == status) {
      slot.count.fetch_add(1, std::memory_order_relaxed);
      counted = true;
      break;
    }
  }
  if (!counted) s.other_status.fetch_add(1, std::memory_order_relaxed);

  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count();
  const double seconds = static_cast<double>(ns) / 1e9;
  auto bound = std::lower_bound(kLatencyBounds.begin(), kLatencyBounds.end(), seconds);
  if (bound == kLatencyBounds.end()) {
    s.overflow.fetch_add(1, std::memory_order_relaxed);
  } else {
    s.buckets[static_cast<std::size_t>(bound - kLatencyBounds.begin())].fetch_add(
        1, std::memory_order_relaxed);
  }
  s.sum_ns.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(ns, 0)),
                     std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
}

void RequestMetrics::AppendPrometheus(PrometheusText& out) const {
  out.Family("disd_http_requests_total", "counter",
             "DIS API requests answered, by operation and HTTP status.");
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const Series& s = series_[i];
    for (const auto& slot : s.statuses) {
      const int status = slot.status.load(std::memory_order_relaxed);
      if (status == 0) continue;
      out.Sample("disd_http_requests_total",
                 {{"operation", std::string(names_[i])}, {"status", std::to_string(status)}},
                 slot.count.load(std::memory_order_relaxed));
    }
    const auto other = s.other_status.load(std::memory_order_relaxed);
    if (other > 0) {
      out.Sample("disd_http_requests_total",
                 {{"operation", std::string(names_[i])}, {"status", "other"}}, other);
    }
  }
  out.Family("disd_http_request_duration_seconds", "histogram",
             "Time from routing a DIS API request to its response being ready, by operation.");
  for (std::size_t i = 0; i < names_.size(); ++i) {
    const Series& s = series_[i];
    if (s.count.load(std::memory_order_relaxed) == 0) continue;
    std::array<std::uint64_t, kLatencyBounds.size()> buckets{};
    for (std::size_t b = 0; b < buckets.size(); ++b) {
      buckets[b] = s.buckets[b].load(std::memory_order_relaxed);
    }
    out.Histogram("disd_http_request_duration_seconds", {{"operation", std::string(names_[i])}},
                  kLatencyBounds, buckets, s.overflow.load(std::memory_order_relaxed),
                  static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
  }
}

}  // namespace disd::api
