// PutRecords payload rules and what comes back: binary round trips, the empty record, the
// 500-record and byte limits (per record and per request, by stream type), strict base64,
// missing streams and the stream_id fallback, producer timestamps, partition_key echo,
// dense string sequence numbers (seed 004 5.4.1-5.4.2; dis-behaviour.md edge cases 1, 6-10,
// 18, 19, 31).
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

constexpr std::size_t kMiB = 1u << 20;

class RecordsPutTest : public DisdTest {
 protected:
  void SetUp() override {
    DisdTest::SetUp();
    if (HasFatalFailure()) return;
    dis().CreateOk("s", 2);
  }
  std::string Range(const std::string& stream = "s", int partition = 0) {
    return dis().Partition(stream, partition).value("sequence_number_range", "");
  }
  json RawPut(json records, const std::string& stream = "s") {
    return json{{"stream_name", stream}, {"records", std::move(records)}};
  }
};

TEST_F(RecordsPutTest, BinaryDataRoundTripsExactly) {
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  std::vector<std::string> payloads = {all_bytes, Bytes(1000, 7), std::string(1, '\0'),
                                       "a",       "ab",           "abc"};
  std::vector<Record> records;
  for (const auto& p : payloads) records.push_back(ToPartition(p, "0"));
  json put = dis().PutOk("s", records);
  ASSERT_TRUE(put.is_object());
  ASSERT_EQ(put["records"].size(), payloads.size());
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    EXPECT_EQ(put["records"][i]["partition_id"], PartitionId(0));
    EXPECT_EQ(put["records"][i]["sequence_number"], std::to_string(i));
    EXPECT_FALSE(put["records"][i].contains("error_code")) << put["records"][i];
  }
  auto read = dis().ReadPartition("s", 0);
  ASSERT_EQ(read.size(), payloads.size());
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    EXPECT_EQ(read[i].data, payloads[i]) << i;
    EXPECT_EQ(read[i].sequence_number, static_cast<std::int64_t>(i));
  }
}

TEST_F(RecordsPutTest, EmptyDataStringIsAZeroLengthRecord) {
  DisResponse r = dis().PutRecords(RawPut({{{"data", ""}, {"partition_id", "0"}}}));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["failed_record_count"], 0);
  auto read = dis().ReadPartition("s", 0);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].data, "");
  EXPECT_EQ(read[0].raw["data"], "");
}

TEST_F(RecordsPutTest, FiveHundredRecordsAcceptedFiveHundredOneRejected) {
  std::vector<Record> records(500, ToPartition("x", "0"));
  json put = dis().PutOk("s", records);
  ASSERT_TRUE(put.is_object());
  EXPECT_EQ(put["records"].size(), 500u);
  EXPECT_EQ(put["records"][499]["sequence_number"], "499");
  records.push_back(ToPartition("x", "0"));
  EXPECT_TRUE(IsDisError(dis().PutRecords("s", records), 400, "DIS.4200"));
  EXPECT_EQ(Range(), "[0 : 500]");
}

TEST_F(RecordsPutTest, EmptyRecordsArrayIsDis4202) {
  EXPECT_TRUE(IsDisError(dis().PutRecords(RawPut(json::array())), 400, "DIS.4202"));
  EXPECT_EQ(Range(), "[0 : 0]");
}

TEST_F(RecordsPutTest, DataMustBePaddedStandardBase64NamingTheIndex) {
  for (json bad : {json("YWI"), json("YWJjZA"), json("-_8="), json("YW Jj"), json("YWJj\n"),
                   json("!!!!"), json("Y==="), json("YWJj="), json(5), json(nullptr)}) {
    SCOPED_TRACE(bad.dump());
    json records = json::array();
    for (int i = 0; i < 7; ++i) records.push_back({{"data", Base64("ok")}, {"partition_id", "0"}});
    records.push_back({{"data", bad}, {"partition_id", "0"}});
    records.push_back({{"data", Base64("ok")}, {"partition_id", "0"}});
    DisResponse r = dis().PutRecords(RawPut(records));
    ASSERT_TRUE(IsDisError(r, 400, "DIS.4200"));
    EXPECT_NE(r.doc["message"].get<std::string>().find('7'), std::string::npos) << r.body;
  }
  DisResponse missing = dis().PutRecords(RawPut({{{"partition_id", "0"}}}));
  EXPECT_TRUE(IsDisError(missing, 400, "DIS.4200"));
  EXPECT_EQ(Range(), "[0 : 0]");
}

TEST_F(RecordsPutTest, RecordOfExactlyOneMiBIsAccepted) {
  std::string big = Bytes(kMiB, 3);
  json put = dis().PutOk("s", {ToPartition(big, "1")});
  ASSERT_TRUE(put.is_object());
  auto read = dis().ReadPartition("s", 1);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].data.size(), kMiB);
  EXPECT_TRUE(read[0].data == big);
}

TEST_F(RecordsPutTest, RecordAboveOneMiBIsDis4200NamingTheIndex) {
  // ADVANCED so that the 5 MiB request limit is not what trips.
  dis().CreateOk("adv", 1, {{"stream_type", "ADVANCED"}});
  DisResponse r = dis().PutRecords(
      "adv", {ToPartition("a", "0"), ToPartition("b", "0"), ToPartition(Bytes(kMiB + 1), "0")});
  ASSERT_TRUE(IsDisError(r, 400, "DIS.4200"));
  EXPECT_NE(r.doc["message"].get<std::string>().find('2'), std::string::npos) << r.body;
  EXPECT_EQ(Range("adv"), "[0 : 0]");
}

TEST_F(RecordsPutTest, CommonRequestAboveOneMiBIs413AndWritesNothing) {
  std::string half = Bytes(kMiB / 2, 5);
  EXPECT_TRUE(dis().PutOk("s", {ToPartition(half, "0"), ToPartition(half, "1")}).is_object());
  DisResponse r = dis().PutRecords("s", {ToPartition(half, "0"), ToPartition(half + "x", "1")});
  EXPECT_TRUE(IsDisError(r, 413, "DIS.4200"));
  EXPECT_EQ(Range("s", 0), "[0 : 1]");
  EXPECT_EQ(Range("s", 1), "[0 : 1]");
  // Keys do not count towards the request size.
  EXPECT_TRUE(
      dis().PutOk("s", {WithKey(half, std::string(200, 'k')), WithKey(half, "k2")}).is_object());
}

TEST_F(RecordsPutTest, AdvancedStreamAllowsFiveMiBPerRequest) {
  dis().CreateOk("adv", 1, {{"stream_type", "ADVANCED"}});
  std::vector<Record> five;
  for (int i = 0; i < 5; ++i) five.push_back(ToPartition(Bytes(kMiB, i), "0"));
  EXPECT_TRUE(dis().PutOk("adv", five).is_object());
  five.push_back(ToPartition("!", "0"));
  EXPECT_TRUE(IsDisError(dis().PutRecords("adv", five), 413, "DIS.4200"));
  EXPECT_EQ(Range("adv"), "[0 : 5]");
}

TEST_F(RecordsPutTest, MissingStreamIsDis4301AndStreamIdIsTheFallback) {
  EXPECT_TRUE(IsDisError(dis().PutRecords("nope", {ToPartition("x", "0")}), 400, "DIS.4301"));
  std::string id = dis().DescribeOk("s")["stream_id"];
  json record = {{"data", Base64("by-id")}, {"partition_id", "0"}};
  EXPECT_TRUE(HasStatus(
      dis().PutRecords({{"stream_name", ""}, {"stream_id", id}, {"records", {record}}}), 200));
  EXPECT_TRUE(HasStatus(
      dis().PutRecords({{"stream_name", "nope"}, {"stream_id", id}, {"records", {record}}}), 200));
  EXPECT_TRUE(HasStatus(dis().PutRecords({{"stream_id", id}, {"records", {record}}}), 200));
  EXPECT_TRUE(IsDisError(
      dis().PutRecords({{"stream_name", "nope"}, {"stream_id", "nope"}, {"records", {record}}}),
      400, "DIS.4301"));
  EXPECT_EQ(Range(), "[0 : 3]");
}

TEST_F(RecordsPutTest, ProducerTimestampIsKeptElseArrivalTime) {
  std::int64_t now = dis().AdvanceClock(777);
  Record with_ts = ToPartition("a", "0");
  with_ts.timestamp = 1234567890123;
  dis().PutOk("s", {with_ts, ToPartition("b", "0")});
  auto read = dis().ReadPartition("s", 0);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].timestamp, 1234567890123);
  EXPECT_EQ(read[1].timestamp, now);
}

TEST_F(RecordsPutTest, PartitionKeyIsReturnedOnlyWhenSent) {
  Record keyed = WithKey("k", "the-key");
  keyed.partition_id = "0";
  dis().PutOk("s", {keyed, ToPartition("p", "0")});
  auto read = dis().ReadPartition("s", 0);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].partition_key, std::optional<std::string>("the-key"));
  EXPECT_FALSE(read[1].partition_key.has_value()) << read[1].raw;
  EXPECT_TRUE(!read[1].raw.contains("partition_key") || read[1].raw["partition_key"].is_null())
      << read[1].raw;
}

TEST_F(RecordsPutTest, SequenceNumbersAreDenseDecimalStringsPerPartition) {
  std::vector<std::string> seen;
  for (int req = 0; req < 3; ++req) {
    json put = dis().PutOk("s", std::vector<Record>(4, ToPartition("x", "0")));
    ASSERT_TRUE(put.is_object());
    for (const auto& e : put["records"]) {
      ASSERT_TRUE(e["sequence_number"].is_string()) << e;
      seen.push_back(e["sequence_number"]);
    }
  }
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], std::to_string(i));
  EXPECT_EQ(dis().PutToPartition("s", 1, 2), std::vector<std::int64_t>({0, 1}));
  EXPECT_EQ(Range("s", 0), "[0 : 12]");
  EXPECT_EQ(Range("s", 1), "[0 : 2]");
}

}  // namespace
}  // namespace disd::test
