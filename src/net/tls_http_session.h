// HttpSession over TLS (beast::ssl_stream over a tcp_stream): the TLS handshake, under the
// read timeout, before the first request is read; a TLS close_notify before the
// connection ends. Everything between is HttpSession's, shared with the plain transport.
// Thread-safety: see HttpSession; all members run on the connection's strand.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <memory>

#include "net/http_session.h"

namespace disd::net {

class TlsHttpSession : public HttpSession<TlsHttpSession>,
                       public std::enable_shared_from_this<TlsHttpSession> {
 public:
  // `socket` was accepted on its own strand; `context` has counted the connection;
  // `ssl_context` (certificate and key loaded) outlives the session.
  TlsHttpSession(boost::asio::ip::tcp::socket&& socket, boost::asio::ssl::context& ssl_context,
                 std::shared_ptr<ServerContext> context);

  // Starts the handshake on the connection's strand, then serves.
  void Run();

  boost::beast::ssl_stream<boost::beast::tcp_stream>& stream() { return stream_; }
  // Sends close_notify (bounded by the write timeout); the socket closes with the session.
  void DoEof();

 private:
  void OnHandshake(boost::beast::error_code ec);

  boost::beast::ssl_stream<boost::beast::tcp_stream> stream_;
};

}  // namespace disd::net
