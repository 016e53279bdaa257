// Accepts connections and gives each its own strand and session (plain, or TLS when the
// listener was given an SSL context). Beyond
// max_connections a connection is accepted and closed at once (with a warning), so a flood
// cannot exhaust file descriptors or memory.
// Thread-safety: Open and LocalEndpoint before Run, from one thread; after Run, the
// listener's own work runs on its strand and Close may be called from any thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <memory>

#include "disd/common/status.h"
#include "net/server_context.h"

namespace boost::asio::ssl {
class context;
}

namespace disd::net {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // With `ssl_context` (which must outlive the listener and its sessions) connections
  // speak TLS; without, plain HTTP.
  Listener(boost::asio::io_context& ioc, std::shared_ptr<ServerContext> context,
           boost::asio::ssl::context* ssl_context = nullptr);

  // Opens, binds (SO_REUSEADDR) and listens on `endpoint`. Fails kInternal naming the cause.
  Status Open(const boost::asio::ip::tcp::endpoint& endpoint);
  // The bound endpoint (with the real port). REQUIRES: Open succeeded.
  boost::asio::ip::tcp::endpoint LocalEndpoint() const;

  // Starts accepting. REQUIRES: Open succeeded.
  void Run();
  // Stops accepting (closes the acceptor on its strand). Established connections are not
  // touched.
  void Close();

 private:
  void DoAccept();
  void OnAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  const std::shared_ptr<ServerContext> context_;
  boost::asio::ssl::context* const ssl_context_;  // nullptr: plain HTTP
  boost::asio::ip::tcp::acceptor acceptor_;  // on its own strand
  boost::asio::steady_timer backoff_;        // delay after a failed accept (e.g. EMFILE)
};

}  // namespace disd::net
