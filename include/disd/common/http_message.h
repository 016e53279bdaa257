// The HTTP request and response as auth/ and api/ see them: plain values, independent of
// Beast, so only net/ includes networking headers and tests can build requests by hand.
// Thread-safety: values.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace disd {

struct HttpRequest {
  std::string method;        // "GET", "POST", ... as received
  std::string target;        // raw request-target, e.g. "/v2/p/streams/?limit=10&"
  std::vector<std::pair<std::string, std::string>> headers;  // names as received
  std::string body;          // raw bytes (after transport framing; not decompressed)
  std::string request_id;    // assigned by net/ before dispatch; echoed as X-Request-Id
  std::string remote_address;  // "ip:port" of the peer

  // Case-insensitive lookup of the first header named `name`; empty if absent.
  std::string_view Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;  // empty for bodiless responses
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};


}  // namespace disd
