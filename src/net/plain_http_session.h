// HttpSession over plain TCP (beast::tcp_stream). A TLS session is the same shape over an
// ssl_stream: handshake before DoRead, TLS shutdown in DoEof.
// Thread-safety: see HttpSession; all members run on the connection's strand.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <memory>

#include "net/http_session.h"

namespace disd::net {

class PlainHttpSession : public HttpSession<PlainHttpSession>,
                         public std::enable_shared_from_this<PlainHttpSession> {
 public:
  // `socket` was accepted on its own strand; `context` has counted the connection.
  PlainHttpSession(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerContext> context);

  // Starts serving on the connection's strand.
  void Run();

  boost::beast::tcp_stream& stream() { return stream_; }
  // Shuts down the send side (the peer reads EOF after the last response), then lingers.
  void DoEof();

 private:
  boost::beast::tcp_stream stream_;
};

// "ip:port" of the peer ("[v6]:port" for IPv6), or "-" when the socket has no peer.
std::string RemoteAddressOf(const boost::asio::ip::tcp::socket& socket);

}  // namespace disd::net
