#include "net/tls_http_session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>

#include "net/plain_http_session.h"

namespace disd::net {

TlsHttpSession::TlsHttpSession(boost::asio::ip::tcp::socket&& socket,
                               boost::asio::ssl::context& ssl_context,
                               std::shared_ptr<ServerContext> context)
    : HttpSession(std::move(context), RemoteAddressOf(socket)),
      stream_(std::move(socket), ssl_context) {}

void TlsHttpSession::Run() {
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    boost::beast::get_lowest_layer(self->stream_)
        .expires_after(self->context().options().read_timeout);
    self->stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                  [self](boost::beast::error_code ec) { self->OnHandshake(ec); });
  });
}

void TlsHttpSession::OnHandshake(boost::beast::error_code ec) {
  if (ec) {
    context().logger().debug("TLS handshake failed: {}", ec.message());
    return;  // the session ends and the socket closes
  }
  DoRead();
}

void TlsHttpSession::DoEof() {
  boost::beast::get_lowest_layer(stream_).expires_after(context().options().write_timeout);
  stream_.async_shutdown([self = shared_from_this()](boost::beast::error_code) {
    // Done either way: the socket closes when the session is destroyed.
  });
}

}  // namespace disd::net
