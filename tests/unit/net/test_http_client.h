// A minimal blocking HTTP/1.1 client over one TCP connection, for net/ unit tests. Every
// read has a deadline so that a broken server fails the test instead of hanging it.
// Thread-safety: none; one client per thread.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "disd/net/listen_address.h"

namespace disd::net::testing {

class TestHttpClient {
 public:
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  explicit TestHttpClient(const std::string& endpoint) : socket_(ioc_) {
    auto address = ParseListenAddress(endpoint);
    boost::asio::ip::tcp::endpoint target(boost::asio::ip::make_address(address->host),
                                          address->port);
    socket_.connect(target);
  }

  // Sends a request built from the arguments (Host and Content-Length are added).
  void Send(boost::beast::http::verb verb, const std::string& target, const std::string& body = "",
            bool keep_alive = true) {
    boost::beast::http::request<boost::beast::http::string_body> request{verb, target, 11};
    request.set(boost::beast::http::field::host, "test");
    request.body() = body;
    request.keep_alive(keep_alive);
    request.prepare_payload();
    boost::beast::http::write(socket_, request);
  }

  void SendRaw(const std::string& bytes) {
    boost::asio::write(socket_, boost::asio::buffer(bytes));
  }

  // Reads one response; std::nullopt when the connection ended (EOF, reset) or the
  // deadline passed.
  std::optional<Response> Read() {
    Response response;
    const auto ec = WithDeadline(
        [&](auto done) { boost::beast::http::async_read(socket_, buffer_, response, done); });
    if (ec) return std::nullopt;
    return response;
  }

  // Reads the response to a HEAD request (headers only, whatever Content-Length says).
  std::optional<Response> ReadHeadResponse() {
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.skip(true);
    const auto ec = WithDeadline(
        [&](auto done) { boost::beast::http::async_read(socket_, buffer_, parser, done); });
    if (ec) return std::nullopt;
    return parser.release();
  }

  // Reads raw bytes up to and including "\r\n\r\n" (an interim response head), one byte
  // at a time so that nothing after it is consumed. REQUIRES: nothing buffered by Read.
  std::string ReadHead() {
    std::string head;
    char byte;
    while (!head.ends_with("\r\n\r\n")) {
      const auto ec = WithDeadline(
          [&](auto done) { socket_.async_read_some(boost::asio::buffer(&byte, 1), done); });
      if (ec) return {};
      head.push_back(byte);
    }
    return head;
  }

  // True when the server closes the connection (EOF or reset) before the deadline.
  bool WaitClosed() {
    char byte;
    for (;;) {
      const auto ec = WithDeadline(
          [&](auto done) { socket_.async_read_some(boost::asio::buffer(&byte, 1), done); });
      if (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset) return true;
      if (ec) return false;  // deadline
    }
  }

  void Close() {
    boost::beast::error_code ec;
    socket_.close(ec);
  }

 private:
  // Runs the asynchronous operation `start` begins; gives up (closing the socket) after
  // 10 seconds.
  template <class Start>
  boost::beast::error_code WithDeadline(Start start) {
    bool finished = false;
    boost::beast::error_code result;
    start([&](boost::beast::error_code ec, std::size_t) {
      finished = true;
      result = ec;
    });
    ioc_.restart();
    ioc_.run_for(std::chrono::seconds(10));
    if (!finished) {
      Close();
      ioc_.restart();
      ioc_.run();
      return boost::asio::error::timed_out;
    }
    return result;
  }

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace disd::net::testing
