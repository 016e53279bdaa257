#include "support/webhdfs_fake.h"

#include <fcntl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace disd::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using json = nlohmann::json;

constexpr char kNameNodeRpc[] = "127.0.0.1:8020";

struct Answer {
  int status = 200;
  std::string body;
  std::string location;
  bool hang_up = false;
  std::string content_type = "application/json";
};

Answer Remote(int status, const std::string& exception, const std::string& java_package,
              const std::string& message) {
  json doc = {{"RemoteException",
               {{"exception", exception},
                {"javaClassName", java_package + "." + exception},
                {"message", message}}}};
  return {status, doc.dump(), {}, false};
}
Answer Illegal(const std::string& message) {
  return Remote(400, "IllegalArgumentException", "java.lang", message);
}
Answer Ok(std::string body) { return {200, std::move(body), {}, false}; }
Answer Boolean(bool value) { return Ok(json{{"boolean", value}}.dump()); }

int FromHex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

std::string Decode(std::string_view text, bool plus_is_space) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && FromHex(text[i + 1]) >= 0 &&
        FromHex(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(FromHex(text[i + 1]) * 16 + FromHex(text[i + 2])));
      i += 2;
    } else {
      out.push_back(plus_is_space && text[i] == '+' ? ' ' : text[i]);
    }
  }
  return out;
}

std::string EncodePath(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

void CloseOnExec(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }

std::string Parent(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}
std::string Base(const std::string& path) { return path.substr(path.rfind('/') + 1); }
bool Under(const std::string& path, const std::string& dir) {
  return dir == "/" ? path != "/" : path.starts_with(dir + "/");
}

}  // namespace

std::string WebHdfsFake::Request::Summary() const {
  return node + " " + method + " " + op + " " + path + " -> " + std::to_string(status);
}

struct WebHdfsFake::Impl {
  struct Node {
    bool dir = false;
    std::string data;
    std::string owner;
  };

  mutable std::mutex mu;
  std::map<std::string, Node> fs{{"/", Node{true, {}, "hdfs"}}};
  std::vector<Request> requests;
  Fault fault = Fault::kNone;
  std::uint16_t ports[2] = {0, 0};  // NameNode, DataNode

  std::unique_ptr<asio::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptors[2];
  std::thread thread;

  // --- the file system (mu held) ---
  const Node* Find(const std::string& path) const {
    auto it = fs.find(path);
    return it == fs.end() ? nullptr : &it->second;
  }
  // Creates the directories up to `path`; an error answer when a file is in the way.
  std::optional<Answer> MakeDirs(const std::string& path, const std::string& owner) {
    std::string at;
    std::size_t pos = 1;
    while (pos <= path.size()) {
      std::size_t next = path.find('/', pos);
      if (next == std::string::npos) next = path.size();
      at = path.substr(0, next);
      if (const Node* node = Find(at); node != nullptr && !node->dir) {
        return at == path ? Remote(403, "FileAlreadyExistsException", "org.apache.hadoop.fs",
                                   "Path is not a directory: " + at)
                          : Remote(403, "ParentNotDirectoryException", "org.apache.hadoop.fs",
                                   "Parent path is not a directory: " + at);
      }
      if (!at.empty()) fs.emplace(at, Node{true, {}, owner});
      pos = next + 1;
    }
    return std::nullopt;
  }
  bool HasChildren(const std::string& dir) const {
    auto it = fs.upper_bound(dir == "/" ? "/" : dir + "/");
    return it != fs.end() && Under(it->first, dir);
  }
  json FileStatus(const std::string& path, const Node& node) const {
    return {{"pathSuffix", path == "/" ? "" : Base(path)},
            {"type", node.dir ? "DIRECTORY" : "FILE"},
            {"length", node.dir ? 0 : node.data.size()},
            {"owner", node.owner},
            {"group", "supergroup"},
            {"permission", node.dir ? "755" : "644"},
            {"replication", node.dir ? 0 : 3},
            {"blockSize", node.dir ? 0 : 134217728},
            {"modificationTime", 0},
            {"accessTime", 0}};
  }

  Answer Redirect(const Request& r, const std::string& op) const {
    std::string url = "http://127.0.0.1:" + std::to_string(ports[1]) + "/webhdfs/v1" +
                      EncodePath(r.path) + "?op=" + op + "&user.name=" + r.params.at("user.name") +
                      "&namenoderpcaddress=" + kNameNodeRpc;
    if (op == "CREATE") {
      url += "&createflag=&createparent=true&overwrite=" +
             (r.params.count("overwrite") ? r.params.at("overwrite") : std::string("false"));
    }
    for (const char* name : {"offset", "length"}) {
      if (r.params.count(name)) url += "&" + std::string(name) + "=" + r.params.at(name);
    }
    if (r.params.count("noredirect") && r.params.at("noredirect") == "true") {
      return {200, json{{"Location", url}}.dump(), {}, false};
    }
    return {307, {}, url, false};
  }

  Answer Rename(const Request& r) {
    auto dst_it = r.params.find("destination");
    if (dst_it == r.params.end() || !dst_it->second.starts_with('/')) {
      return Illegal("Invalid value for webhdfs parameter \"destination\"");
    }
    std::string dst = dst_it->second;
    if (dst.size() > 1 && dst.ends_with('/')) dst.pop_back();
    const Node* src = Find(r.path);
    if (src == nullptr || r.path == "/") return Boolean(false);
    if (const Node* target = Find(dst); target != nullptr && target->dir) dst += "/" + Base(r.path);
    if (dst == r.path) return Boolean(!src->dir);
    const Node* parent = Find(Parent(dst));
    if (Find(dst) != nullptr || parent == nullptr || !parent->dir || Under(dst, r.path)) {
      return Boolean(false);
    }
    std::map<std::string, Node> moved;
    for (auto it = fs.begin(); it != fs.end();) {
      if (it->first == r.path || Under(it->first, r.path)) {
        moved.emplace(dst + it->first.substr(r.path.size()), std::move(it->second));
        it = fs.erase(it);
      } else {
        ++it;
      }
    }
    fs.merge(moved);
    return Boolean(true);
  }

  Answer NameNode(const Request& r) {
    const std::string& op = r.op;
    const std::string& user = r.params.at("user.name");
    const Node* node = Find(r.path);
    if (r.method == "PUT" && op == "MKDIRS") {
      if (auto error = MakeDirs(r.path, user)) return *error;
      return Boolean(true);
    }
    if ((r.method == "PUT" && op == "CREATE") || (r.method == "POST" && op == "APPEND")) {
      if (!r.body.empty()) {
        return Illegal("Data sent to the NameNode: " + op +
                       " takes no data in the first request; send it to the redirect Location");
      }
      if (op == "CREATE" && r.params.count("overwrite") && r.params.at("overwrite") != "true" &&
          r.params.at("overwrite") != "false") {
        return Illegal("Invalid value for webhdfs parameter \"overwrite\"");
      }
      if (op == "APPEND" && (node == nullptr || node->dir)) {
        return Remote(404, "FileNotFoundException", "java.io", "File does not exist: " + r.path);
      }
      return Redirect(r, op);
    }
    if (r.method == "GET" && op == "OPEN") {
      if (node == nullptr || node->dir) {
        return Remote(404, "FileNotFoundException", "java.io", "File does not exist: " + r.path);
      }
      return Redirect(r, op);
    }
    if (r.method == "PUT" && op == "RENAME") return Rename(r);
    if (r.method == "GET" && (op == "GETFILESTATUS" || op == "LISTSTATUS")) {
      if (node == nullptr) {
        return Remote(404, "FileNotFoundException", "java.io", "File does not exist: " + r.path);
      }
      if (op == "GETFILESTATUS") return Ok(json{{"FileStatus", FileStatus(r.path, *node)}}.dump());
      json list = json::array();
      if (!node->dir) list.push_back(FileStatus(r.path, *node));
      for (const auto& [path, child] : fs) {
        if (node->dir && Under(path, r.path) && Parent(path) == r.path) {
          list.push_back(FileStatus(path, child));
        }
      }
      return Ok(json{{"FileStatuses", {{"FileStatus", list}}}}.dump());
    }
    if (r.method == "DELETE" && op == "DELETE") {
      if (node == nullptr || r.path == "/") return Boolean(false);
      const bool recursive = r.params.count("recursive") && r.params.at("recursive") == "true";
      if (node->dir && HasChildren(r.path) && !recursive) {
        return Remote(403, "PathIsNotEmptyDirectoryException", "org.apache.hadoop.fs",
                      "`" + r.path + " is non empty': Directory is not empty");
      }
      std::erase_if(fs, [&](const auto& e) { return e.first == r.path || Under(e.first, r.path); });
      return Boolean(true);
    }
    return Illegal("Invalid value for webhdfs parameter \"op\": No enum constant for " + r.method +
                   " op " + op);
  }

  Answer DataNode(const Request& r) {
    if (!r.params.count("namenoderpcaddress")) {
      return Illegal("Namenode RPC address is not specified.");
    }
    const bool write =
        (r.method == "PUT" && r.op == "CREATE") || (r.method == "POST" && r.op == "APPEND");
    if (write && r.content_type != "application/octet-stream") {
      return Illegal("Content-Type must be application/octet-stream, not '" + r.content_type + "'");
    }
    const Node* node = Find(r.path);
    if (r.method == "PUT" && r.op == "CREATE") {
      if (node != nullptr && node->dir) {
        return Remote(403, "FileAlreadyExistsException", "org.apache.hadoop.fs",
                      r.path + " already exists as a directory");
      }
      if (node != nullptr && r.params.count("overwrite") && r.params.at("overwrite") != "true") {
        return Remote(403, "FileAlreadyExistsException", "org.apache.hadoop.fs",
                      r.path + " for client 127.0.0.1 already exists");
      }
      if (auto error = MakeDirs(Parent(r.path), r.params.at("user.name"))) return *error;
      fs[r.path] = Node{false, r.body, r.params.at("user.name")};
      return {201, {}, std::string("hdfs://") + kNameNodeRpc + r.path, false};
    }
    if (r.method == "POST" && r.op == "APPEND") {
      if (node == nullptr || node->dir) {
        return Remote(404, "FileNotFoundException", "java.io", "File does not exist: " + r.path);
      }
      fs[r.path].data += r.body;
      return {200, {}, {}, false};
    }
    if (r.method == "GET" && r.op == "OPEN") {
      if (node == nullptr || node->dir) {
        return Remote(404, "FileNotFoundException", "java.io", "File does not exist: " + r.path);
      }
      const std::size_t offset = r.params.count("offset") ? std::stoull(r.params.at("offset")) : 0;
      const std::size_t length =
          r.params.count("length") ? std::stoull(r.params.at("length")) : std::string::npos;
      Answer bytes = Ok(offset < node->data.size() ? node->data.substr(offset, length) : "");
      bytes.content_type = "application/octet-stream";
      return bytes;
    }
    return Illegal("Invalid value for webhdfs parameter \"op\": " + r.op + " on a DataNode");
  }

  Answer Handle(int listener, const http::request<http::string_body>& req) {
    Request r;
    r.node = listener == 0 ? "NN" : "DN";
    r.method = std::string(req.method_string());
    r.body = req.body();
    r.content_type = std::string(req[http::field::content_type]);
    const std::string target_text(req.target());
    const std::string_view target = target_text;
    const std::size_t q = target.find('?');
    const std::string_view raw_path = target.substr(0, q);
    if (q != std::string_view::npos) {
      std::string_view query = target.substr(q + 1);
      while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const std::size_t eq = pair.find('=');
        r.params[Decode(pair.substr(0, eq), true)] =
            eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1), true);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      }
    }
    r.op = r.params.count("op") ? r.params.at("op") : "";
    for (char& c : r.op) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::lock_guard lock(mu);
    Answer answer;
    if (!raw_path.starts_with("/webhdfs/v1")) {
      answer = {404, "Not Found: " + std::string(raw_path), {}, false};
    } else {
      r.path = Decode(raw_path.substr(11), false);
      if (r.path.empty() || r.path.front() != '/') r.path.insert(r.path.begin(), '/');
      if (r.path.size() > 1 && r.path.ends_with('/')) r.path.pop_back();
      if ((listener == 0 && fault == Fault::kNameNodeFails) ||
          (listener == 1 && fault == Fault::kDataNodeFails)) {
        answer = Remote(500, "RuntimeException", "java.lang", "injected failure");
      } else if (listener == 0 && fault == Fault::kNameNodeHangsUp) {
        answer.hang_up = true;
      } else if (!r.params.count("user.name") || r.params.at("user.name").empty()) {
        answer = Remote(401, "SecurityException", "java.lang",
                        "Failed to obtain user group information: no user.name");
      } else if (r.op.empty()) {
        answer = Illegal("Missing parameter \"op\"");
      } else {
        answer = listener == 0 ? NameNode(r) : DataNode(r);
      }
    }
    r.status = answer.hang_up ? 0 : answer.status;
    requests.push_back(std::move(r));
    return answer;
  }

  void Accept(int listener) {
    acceptors[listener]->async_accept([this, listener](beast::error_code ec, tcp::socket socket) {
      if (ec) return;  // closed
      CloseOnExec(socket.native_handle());
      Serve(listener, std::make_shared<beast::tcp_stream>(std::move(socket)));
      Accept(listener);
    });
  }

  void Serve(int listener, std::shared_ptr<beast::tcp_stream> stream) {
    auto buffer = std::make_shared<beast::flat_buffer>();
    auto parser = std::make_shared<http::request_parser<http::string_body>>();
    parser->body_limit(256u << 20);
    // The handler owns the stream, the buffer and the parser until it runs.
    http::async_read(
        *stream, *buffer, *parser,
        [this, listener, stream, buffer, parser](beast::error_code ec, std::size_t) {
          if (ec) return;
          const auto req = std::make_shared<http::request<http::string_body>>(parser->release());
          const Answer answer = Handle(listener, *req);
          if (answer.hang_up) {
            beast::error_code ignored;
            stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
            return;
          }
          auto res = std::make_shared<http::response<http::string_body>>(
              static_cast<http::status>(answer.status), req->version());
          res->set(http::field::server,
                   listener == 0 ? "disd-webhdfs-fake-namenode" : "disd-webhdfs-fake-datanode");
          if (!answer.location.empty()) res->set(http::field::location, answer.location);
          if (!answer.body.empty()) res->set(http::field::content_type, answer.content_type);
          res->body() = answer.body;
          res->keep_alive(req->keep_alive());
          res->prepare_payload();
          http::async_write(*stream, *res,
                            [this, listener, stream, res](beast::error_code wec, std::size_t) {
                              if (!wec && res->keep_alive()) Serve(listener, stream);
                            });
        });
  }
};

WebHdfsFake::WebHdfsFake() : impl_(std::make_unique<Impl>()) {}
WebHdfsFake::~WebHdfsFake() { Stop(); }

bool WebHdfsFake::Start(std::string* why) {
  if (running()) return true;
  auto ioc = std::make_unique<asio::io_context>();
  for (int i = 0; i < 2; ++i) {
    beast::error_code ec;
    auto acceptor = std::make_unique<tcp::acceptor>(*ioc);
    const tcp::endpoint at(asio::ip::make_address("127.0.0.1"), impl_->ports[i]);
    acceptor->open(at.protocol(), ec);
    // Not inherited by the disd processes the tests spawn: a copy there would keep the
    // port listening while the fake is stopped.
    if (!ec) CloseOnExec(acceptor->native_handle());
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor->bind(at, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      if (why != nullptr) {
        *why = std::string(i == 0 ? "NameNode" : "DataNode") +
               " listener on 127.0.0.1:" + std::to_string(impl_->ports[i]) + ": " + ec.message();
      }
      for (auto& a : impl_->acceptors) a.reset();
      return false;
    }
    impl_->ports[i] = acceptor->local_endpoint().port();
    impl_->acceptors[i] = std::move(acceptor);
  }
  impl_->ioc = std::move(ioc);
  impl_->Accept(0);
  impl_->Accept(1);
  impl_->thread = std::thread([ioc = impl_->ioc.get()] { ioc->run(); });
  return true;
}

void WebHdfsFake::Stop() {
  if (!impl_->ioc) return;
  impl_->ioc->stop();
  impl_->thread.join();
  for (auto& a : impl_->acceptors) a.reset();
  impl_->ioc.reset();  // destroys the pending handlers and with them the open connections
}

bool WebHdfsFake::running() const { return impl_->ioc != nullptr; }
std::uint16_t WebHdfsFake::namenode_port() const { return impl_->ports[0]; }
std::uint16_t WebHdfsFake::datanode_port() const { return impl_->ports[1]; }
std::string WebHdfsFake::namenode_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->ports[0]);
}

void WebHdfsFake::SetFault(Fault fault) {
  std::lock_guard lock(impl_->mu);
  impl_->fault = fault;
}

std::vector<WebHdfsFake::Request> WebHdfsFake::Requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

std::vector<std::string> WebHdfsFake::Trace() const {
  std::vector<std::string> out;
  for (const Request& r : Requests()) out.push_back(r.Summary());
  return out;
}

void WebHdfsFake::ClearRequests() {
  std::lock_guard lock(impl_->mu);
  impl_->requests.clear();
}

std::map<std::string, std::string> WebHdfsFake::Files() const {
  std::lock_guard lock(impl_->mu);
  std::map<std::string, std::string> out;
  for (const auto& [path, node] : impl_->fs) {
    if (!node.dir) out[path] = node.data;
  }
  return out;
}

std::set<std::string> WebHdfsFake::Directories() const {
  std::lock_guard lock(impl_->mu);
  std::set<std::string> out;
  for (const auto& [path, node] : impl_->fs) {
    if (node.dir) out.insert(path);
  }
  return out;
}

std::optional<std::string> WebHdfsFake::File(const std::string& path) const {
  std::lock_guard lock(impl_->mu);
  const Impl::Node* node = impl_->Find(path);
  if (node == nullptr || node->dir) return std::nullopt;
  return node->data;
}

void WebHdfsFake::PutFile(const std::string& path, const std::string& content) {
  std::lock_guard lock(impl_->mu);
  (void)impl_->MakeDirs(Parent(path), "test");
  impl_->fs[path] = Impl::Node{false, content, "test"};
}

void WebHdfsFake::MakeDirectory(const std::string& path) {
  std::lock_guard lock(impl_->mu);
  (void)impl_->MakeDirs(path, "test");
}

}  // namespace disd::test
