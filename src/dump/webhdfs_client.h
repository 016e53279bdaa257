// WebHdfsClient: the WebHDFS REST operations the MRS sink needs (MKDIRS, CREATE, RENAME,
// GETFILESTATUS, DELETE), spoken to a NameNode's HTTP port over http_client.h with simple
// (non-Kerberos) authentication: every request carries `user.name=`.
//
// CREATE is the two-step protocol: step 1 goes to the NameNode with no body and is
// answered by a 307 redirect whose Location names a DataNode (or, with noredirect, by 200
// {"Location": ...}); step 2 PUTs the bytes to that Location (any host and port) with
// `Content-Type: application/octet-stream` and expects 201. A gateway that takes the data
// at once (HttpFS) answers step 1 with 201 directly, which also counts as done: the client
// then resends nothing. The redirect is never followed automatically with the body.
//
// Errors are values. A transport failure or an unexpected status is kInvalidMrsCluster
// (DIS.4208) whose detail names the operation, the HDFS path, the HTTP status and, when
// the answer carries a `RemoteException` JSON body, its exception class and message.
//
// Thread-safety: a client holds only immutable settings; concurrent calls are independent.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "disd/common/status.h"
#include "dump/http_client.h"

namespace disd::dump {

// `path` percent-encoded for a URL path: everything but RFC 3986 unreserved characters
// and '/' becomes %XX (UTF-8 bytes as they are).
std::string EncodeWebHdfsPath(std::string_view path);
// `value` percent-encoded for a query parameter value ('/' kept, '&', '=', '+', ' ' encoded).
std::string EncodeQueryValue(std::string_view value);

// The origin-form target of an operation on `path` (absolute HDFS path):
// "/webhdfs/v1<encoded path>?op=<op>&user.name=<user>[&<name>=<value>]..." (params in
// map order, values encoded).
std::string WebHdfsTarget(std::string_view path, std::string_view op, std::string_view user,
                          const std::map<std::string, std::string>& params = {});

// A RemoteException body: {"RemoteException":{"exception":..,"javaClassName":..,"message":..}}.
struct RemoteException {
  std::string exception;
  std::string java_class_name;
  std::string message;
};
// nullopt when `body` is not such a document.
std::optional<RemoteException> ParseRemoteException(std::string_view body);

// Where a redirect sends the client: the endpoint of an absolute "http(s)://host:port/..."
// URL and its origin-form target. A target-only Location ("/webhdfs/...") keeps `base`.
struct HttpLocation {
  HttpEndpoint endpoint;
  std::string target;
};
Result<HttpLocation> ParseLocation(std::string_view location, const HttpEndpoint& base);

// The "Host" header value for `endpoint` (":port" only when not the scheme's default).
std::string HostHeader(const HttpEndpoint& endpoint);

struct HdfsFileStatus {
  std::string type;  // "FILE", "DIRECTORY" or "SYMLINK"
  std::int64_t length = 0;
};

class WebHdfsClient {
 public:
  // `namenode`: the NameNode's HTTP address; `user`: the simple-auth user name.
  WebHdfsClient(HttpEndpoint namenode, std::string user, std::int64_t timeout_ms = 30000);

  // PUT op=MKDIRS (creates parents). The answer's boolean.
  Result<bool> Mkdirs(std::string_view path) const;
  // The two-step CREATE of `path` holding `bytes`.
  Status Create(std::string_view path, std::string_view bytes, bool overwrite) const;
  // PUT op=RENAME&destination=<to>. The answer's boolean (false: the source is missing,
  // the destination exists as a file, or its parent is missing).
  Result<bool> Rename(std::string_view from, std::string_view to) const;
  // GET op=GETFILESTATUS; nullopt when the path does not exist (404 FileNotFoundException).
  Result<std::optional<HdfsFileStatus>> GetFileStatus(std::string_view path) const;
  // DELETE op=DELETE. The answer's boolean (false: nothing was there).
  Result<bool> Delete(std::string_view path, bool recursive) const;

 private:
  Result<HttpReply> Send(const HttpEndpoint& endpoint, std::string method, std::string target,
                         std::string body, bool octet_stream) const;
  Result<bool> BooleanAnswer(std::string_view op, std::string_view path,
                             const Result<HttpReply>& reply) const;

  HttpEndpoint namenode_;
  std::string user_;
  std::int64_t timeout_ms_;
};

// The error of a failed WebHDFS answer: "WebHDFS <op> <path>: HTTP <status>
// <exception>: <message>" (or the start of a non-JSON body).
Error WebHdfsError(std::string_view op, std::string_view path, const HttpReply& reply);

}  // namespace disd::dump
