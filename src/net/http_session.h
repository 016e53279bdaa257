// One HTTP/1.1 connection: reads requests within the configured limits and timeouts,
// hands each to the worker pool, writes the response back on the connection's strand and
// keeps the connection alive as HTTP says. Written once for every transport: `Derived`
// (CRTP, as in Beast's advanced_server_flex) supplies the stream and how to start and end
// it, so a TLS session is a second small Derived class (handshake in Run, TLS shutdown in
// DoEof) and an explicit instantiation in http_session.cc.
//
// Derived must provide:
//   StreamType& stream();                  // beast::tcp_stream or an ssl_stream over one
//   void DoEof();                          // end the stream after the last response
//   std::shared_ptr<Derived> shared_from_this();
//
// Thread-safety: every member runs on the connection's strand, except the worker task in
// Dispatch, which touches only the context (thread-safe) and posts back to the strand.
// The session stays alive exactly as long as a handler or worker task holds it.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "net/http_conversion.h"
#include "net/server_context.h"

namespace disd::net {

template <class Derived>
class HttpSession {
 public:
  // `context` has already counted this connection (TryAcquireConnection); the session
  // releases the slot when it is destroyed.
  HttpSession(std::shared_ptr<ServerContext> context, std::string remote_address);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

 protected:
  // Waits for and reads the next request. Derived calls it once its stream is ready.
  void DoRead();
  // After the send side is shut down: reads and discards what the peer still sends, for a
  // short bounded time, so that a client still uploading a rejected body sees the error
  // response instead of a reset. The socket closes when the session is destroyed.
  void Linger();

  ServerContext& context() { return *context_; }

 private:
  using Clock = std::chrono::steady_clock;

  Derived& derived() { return static_cast<Derived&>(*this); }
  void OnIdleWait(boost::beast::error_code ec, std::size_t bytes);
  void StartRead();
  void OnReadHeader(boost::beast::error_code ec, std::size_t bytes);
  void OnContinueWritten(boost::beast::error_code ec, std::size_t bytes);
  void ReadBody();
  void OnRead(boost::beast::error_code ec, std::size_t bytes);
  void OnReadError(boost::beast::error_code ec);
  void Dispatch();
  void SendResponse(HttpResponse response, bool close_after);
  void OnWrite(bool keep_alive, boost::beast::error_code ec, std::size_t bytes);
  void OnLinger(boost::beast::error_code ec, std::size_t bytes);

  const std::shared_ptr<ServerContext> context_;
  const std::string remote_address_;
  boost::beast::flat_buffer buffer_;
  // Fresh per message, with the body and header limits applied.
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::beast::http::response<boost::beast::http::empty_body> continue_;
  std::optional<BeastResponse> response_;  // alive until its write completes

  // The exchange in progress, for the response frame and the access log.
  Clock::time_point start_;
  std::string method_;
  std::string target_;
  std::string request_id_;
  unsigned version_ = 11;
  bool keep_alive_ = true;
};

}  // namespace disd::net
