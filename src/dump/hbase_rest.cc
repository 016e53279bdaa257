// The HBase REST gateway calls (hbase_rest.h) and CheckHBaseTable (hbase_probe.h).
#include "dump/hbase_rest.h"

#include "disd/dump/hbase_probe.h"
#include "dump/hbase_rows.h"

namespace disd::dump {
namespace {

constexpr std::size_t kQuotedAnswerBytes = 200;

Error GatewayError(const std::string& url, const std::string& what) {
  return MakeError(ErrorCode::kRequestError, "[HBase REST gateway " + url + ": " + what + "]");
}

std::string Answered(const HttpReply& reply) {
  std::string body = reply.body.substr(0, kQuotedAnswerBytes);
  for (char& c : body) {
    if (c == '\r' || c == '\n') c = ' ';
  }
  while (!body.empty() && body.back() == ' ') body.pop_back();
  return "answered " + std::to_string(reply.status) + (body.empty() ? "" : " " + body);
}

}  // namespace

Result<HBaseRest> HBaseRest::Make(const CloudTableClusterConfig& cluster, std::int64_t timeout_ms) {
  if (cluster.hbase_rest_url.empty()) {
    return MakeError(ErrorCode::kCloudTableClusterNotFound,
                     "[cluster " + cluster.name + " has no HBase REST gateway configured]");
  }
  auto endpoint = ParseHttpEndpoint(cluster.hbase_rest_url);
  if (!endpoint.ok()) {
    return MakeError(
        ErrorCode::kCloudTableClusterNotFound,
        "[cluster " + cluster.name + ": hbase_rest_url: " + endpoint.error().detail + "]");
  }
  HBaseRest rest;
  rest.endpoint_ = *endpoint;
  const std::uint16_t default_port = endpoint->tls ? 443 : 80;
  rest.host_header_ = endpoint->host;
  if (endpoint->port != default_port) rest.host_header_ += ":" + std::to_string(endpoint->port);
  rest.url_ = cluster.hbase_rest_url;
  if (!rest.url_.empty() && rest.url_.back() == '/') rest.url_.pop_back();
  rest.timeout_ms_ = timeout_ms;
  return rest;
}

Status HBaseRest::CheckTable(std::string_view table,
                             const std::vector<std::string>& families) const {
  HttpCall call;
  call.method = "GET";
  call.target = "/" + HBasePathSegment(table) + "/schema";
  call.host = host_header_;
  call.headers = {{"Accept", "application/json"}};
  call.timeout_ms = timeout_ms_;
  auto reply = SendHttp(endpoint_, call);
  if (!reply.ok()) return GatewayError(url_, "unreachable: " + reply.error().detail);
  if (reply->status == 404) {
    return MakeError(ErrorCode::kCloudTableTableNotFound,
                     "[table " + std::string(table) + " does not exist]");
  }
  if (reply->status != 200)
    return GatewayError(url_, "schema of " + std::string(table) + " " + Answered(*reply));
  auto have = ParseHBaseTableFamilies(reply->body);
  if (!have.ok()) return GatewayError(url_, have.error().detail);
  for (const std::string& family : families) {
    bool found = false;
    for (const std::string& h : *have) found = found || h == family;
    if (!found) {
      return MakeError(ErrorCode::kCloudTableFamilyNotFound,
                       "[table " + std::string(table) + " has no column family " + family + "]");
    }
  }
  return Status::Ok();
}

Status HBaseRest::PutCells(std::string_view table, std::string body, bool* answered) const {
  *answered = false;
  HttpCall call;
  call.method = "PUT";
  call.target = "/" + HBasePathSegment(table) + "/batch";
  call.host = host_header_;
  call.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
  call.body = std::move(body);
  call.timeout_ms = timeout_ms_;
  auto reply = SendHttp(endpoint_, call);
  if (!reply.ok()) return GatewayError(url_, "unreachable: " + reply.error().detail);
  *answered = true;
  if (reply->status != 200) {
    return GatewayError(url_, "cell PUT to " + std::string(table) + " " + Answered(*reply));
  }
  return Status::Ok();
}

Status CheckHBaseTable(const CloudTableClusterConfig& cluster, std::string_view table,
                       const std::vector<std::string>& families, std::int64_t timeout_ms) {
  auto rest = HBaseRest::Make(cluster, timeout_ms);
  if (!rest.ok()) return rest.error();
  return rest->CheckTable(table, families);
}

}  // namespace disd::dump
