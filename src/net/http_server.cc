#include "disd/net/http_server.h"

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "disd/net/listen_address.h"
#include "net/listener.h"
#include "net/server_context.h"

namespace disd::net {
namespace asio = boost::asio;
using asio::ip::tcp;

struct HttpServer::Impl {
  Impl(HttpServerOptions options, api::RequestHandler& handler, IdGenerator& ids,
       std::shared_ptr<spdlog::logger> logger)
      : options(std::move(options)), handler(handler), ids(ids), logger(std::move(logger)) {}

  Status Start();
  void Stop();
  Result<tcp::endpoint> Resolve(const std::string& listen);
  Status StartTls();
  void RunIoThread();

  const HttpServerOptions options;
  api::RequestHandler& handler;
  IdGenerator& ids;
  const std::shared_ptr<spdlog::logger> logger;

  std::mutex mu;                   // serialises Start and Stop (held through Stop's grace period)
  bool started = false;            // GUARDED_BY(mu)
  bool stopped = false;            // GUARDED_BY(mu)
  mutable std::mutex endpoint_mu;  // not held while stopping, so readers never wait
  std::string local_endpoint;      // GUARDED_BY(endpoint_mu); empty until started
  std::string tls_local_endpoint;  // GUARDED_BY(endpoint_mu); empty without TLS

  // Teardown order matters: Stop joins the threads and drains the worker pool before the
  // io_context is destroyed; destroying the io_context destroys the handlers that still
  // hold sessions, which closes their sockets. Sessions share `context`, so it outlives
  // them whatever the order. The SSL context outlives the io_context (declared first).
  std::optional<asio::ssl::context> ssl_context;
  std::optional<asio::io_context> ioc;
  std::shared_ptr<ServerContext> context;
  std::shared_ptr<Listener> listener;
  std::shared_ptr<Listener> tls_listener;  // null without TLS
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::jthread> io_threads;
};

Result<tcp::endpoint> HttpServer::Impl::Resolve(const std::string& listen) {
  auto address = ParseListenAddress(listen);
  if (!address.ok()) return MakeError(ErrorCode::kInternal, address.error().detail);
  boost::system::error_code ec;
  tcp::resolver resolver(*ioc);
  const auto results =
      resolver.resolve(address->host, std::to_string(address->port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return MakeError(ErrorCode::kInternal,
                     "cannot resolve listen host \"" + address->host + "\": " + ec.message());
  }
  return results.begin()->endpoint();
}

Status HttpServer::Impl::Start() {
  std::lock_guard lock(mu);
  if (started || stopped) return MakeError(ErrorCode::kInternal, "HttpServer::Start called twice");
  ioc.emplace(static_cast<int>(std::max<std::size_t>(options.io_threads, 1)));
  auto endpoint = Resolve(options.listen);
  if (!endpoint.ok()) return endpoint.error();
  context = std::make_shared<ServerContext>(options, handler, ids, logger);
  listener = std::make_shared<Listener>(*ioc, context);
  if (Status status = listener->Open(*endpoint); !status.ok()) {
    listener.reset();
    context->pool().Shutdown();
    return status;
  }
  if (Status status = StartTls(); !status.ok()) {
    listener.reset();
    context->pool().Shutdown();
    return status;
  }
  const tcp::endpoint bound = listener->LocalEndpoint();
  std::string endpoint_text = FormatListenAddress({bound.address().to_string(), bound.port()});
  listener->Run();
  std::string tls_endpoint_text;
  if (tls_listener) {
    const tcp::endpoint tls_bound = tls_listener->LocalEndpoint();
    tls_endpoint_text = FormatListenAddress({tls_bound.address().to_string(), tls_bound.port()});
    tls_listener->Run();
  }
  work.emplace(ioc->get_executor());
  for (std::size_t i = 0; i < std::max<std::size_t>(options.io_threads, 1); ++i) {
    io_threads.emplace_back([this] { RunIoThread(); });
  }
  started = true;
  std::lock_guard endpoint_lock(endpoint_mu);
  local_endpoint = std::move(endpoint_text);
  tls_local_endpoint = std::move(tls_endpoint_text);
  return Status::Ok();
}

Status HttpServer::Impl::StartTls() {
  if (options.tls.listen.empty()) return Status::Ok();
  ssl_context.emplace(asio::ssl::context::tls_server);
  boost::system::error_code ec;
  // TLS 1.2 and later only.
  ssl_context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                               asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                               asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use,
                           ec);
  if (!ec) ssl_context->use_certificate_chain_file(options.tls.cert_file, ec);
  if (ec) {
    return MakeError(ErrorCode::kInternal, "cannot load the TLS certificate " +
                                               options.tls.cert_file + ": " + ec.message());
  }
  ssl_context->use_private_key_file(options.tls.key_file, asio::ssl::context::pem, ec);
  if (ec) {
    return MakeError(ErrorCode::kInternal, "cannot load the TLS private key " +
                                               options.tls.key_file + ": " + ec.message());
  }
  auto endpoint = Resolve(options.tls.listen);
  if (!endpoint.ok()) return endpoint.error();
  tls_listener = std::make_shared<Listener>(*ioc, context, &*ssl_context);
  if (Status status = tls_listener->Open(*endpoint); !status.ok()) {
    tls_listener.reset();
    return status;
  }
  return Status::Ok();
}

void HttpServer::Impl::RunIoThread() {
  for (;;) {
    try {
      ioc->run();
      return;
    } catch (const std::exception& e) {
      // A handler threw (it should not): keep serving the other connections.
      logger->error("I/O thread caught an exception: {}", e.what());
    }
  }
}

void HttpServer::Impl::Stop() {
  std::lock_guard lock(mu);
  if (!started || stopped) return;
  stopped = true;
  context->MarkStopping();
  listener->Close();
  if (tls_listener) tls_listener->Close();
  // Requests already read are answered; their sessions end keep-alive after writing.
  const auto deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  if (!context->WaitIdle(deadline)) {
    logger->warn("shutdown grace of {} ms expired with requests still in flight",
                 options.shutdown_grace.count());
  }
  work.reset();
  ioc->stop();
  for (auto& thread : io_threads) thread.join();
  io_threads.clear();
  // Tasks still queued run now; their responses go nowhere, but their effects complete.
  context->pool().Shutdown();
  listener.reset();
  tls_listener.reset();
  ioc.reset();  // destroys pending handlers and with them every session and socket
}

HttpServer::HttpServer(HttpServerOptions options, api::RequestHandler& handler, IdGenerator& ids,
                       std::shared_ptr<spdlog::logger> logger)
    : impl_(std::make_unique<Impl>(std::move(options), handler, ids, std::move(logger))) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() { return impl_->Start(); }

std::string HttpServer::LocalEndpoint() const {
  std::lock_guard lock(impl_->endpoint_mu);
  return impl_->local_endpoint;
}

std::string HttpServer::TlsLocalEndpoint() const {
  std::lock_guard lock(impl_->endpoint_mu);
  return impl_->tls_local_endpoint;
}

std::size_t HttpServer::WorkerQueueDepth() const {
  // `context` is set before the endpoint is published and never reset afterwards.
  std::lock_guard lock(impl_->endpoint_mu);
  if (impl_->local_endpoint.empty()) return 0;
  return impl_->context->pool().QueueDepth();
}

void HttpServer::Stop() { impl_->Stop(); }

}  // namespace disd::net
