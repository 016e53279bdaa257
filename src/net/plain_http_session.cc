#include "net/plain_http_session.h"

#include <boost/asio/dispatch.hpp>

#include "disd/net/listen_address.h"

namespace disd::net {

std::string RemoteAddressOf(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "-";
  return FormatListenAddress({endpoint.address().to_string(), endpoint.port()});
}

PlainHttpSession::PlainHttpSession(boost::asio::ip::tcp::socket&& socket,
                                   std::shared_ptr<ServerContext> context)
    : HttpSession(std::move(context), RemoteAddressOf(socket)), stream_(std::move(socket)) {}

void PlainHttpSession::Run() {
  // The socket's executor is the connection's strand: start there.
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->DoRead(); });
}

void PlainHttpSession::DoEof() {
  boost::beast::error_code ec;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
  if (ec) return;  // already gone: nothing to linger for
  Linger();
}

}  // namespace disd::net
