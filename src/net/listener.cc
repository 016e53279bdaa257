#include "net/listener.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "net/plain_http_session.h"
#include "net/tls_http_session.h"

namespace disd::net {
namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
constexpr auto kAcceptBackoff = std::chrono::milliseconds(50);
}  // namespace

Listener::Listener(asio::io_context& ioc, std::shared_ptr<ServerContext> context,
                   asio::ssl::context* ssl_context)
    : ioc_(ioc),
      context_(std::move(context)),
      ssl_context_(ssl_context),
      acceptor_(asio::make_strand(ioc)),
      backoff_(acceptor_.get_executor()) {}

Status Listener::Open(const tcp::endpoint& endpoint) {
  boost::system::error_code ec;
  const auto fail = [&](const char* step) {
    return MakeError(ErrorCode::kInternal,
                     std::string(step) + " " + endpoint.address().to_string() + ":" +
                         std::to_string(endpoint.port()) + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return fail("open");
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) return fail("setsockopt");
  acceptor_.bind(endpoint, ec);
  if (ec) return fail("bind");
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  return Status::Ok();
}

tcp::endpoint Listener::LocalEndpoint() const {
  boost::system::error_code ec;
  return acceptor_.local_endpoint(ec);
}

void Listener::Run() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] { self->DoAccept(); });
}

void Listener::Close() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::system::error_code ec;
    self->backoff_.cancel();
    self->acceptor_.close(ec);
  });
}

void Listener::DoAccept() {
  if (!acceptor_.is_open()) return;
  // Each connection gets its own strand: no mutex inside a session.
  acceptor_.async_accept(
      asio::make_strand(ioc_),
      [self = shared_from_this()](boost::beast::error_code ec, tcp::socket socket) {
        self->OnAccept(ec, std::move(socket));
      });
}

void Listener::OnAccept(boost::beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;  // closed
  if (ec) {
    context_->logger().warn("accept failed: {}; retrying", ec.message());
    backoff_.expires_after(kAcceptBackoff);
    backoff_.async_wait([self = shared_from_this()](boost::beast::error_code wait_ec) {
      if (!wait_ec) self->DoAccept();
    });
    return;
  }
  if (context_->stopping()) return;  // the socket closes here
  if (!context_->TryAcquireConnection()) {
    context_->logger().warn("rejecting connection from {}: max_connections ({}) reached",
                            RemoteAddressOf(socket), context_->options().max_connections);
    boost::system::error_code close_ec;
    socket.close(close_ec);
  } else if (ssl_context_ != nullptr) {
    std::make_shared<TlsHttpSession>(std::move(socket), *ssl_context_, context_)->Run();
  } else {
    std::make_shared<PlainHttpSession>(std::move(socket), context_)->Run();
  }
  DoAccept();
}

}  // namespace disd::net
