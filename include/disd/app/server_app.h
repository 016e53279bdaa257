// The composition root: builds every part of disd from a Config, owns them, and starts and
// stops them in order. Construction order (destruction is the reverse):
//   clock -> store (opens data_dir) -> retention sweeper -> ids -> destinations (dump
//   secrets key, configured buckets) -> services -> delivery scheduler ->
//   authentication (AuthService) -> request metrics -> API -> HTTP server (plain and,
//   when configured, TLS).
// Start binds the listener, then (system clock only) starts the retention timer, the
// metrics flusher (at every minute boundary) and the delivery timer (every second); Stop
// stops accepting and answers in-flight requests, stops the timers and saves the
// monitoring figures of the minute in progress;
// destruction closes the store last, after everything that uses it.
// The operations listener (OpsServer), when there is one, is owned by the caller and
// outlives the app: it reports "starting" while the store opens, "ready" after Start and
// "stopping" from Stop on, and scrapes the app's figures only while the app exists.
// Thread-safety: Create, Start, Stop and the destructor from one controlling thread;
// LocalEndpoint from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "disd/api/request_handler.h"
#include "disd/api/request_metrics.h"
#include "disd/app/config.h"
#include "disd/app/ops_server.h"
#include "disd/auth/auth_service.h"
#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/common/status.h"
#include "disd/dump/delivery_scheduler.h"
#include "disd/dump/destinations.h"
#include "disd/engine/retention.h"
#include "disd/engine/store.h"
#include "disd/net/http_server.h"
#include "disd/service/dis_services.h"

namespace spdlog {
class logger;
}

namespace disd::app {

class ServerApp {
 public:
  // Builds everything up to a server that is ready to Start: opens (creating if needed)
  // the store in config.storage.data_dir (waiting up to storage.lock_wait_ms for another
  // process to release it). Fails with the store's error (lock held by another process,
  // corruption, permissions). `ops`, when given, must outlive the app.
  // REQUIRES: ValidateConfig(config).ok().
  static Result<std::unique_ptr<ServerApp>> Create(const Config& config,
                                                   std::shared_ptr<spdlog::logger> logger,
                                                   OpsServer* ops = nullptr);
  // Stop(), then closes everything in reverse construction order (the store last).
  ~ServerApp();
  ServerApp(const ServerApp&) = delete;
  ServerApp& operator=(const ServerApp&) = delete;

  // Binds and starts serving, logs the one startup line, and in system clock mode starts
  // the retention timer. Fails (nothing started) when the address cannot be bound.
  Status Start();

  // "host:port" actually bound; empty before Start.
  std::string LocalEndpoint() const;
  // The same for the TLS listener; empty before Start or without TLS.
  std::string TlsLocalEndpoint() const;

  // Stops accepting, lets in-flight requests finish (server.shutdown_grace_ms), stops the
  // retention timer. Idempotent.
  void Stop();

  Clock& clock() { return *clock_; }

 private:
  ServerApp(const Config& config, std::shared_ptr<spdlog::logger> logger);
  void RunRetention();
  void RetentionLoop(std::stop_token stop);
  // Flushes finished minutes of the monitoring figures, trims and forgets (metrics_service.h).
  void RunMetricsMaintenance();
  void MetricsLoop(std::stop_token stop);
  // One delivery round of every transfer task (delivery_scheduler.h); errors are logged.
  void RunDelivery();
  void DeliveryLoop(std::stop_token stop);

  const Config config_;
  const std::shared_ptr<spdlog::logger> logger_;

  std::unique_ptr<Clock> clock_;
  ManualClock* manual_clock_ = nullptr;  // == clock_.get() in manual mode, else null
  std::unique_ptr<engine::Store> store_;
  std::unique_ptr<engine::RetentionSweeper> sweeper_;
  IdGenerator ids_;
  // The destinations config with the dump secrets key (dump_setup.h); read by the services
  // and the delivery workers.
  std::unique_ptr<dump::DestinationRegistry> destinations_;
  std::unique_ptr<service::DisServices> services_;
  // Transfer-task delivery; destroyed before the services, destinations and store it reads.
  std::unique_ptr<dump::DeliveryScheduler> delivery_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<api::RequestMetrics> request_metrics_;
  std::unique_ptr<api::RequestHandler> api_;
  std::unique_ptr<net::HttpServer> server_;

  OpsServer* ops_ = nullptr;  // not owned; may be null

  std::mutex retention_mu_;  // only for the timer's wait
  std::condition_variable_any retention_cv_;
  std::mutex metrics_mu_;    // only for the metrics flusher's wait
  std::condition_variable_any metrics_cv_;
  std::jthread metrics_thread_;    // system clock mode only
  std::mutex delivery_mu_;         // only for the delivery timer's wait
  std::condition_variable_any delivery_cv_;
  std::jthread delivery_thread_;   // system clock mode only
  std::jthread retention_thread_;  // system clock mode only; declared last, stopped first
};

}  // namespace disd::app
