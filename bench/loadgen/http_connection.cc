#include "loadgen/http_connection.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/span_body.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace disd::bench {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {
constexpr std::size_t kSpareCapacity = 128;  // >= simdjson's padding
constexpr std::uint64_t kMaxResponseBytes = 1ull << 30;
}  // namespace

bool IsLoopback(std::string_view host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

struct HttpConnection::Impl {
  std::string host;
  std::string port;
  int timeout_ms;
  asio::io_context io;
  tcp::socket socket{io};
  boost::beast::flat_buffer buffer;
  bool open = false;

  void Connect() {
    tcp::resolver resolver(io);
    asio::connect(socket, resolver.resolve(host == "localhost" ? "127.0.0.1" : host, port));
    socket.set_option(tcp::no_delay(true));
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    buffer.clear();
    open = true;
  }

  void Close() {
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    open = false;
  }
};

HttpConnection::HttpConnection(std::string host, std::uint16_t port, int timeout_ms)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = std::to_string(port);
  impl_->timeout_ms = timeout_ms;
}

HttpConnection::~HttpConnection() {
  if (impl_->open) impl_->Close();
}

bool HttpConnection::RoundTrip(const Request& request, Response& response) {
  if (!IsLoopback(impl_->host)) {
    error_ = "refusing a non-loopback host";
    return false;
  }
  try {
    if (!impl_->open) {
      impl_->Connect();
      ++connects_;
    }
    http::request<http::span_body<const char>> req;
    req.method_string(request.method);
    req.target(request.target);
    req.version(11);
    req.set(http::field::host, impl_->host);
    if (!request.content_type.empty()) req.set(http::field::content_type, request.content_type);
    for (const auto& [name, value] : request.headers) req.set(name, value);
    req.body() = boost::beast::span<const char>(request.body.data(), request.body.size());
    req.keep_alive(true);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
      req.content_length(request.body.size());
    }
    http::write(impl_->socket, req);

    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxResponseBytes);
    http::read(impl_->socket, impl_->buffer, parser);
    auto res = parser.release();
    response.status = static_cast<int>(res.result_int());
    response.body = std::move(res.body());
    response.body.reserve(response.body.size() + kSpareCapacity);
    if (!res.keep_alive()) impl_->Close();
    return true;
  } catch (const std::exception& e) {
    error_ = e.what();
    impl_->Close();
    response.status = 0;
    response.body.clear();
    return false;
  }
}

}  // namespace disd::bench
