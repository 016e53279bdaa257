#include "support/hbase_rest_fake.h"

#include <fcntl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cctype>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "disd/common/base64.h"

namespace disd::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Json = nlohmann::json;

struct Answer {
  int status = 200;
  std::string content_type;
  std::string body;
};

using Handler = std::function<Answer(const http::request<http::string_body>&)>;

Answer Text(int status, std::string body) { return {status, "text/plain", std::move(body)}; }
Answer NotFound(const std::string& why) { return Text(404, "Not found\r\n" + why + "\r\n"); }

bool IsJson(const std::string& media_type) { return media_type.rfind("application/json", 0) == 0; }

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string> PathSegments(std::string_view target) {
  target = target.substr(0, target.find('?'));
  std::vector<std::string> out;
  std::size_t pos = 1;
  while (pos <= target.size()) {
    const std::size_t slash = target.find('/', pos);
    const std::size_t end = slash == std::string_view::npos ? target.size() : slash;
    out.push_back(PercentDecode(target.substr(pos, end - pos)));
    pos = end + 1;
  }
  return out;
}

std::int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

class HBaseRestFake::Impl {
 public:
  struct Table {
    std::set<std::string> families;
    std::map<std::string, RowVersions> rows;
  };

  // Guards everything below except the io objects, which only Start/Stop and the server
  // thread touch.
  mutable std::mutex mu;
  std::map<std::string, Table> tables;
  std::vector<Request> requests;
  int fail_status = 0;
  std::uint16_t port = 0;

  Handler handler = [this](const http::request<http::string_body>& req) { return Handle(req); };
  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread thread;

  Answer Handle(const http::request<http::string_body>& req) {
    std::lock_guard lock(mu);
    Request logged{std::string(req.method_string()),
                   std::string(req.target()),
                   std::string(req[http::field::content_type]),
                   std::string(req[http::field::accept]),
                   req.body(),
                   0};
    Answer answer = Route(req, logged);
    logged.status = answer.status;
    requests.push_back(std::move(logged));
    return answer;
  }

  Answer Route(const http::request<http::string_body>& req, const Request& r) {
    if (fail_status != 0) return Text(fail_status, "Unavailable\r\nfault injected\r\n");
    const std::vector<std::string> path = PathSegments(r.target);
    if (path.size() < 2 || path[0].empty() || path[1].empty()) {
      return Text(400, "Bad request\r\n");
    }
    const std::string& table = path[0];
    const bool writes = req.method() == http::verb::put || req.method() == http::verb::post;
    if (writes && !IsJson(r.content_type)) {
      return Text(415, "Unsupported Media Type\r\n");
    }
    if (path[1] == "schema" && path.size() == 2) {
      if (req.method() == http::verb::get) return GetSchema(table, r);
      if (writes) return PutSchema(table, r, req.method() == http::verb::put);
      if (req.method() == http::verb::delete_) {
        if (tables.erase(table) == 0) return NotFound("TableNotFoundException: " + table);
        return Text(200, "");
      }
      return Text(405, "Method Not Allowed\r\n");
    }
    if (path.size() != 2) return Text(400, "Bad request: only whole rows are served\r\n");
    if (req.method() == http::verb::get) return GetRow(table, path[1], r);
    if (writes) return PutCells(table, r);
    return Text(405, "Method Not Allowed\r\n");
  }

  Answer GetSchema(const std::string& table, const Request& r) {
    if (r.accept.find("application/json") == std::string::npos) {
      return Text(406, "Not Acceptable\r\n");
    }
    auto it = tables.find(table);
    if (it == tables.end()) return NotFound("TableNotFoundException: " + table);
    Json families = Json::array();
    for (const auto& f : it->second.families) {
      families.push_back({{"name", f}, {"BLOCKSIZE", "65536"}, {"VERSIONS", "1"}});
    }
    return {200, "application/json",
            Json{{"name", table}, {"ColumnSchema", families}, {"IS_META", "false"}}.dump()};
  }

  Answer PutSchema(const std::string& table, const Request& r, bool replace) {
    const Json doc = Json::parse(r.body, nullptr, false);
    if (!doc.is_object() || !doc.value("ColumnSchema", Json()).is_array()) {
      return Text(400, "Bad request\r\n");
    }
    std::set<std::string> families;
    for (const Json& f : doc["ColumnSchema"]) {
      if (!f.is_object() || !f.value("name", Json()).is_string()) {
        return Text(400, "Bad request\r\n");
      }
      families.insert(f["name"].get<std::string>());
    }
    auto it = tables.find(table);
    if (it == tables.end()) {
      tables[table].families = std::move(families);
      return Text(201, "");
    }
    if (replace) it->second.families.clear();
    it->second.families.insert(families.begin(), families.end());
    return Text(200, "");
  }

  Answer PutCells(const std::string& table, const Request& r) {
    auto it = tables.find(table);
    if (it == tables.end()) return NotFound("TableNotFoundException: " + table);
    const Json doc = Json::parse(r.body, nullptr, false);
    if (!doc.is_object() || !doc.value("Row", Json()).is_array()) {
      return Text(400, "Bad request\r\n");
    }
    struct Put {
      std::string row, column;
      std::int64_t ts;
      std::string value;
    };
    std::vector<Put> puts;
    const std::int64_t now = WallClockMs();
    for (const Json& row : doc["Row"]) {
      if (!row.is_object() || !row.value("key", Json()).is_string() ||
          !row.value("Cell", Json()).is_array()) {
        return Text(400, "Bad request: Row key not specified.\r\n");
      }
      auto key = Base64Decode(row["key"].get<std::string>());
      if (!key) return Text(400, "Bad request: invalid Base64 row key\r\n");
      for (const Json& cell : row["Cell"]) {
        if (!cell.is_object() || !cell.value("column", Json()).is_string() ||
            !cell.value("$", Json()).is_string()) {
          return Text(400, "Bad request: Column found to be null.\r\n");
        }
        auto column = Base64Decode(cell["column"].get<std::string>());
        auto value = Base64Decode(cell["$"].get<std::string>());
        if (!column || !value) return Text(400, "Bad request: invalid Base64\r\n");
        const auto colon = column->find(':');
        if (colon == std::string::npos) return Text(400, "Bad request\r\n");
        if (!it->second.families.count(column->substr(0, colon))) {
          return NotFound("org.apache.hadoop.hbase.regionserver.NoSuchColumnFamilyException: " +
                          column->substr(0, colon));
        }
        std::int64_t ts = now;
        if (cell.contains("timestamp")) {
          if (!cell["timestamp"].is_number_integer()) return Text(400, "Bad request\r\n");
          ts = cell["timestamp"].get<std::int64_t>();
        }
        puts.push_back({*key, *column, ts, *value});
      }
    }
    for (auto& p : puts) it->second.rows[p.row][p.column][p.ts] = std::move(p.value);
    return Text(200, "");
  }

  Answer GetRow(const std::string& table, const std::string& row, const Request& r) {
    if (r.accept.find("application/json") == std::string::npos) {
      return Text(406, "Not Acceptable\r\n");
    }
    auto it = tables.find(table);
    if (it == tables.end()) return NotFound("TableNotFoundException: " + table);
    auto found = it->second.rows.find(row);
    if (found == it->second.rows.end()) return NotFound("");
    Json cells = Json::array();
    for (const auto& [column, versions] : found->second) {
      const auto& latest = *versions.rbegin();
      cells.push_back({{"column", Base64Encode(column)},
                       {"timestamp", latest.first},
                       {"$", Base64Encode(latest.second)}});
    }
    Json doc = {{"Row", Json::array({{{"key", Base64Encode(row)}, {"Cell", cells}}})}};
    return {200, "application/json", doc.dump()};
  }
};

namespace {

// One connection: requests in turn, keep-alive as the client asks.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Handler* handler)
      : stream_(std::move(socket)), handler_(handler) {}

  void Read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(60));
    http::async_read(stream_, buffer_, request_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->Close();
                       self->Answer();
                     });
  }

 private:
  void Answer() {
    auto answer = (*handler_)(request_);
    auto response = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(answer.status), request_.version());
    if (!answer.content_type.empty()) {
      response->set(http::field::content_type, answer.content_type);
    }
    response->body() = std::move(answer.body);
    response->keep_alive(request_.keep_alive());
    response->prepare_payload();
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](beast::error_code ec, std::size_t) {
                        if (ec || !response->keep_alive()) return self->Close();
                        self->Read();
                      });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  const Handler* handler_;
};

void Accept(tcp::acceptor& acceptor, const Handler* handler) {
  acceptor.async_accept([&acceptor, handler](beast::error_code ec, tcp::socket socket) {
    if (ec) return;  // closed by Stop
    ::fcntl(socket.native_handle(), F_SETFD, FD_CLOEXEC);
    std::make_shared<Session>(std::move(socket), handler)->Read();
    Accept(acceptor, handler);
  });
}

}  // namespace

HBaseRestFake::HBaseRestFake() : impl_(std::make_unique<Impl>()) {}
HBaseRestFake::~HBaseRestFake() { Stop(); }

bool HBaseRestFake::Start(std::string* why) {
  Stop();
  impl_->ioc = std::make_unique<asio::io_context>(1);
  beast::error_code ec;
  auto acceptor = std::make_unique<tcp::acceptor>(*impl_->ioc);
  const tcp::endpoint at(asio::ip::make_address("127.0.0.1"), port());
  acceptor->open(at.protocol(), ec);
  // Not inherited by the disd processes the tests spawn: a listener kept open by a child
  // would outlive Stop() and take connections nobody answers.
  if (!ec) ::fcntl(acceptor->native_handle(), F_SETFD, FD_CLOEXEC);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(at, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    *why = "the HBase REST fake cannot listen on 127.0.0.1:" + std::to_string(port()) + ": " +
           ec.message();
    impl_->ioc.reset();
    return false;
  }
  {
    std::lock_guard lock(impl_->mu);
    impl_->port = acceptor->local_endpoint().port();
  }
  impl_->acceptor = std::move(acceptor);
  Accept(*impl_->acceptor, &impl_->handler);
  impl_->thread = std::thread([ioc = impl_->ioc.get()] { ioc->run(); });
  return true;
}

void HBaseRestFake::Stop() {
  if (!impl_->ioc) return;
  impl_->ioc->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->acceptor.reset();
  impl_->ioc.reset();  // destroys the pending handlers, and with them every connection
}

std::uint16_t HBaseRestFake::port() const {
  std::lock_guard lock(impl_->mu);
  return impl_->port;
}

std::string HBaseRestFake::url() const { return "http://127.0.0.1:" + std::to_string(port()); }

void HBaseRestFake::CreateTable(const std::string& table,
                                const std::vector<std::string>& families) {
  std::lock_guard lock(impl_->mu);
  impl_->tables[table].families = {families.begin(), families.end()};
}

void HBaseRestFake::DropTable(const std::string& table) {
  std::lock_guard lock(impl_->mu);
  impl_->tables.erase(table);
}

void HBaseRestFake::FailWith(int status) {
  std::lock_guard lock(impl_->mu);
  impl_->fail_status = status;
}

HBaseRestFake::RowVersions HBaseRestFake::Versions(const std::string& table,
                                                   const std::string& row) const {
  std::lock_guard lock(impl_->mu);
  auto t = impl_->tables.find(table);
  if (t == impl_->tables.end()) return {};
  auto r = t->second.rows.find(row);
  return r == t->second.rows.end() ? RowVersions{} : r->second;
}

std::vector<std::string> HBaseRestFake::Rows(const std::string& table) const {
  std::lock_guard lock(impl_->mu);
  std::vector<std::string> out;
  auto t = impl_->tables.find(table);
  if (t == impl_->tables.end()) return out;
  for (const auto& [key, row] : t->second.rows) out.push_back(key);
  return out;
}

std::vector<HBaseRestFake::Request> HBaseRestFake::Requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

void HBaseRestFake::ClearRequests() {
  std::lock_guard lock(impl_->mu);
  impl_->requests.clear();
}

}  // namespace disd::test
