// The HTTP/1.1 front end: a Boost.Beast server that accepts connections (plain, and TLS on
// a second listener when configured), parses requests within the configured limits and
// timeouts, hands each one to an api::RequestHandler on a bounded worker pool (never on an
// I/O thread) and writes the response back on the connection's strand. Every response carries X-Request-Id, Server and Content-Length
// (except where HTTP forbids a body); transport failures are answered in the DIS error
// shape. Beast stays behind the pimpl: this header is all other modules see.
//
// Thread-safety: Start, LocalEndpoint and Stop may be called from any thread that is not
// one of the server's own (I/O or worker) threads; Stop joins them.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "disd/common/random_id.h"
#include "disd/common/status.h"

namespace spdlog {
class logger;
}

namespace disd::api {
class RequestHandler;
}

namespace disd::net {

// HTTPS beside the plain listener: same handler, limits and worker pool.
struct TlsOptions {
  std::string listen;     // "host:port"; empty = no TLS listener
  std::string cert_file;  // PEM certificate chain (leaf first)
  std::string key_file;   // PEM private key of the leaf certificate
};

struct HttpServerOptions {
  std::string listen = "127.0.0.1:20080";  // "host:port"; port 0 = any free port
  TlsOptions tls;
  std::size_t io_threads = 2;              // threads running the io_context
  std::size_t worker_threads = 4;          // threads running RequestHandler::Handle
  std::size_t worker_queue_limit = 1024;   // requests waiting for a worker; beyond: 429
  std::size_t max_body_bytes = 8u << 20;   // larger bodies: 413, then the connection closes
  std::size_t max_header_bytes = 16384;    // larger request heads: 400, then close
  // Time to receive a whole request once its first byte has arrived.
  std::chrono::milliseconds read_timeout{30000};
  // Time to write a whole response.
  std::chrono::milliseconds write_timeout{30000};
  // Time a connection may wait for the first byte of its next request (new or keep-alive).
  std::chrono::milliseconds idle_timeout{60000};
  // Open connections; connections beyond it are accepted and closed at once.
  std::size_t max_connections = 1024;
  // How long Stop waits for in-flight requests to be answered.
  std::chrono::milliseconds shutdown_grace{5000};
  bool access_log = true;  // one info line per request
};

class HttpServer {
 public:
  // `handler` and `ids` must outlive the server; `logger` receives access and error lines.
  HttpServer(HttpServerOptions options, api::RequestHandler& handler, IdGenerator& ids,
             std::shared_ptr<spdlog::logger> logger);
  // Stop().
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Resolves and binds options.listen (and options.tls.listen, after loading the
  // certificate and key), starts listening and starts the I/O and worker threads. Fails
  // kInternal with a detail (address in use, unresolvable host, unreadable certificate,
  // ...) and then owns no threads. REQUIRES: called at most once.
  Status Start();

  // The address actually bound, "host:port" (the real port when options.listen asked for
  // port 0). Empty before a successful Start.
  std::string LocalEndpoint() const;
  // The same for the TLS listener; empty when there is none.
  std::string TlsLocalEndpoint() const;

  // Requests waiting for a worker right now (0 before Start).
  std::size_t WorkerQueueDepth() const;

  // Graceful stop: stops accepting, waits up to options.shutdown_grace for requests already
  // received to be answered (their responses are written; keep-alive ends), then closes
  // every connection and joins all threads. Idempotent; a no-op before Start.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace disd::net
