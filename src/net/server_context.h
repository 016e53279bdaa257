// What every connection of one HttpServer shares: the options, the request handler, the
// worker pool, the logger, the connection count and the in-flight request count that
// graceful shutdown waits on. Shared (std::shared_ptr) by HttpServer::Impl and every
// session, so it outlives the last session however the io_context is torn down.
// HttpServer::Stop shuts the worker pool down before the last reference can go, so the
// context is never destroyed on one of its own worker threads.
// Thread-safety: all members are safe to use from any thread (atomics, or internally
// synchronised objects); options are constant after construction.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>

#include "disd/api/request_handler.h"
#include "disd/common/random_id.h"
#include "disd/net/http_server.h"
#include "net/worker_pool.h"

namespace spdlog {
class logger;
}

namespace disd::net {

// One finished exchange, as the access log shows it.
struct AccessRecord {
  std::string_view method;  // "-" when the request line could not be parsed
  std::string_view target;
  int status = 0;
  std::chrono::steady_clock::duration duration{};
  std::size_t response_bytes = 0;  // body bytes
  std::string_view request_id;
  std::string_view remote_address;
};

class ServerContext {
 public:
  ServerContext(const HttpServerOptions& options, api::RequestHandler& handler, IdGenerator& ids,
                std::shared_ptr<spdlog::logger> logger);

  const HttpServerOptions& options() const { return options_; }
  IdGenerator& ids() { return ids_; }
  spdlog::logger& logger() { return *logger_; }
  WorkerPool& pool() { return pool_; }

  // Calls the handler; an escaping exception becomes a logged DIS.5000 response. Runs on a
  // worker thread.
  HttpResponse Invoke(const HttpRequest& request) noexcept;

  // Connection slots. TryAcquireConnection fails when max_connections are open.
  bool TryAcquireConnection();
  void ReleaseConnection();

  // In-flight requests: BeginRequest when a request has been read and will be answered,
  // EndRequest once its response write has finished (or failed).
  void BeginRequest();
  void EndRequest();
  // Waits until no request is in flight or `deadline` passes; true if none is in flight.
  bool WaitIdle(std::chrono::steady_clock::time_point deadline);

  // Set once Stop begins: sessions finish the current exchange and then close.
  void MarkStopping() { stopping_.store(true, std::memory_order_release); }
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

  void LogAccess(const AccessRecord& record);

 private:
  const HttpServerOptions options_;
  api::RequestHandler& handler_;
  IdGenerator& ids_;
  const std::shared_ptr<spdlog::logger> logger_;

  std::atomic<std::size_t> connections_{0};
  std::atomic<bool> stopping_{false};

  std::mutex in_flight_mu_;
  std::condition_variable in_flight_cv_;
  std::size_t in_flight_ = 0;  // GUARDED_BY(in_flight_mu_)

  // Declared last: destroyed (drained and joined) first, while everything above is alive.
  WorkerPool pool_;
};

}  // namespace disd::net
