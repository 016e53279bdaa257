// The only translation unit of the dump module that includes Beast and Asio.
#include "dump/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>
#include <chrono>
#include <optional>

namespace disd::dump {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::uint64_t kMaxAnswerBytes = 256ull << 20;

// Starts one asynchronous operation and runs the context until it completes (the stream's
// expiry turns a stuck operation into beast::error::timeout).
template <typename Start>
beast::error_code RunOne(asio::io_context& ioc, Start&& start) {
  beast::error_code result = asio::error::would_block;
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

Error TransportError(const HttpEndpoint& endpoint, std::string_view step,
                     const beast::error_code& ec) {
  std::string what = ec == beast::error::timeout ? std::string("timed out") : ec.message();
  return MakeError(ErrorCode::kObsAccessError, "cannot reach " + endpoint.host + ":" +
                                                   std::to_string(endpoint.port) + " (" +
                                                   std::string(step) + ": " + what + ")");
}

http::request<http::string_body> BuildRequest(const HttpCall& call) {
  http::request<http::string_body> req;
  req.method_string(call.method);
  req.target(call.target);
  req.version(11);
  req.set(http::field::host, call.host);
  for (const auto& [name, value] : call.headers) req.set(name, value);
  req.body() = call.body;
  if (!call.body.empty() || call.method == "PUT" || call.method == "POST") {
    req.prepare_payload();
  }
  req.keep_alive(false);
  return req;
}

// Connect (and handshake) done by the caller; writes the request and reads the answer.
template <typename Stream>
Result<HttpReply> Exchange(asio::io_context& ioc, Stream& stream, beast::tcp_stream& lowest,
                           std::chrono::steady_clock::time_point deadline,
                           const HttpEndpoint& endpoint, const HttpCall& call) {
  auto req = BuildRequest(call);
  lowest.expires_at(deadline);
  beast::error_code ec =
      RunOne(ioc, [&](auto handler) { http::async_write(stream, req, std::move(handler)); });
  if (ec) return TransportError(endpoint, "write", ec);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxAnswerBytes);
  if (call.method == "HEAD") parser.skip(true);
  lowest.expires_at(deadline);
  ec = RunOne(ioc,
              [&](auto handler) { http::async_read(stream, buffer, parser, std::move(handler)); });
  if (ec) return TransportError(endpoint, "read", ec);

  HttpReply reply;
  auto& res = parser.get();
  reply.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  reply.body = std::move(res.body());
  return reply;
}

}  // namespace

Result<HttpEndpoint> ParseHttpEndpoint(std::string_view url) {
  HttpEndpoint endpoint;
  std::string_view rest;
  if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    rest = url.substr(8);
    endpoint.tls = true;
    endpoint.port = 443;
  } else {
    return MakeError(ErrorCode::kInvalidRequest, "endpoint must start with http:// or https://");
  }
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.empty() || rest.find('/') != std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidRequest, "endpoint must be scheme://host[:port]");
  }
  const std::size_t colon = rest.rfind(':');
  const bool bracketed = rest.front() == '[';
  if (colon != std::string_view::npos && (!bracketed || rest[colon - 1] == ']')) {
    std::string_view port = rest.substr(colon + 1);
    unsigned value = 0;
    auto [end, err] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (err != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return MakeError(ErrorCode::kInvalidRequest, "endpoint has an invalid port");
    }
    endpoint.port = static_cast<std::uint16_t>(value);
    rest = rest.substr(0, colon);
  }
  if (bracketed) {
    if (rest.size() < 3 || rest.back() != ']') {
      return MakeError(ErrorCode::kInvalidRequest, "endpoint has an invalid host");
    }
    rest = rest.substr(1, rest.size() - 2);
  }
  if (rest.empty()) return MakeError(ErrorCode::kInvalidRequest, "endpoint has no host");
  endpoint.host = std::string(rest);
  return endpoint;
}

Result<HttpReply> SendHttp(const HttpEndpoint& endpoint, const HttpCall& call) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(call.timeout_ms);
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  tcp::resolver::results_type addresses;
  beast::error_code ec = RunOne(ioc, [&](auto handler) {
    resolver.async_resolve(
        endpoint.host, std::to_string(endpoint.port),
        [&addresses, handler](beast::error_code e, tcp::resolver::results_type r) mutable {
          addresses = std::move(r);
          handler(e);
        });
  });
  if (ec) return TransportError(endpoint, "resolve", ec);

  if (!endpoint.tls) {
    beast::tcp_stream stream(ioc);
    stream.expires_at(deadline);
    ec = RunOne(ioc, [&](auto handler) { stream.async_connect(addresses, std::move(handler)); });
    if (ec) return TransportError(endpoint, "connect", ec);
    auto reply = Exchange(ioc, stream, stream, deadline, endpoint, call);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return reply;
  }

  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_default_verify_paths();
  ctx.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
  if (!SSL_set_tlsext_host_name(stream.native_handle(), endpoint.host.c_str())) {
    return MakeError(ErrorCode::kObsAccessError, "cannot set the TLS server name");
  }
  stream.set_verify_callback(asio::ssl::host_name_verification(endpoint.host));
  beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
  lowest.expires_at(deadline);
  ec = RunOne(ioc, [&](auto handler) { lowest.async_connect(addresses, std::move(handler)); });
  if (ec) return TransportError(endpoint, "connect", ec);
  lowest.expires_at(deadline);
  ec = RunOne(ioc, [&](auto handler) {
    stream.async_handshake(asio::ssl::stream_base::client, std::move(handler));
  });
  if (ec) return TransportError(endpoint, "TLS handshake", ec);
  auto reply = Exchange(ioc, stream, lowest, deadline, endpoint, call);
  beast::error_code ignored;
  lowest.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return reply;
}

}  // namespace disd::dump
