// The hot-path JSON of PutRecords and GetRecords: the simdjson decoder gives the generic
// decoder's results and error messages, and the writers produce exactly the bytes the
// nlohmann encoder did.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/put_records_json_parser.h"
#include "api/records_json_writer.h"
#include "disd/common/base64.h"
#include "disd/common/error_table.h"
#include "disd/common/partition_id.h"

namespace disd::api {
namespace {

using nlohmann::json;

Result<service::PutRecordsCommand> Parse(std::string_view body) {
  auto parsed = ParsePutRecordsJson(body);
  EXPECT_TRUE(parsed.has_value()) << body;
  return parsed ? std::move(*parsed) : Result<service::PutRecordsCommand>(MakeError(ErrorCode::kInternal));
}

std::string Message(std::string_view body) {
  auto r = Parse(body);
  EXPECT_FALSE(r.ok()) << body;
  return r.ok() ? "" : std::string(DescribeError(r.error().code).dis_code) + " " + FormatErrorMessage(r.error());
}

TEST(PutRecordsJsonParserTest, DecodesEveryField) {
  auto r = Parse(R"({"stream_name":"s","stream_id":"id","x":[1,{"y":null}],"records":[
      {"data":"aGVsbG8=","partition_id":"shardId-0000000001","explicit_hash_key":"42",
       "partition_key":"k\u00e9\"","timestamp":"1700000000000"},
      {"data":"","timestamp":17,"partition_key":null},
      {"data":"AAEC","timestamp":""}]})");
  ASSERT_TRUE(r.ok()) << FormatErrorMessage(r.error());
  EXPECT_EQ(r->stream_name, "s");
  EXPECT_EQ(r->stream_id, "id");
  ASSERT_EQ(r->records.size(), 3u);
  EXPECT_EQ(r->records[0].data, "hello");
  EXPECT_EQ(r->records[0].partition_id, "shardId-0000000001");
  EXPECT_EQ(r->records[0].explicit_hash_key, "42");
  EXPECT_EQ(r->records[0].partition_key, "k\xc3\xa9\"");
  EXPECT_EQ(r->records[0].timestamp_ms, 1700000000000);
  EXPECT_EQ(r->records[1].data, "");
  EXPECT_EQ(r->records[1].timestamp_ms, 17);
  EXPECT_FALSE(r->records[1].partition_key.has_value());
  EXPECT_EQ(r->records[2].data, std::string("\x00\x01\x02", 3));
  EXPECT_FALSE(r->records[2].timestamp_ms.has_value());
}

TEST(PutRecordsJsonParserTest, RepeatedKeysKeepTheLastValue) {
  auto r = Parse(R"({"stream_name":"a","stream_name":"b","records":[{"data":"","data":"AA=="}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->stream_name, "b");
  EXPECT_EQ(r->records[0].data, std::string(1, '\0'));
}

TEST(PutRecordsJsonParserTest, AnswersTheGenericDecodersErrors) {
  EXPECT_EQ(Message(""), "DIS.4202 Empty request.");
  EXPECT_EQ(Message("[1]"), "DIS.4200 Invalid request. [body must be a JSON object]");
  EXPECT_EQ(Message(R"({"stream_name":1,"stream_id":2})"),
            "DIS.4200 Invalid request. [stream_name must be a string]");
  EXPECT_EQ(Message(R"({"stream_id":2})"), "DIS.4200 Invalid request. [stream_id must be a string]");
  EXPECT_EQ(Message(R"({"stream_name":"","records":[]})"),
            "DIS.4200 Invalid request. [stream_name is required]");
  EXPECT_EQ(Message(R"({"stream_name":"s"})"), "DIS.4202 Empty request.");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":null})"), "DIS.4202 Empty request.");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":{}})"),
            "DIS.4200 Invalid request. [records must be an array]");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":[{"data":"AA=="},3]})"),
            "DIS.4200 Invalid request. [records[1]: must be an object]");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":[{"data":7}]})"),
            "DIS.4200 Invalid request. [records[0]: data must be a base64 string]");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":[{}]})"),
            "DIS.4200 Invalid request. [records[0]: data must be a base64 string]");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":[{"data":"AA="}]})"),
            "DIS.4200 Invalid request. [records[0]: data is not valid base64]");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":[{"data":"","partition_key":5,"partition_id":6}]})"),
            "DIS.4200 Invalid request. [records[0]: Invalid request. [partition_id must be a string]]");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":[{"data":"","timestamp":1.5}]})"),
            "DIS.4200 Invalid request. [records[0]: Invalid request. [timestamp must be an integer]]");
  EXPECT_EQ(Message(R"({"stream_name":"s","records":[{"data":"","timestamp":"x"}]})"),
            "DIS.4200 Invalid request. [records[0]: Invalid request. [timestamp must be an integer]]");
}

TEST(PutRecordsJsonParserTest, LeavesUnreadableBodiesToTheGenericDecoder) {
  EXPECT_FALSE(ParsePutRecordsJson("{").has_value());
  EXPECT_FALSE(ParsePutRecordsJson("   ").has_value());
  EXPECT_FALSE(ParsePutRecordsJson(R"({"a":tru})").has_value());
  EXPECT_FALSE(ParsePutRecordsJson(R"({"a":1} x)").has_value());
}

// What the nlohmann encoder produced (the reference the writers must match).
std::string ReferencePut(const service::PutRecordsOutcome& outcome) {
  json records = json::array();
  for (const auto& r : outcome.records) {
    json entry = json::object();
    if (r.partition >= 0) entry["partition_id"] = FormatPartitionId(r.partition);
    if (r.error) {
      entry["error_code"] = DescribeError(r.error->code).dis_code;
      entry["error_message"] = FormatErrorMessage(*r.error);
    } else {
      entry["sequence_number"] = std::to_string(r.sequence_number);
    }
    records.push_back(std::move(entry));
  }
  return json({{"failed_record_count", outcome.failed_record_count}, {"records", records}})
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ReferenceGet(const service::GetRecordsOutcome& outcome) {
  json records = json::array();
  for (const auto& r : outcome.records) {
    json entry = {{"sequence_number", std::to_string(r.sequence_number)},
                  {"data", Base64Encode(r.data)},
                  {"timestamp", r.timestamp_ms},
                  {"timestamp_type", "CreateTime"}};
    if (r.partition_key) entry["partition_key"] = *r.partition_key;
    records.push_back(std::move(entry));
  }
  return json({{"records", records}, {"next_partition_cursor", outcome.next_cursor}})
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

TEST(RecordsJsonWriterTest, PutAnswerIsByteForByteTheReference) {
  service::PutRecordsOutcome outcome;
  outcome.records.push_back({3, 12, std::nullopt});
  outcome.records.push_back({1, -1, MakeError(ErrorCode::kTrafficControl)});
  outcome.records.push_back({-1, -1, MakeError(ErrorCode::kInvalidPartitionId, "[\"x\"\n\xff]")});
  outcome.records.push_back({0, 9223372036854775807LL, std::nullopt});
  outcome.failed_record_count = 2;
  HttpResponse r = WritePutRecordsJson(outcome);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, ReferencePut(outcome));
  EXPECT_EQ(WritePutRecordsJson({}).body, ReferencePut({}));
}

TEST(RecordsJsonWriterTest, GetAnswerIsByteForByteTheReference) {
  service::GetRecordsOutcome outcome;
  outcome.next_cursor = "eyJh-_";
  engine::LogRecord a;
  a.sequence_number = 5;
  a.timestamp_ms = 1700000000123;
  a.data = std::string("\x00\xffxy", 4);
  engine::LogRecord b = a;
  b.sequence_number = 6;
  b.data.clear();
  b.partition_key = "k\"\\\t\x01\xc3\xa9\xe2\x82";  // escapes, UTF-8 and a truncated sequence
  outcome.records = {a, b};
  HttpResponse r = WriteGetRecordsJson(outcome);
  EXPECT_EQ(r.body, ReferenceGet(outcome));
  EXPECT_EQ(WriteGetRecordsJson({}).body, ReferenceGet({}));
}

}  // namespace
}  // namespace disd::api
