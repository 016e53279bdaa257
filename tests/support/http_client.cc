#include "support/http_client.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>

namespace disd::test {
namespace http = boost::beast::http;

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool HasHeaderIn(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return true;
  }
  return false;
}

HttpResponse TransportFailure(std::string why) {
  HttpResponse r;
  r.status = 0;
  r.body = "transport failure: " + std::move(why);
  return r;
}

}  // namespace

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

bool HttpResponse::HasHeader(std::string_view name) const { return HasHeaderIn(headers, name); }

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

HttpClient::HttpClient(std::string host, std::uint16_t port)
    : host_(std::move(host)), port_(port) {}

HttpClient::~HttpClient() { Close(); }

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  pending_.clear();
}

bool HttpClient::Connect() {
  Close();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  std::string port = std::to_string(port_);
  if (int rc = ::getaddrinfo(host_.c_str(), port.c_str(), &hints, &result); rc != 0) {
    last_error_ = std::string("getaddrinfo: ") + ::gai_strerror(rc);
    return false;
  }
  for (addrinfo* ai = result; ai != nullptr; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      fd_ = fd;
      break;
    }
    last_error_ = std::string("connect: ") + std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(result);
  if (fd_ < 0) return false;
  ++connect_count_;
  return true;
}

bool HttpClient::ConnectionLooksClosed() {
  pollfd p{fd_, POLLIN | POLLRDHUP, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  if (p.revents & (POLLERR | POLLHUP | POLLRDHUP | POLLNVAL)) return true;
  // EOF, a reset, or stray bytes nobody asked for: start over on a fresh connection.
  return true;
}

bool HttpClient::WriteAll(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      last_error_ = std::string("send: ") + std::strerror(errno);
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

long HttpClient::ReadSome() {
  if (fd_ < 0) {
    last_error_ = "not connected";
    return -1;
  }
  pollfd p{fd_, POLLIN, 0};
  int rc;
  do {
    rc = ::poll(&p, 1, timeout_ms_);
  } while (rc < 0 && errno == EINTR);
  if (rc == 0) {
    last_error_ = "no data from the server within " + std::to_string(timeout_ms_) + " ms";
    return -1;
  }
  char buf[64 * 1024];
  ssize_t n;
  do {
    n = ::recv(fd_, buf, sizeof buf, 0);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    last_error_ = std::string("recv: ") + std::strerror(errno);
    return -1;
  }
  pending_.append(buf, static_cast<std::size_t>(n));
  return n;
}

std::optional<HttpResponse> HttpClient::ReadResponse() {
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  parser.header_limit(1u << 20);
  parser.eager(true);
  last_read_got_bytes_ = !pending_.empty();
  while (!parser.is_done()) {
    if (!pending_.empty()) {
      boost::system::error_code ec;
      std::size_t used = parser.put(boost::asio::buffer(pending_.data(), pending_.size()), ec);
      pending_.erase(0, used);
      if (ec && ec != http::error::need_more) {
        last_error_ = "malformed response: " + ec.message();
        return std::nullopt;
      }
      if (parser.is_done()) break;
      if (used > 0 && !ec) continue;
    }
    long n = ReadSome();
    if (n > 0) last_read_got_bytes_ = true;
    if (n < 0) return std::nullopt;
    if (n == 0) {
      boost::system::error_code ec;
      if (parser.got_some()) parser.put_eof(ec);
      if (!parser.got_some() || ec || !parser.is_done()) {
        last_error_ = "connection closed before a complete response";
        Close();
        return std::nullopt;
      }
    }
  }
  auto message = parser.release();
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message.base()) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(message.body());
  if (!message.keep_alive()) Close();
  return response;
}

bool HttpClient::SendRaw(std::string_view bytes) {
  if (fd_ < 0 && !Connect()) return false;
  return WriteAll(bytes);
}

bool HttpClient::WaitForClose() {
  if (fd_ < 0) return true;
  while (true) {
    pending_.clear();
    long n = ReadSome();
    if (n == 0) break;
    if (n < 0) {
      bool reset = last_error_.rfind("recv:", 0) == 0;
      if (!reset) return false;  // deadline
      break;
    }
  }
  Close();
  return true;
}

HttpResponse HttpClient::Request(std::string_view method, std::string_view target,
                                 std::string_view body, const HttpHeaders& headers) {
  std::string wire;
  wire.reserve(256 + body.size());
  wire.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  if (!HasHeaderIn(headers, "Host")) wire.append("Host: ").append(host_).append("\r\n");
  bool has_body = !body.empty() || method == "POST" || method == "PUT";
  if (has_body && !HasHeaderIn(headers, "Content-Length") &&
      !HasHeaderIn(headers, "Transfer-Encoding")) {
    wire.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  if (!body.empty() && !HasHeaderIn(headers, "Content-Type")) {
    wire.append("Content-Type: application/json; charset=utf-8\r\n");
  }
  for (const auto& [k, v] : headers) {
    if (!v.empty()) wire.append(k).append(": ").append(v).append("\r\n");
  }
  wire.append("\r\n").append(body);

  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = fd_ >= 0;
    if (reused && ConnectionLooksClosed()) {
      Close();
      reused = false;
    }
    if (fd_ < 0 && !Connect()) return TransportFailure(last_error_);
    if (!WriteAll(wire)) {
      Close();
      if (reused) continue;
      return TransportFailure(last_error_);
    }
    auto response = ReadResponse();
    if (response) return *std::move(response);
    bool nothing_arrived = !last_read_got_bytes_;
    Close();
    if (reused && nothing_arrived && last_error_.find("within") == std::string::npos) continue;
    return TransportFailure(last_error_);
  }
  return TransportFailure(last_error_);
}

}  // namespace disd::test
