// OpsServer: disd's operations listener (ops.listen), separate from the DIS listener:
// GET /livez, /readyz and /metrics (api/ops_api.h). It is started before the store opens,
// so a probe sees "alive, not ready" during a long open (WAL replay, waiting for the data
// directory's lock) instead of a refused connection, and it keeps answering while the DIS
// worker queue is full or the server drains. It needs no credentials and is meant for a
// private interface (127.0.0.1, a pod network), never the public DIS address.
//
// Readiness: not ready ("starting: <what>") until SetReady(), not ready ("stopping") after
// SetStopping(). /metrics always carries disd_build_info, disd_ready and the process_*
// figures; the composition root adds the rest through SetCollector while its parts exist.
//
// Thread-safety: every method may be called from any thread that is not one of the
// server's own; SetCollector(nullptr) waits for a scrape in progress, so the caller may
// destroy what the old collector used once it returns.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "disd/api/ops_api.h"
#include "disd/common/prometheus_text.h"
#include "disd/common/random_id.h"
#include "disd/common/status.h"
#include "disd/net/http_server.h"

namespace spdlog {
class logger;
}

namespace disd::app {

class OpsServer {
 public:
  using Collector = std::function<void(PrometheusText&)>;

  OpsServer(std::string listen, std::shared_ptr<spdlog::logger> logger);
  ~OpsServer();  // Stop()
  OpsServer(const OpsServer&) = delete;
  OpsServer& operator=(const OpsServer&) = delete;

  Status Start();
  std::string LocalEndpoint() const;  // "host:port" bound; empty before Start
  void Stop();

  void SetStarting(std::string what);
  void SetReady();
  void SetStopping();
  api::Readiness readiness() const;

  void SetCollector(Collector collector);
  // The whole exposition (what GET /metrics answers).
  std::string MetricsText() const;

 private:
  mutable std::mutex state_mu_;
  api::Readiness readiness_{false, "starting"};  // GUARDED_BY(state_mu_)
  mutable std::mutex collector_mu_;              // held while a collector runs
  Collector collector_;                          // GUARDED_BY(collector_mu_)
  IdGenerator ids_;
  std::unique_ptr<api::RequestHandler> handler_;
  std::unique_ptr<net::HttpServer> server_;
};

}  // namespace disd::app
