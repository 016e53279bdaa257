// Conversion between Beast messages and disd's plain HttpRequest/HttpResponse values, and
// the headers net/ adds to every response. Kept apart from the session so it can be tested
// without sockets.
// Thread-safety: pure functions over values.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

#include "disd/common/http_message.h"

namespace disd::net {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Moves method, target, headers (names as received, in order) and body out of `request`.
HttpRequest ToHttpRequest(BeastRequest&& request, std::string request_id,
                          std::string remote_address);

// What the session knows about the exchange a response belongs to.
struct ResponseFrame {
  unsigned version = 11;      // HTTP version of the request (10 or 11)
  bool keep_alive = true;     // false: "Connection: close" and the session closes after writing
  std::string request_id;     // echoed as X-Request-Id
  bool head_request = false;  // a HEAD request: Content-Length as for GET, but no body
};

// Builds the wire response: status (with a reason phrase also for non-standard codes such
// as DIS's 441), the handler's extra headers, Content-Type when set, Server: disd/<version>,
// X-Request-Id, Connection and Content-Length. Responses that HTTP forbids a body (1xx,
// 204, 304) are sent without body and without Content-Length; answers to HEAD carry the
// Content-Length of the body they omit. Framing headers the handler
// may have set (Content-Length, Transfer-Encoding, Connection) are ignored; nothing is
// ever compressed.
BeastResponse ToBeastResponse(HttpResponse&& response, const ResponseFrame& frame);

// The request-target without its query string ("/v2/p/streams?limit=1" -> "/v2/p/streams").
std::string_view TargetPath(std::string_view target);

// "disd/<version>".
std::string_view ServerHeaderValue();

}  // namespace disd::net
