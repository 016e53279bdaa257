// The CloudTable OpenTSDB sink: each JSON record becomes one point per opentsdb_schema
// entry (opentsdb_points.h), sent to the cluster's `/api/put` in bounded chunks
// (opentsdb_put.h). Records that do not fit the schema, and records with a point OpenTSDB
// refuses, are returned as rejected; a failed request fails the Write (the worker retries
// the whole batch, which rewrites the same points: OpenTSDB keeps one value per metric,
// tags and timestamp, so a rewrite overwrites instead of adding).
#include <memory>

#include "dump/http_client.h"
#include "dump/opentsdb_put.h"
#include "dump/sink.h"

namespace disd::dump {
namespace {

constexpr std::size_t kMaxPointsPerPut = 500;
constexpr std::size_t kMaxBytesPerPut = 512 * 1024;
// sync_timeout (60 s) plus time for the answer.
constexpr std::int64_t kPutTimeoutMs = 65000;

class OpenTsdbSink final : public Sink {
 public:
  OpenTsdbSink(std::string url, HttpEndpoint endpoint, TsdbSchema schema)
      : url_(std::move(url)), endpoint_(std::move(endpoint)), schema_(std::move(schema)) {
    host_ = endpoint_.host;
    if (endpoint_.port != (endpoint_.tls ? 443 : 80)) host_ += ":" + std::to_string(endpoint_.port);
  }

  Result<SinkWrite> Write(const DeliveryBatch& batch) override {
    const auto& records = *batch.records;
    std::vector<bool> rejected(records.size(), false);
    std::string reason;
    std::vector<TsdbPoint> points;
    std::vector<std::size_t> owner;  // the record of each point
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto made = RecordPoints(schema_, records[i].data);
      if (!made.ok()) {
        rejected[i] = true;
        if (reason.empty()) reason = "record " + std::to_string(i) + ": " + made.error().detail;
        continue;
      }
      for (TsdbPoint& p : *made) {
        points.push_back(std::move(p));
        owner.push_back(i);
      }
    }

    SinkWrite result;
    for (const TsdbChunk& chunk : ChunkPoints(points, kMaxPointsPerPut, kMaxBytesPerPut)) {
      HttpCall call;
      call.method = "POST";
      call.target = std::string(kTsdbPutTarget);
      call.host = host_;
      call.headers = {{"Content-Type", "application/json"}};
      call.body = chunk.body;
      call.timeout_ms = kPutTimeoutMs;
      auto reply = SendHttp(endpoint_, call);
      if (!reply.ok()) return Fail(reply.error().detail);
      auto refusals = ReadPutAnswer(reply->status, reply->body, &points[chunk.first], chunk.count);
      if (!refusals.ok()) return Fail(refusals.error().detail);
      for (const TsdbRefusal& r : *refusals) {
        const std::size_t record = owner[chunk.first + r.point];
        if (reason.empty()) reason = "record " + std::to_string(record) + ": " + r.error;
        rejected[record] = true;
      }
      ++result.files_written;
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (rejected[i]) result.rejected.push_back(i);
    }
    if (!result.rejected.empty()) result.rejected_reason = std::move(reason);
    return result;
  }

 private:
  Error Fail(const std::string& detail) const {
    return MakeError(ErrorCode::kInternal, "[OpenTSDB " + url_ + ": " + detail + "]");
  }

  std::string url_;
  HttpEndpoint endpoint_;
  std::string host_;
  TsdbSchema schema_;
};

}  // namespace

Result<std::unique_ptr<Sink>> MakeOpenTsdbSink(const TaskSpec& spec,
                                               const CloudTableClusterConfig& cluster) {
  if (!spec.cloudtable || spec.cloudtable->opentsdb_schema_json.empty()) {
    return MakeError(ErrorCode::kInternal, "CloudTable task without an opentsdb_schema");
  }
  if (cluster.opentsdb_url.empty()) {
    return MakeError(ErrorCode::kCloudTableClusterNotFound,
                     "[cluster " + cluster.name + " has no OpenTSDB endpoint configured]");
  }
  auto endpoint = ParseHttpEndpoint(cluster.opentsdb_url);
  if (!endpoint.ok()) return endpoint.error();
  auto schema = ParseTsdbSchema(spec.cloudtable->opentsdb_schema_json);
  if (!schema.ok()) return schema.error();
  return std::unique_ptr<Sink>(std::make_unique<OpenTsdbSink>(
      cluster.opentsdb_url, std::move(*endpoint), std::move(*schema)));
}

}  // namespace disd::dump
