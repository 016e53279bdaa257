// A small blocking HTTP/1.1 client for the sinks (S3 today; WebHDFS, HBase REST and
// OpenTSDB later): one request per connection, plain or TLS (peer and host name verified
// against the system's trust store), with one deadline for connect, write and read. The
// Beast implementation stays inside http_client.cc; this header has no Beast types.
//
// Errors are values: a transport failure (DNS, refused, TLS, deadline, malformed answer)
// is a failed Result whose detail names the endpoint and the cause; any HTTP status is a
// successful Result the caller interprets.
//
// Thread-safety: free functions; concurrent calls are independent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "disd/common/status.h"

namespace disd::dump {

using HttpFields = std::vector<std::pair<std::string, std::string>>;

struct HttpEndpoint {
  bool tls = false;
  std::string host;
  std::uint16_t port = 80;
};

// Parses "http://host[:port]" or "https://host[:port]" (an optional trailing '/' only).
Result<HttpEndpoint> ParseHttpEndpoint(std::string_view url);

struct HttpCall {
  std::string method;
  std::string target;  // origin-form, already percent-encoded ("/bucket/key?x=y")
  std::string host;    // the Host header (with ":port" when non-default)
  HttpFields headers;  // sent as given (Host and Content-Length are added)
  std::string body;
  std::int64_t timeout_ms = 30000;
};

struct HttpReply {
  int status = 0;
  HttpFields headers;
  std::string body;
};

// Connects to `endpoint` (TLS SNI = endpoint.host), sends `call`, reads the whole answer.
// Answers larger than 256 MiB are a transport error.
Result<HttpReply> SendHttp(const HttpEndpoint& endpoint, const HttpCall& call);

}  // namespace disd::dump
