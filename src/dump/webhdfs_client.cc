#include "dump/webhdfs_client.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace disd::dump {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool Unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

std::string Encode(std::string_view text, bool keep_slash) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (Unreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string Header(const HttpReply& reply, std::string_view name) {
  for (const auto& [key, value] : reply.headers) {
    if (key.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < key.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(key[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    }
    if (same) return value;
  }
  return {};
}

Error Failed(std::string_view op, std::string_view path, std::string_view what) {
  return MakeError(
      ErrorCode::kInvalidMrsCluster,
      "[WebHDFS " + std::string(op) + " " + std::string(path) + ": " + std::string(what) + "]");
}

}  // namespace

std::string EncodeWebHdfsPath(std::string_view path) { return Encode(path, true); }

std::string EncodeQueryValue(std::string_view value) { return Encode(value, true); }

std::string WebHdfsTarget(std::string_view path, std::string_view op, std::string_view user,
                          const std::map<std::string, std::string>& params) {
  std::string target = "/webhdfs/v1" + EncodeWebHdfsPath(path) + "?op=" + std::string(op) +
                       "&user.name=" + EncodeQueryValue(user);
  for (const auto& [name, value] : params) target += "&" + name + "=" + EncodeQueryValue(value);
  return target;
}

std::optional<RemoteException> ParseRemoteException(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return std::nullopt;
  const auto it = doc.find("RemoteException");
  if (it == doc.end() || !it->is_object()) return std::nullopt;
  RemoteException out;
  auto text = [&](const char* key) {
    const auto field = it->find(key);
    return field != it->end() && field->is_string() ? field->get<std::string>() : std::string();
  };
  out.exception = text("exception");
  out.java_class_name = text("javaClassName");
  out.message = text("message");
  if (out.exception.empty() && out.java_class_name.empty()) return std::nullopt;
  return out;
}

Result<HttpLocation> ParseLocation(std::string_view location, const HttpEndpoint& base) {
  if (location.starts_with('/')) return HttpLocation{base, std::string(location)};
  const std::size_t scheme_end = location.find("://");
  if (scheme_end == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidMrsCluster,
                     "[WebHDFS redirect to an unusable Location: " + std::string(location) + "]");
  }
  const std::size_t path_start = location.find_first_of("/?", scheme_end + 3);
  const std::string_view origin = location.substr(0, path_start);
  auto endpoint = ParseHttpEndpoint(origin);
  if (!endpoint.ok()) {
    return MakeError(ErrorCode::kInvalidMrsCluster, "[WebHDFS redirect to an unusable Location " +
                                                        std::string(location) + ": " +
                                                        endpoint.error().detail + "]");
  }
  std::string target =
      path_start == std::string_view::npos ? "/" : std::string(location.substr(path_start));
  if (target.starts_with('?')) target.insert(target.begin(), '/');
  return HttpLocation{*endpoint, std::move(target)};
}

std::string HostHeader(const HttpEndpoint& endpoint) {
  const bool v6 = endpoint.host.find(':') != std::string::npos;
  std::string host = v6 ? "[" + endpoint.host + "]" : endpoint.host;
  const std::uint16_t default_port = endpoint.tls ? 443 : 80;
  if (endpoint.port != default_port) host += ":" + std::to_string(endpoint.port);
  return host;
}

Error WebHdfsError(std::string_view op, std::string_view path, const HttpReply& reply) {
  std::string what = "HTTP " + std::to_string(reply.status);
  if (auto remote = ParseRemoteException(reply.body)) {
    what += " " + (remote->exception.empty() ? remote->java_class_name : remote->exception);
    if (!remote->message.empty()) what += ": " + remote->message;
  } else if (!reply.body.empty()) {
    what += " " + reply.body.substr(0, 200);
  }
  return Failed(op, path, what);
}

WebHdfsClient::WebHdfsClient(HttpEndpoint namenode, std::string user, std::int64_t timeout_ms)
    : namenode_(std::move(namenode)), user_(std::move(user)), timeout_ms_(timeout_ms) {}

Result<HttpReply> WebHdfsClient::Send(const HttpEndpoint& endpoint, std::string method,
                                      std::string target, std::string body,
                                      bool octet_stream) const {
  HttpCall call;
  call.method = std::move(method);
  call.target = std::move(target);
  call.host = HostHeader(endpoint);
  if (octet_stream) call.headers.emplace_back("Content-Type", "application/octet-stream");
  call.body = std::move(body);
  call.timeout_ms = timeout_ms_;
  return SendHttp(endpoint, call);
}

Result<bool> WebHdfsClient::BooleanAnswer(std::string_view op, std::string_view path,
                                          const Result<HttpReply>& reply) const {
  if (!reply.ok()) return Failed(op, path, reply.error().detail);
  if (reply->status != 200) return WebHdfsError(op, path, *reply);
  const auto doc = nlohmann::json::parse(reply->body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("boolean") || !doc["boolean"].is_boolean()) {
    return Failed(op, path, "answer without a boolean: " + reply->body.substr(0, 200));
  }
  return doc["boolean"].get<bool>();
}

Result<bool> WebHdfsClient::Mkdirs(std::string_view path) const {
  return BooleanAnswer("MKDIRS", path,
                       Send(namenode_, "PUT", WebHdfsTarget(path, "MKDIRS", user_), {}, false));
}

Status WebHdfsClient::Create(std::string_view path, std::string_view bytes, bool overwrite) const {
  const std::string target =
      WebHdfsTarget(path, "CREATE", user_, {{"overwrite", overwrite ? "true" : "false"}});
  auto first = Send(namenode_, "PUT", target, {}, false);
  if (!first.ok()) return Failed("CREATE", path, first.error().detail);
  std::string location;
  switch (first->status) {
    case 307:
      location = Header(*first, "Location");
      break;
    case 200: {  // noredirect=true style: {"Location": "..."}
      const auto doc = nlohmann::json::parse(first->body, nullptr, false);
      if (doc.is_object() && doc.contains("Location") && doc["Location"].is_string()) {
        location = doc["Location"].get<std::string>();
      }
      break;
    }
    case 201:  // a gateway (HttpFS) that created the file in one step: empty file only
      if (bytes.empty()) return Status::Ok();
      return Failed("CREATE", path, "the NameNode created the file without taking its data");
    default:
      return WebHdfsError("CREATE", path, *first);
  }
  if (location.empty()) return Failed("CREATE", path, "redirect without a Location");
  auto to = ParseLocation(location, namenode_);
  if (!to.ok()) return to.error();
  auto second = Send(to->endpoint, "PUT", to->target, std::string(bytes), true);
  if (!second.ok()) return Failed("CREATE", path, second.error().detail);
  if (second->status != 201) return WebHdfsError("CREATE", path, *second);
  return Status::Ok();
}

Result<bool> WebHdfsClient::Rename(std::string_view from, std::string_view to) const {
  return BooleanAnswer(
      "RENAME", from,
      Send(namenode_, "PUT",
           WebHdfsTarget(from, "RENAME", user_, {{"destination", std::string(to)}}), {}, false));
}

Result<std::optional<HdfsFileStatus>> WebHdfsClient::GetFileStatus(std::string_view path) const {
  auto reply = Send(namenode_, "GET", WebHdfsTarget(path, "GETFILESTATUS", user_), {}, false);
  if (!reply.ok()) return Failed("GETFILESTATUS", path, reply.error().detail);
  if (reply->status == 404) return std::optional<HdfsFileStatus>();
  if (reply->status != 200) return WebHdfsError("GETFILESTATUS", path, *reply);
  const auto doc = nlohmann::json::parse(reply->body, nullptr, false);
  if (!doc.is_object() || !doc.contains("FileStatus") || !doc["FileStatus"].is_object()) {
    return Failed("GETFILESTATUS", path, "answer without FileStatus");
  }
  const auto& status = doc["FileStatus"];
  HdfsFileStatus out;
  out.type = status.value("type", "");
  if (status.contains("length") && status["length"].is_number_integer()) {
    out.length = status["length"].get<std::int64_t>();
  }
  return std::optional<HdfsFileStatus>(out);
}

Result<bool> WebHdfsClient::Delete(std::string_view path, bool recursive) const {
  return BooleanAnswer(
      "DELETE", path,
      Send(namenode_, "DELETE",
           WebHdfsTarget(path, "DELETE", user_, {{"recursive", recursive ? "true" : "false"}}), {},
           false));
}

}  // namespace disd::dump
