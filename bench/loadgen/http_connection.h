// One keep-alive HTTP/1.1 connection of the load generator, to a loopback address only.
// Requests and responses are plain values; Beast does the framing over a blocking socket
// whose reads and writes time out, so a stalled server ends a run instead of hanging it.
// After a transport error the connection is closed and the next call reconnects.
// Thread-safety: one connection per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace disd::bench {

struct Request {
  std::string method = "GET";
  std::string target;
  std::string content_type;  // empty: no Content-Type header
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Response {
  int status = 0;
  std::string body;  // has spare capacity for a padded (simdjson) parse
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(std::string_view host);

class HttpConnection {
 public:
  // REQUIRES: IsLoopback(host).
  HttpConnection(std::string host, std::uint16_t port, int timeout_ms = 30000);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // Sends `request` and reads the whole response. False on a transport error (refused,
  // reset, timed out); error() then says why.
  bool RoundTrip(const Request& request, Response& response);
  const std::string& error() const { return error_; }
  int connects() const { return connects_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string error_;
  int connects_ = 0;
};

}  // namespace disd::bench
