// The Kinesis JSON protocol (Kinesis_20131202.*, application/x-amz-json-1.1) as the AWS SDKs
// send it, for kinesalite. Requests carry a well-formed but unsigned SigV4 Authorization
// header, which kinesalite checks for shape only.
#include <simdjson.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "disd/common/base64.h"
#include "loadgen/json_page.h"
#include "loadgen/protocol.h"

namespace disd::bench {

namespace {

namespace od = simdjson::ondemand;

std::string AmzDate() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

class KinesisProtocol final : public Protocol {
 public:
  KinesisProtocol() : date_(AmzDate()) {
    authorization_ = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + date_.substr(0, 8) +
                     "/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=" +
                     std::string(64, '0');
  }

  std::string_view name() const override { return "kinesis"; }

  bool EnsureStream(HttpConnection& conn, const std::string& stream, int partitions,
                    std::vector<std::string>& shards, std::string& error) const override {
    Response res;
    const std::string named = "{\"StreamName\":\"" + stream + "\"}";
    if (!Call(conn, "DescribeStream", named, res, error)) return false;
    if (res.status != 200) {
      const std::string create = "{\"StreamName\":\"" + stream +
                                 "\",\"ShardCount\":" + std::to_string(partitions) + "}";
      if (!Call(conn, "CreateStream", create, res, error)) return false;
      if (res.status != 200) {
        error = "CreateStream: HTTP " + std::to_string(res.status) + " " + res.body;
        return false;
      }
    }
    for (int attempt = 0; attempt < 100; ++attempt) {
      if (!Call(conn, "DescribeStream", named, res, error)) return false;
      if (res.status == 200) {
        std::string status;
        shards.clear();
        try {
          od::document doc = IterateJson(res.body);
          for (auto field : doc["StreamDescription"].get_object()) {
            std::string_view key = field.unescaped_key();
            if (key == "StreamStatus") {
              status = std::string(std::string_view(field.value().get_string()));
            } else if (key == "Shards") {
              for (auto s : field.value().get_array()) {
                shards.emplace_back(std::string_view(s["ShardId"].get_string()));
              }
            }
          }
        } catch (const simdjson::simdjson_error& e) {
          error = std::string("DescribeStream: ") + e.what();
          return false;
        }
        if (status == "ACTIVE") return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    error = "the stream did not become ACTIVE";
    return false;
  }

  bool Iterator(HttpConnection& conn, const std::string& stream, const std::string& shard,
                std::string_view type, const std::string& sequence, std::string& iterator,
                std::string& error) const override {
    std::string body = "{\"StreamName\":\"" + stream + "\",\"ShardId\":\"" + shard +
                       "\",\"ShardIteratorType\":\"" + std::string(type) + "\"";
    if (!sequence.empty()) body += ",\"StartingSequenceNumber\":\"" + sequence + "\"";
    body += "}";
    Response res;
    if (!Call(conn, "GetShardIterator", body, res, error)) return false;
    if (res.status != 200) {
      error = "GetShardIterator: HTTP " + std::to_string(res.status) + " " + res.body;
      return false;
    }
    try {
      od::document doc = IterateJson(res.body);
      iterator = std::string(std::string_view(doc["ShardIterator"].get_string()));
      return true;
    } catch (const simdjson::simdjson_error& e) {
      error = std::string("GetShardIterator: ") + e.what();
      return false;
    }
  }

  void BuildPut(const std::string& stream, std::span<const OutRecord> records,
                const Payload& payload, Request& out) const override {
    const bool single = records.size() == 1;
    Prepare(single ? "PutRecord" : "PutRecords", out);
    out.body.reserve(64 + records.size() * (payload.size() * 4 / 3 + 64));
    out.body += "{\"StreamName\":\"";
    out.body += stream;
    if (single) {
      out.body += "\",\"Data\":\"";
      payload.AppendBase64(records[0].id, records[0].send_ns, out.body);
      out.body += "\",\"PartitionKey\":\"";
      out.body += records[0].partition_key;
      out.body += "\"}";
      return;
    }
    out.body += "\",\"Records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (i > 0) out.body += ',';
      out.body += "{\"Data\":\"";
      payload.AppendBase64(records[i].id, records[i].send_ns, out.body);
      out.body += "\",\"PartitionKey\":\"";
      out.body += records[i].partition_key;
      out.body += "\"}";
    }
    out.body += "]}";
  }

  bool ParsePut(const Response& response, std::size_t count, bool want_acks,
                PutReply& reply) const override {
    reply = PutReply{};
    try {
      od::document doc = IterateJson(response.body);
      if (count == 1) {  // PutRecord
        PutReply::Ack ack;
        for (auto f : doc.get_object()) {
          std::string_view k = f.unescaped_key();
          if (k == "ShardId") ack.shard = std::string_view(f.value().get_string());
          if (k == "SequenceNumber") ack.sequence = std::string_view(f.value().get_string());
        }
        reply.ok = ack.sequence.empty() ? 0 : 1;
        reply.failed = 1 - reply.ok;
        if (want_acks) reply.acks.push_back(std::move(ack));
        return true;
      }
      std::size_t seen = 0;
      for (auto field : doc.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "FailedRecordCount") {
          reply.failed = static_cast<int>(std::int64_t(field.value()));
        } else if (key == "Records") {
          for (auto r : field.value().get_array()) {
            ++seen;
            if (!want_acks) continue;
            PutReply::Ack ack;
            bool failed = false;
            for (auto f : r.get_object()) {
              std::string_view k = f.unescaped_key();
              if (k == "ShardId") ack.shard = std::string_view(f.value().get_string());
              if (k == "SequenceNumber") ack.sequence = std::string_view(f.value().get_string());
              if (k == "ErrorCode") failed = true;
            }
            reply.acks.push_back(failed ? PutReply::Ack{} : std::move(ack));
          }
        }
      }
      reply.ok = static_cast<int>(count) - reply.failed;
      return seen == count;
    } catch (const simdjson::simdjson_error&) {
      return false;
    }
  }

  void BuildGet(const std::string& iterator, int limit, std::int64_t /*max_bytes*/,
                Request& out) const override {
    Prepare("GetRecords", out);
    out.body += "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":" + std::to_string(limit) + "}";
  }

  bool ParseGet(const Response& response, Detail detail, Page& page) const override {
    return ParseJsonPage(response.body, detail, {"NextShardIterator", "Records", "Data", "SequenceNumber"}, page);
  }

 private:
  void Prepare(std::string_view operation, Request& out) const {
    out.method = "POST";
    out.target = "/";
    out.content_type = "application/x-amz-json-1.1";
    out.headers = {{"X-Amz-Target", "Kinesis_20131202." + std::string(operation)},
                   {"X-Amz-Date", date_},
                   {"Authorization", authorization_}};
    out.body.clear();
  }

  bool Call(HttpConnection& conn, std::string_view operation, const std::string& body,
            Response& res, std::string& error) const {
    Request req;
    Prepare(operation, req);
    req.body = body;
    if (!conn.RoundTrip(req, res)) {
      error = conn.error();
      return false;
    }
    return true;
  }

  std::string date_;
  std::string authorization_;
};

}  // namespace

std::unique_ptr<Protocol> MakeKinesisProtocol() { return std::make_unique<KinesisProtocol>(); }

std::unique_ptr<Protocol> MakeProtocol(std::string_view name, const std::string& project) {
  if (name == "dis") return MakeDisProtocol(project, false);
  if (name == "dis-pb") return MakeDisProtocol(project, true);
  if (name == "kinesis") return MakeKinesisProtocol();
  return nullptr;
}

}  // namespace disd::bench
