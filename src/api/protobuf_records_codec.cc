// The protobuf codec of PutRecords and GetRecords (sdk-wire.md section 2): the messages of
// src/api/proto/dis.proto, record data as raw bytes, every proto2-required response field
// (failedRecordCount, nextShardIterator, sequenceNumber) always sent, responses labelled
// `application/x-protobuf`. Request fields the SDKs may leave out (streamName, streamId)
// are optional, so Java's and Python's requests both parse.
#include <algorithm>
#include <cctype>

#include "api/proto/dis.pb.h"
#include "api/records_codec.h"
#include "disd/common/error_table.h"
#include "disd/common/partition_id.h"

namespace disd::api {

namespace {

HttpResponse ProtobufResponse(const google::protobuf::MessageLite& message) {
  HttpResponse r;
  r.status = 200;
  r.content_type = kProtobufContentType;
  message.SerializePartialToString(&r.body);
  return r;
}

class ProtobufCodec final : public RecordsCodec {
 public:
  Result<service::PutRecordsCommand> DecodePut(const RequestContext& ctx) const override {
    const std::string& body = ctx.http.body;
    if (body.empty()) return MakeError(ErrorCode::kEmptyRequest);
    wire::PutRecordsRequest request;
    // Partial: a message missing a field some SDK declares required still parses.
    if (!request.ParsePartialFromString(body)) {
      return MakeError(ErrorCode::kInvalidRequest, "[body is not a valid PutRecordsRequest]");
    }
    service::PutRecordsCommand command;
    command.stream_name = request.streamname();
    command.stream_id = request.streamid();
    if (command.stream_name.empty() && command.stream_id.empty()) {
      return MakeError(ErrorCode::kInvalidRequest, "[stream_name is required]");
    }
    command.records.reserve(static_cast<std::size_t>(request.records_size()));
    for (auto& r : *request.mutable_records()) {
      service::PutRecordEntry entry;
      entry.data = std::move(*r.mutable_data());
      if (r.has_partitionid()) entry.partition_id = r.partitionid();
      if (r.has_explicithashkey()) entry.explicit_hash_key = r.explicithashkey();
      if (r.has_partitionkey()) entry.partition_key = r.partitionkey();
      if (r.has_timestamp()) entry.timestamp_ms = r.timestamp();
      command.records.push_back(std::move(entry));
    }
    return command;
  }

  HttpResponse EncodePut(const service::PutRecordsOutcome& outcome) const override {
    wire::PutRecordsResult result;
    result.set_failedrecordcount(outcome.failed_record_count);
    for (const auto& r : outcome.records) {
      wire::PutRecordsResultEntry* entry = result.add_records();
      if (r.partition >= 0) entry->set_shardid(FormatPartitionId(r.partition));
      if (r.error) {
        entry->set_errorcode(std::string(DescribeError(r.error->code).dis_code));
        entry->set_errormessage(FormatErrorMessage(*r.error));
      } else {
        entry->set_sequencenumber(std::to_string(r.sequence_number));
      }
    }
    return ProtobufResponse(result);
  }

  HttpResponse EncodeGet(const service::GetRecordsOutcome& outcome) const override {
    wire::GetRecordsResult result;
    result.set_nextsharditerator(outcome.next_cursor);
    for (const auto& r : outcome.records) {
      wire::Record* record = result.add_records();
      if (r.partition_key) record->set_partitionkey(*r.partition_key);
      record->set_sequencenumber(std::to_string(r.sequence_number));
      record->set_data(r.data);
      record->set_timestamp(r.timestamp_ms);
      record->set_timestamptype("CreateTime");
    }
    return ProtobufResponse(result);
  }
};

}  // namespace

const RecordsCodec& ProtobufRecordsCodec() {
  static const ProtobufCodec codec;
  return codec;
}

bool IsProtobufContentType(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  const std::string_view expected = kProtobufContentType;
  return type.size() == expected.size() &&
         std::equal(type.begin(), type.end(), expected.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

const RecordsCodec& RecordsCodecFor(const HttpRequest& request) {
  return IsProtobufContentType(request.Header("Content-Type")) ? ProtobufRecordsCodec()
                                                               : JsonRecordsCodec();
}

}  // namespace disd::api
