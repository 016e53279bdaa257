// DIS REST (seed 004 5.4.1-5.4.2): PutRecords, cursors and GetRecords under /v2/{project},
// with JSON bodies (base64 record data) or protobuf bodies (raw record data).
#include <simdjson.h>

#include <chrono>
#include <thread>

#include "api/proto/dis.pb.h"
#include "disd/common/base64.h"
#include "loadgen/json_page.h"
#include "loadgen/protocol.h"

namespace disd::bench {

namespace {

namespace od = simdjson::ondemand;

constexpr char kJson[] = "application/json;charset=UTF-8";
constexpr char kProtobuf[] = "application/x-protobuf";

void AppendQuoted(std::string& out, std::string_view text) {
  out += '"';
  out += text;  // stream names, keys and ids here never need escaping
  out += '"';
}

class DisProtocol final : public Protocol {
 public:
  DisProtocol(std::string project, bool protobuf)
      : base_("/v2/" + std::move(project)), protobuf_(protobuf) {}

  std::string_view name() const override { return protobuf_ ? "dis-pb" : "dis"; }

  bool EnsureStream(HttpConnection& conn, const std::string& stream, int partitions,
                    std::vector<std::string>& shards, std::string& error) const override {
    Request create;
    create.method = "POST";
    create.target = base_ + "/streams";
    create.content_type = kJson;
    create.body = "{\"stream_name\":\"" + stream + "\",\"partition_count\":" +
                  std::to_string(partitions) + ",\"stream_type\":\"COMMON\",\"data_duration\":24}";
    Response res;
    if (!conn.RoundTrip(create, res)) return error = conn.error(), false;
    if (res.status != 201 && res.body.find("DIS.4307") == std::string::npos) {
      error = "create stream: HTTP " + std::to_string(res.status) + " " + res.body;
      return false;
    }
    Request describe;
    describe.target = base_ + "/streams/" + stream + "?limit_partitions=1000";
    for (int attempt = 0; attempt < 100; ++attempt) {
      if (!conn.RoundTrip(describe, res)) return error = conn.error(), false;
      if (res.status != 200) {
        error = "describe stream: HTTP " + std::to_string(res.status) + " " + res.body;
        return false;
      }
      shards.clear();
      std::string status;
      try {
        od::document doc = IterateJson(res.body);
        for (auto field : doc.get_object()) {
          std::string_view key = field.unescaped_key();
          if (key == "status") {
            status = std::string(std::string_view(field.value().get_string()));
          } else if (key == "partitions") {
            for (auto p : field.value().get_array()) {
              shards.emplace_back(std::string_view(p["partition_id"].get_string()));
            }
          }
        }
      } catch (const simdjson::simdjson_error& e) {
        error = std::string("describe stream: ") + e.what();
        return false;
      }
      if (status == "RUNNING") return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    error = "the stream did not become RUNNING";
    return false;
  }

  bool Iterator(HttpConnection& conn, const std::string& stream, const std::string& shard,
                std::string_view type, const std::string& sequence, std::string& iterator,
                std::string& error) const override {
    Request req;
    req.target = base_ + "/cursors?stream-name=" + stream + "&partition-id=" + shard +
                 "&cursor-type=" + std::string(type);
    if (!sequence.empty()) req.target += "&starting-sequence-number=" + sequence;
    Response res;
    if (!conn.RoundTrip(req, res)) return error = conn.error(), false;
    if (res.status != 200) {
      error = "cursor: HTTP " + std::to_string(res.status) + " " + res.body;
      return false;
    }
    try {
      od::document doc = IterateJson(res.body);
      iterator = std::string(std::string_view(doc["partition_cursor"].get_string()));
      return true;
    } catch (const simdjson::simdjson_error& e) {
      error = std::string("cursor: ") + e.what();
      return false;
    }
  }

  void BuildPut(const std::string& stream, std::span<const OutRecord> records,
                const Payload& payload, Request& out) const override {
    out.method = "POST";
    out.target = base_ + "/records";
    out.body.clear();
    if (protobuf_) {
      out.content_type = kProtobuf;
      wire::PutRecordsRequest request;
      request.set_streamname(stream);
      std::string data;
      for (const OutRecord& r : records) {
        auto* entry = request.add_records();
        data.clear();
        payload.AppendRaw(r.id, r.send_ns, data);
        entry->set_data(data);
        entry->set_partitionkey(std::string(r.partition_key));
      }
      request.SerializeToString(&out.body);
      return;
    }
    out.content_type = kJson;
    out.body.reserve(64 + records.size() * (payload.size() * 4 / 3 + 64));
    out.body += "{\"stream_name\":";
    AppendQuoted(out.body, stream);
    out.body += ",\"records\":[";
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (i > 0) out.body += ',';
      out.body += "{\"data\":\"";
      payload.AppendBase64(records[i].id, records[i].send_ns, out.body);
      out.body += "\",\"partition_key\":";
      AppendQuoted(out.body, records[i].partition_key);
      out.body += '}';
    }
    out.body += "]}";
  }

  bool ParsePut(const Response& response, std::size_t count, bool want_acks,
                PutReply& reply) const override {
    reply = PutReply{};
    if (protobuf_) {
      wire::PutRecordsResult result;
      if (!result.ParsePartialFromString(response.body)) return false;
      reply.failed = result.failedrecordcount();
      for (const auto& r : result.records()) {
        if (want_acks) {
          reply.acks.push_back(r.has_errorcode() ? PutReply::Ack{}
                                                 : PutReply::Ack{r.shardid(), r.sequencenumber()});
        }
      }
      reply.ok = static_cast<int>(count) - reply.failed;
      return static_cast<std::size_t>(result.records_size()) == count;
    }
    try {
      od::document doc = IterateJson(response.body);
      std::size_t seen = 0;
      for (auto field : doc.get_object()) {
        std::string_view key = field.unescaped_key();
        if (key == "failed_record_count") {
          reply.failed = static_cast<int>(std::int64_t(field.value()));
        } else if (key == "records") {
          for (auto r : field.value().get_array()) {
            ++seen;
            if (!want_acks) continue;
            PutReply::Ack ack;
            bool failed = false;
            for (auto f : r.get_object()) {
              std::string_view k = f.unescaped_key();
              if (k == "partition_id") ack.shard = std::string_view(f.value().get_string());
              if (k == "sequence_number") ack.sequence = std::string_view(f.value().get_string());
              if (k == "error_code") failed = true;
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

  void BuildGet(const std::string& iterator, int limit, std::int64_t max_bytes,
                Request& out) const override {
    out.method = "GET";
    out.body.clear();
    out.content_type = protobuf_ ? kProtobuf : "";
    out.target = base_ + "/records?partition-cursor=" + iterator + "&limit=" +
                 std::to_string(limit);
    if (max_bytes > 0) out.target += "&max_fetch_bytes=" + std::to_string(max_bytes);
  }

  bool ParseGet(const Response& response, Detail detail, Page& page) const override {
    if (protobuf_) {
      page = Page{};
      return ParseGetProtobuf(response, detail, page);
    }
    return ParseJsonPage(response.body, detail,
                         {"next_partition_cursor", "records", "data", "sequence_number"}, page);
  }

 private:
  bool ParseGetProtobuf(const Response& response, Detail detail, Page& page) const {
    wire::GetRecordsResult result;
    if (!result.ParsePartialFromString(response.body)) return false;
    page.next = result.nextsharditerator();
    for (auto& r : *result.mutable_records()) {
      ++page.count;
      page.bytes += r.data().size();
      if (detail == Detail::kCount) continue;
      PageRecord record;
      record.header = ParseHeader(r.data());
      if (detail == Detail::kFull) {
        record.sequence = r.sequencenumber();
        record.data = std::move(*r.mutable_data());
      }
      page.records.push_back(std::move(record));
    }
    return true;
  }

  const std::string base_;
  const bool protobuf_;
};

}  // namespace

std::unique_ptr<Protocol> MakeDisProtocol(const std::string& project, bool protobuf) {
  return std::make_unique<DisProtocol>(project, protobuf);
}

}  // namespace disd::bench
