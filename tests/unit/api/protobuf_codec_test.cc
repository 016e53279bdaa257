// The protobuf codec of PutRecords/GetRecords against the bytes the SDKs sent and parsed
// in the observations (sdk-wire.md A.2 and A.5), and the JSON/protobuf choice by
// Content-Type.
#include <gtest/gtest.h>

#include "api/proto/dis.pb.h"
#include "api/records_codec.h"

namespace disd::api {
namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// Legacy Python (A.2): streamId (field 30) present and empty.
constexpr std::string_view kPythonPut =
    "0a0a6361705f73747265616d120f1a0968656c6c6f2d6469732a026b31121c1a067365636f6e643212736861"
    "726449642d30303030303030303030f20100";
// Legacy Java (A.5): no field 30.
constexpr std::string_view kJavaPut =
    "0a0a6361705f73747265616d120f1a0968656c6c6f2d6469732a026b31121c1a067365636f6e643212736861"
    "726449642d30303030303030303030";
// What the test server answered to both, and the SDKs decoded.
constexpr std::string_view kPutResult =
    "a80100b20119ba0112736861726449642d30303030303030303030c2010130b20119ba011273686172644964"
    "2d30303030303030303030c2010131";
// The start of the observed GetRecords answer (the appendix cuts it off; its last, odd hex
// digit is dropped here): field 14 (nextShardIterator), 248 bytes, then the cursor.
constexpr std::string_view kGetResultPrefix =
    "72f80165794a6e5a58524a6447567959585276636c4268636d4674496a7037496e4e30636d56686253317559"
    "57316c496a6f695932467758334e30636d566862534";

Result<service::PutRecordsCommand> Decode(std::string body, std::string content_type) {
  HttpRequest http;
  http.method = "POST";
  http.target = "/v2/p/records";
  http.body = std::move(body);
  http.headers = {{"Content-Type", std::move(content_type)}};
  RequestContext ctx{http, "/v2/p/records", QueryParams::Parse(""), {}, {}};
  return RecordsCodecFor(http).DecodePut(ctx);
}

TEST(ProtobufCodecTest, DecodesThePythonAndJavaRequests) {
  for (const auto& [hex, type] : {std::pair{kPythonPut, "application/x-protobuf;charset=utf-8"},
                                  std::pair{kJavaPut, "application/x-protobuf; charset=utf-8"}}) {
    auto command = Decode(FromHex(hex), type);
    ASSERT_TRUE(command.ok()) << command.error().detail;
    EXPECT_EQ(command->stream_name, "cap_stream");
    EXPECT_EQ(command->stream_id, "");
    ASSERT_EQ(command->records.size(), 2u);
    EXPECT_EQ(command->records[0].data, "hello-dis");
    EXPECT_EQ(command->records[0].partition_key, "k1");
    EXPECT_FALSE(command->records[0].partition_id.has_value());
    EXPECT_FALSE(command->records[0].timestamp_ms.has_value());
    EXPECT_EQ(command->records[1].data, "second");
    EXPECT_EQ(command->records[1].partition_id, "shardId-0000000000");
    EXPECT_FALSE(command->records[1].partition_key.has_value());
  }
}

TEST(ProtobufCodecTest, RejectsEmptyAndMalformedBodies) {
  auto empty = Decode("", "application/x-protobuf");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kEmptyRequest);
  auto garbage = Decode("\x0a\xff\xff\xff", "application/x-protobuf");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, ErrorCode::kInvalidRequest);
  // A message without a stream name or id.
  auto nameless = Decode(FromHex("120f1a0968656c6c6f2d6469732a026b31"), "application/x-protobuf");
  ASSERT_FALSE(nameless.ok());
  EXPECT_EQ(nameless.error().code, ErrorCode::kInvalidRequest);
}

TEST(ProtobufCodecTest, EncodesThePutResultTheSdksParsed) {
  service::PutRecordsOutcome outcome;
  outcome.records = {{0, 0, std::nullopt}, {0, 1, std::nullopt}};
  HttpResponse response = ProtobufRecordsCodec().EncodePut(outcome);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/x-protobuf");
  EXPECT_EQ(ToHex(response.body), kPutResult);
}

TEST(ProtobufCodecTest, FailedEntriesCarryTheDisCodeAndNoSequenceNumber) {
  service::PutRecordsOutcome outcome;
  outcome.failed_record_count = 1;
  outcome.records = {{-1, -1, MakeError(ErrorCode::kPartitionNotFound, "[shardId-0000000009]")}};
  wire::PutRecordsResult result;
  ASSERT_TRUE(result.ParseFromString(ProtobufRecordsCodec().EncodePut(outcome).body));
  EXPECT_EQ(result.failedrecordcount(), 1);
  ASSERT_EQ(result.records_size(), 1);
  EXPECT_EQ(result.records(0).errorcode(), "DIS.4302");
  EXPECT_NE(result.records(0).errormessage().find("shardId-0000000009"), std::string::npos);
  EXPECT_FALSE(result.records(0).has_sequencenumber());
  EXPECT_FALSE(result.records(0).has_shardid());
}

TEST(ProtobufCodecTest, EncodesGetRecordsWithTheRequiredFieldsFirst) {
  service::GetRecordsOutcome outcome;
  // The observed cursor began like this and was 248 characters long.
  outcome.next_cursor = FromHex(kGetResultPrefix.substr(6, kGetResultPrefix.size() - 7));
  outcome.next_cursor.resize(248, 'A');
  engine::LogRecord record;
  record.sequence_number = 0;
  record.data = "hello-dis";
  record.timestamp_ms = 1700000000123;
  outcome.records.push_back(record);
  HttpResponse response = ProtobufRecordsCodec().EncodeGet(outcome);
  EXPECT_EQ(response.content_type, "application/x-protobuf");
  EXPECT_TRUE(ToHex(response.body).starts_with(kGetResultPrefix)) << ToHex(response.body);
  wire::GetRecordsResult result;
  ASSERT_TRUE(result.ParseFromString(response.body));  // every required field is there
  ASSERT_EQ(result.records_size(), 1);
  EXPECT_EQ(result.records(0).sequencenumber(), "0");
  EXPECT_EQ(result.records(0).data(), "hello-dis");
  EXPECT_EQ(result.records(0).timestamp(), 1700000000123);
  EXPECT_EQ(result.records(0).timestamptype(), "CreateTime");
  EXPECT_FALSE(result.records(0).has_partitionkey());
}

TEST(ProtobufCodecTest, AnEmptyPageStillSendsTheNextCursor) {
  service::GetRecordsOutcome outcome;
  EXPECT_EQ(ToHex(ProtobufRecordsCodec().EncodeGet(outcome).body), "7200");
  service::PutRecordsOutcome none;
  EXPECT_EQ(ToHex(ProtobufRecordsCodec().EncodePut(none).body), "a80100");
}

TEST(ProtobufCodecTest, ContentTypeChoosesTheCodec) {
  EXPECT_TRUE(IsProtobufContentType("application/x-protobuf"));
  EXPECT_TRUE(IsProtobufContentType("application/x-protobuf;charset=utf-8"));
  EXPECT_TRUE(IsProtobufContentType("Application/X-Protobuf ; charset=utf-8"));
  EXPECT_FALSE(IsProtobufContentType("application/json; charset=utf-8"));
  EXPECT_FALSE(IsProtobufContentType("application/x-protobuffer"));
  EXPECT_FALSE(IsProtobufContentType(""));
  HttpRequest get;
  get.headers = {{"content-type", "application/x-protobuf; charset=utf-8"}};
  EXPECT_EQ(&RecordsCodecFor(get), &ProtobufRecordsCodec());
  get.headers.clear();
  EXPECT_EQ(&RecordsCodecFor(get), &JsonRecordsCodec());
}

}  // namespace
}  // namespace disd::api
