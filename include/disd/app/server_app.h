// The composition root: builds every part of disd from a Config, owns them, and starts and
// stops them in order. Construction order (destruction is the reverse):
//   clock -> store (opens data_dir) -> retention sweeper -> ids -> services ->
//   authentication (AuthService) -> API -> HTTP server (plain and, when configured, TLS).
// Start binds the listener, then (system clock only) starts the retention timer; Stop
// stops accepting and answers in-flight requests, then stops the timer; destruction
// closes the store last, after everything that uses it.
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
#include "disd/app/config.h"
#include "disd/auth/auth_service.h"
#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/common/status.h"
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
  // the store in config.storage.data_dir. Fails with the store's error (lock held by
  // another process, corruption, permissions). REQUIRES: ValidateConfig(config).ok().
  static Result<std::unique_ptr<ServerApp>> Create(const Config& config,
                                                   std::shared_ptr<spdlog::logger> logger);
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

  const Config config_;
  const std::shared_ptr<spdlog::logger> logger_;

  std::unique_ptr<Clock> clock_;
  ManualClock* manual_clock_ = nullptr;  // == clock_.get() in manual mode, else null
  std::unique_ptr<engine::Store> store_;
  std::unique_ptr<engine::RetentionSweeper> sweeper_;
  IdGenerator ids_;
  std::unique_ptr<service::DisServices> services_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<api::RequestHandler> api_;
  std::unique_ptr<net::HttpServer> server_;

  std::mutex retention_mu_;  // only for the timer's wait
  std::condition_variable_any retention_cv_;
  std::jthread retention_thread_;  // system clock mode only; declared last, stopped first
};

}  // namespace disd::app
