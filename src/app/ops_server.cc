#include "disd/app/ops_server.h"

#include <spdlog/spdlog.h>

#include "app/process_stats.h"

namespace disd::app {
namespace {

// Probes and scrapes are few and small: one I/O thread, one worker, small limits, no
// access log (a scrape every few seconds would drown the DIS lines).
net::HttpServerOptions OpsOptions(std::string listen) {
  net::HttpServerOptions o;
  o.listen = std::move(listen);
  o.io_threads = 1;
  o.worker_threads = 1;
  o.worker_queue_limit = 64;
  o.max_body_bytes = 64u << 10;
  o.max_connections = 64;
  o.read_timeout = std::chrono::milliseconds(10000);
  o.write_timeout = std::chrono::milliseconds(10000);
  o.idle_timeout = std::chrono::milliseconds(60000);
  o.shutdown_grace = std::chrono::milliseconds(1000);
  o.access_log = false;
  return o;
}

}  // namespace

OpsServer::OpsServer(std::string listen, std::shared_ptr<spdlog::logger> logger) {
  api::OpsCallbacks callbacks;
  callbacks.readiness = [this] { return readiness(); };
  callbacks.metrics_text = [this] { return MetricsText(); };
  handler_ = api::MakeOpsApi(std::move(callbacks));
  server_ = std::make_unique<net::HttpServer>(OpsOptions(std::move(listen)), *handler_, ids_,
                                              std::move(logger));
}

OpsServer::~OpsServer() { Stop(); }

Status OpsServer::Start() { return server_->Start(); }

std::string OpsServer::LocalEndpoint() const { return server_->LocalEndpoint(); }

void OpsServer::Stop() { server_->Stop(); }

void OpsServer::SetStarting(std::string what) {
  std::lock_guard lock(state_mu_);
  readiness_ = {false, "starting: " + what};
}

void OpsServer::SetReady() {
  std::lock_guard lock(state_mu_);
  readiness_ = {true, ""};
}

void OpsServer::SetStopping() {
  std::lock_guard lock(state_mu_);
  readiness_ = {false, "stopping"};
}

api::Readiness OpsServer::readiness() const {
  std::lock_guard lock(state_mu_);
  return readiness_;
}

void OpsServer::SetCollector(Collector collector) {
  std::lock_guard lock(collector_mu_);
  collector_ = std::move(collector);
}

std::string OpsServer::MetricsText() const {
  PrometheusText out;
  out.Family("disd_build_info", "gauge", "Always 1; the version label names the disd build.");
  out.Sample("disd_build_info", {{"version", DISD_VERSION}}, std::int64_t{1});
  out.Family("disd_ready", "gauge",
             "1 when the store is open and the DIS listener serves (what /readyz answers).");
  out.Sample("disd_ready", {}, std::int64_t{readiness().ready ? 1 : 0});
  AppendProcessMetrics(out);
  std::lock_guard lock(collector_mu_);
  if (collector_) collector_(out);
  return out.Take();
}

}  // namespace disd::app
