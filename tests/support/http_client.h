// A blocking HTTP/1.1 client for the integration tests: one keep-alive TCP connection to
// the server under test, reopened transparently when the server has closed it. Besides
// well-formed requests it can write arbitrary bytes (SendRaw) and read whatever comes back,
// for the hostile-input tests. Every read has a deadline, so a server that never answers
// fails the test instead of hanging it.
// Thread-safety: one instance per thread; distinct instances are independent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace disd::test {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  // 0 when no response arrived; `body` then says why.
  int status = 0;
  HttpHeaders headers;
  std::string body;

  // Case-insensitive lookup of the first header named `name`; empty if absent.
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request and reads its response. Adds Host, Content-Length (when there is a
  // body or the method is POST/PUT) and, with a body, `Content-Type: application/json;
  // charset=utf-8` unless `headers` names one. If a reused connection turns out to be
  // closed by the server, reconnects once and resends. A header given with an empty value
  // is not sent (that suppresses the default of the same name).
  HttpResponse Request(std::string_view method, std::string_view target, std::string_view body = {},
                       const HttpHeaders& headers = {});

  // Raw access. SendRaw connects if needed and writes `bytes` as they are; false if the
  // connection failed or the peer reset it while writing.
  bool SendRaw(std::string_view bytes);
  // Reads one response from the current connection; nullopt if the connection closed (or
  // the deadline passed) before a complete response arrived.
  std::optional<HttpResponse> ReadResponse();
  // Reads and discards until the server closes the connection. True if it closed (EOF or
  // reset) before the deadline.
  bool WaitForClose();
  // Closes the current connection (the next request opens a new one).
  void Close();

  // Number of TCP connections opened so far (keep-alive tests).
  int connect_count() const { return connect_count_; }
  // Per-read deadline in milliseconds (default 30 s).
  void set_timeout_ms(int ms) { timeout_ms_ = ms; }

 private:
  bool Connect();
  bool ConnectionLooksClosed();
  bool WriteAll(std::string_view bytes);
  // Appends what arrives to `pending_`; 0 on EOF, -1 on error or deadline.
  long ReadSome();

  std::string host_;
  std::uint16_t port_;
  int fd_ = -1;
  int connect_count_ = 0;
  int timeout_ms_ = 30000;
  std::string pending_;  // bytes received but not yet consumed by a response
  std::string last_error_;
  bool last_read_got_bytes_ = false;  // whether the last ReadResponse saw any byte
};

// Percent-encodes everything outside the RFC 3986 unreserved set.
std::string UrlEncode(std::string_view text);

}  // namespace disd::test
