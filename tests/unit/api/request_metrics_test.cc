// RequestMetrics and the operations handler: counting by operation and status, latency
// buckets, and the /livez, /readyz and /metrics answers.
#include "disd/api/request_metrics.h"

#include <gtest/gtest.h>

#include "api/routes.h"
#include "disd/api/ops_api.h"

namespace disd::api {
namespace {

const Route* RouteNamed(std::string_view name) {
  for (const Route& r : DisRoutes()) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

TEST(RequestMetricsTest, CountsByOperationAndStatusWithLatencyBuckets) {
  RequestMetrics metrics;
  const Route* put = RouteNamed("PutRecords");
  ASSERT_NE(put, nullptr);
  metrics.Record(put, 200, std::chrono::microseconds(300));  // <= 0.0005
  metrics.Record(put, 200, std::chrono::milliseconds(3));    // <= 0.005
  metrics.Record(put, 400, std::chrono::seconds(20));        // above every bound
  metrics.Record(nullptr, 404, std::chrono::microseconds(10));
  PrometheusText out;
  metrics.AppendPrometheus(out);
  const std::string& text = out.text();
  EXPECT_NE(text.find("disd_http_requests_total{operation=\"PutRecords\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("disd_http_requests_total{operation=\"PutRecords\",status=\"400\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("disd_http_requests_total{operation=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(
      text.find(
          "disd_http_request_duration_seconds_bucket{operation=\"PutRecords\",le=\"0.0005\"} 1\n"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "disd_http_request_duration_seconds_bucket{operation=\"PutRecords\",le=\"0.005\"} 2\n"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "disd_http_request_duration_seconds_bucket{operation=\"PutRecords\",le=\"10\"} 2\n"),
      std::string::npos);
  EXPECT_NE(
      text.find(
          "disd_http_request_duration_seconds_bucket{operation=\"PutRecords\",le=\"+Inf\"} 3\n"),
      std::string::npos);
  EXPECT_NE(text.find("disd_http_request_duration_seconds_count{operation=\"PutRecords\"} 3\n"),
            std::string::npos);
  // Operations without requests have no series.
  EXPECT_EQ(text.find("operation=\"GetRecords\""), std::string::npos);
}

TEST(RequestMetricsTest, ManyDistinctStatusesStillCount) {
  RequestMetrics metrics;
  const Route* route = RouteNamed("CreateStream");
  for (int status = 200; status < 240; ++status) metrics.Record(route, status, {});
  PrometheusText out;
  metrics.AppendPrometheus(out);
  EXPECT_NE(
      out.text().find("disd_http_requests_total{operation=\"CreateStream\",status=\"other\"} 24\n"),
      std::string::npos)
      << out.text();
}

TEST(OpsApiTest, LivenessReadinessAndMetrics) {
  Readiness state{false, "starting: opening the store"};
  auto handler = MakeOpsApi({[&] { return state; }, [] { return std::string("m 1\n"); }});
  auto get = [&](std::string method, std::string target) {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    return handler->Handle(r);
  };
  EXPECT_EQ(get("GET", "/livez").status, 200);
  EXPECT_EQ(get("GET", "/healthz").status, 200);
  auto not_ready = get("GET", "/readyz");
  EXPECT_EQ(not_ready.status, 503);
  EXPECT_EQ(not_ready.body, "starting: opening the store\n");
  state = {true, ""};
  EXPECT_EQ(get("GET", "/readyz/").status, 200);
  auto metrics = get("GET", "/metrics?x=1");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.body, "m 1\n");
  EXPECT_EQ(metrics.content_type, "text/plain; version=0.0.4; charset=utf-8");
  auto head = get("HEAD", "/metrics");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(get("POST", "/metrics").status, 405);
  EXPECT_EQ(get("GET", "/v2/p/streams").status, 404);
}

}  // namespace
}  // namespace disd::api
