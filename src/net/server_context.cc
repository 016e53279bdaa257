#include "net/server_context.h"

#include <spdlog/spdlog.h>

#include <exception>

#include "disd/api/error_response.h"

namespace disd::net {

ServerContext::ServerContext(const HttpServerOptions& options, api::RequestHandler& handler,
                             IdGenerator& ids, std::shared_ptr<spdlog::logger> logger)
    : options_(options),
      handler_(handler),
      ids_(ids),
      logger_(std::move(logger)),
      pool_(options.worker_threads, options.worker_queue_limit) {}

HttpResponse ServerContext::Invoke(const HttpRequest& request) noexcept {
  try {
    return handler_.Handle(request);
  } catch (const std::exception& e) {
    logger_->error("request {} {} {} failed with an exception: {}", request.request_id,
                   request.method, request.target, e.what());
  } catch (...) {
    logger_->error("request {} {} {} failed with an unknown exception", request.request_id,
                   request.method, request.target);
  }
  try {
    return api::ErrorResponse(MakeError(ErrorCode::kInternal));
  } catch (...) {
    HttpResponse fallback;
    fallback.status = 500;
    return fallback;
  }
}

bool ServerContext::TryAcquireConnection() {
  std::size_t current = connections_.load(std::memory_order_relaxed);
  do {
    if (current >= options_.max_connections) return false;
  } while (!connections_.compare_exchange_weak(current, current + 1, std::memory_order_acq_rel));
  return true;
}

void ServerContext::ReleaseConnection() { connections_.fetch_sub(1, std::memory_order_acq_rel); }

void ServerContext::BeginRequest() {
  std::lock_guard lock(in_flight_mu_);
  ++in_flight_;
}

void ServerContext::EndRequest() {
  bool idle = false;
  {
    std::lock_guard lock(in_flight_mu_);
    idle = --in_flight_ == 0;
  }
  if (idle) in_flight_cv_.notify_all();
}

bool ServerContext::WaitIdle(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(in_flight_mu_);
  return in_flight_cv_.wait_until(lock, deadline, [this] { return in_flight_ == 0; });
}

void ServerContext::LogAccess(const AccessRecord& record) {
  if (!options_.access_log) return;
  const double ms = std::chrono::duration<double, std::milli>(record.duration).count();
  logger_->info("access {} {} {} {:.3f}ms {}B id={} remote={}", record.method, record.target,
                record.status, ms, record.response_bytes, record.request_id, record.remote_address);
}

}  // namespace disd::net
