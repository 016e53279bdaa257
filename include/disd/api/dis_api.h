// Builds the RequestHandler that serves the DIS REST API (the route table in
// src/api/routes.cc) plus disd's own test-control endpoints. The pipeline per request:
// route, authenticate (over the body as received: signatures cover the compressed bytes),
// authorise the project, decompress the body (Content-Encoding), run the handler.
// Thread-safety: the returned handler is safe for concurrent Handle calls.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "disd/api/request_handler.h"
#include "disd/api/request_metrics.h"
#include "disd/auth/authenticator.h"
#include "disd/common/clock.h"
#include "disd/service/dis_services.h"

namespace spdlog {
class logger;
}

namespace disd::api {

struct ApiOptions {
  // When set, POST /_disd/clock/advance {"advance_ms": N} moves this clock forward and then
  // runs `after_clock_advance` (the app runs retention there) before answering. Only for
  // `clock.mode = manual`; nullptr disables the endpoint (404).
  ManualClock* manual_clock = nullptr;
  std::function<void()> after_clock_advance;
  // Where unexpected failures (answered as DIS.5000) are logged; nullptr = not logged.
  std::shared_ptr<spdlog::logger> logger;
  // Largest request body after decompression (Content-Encoding lz4/snappy/zstd); larger
  // is answered 413. The app passes server.max_body_bytes.
  std::size_t max_decoded_body_bytes = 8u << 20;
  // Serves POST /v3/auth/tokens; nullptr answers it 404. Must outlive the handler.
  auth::TokenIssuer* token_issuer = nullptr;
  // Counts every request by operation and status, with its latency (the Prometheus
  // exposition); nullptr = not counted. Must outlive the handler.
  RequestMetrics* request_metrics = nullptr;
};

// `services` and `authenticator` must outlive the handler.
std::unique_ptr<RequestHandler> MakeDisApi(service::DisServices& services,
                                           const auth::Authenticator& authenticator,
                                           ApiOptions options);

}  // namespace disd::api
