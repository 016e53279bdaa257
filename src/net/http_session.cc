#include "net/http_session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <utility>

#include "disd/api/error_response.h"
#include "net/plain_http_session.h"
#include "net/tls_http_session.h"

namespace disd::net {
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(1);

// A syntax error in what the peer sent (bad request line, bad header, bad chunk, ...), as
// opposed to the peer going away or timing out, where nothing useful can be sent.
bool IsHttpSyntaxError(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message &&
         ec != http::error::need_more;
}

}  // namespace

template <class Derived>
HttpSession<Derived>::HttpSession(std::shared_ptr<ServerContext> context,
                                  std::string remote_address)
    : context_(std::move(context)), remote_address_(std::move(remote_address)) {}

template <class Derived>
HttpSession<Derived>::~HttpSession() {
  context_->ReleaseConnection();
}

template <class Derived>
void HttpSession<Derived>::DoRead() {
  parser_.emplace();
  parser_->body_limit(context_->options().max_body_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(context_->options().max_header_bytes));
  if (buffer_.size() > 0) return StartRead();  // a pipelined request is already here
  // Idle: wait for the first byte of the next request under the idle timeout.
  beast::get_lowest_layer(derived().stream()).expires_after(context_->options().idle_timeout);
  derived().stream().async_read_some(
      buffer_.prepare(kReadChunk),
      [self = derived().shared_from_this()](beast::error_code ec, std::size_t bytes) {
        self->OnIdleWait(ec, bytes);
      });
}

template <class Derived>
void HttpSession<Derived>::OnIdleWait(beast::error_code ec, std::size_t bytes) {
  buffer_.commit(bytes);
  if (ec == boost::asio::error::eof) return derived().DoEof();
  if (ec) return;  // idle timeout, reset or shutdown: the session ends, the socket closes
  StartRead();
}

template <class Derived>
void HttpSession<Derived>::StartRead() {
  start_ = Clock::now();
  beast::get_lowest_layer(derived().stream()).expires_after(context_->options().read_timeout);
  http::async_read_header(
      derived().stream(), buffer_, *parser_,
      [self = derived().shared_from_this()](beast::error_code ec, std::size_t bytes) {
        self->OnReadHeader(ec, bytes);
      });
}

template <class Derived>
void HttpSession<Derived>::OnReadHeader(beast::error_code ec, std::size_t bytes) {
  if (ec) return OnReadError(ec);
  const auto& head = parser_->get();
  const auto expect = head[http::field::expect];
  if (!parser_->is_done() && beast::iequals(expect, "100-continue")) {
    // The client waits for permission before sending the body (curl, Apache HttpClient).
    continue_ = {};
    continue_.version(head.version());
    continue_.result(http::status::continue_);
    beast::get_lowest_layer(derived().stream()).expires_after(context_->options().write_timeout);
    return http::async_write(
        derived().stream(), continue_,
        [self = derived().shared_from_this()](beast::error_code ec, std::size_t bytes) {
          self->OnContinueWritten(ec, bytes);
        });
  }
  ReadBody();
}

template <class Derived>
void HttpSession<Derived>::OnContinueWritten(beast::error_code ec, std::size_t bytes) {
  if (ec) return;
  beast::get_lowest_layer(derived().stream()).expires_after(context_->options().read_timeout);
  ReadBody();
}

template <class Derived>
void HttpSession<Derived>::ReadBody() {
  if (parser_->is_done()) return OnRead({}, 0);
  http::async_read(derived().stream(), buffer_, *parser_,
                   [self = derived().shared_from_this()](beast::error_code ec, std::size_t bytes) {
                     self->OnRead(ec, bytes);
                   });
}

template <class Derived>
void HttpSession<Derived>::OnRead(beast::error_code ec, std::size_t bytes) {
  if (ec) return OnReadError(ec);
  Dispatch();
}

template <class Derived>
void HttpSession<Derived>::OnReadError(beast::error_code ec) {
  const auto& options = context_->options();
  Error error;
  if (ec == http::error::body_limit) {
    error = MakeError(ErrorCode::kPayloadTooLarge, "The request body exceeds the limit of " +
                                                       std::to_string(options.max_body_bytes) +
                                                       " bytes.");
  } else if (ec == http::error::header_limit) {
    error = MakeError(ErrorCode::kInvalidRequest, "The request header exceeds the limit of " +
                                                      std::to_string(options.max_header_bytes) +
                                                      " bytes.");
  } else if (IsHttpSyntaxError(ec)) {
    error = MakeError(ErrorCode::kInvalidRequest, "Malformed HTTP request: " + ec.message() + ".");
  } else {
    context_->logger().debug("connection {} closed while reading: {}", remote_address_,
                             ec.message());
    if (ec == http::error::end_of_stream || ec == boost::asio::error::eof) derived().DoEof();
    return;  // anything else: the session ends and the socket closes
  }
  // Answer in the DIS error shape, then close: the rest of the stream cannot be trusted.
  const auto& head = parser_->get();
  if (!head.target().empty()) {  // the request line was understood
    method_ = std::string(head.method_string());
    target_ = std::string(head.target());
    version_ = head.version();
  } else {
    method_ = "-";
    target_ = "-";
    version_ = 11;
  }
  keep_alive_ = false;
  request_id_ = context_->ids().Hex32();
  parser_.reset();
  context_->BeginRequest();
  SendResponse(api::ErrorResponse(error), /*close_after=*/true);
}

template <class Derived>
void HttpSession<Derived>::Dispatch() {
  const auto& head = parser_->get();
  method_ = std::string(head.method_string());
  target_ = std::string(head.target());
  version_ = head.version();
  keep_alive_ = head.keep_alive();
  request_id_ = context_->ids().Hex32();
  HttpRequest request = ToHttpRequest(parser_->release(), request_id_, remote_address_);
  parser_.reset();
  context_->BeginRequest();
  // The handler may take long (a synced append): no timeout while it runs.
  beast::get_lowest_layer(derived().stream()).expires_never();

  auto self = derived().shared_from_this();
  auto strand = derived().stream().get_executor();
  const bool queued =
      context_->pool().TrySubmit([self, strand, request = std::move(request)]() mutable {
        HttpResponse response = self->context().Invoke(request);
        boost::asio::post(strand, [self, response = std::move(response)]() mutable {
          self->SendResponse(std::move(response), /*close_after=*/false);
        });
      });
  if (!queued) {
    context_->logger().warn("worker queue full ({} waiting): answering 429 to {}",
                            context_->options().worker_queue_limit, request_id_);
    SendResponse(api::ErrorResponse(MakeError(ErrorCode::kTooManyRequests)), false);
  }
}

template <class Derived>
void HttpSession<Derived>::SendResponse(HttpResponse response, bool close_after) {
  const bool keep_alive = keep_alive_ && !close_after && !context_->stopping();
  response_.emplace(ToBeastResponse(std::move(response), {version_, keep_alive, request_id_,
                                                          /*head_request=*/method_ == "HEAD"}));
  beast::get_lowest_layer(derived().stream()).expires_after(context_->options().write_timeout);
  http::async_write(
      derived().stream(), *response_,
      [self = derived().shared_from_this(), keep_alive](beast::error_code ec, std::size_t bytes) {
        self->OnWrite(keep_alive, ec, bytes);
      });
}

template <class Derived>
void HttpSession<Derived>::OnWrite(bool keep_alive, beast::error_code ec, std::size_t bytes) {
  context_->LogAccess({.method = method_,
                       .target = target_,
                       .status = static_cast<int>(response_->result_int()),
                       .duration = Clock::now() - start_,
                       .response_bytes = response_->body().size(),
                       .request_id = request_id_,
                       .remote_address = remote_address_});
  response_.reset();
  context_->EndRequest();
  if (ec) {
    context_->logger().debug("writing to {} failed: {}", remote_address_, ec.message());
    return;
  }
  if (!keep_alive) return derived().DoEof();
  DoRead();
}

template <class Derived>
void HttpSession<Derived>::Linger() {
  beast::get_lowest_layer(derived().stream()).expires_after(kLingerTime);
  buffer_.clear();
  derived().stream().async_read_some(
      buffer_.prepare(kReadChunk),
      [self = derived().shared_from_this()](beast::error_code ec, std::size_t bytes) {
        self->OnLinger(ec, bytes);
      });
}

template <class Derived>
void HttpSession<Derived>::OnLinger(beast::error_code ec, std::size_t bytes) {
  if (ec) return;  // EOF, timeout or reset: done, the socket closes with the session
  buffer_.clear();
  derived().stream().async_read_some(
      buffer_.prepare(kReadChunk),
      [self = derived().shared_from_this()](beast::error_code ec, std::size_t bytes) {
        self->OnLinger(ec, bytes);
      });
}

// One line per transport.
template class HttpSession<PlainHttpSession>;
template class HttpSession<TlsHttpSession>;

}  // namespace disd::net
