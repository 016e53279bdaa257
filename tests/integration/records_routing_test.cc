// PutRecords routing: partition_id (either form) beats explicit_hash_key beats
// partition_key (MD5, first 8 bytes big-endian, 63 bits: computed here independently), else
// round-robin; hash-range boundaries; malformed and unknown partition ids, with per-record
// errors index-aligned in a 200 answer (dis-behaviour.md edge cases 11-16).
#include <map>
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class RecordsRoutingTest : public DisdTest {
 protected:
  // Volumes beyond a partition's traffic budget; limits are traffic_control_test.cc's.
  ServerOptions Options() const override { return WithConfig({{"traffic_control", false}}); }
  void SetUp() override {
    DisdTest::SetUp();
    if (HasFatalFailure()) return;
    dis().CreateOk("s", 3);
  }
  // The partition id the server reports for one record.
  std::string RoutedTo(const Record& record) {
    json put = dis().PutOk("s", {record});
    if (!put.is_object() || put["records"].empty()) return "<failed>";
    return put["records"][0].value("partition_id", "<none>");
  }
  std::string Ranges() {
    std::string out;
    for (int k = 0; k < 3; ++k) out += dis().Partition("s", k).value("sequence_number_range", "");
    return out;
  }
};

TEST_F(RecordsRoutingTest, PartitionIdWinsOverHashKeyAndPartitionKey) {
  Record r = WithKey("x", "some-key");
  r.explicit_hash_key = "0";
  r.partition_id = "2";
  EXPECT_EQ(RoutedTo(r), PartitionId(2));
  r.partition_id = "shardId-0000000001";
  EXPECT_EQ(RoutedTo(r), PartitionId(1));
}

TEST_F(RecordsRoutingTest, ExplicitHashKeyWinsOverPartitionKey) {
  // Find a key that hashes to partition 0, then override it with the top of the space.
  std::string key;
  for (int i = 0; key.empty(); ++i) {
    std::string candidate = "key-" + std::to_string(i);
    if (PartitionForHash(KeyHash(candidate), 3) == 0) key = candidate;
  }
  EXPECT_EQ(RoutedTo(WithKey("x", key)), PartitionId(0));
  Record r = WithKey("x", key);
  r.explicit_hash_key = std::to_string(kMaxLong);
  EXPECT_EQ(RoutedTo(r), PartitionId(2));
}

TEST_F(RecordsRoutingTest, ExplicitHashKeyBoundaries) {
  EXPECT_EQ(RoutedTo(WithHash("x", "0")), PartitionId(0));
  EXPECT_EQ(RoutedTo(WithHash("x", "9223372036854775807")), PartitionId(2));
  for (int k = 0; k < 3; ++k) {
    SCOPED_TRACE(k);
    EXPECT_EQ(RoutedTo(WithHash("x", std::to_string(RangeLo(k, 3)))), PartitionId(k));
    EXPECT_EQ(RoutedTo(WithHash("x", std::to_string(RangeHi(k, 3)))), PartitionId(k));
  }
  EXPECT_EQ(RoutedTo(WithHash("x", "3074457345618258602")), PartitionId(0));
  EXPECT_EQ(RoutedTo(WithHash("x", "3074457345618258603")), PartitionId(1));
  std::string before = Ranges();
  for (const char* bad :
       {"-1", "9223372036854775808", "18446744073709551616", "abc", "1.5", " 5", "+5", "0x10"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(IsDisError(dis().PutRecords("s", {WithHash("ok", "1"), WithHash("x", bad)}), 400,
                           "DIS.4200"));
  }
  EXPECT_EQ(Ranges(), before);
}

TEST_F(RecordsRoutingTest, PartitionKeyRoutesByMd5AndIsStable) {
  std::map<int, int> per_partition;
  for (int i = 0; i < 40; ++i) {
    std::string key = "user-" + std::to_string(i * 7919);
    int expected = PartitionForHash(KeyHash(key), 3);
    ++per_partition[expected];
    SCOPED_TRACE(key);
    EXPECT_EQ(RoutedTo(WithKey("x", key)), PartitionId(expected));
    EXPECT_EQ(RoutedTo(WithKey("y", key)), PartitionId(expected));
  }
  // The sample is large enough to touch every partition; otherwise the test proves little.
  EXPECT_EQ(per_partition.size(), 3u);
  // Unicode keys hash their UTF-8 bytes.
  EXPECT_EQ(RoutedTo(WithKey("z", "键-ключ")),
            PartitionId(PartitionForHash(KeyHash("键-ключ"), 3)));
}

TEST_F(RecordsRoutingTest, ManyRandomKeysSpreadEvenly) {
  std::map<std::string, int> counts;
  for (int req = 0; req < 10; ++req) {
    std::vector<Record> records;
    for (int i = 0; i < 500; ++i) {
      records.push_back(WithKey("v", "k" + std::to_string((req * 500 + i) * 2654435761ULL)));
    }
    json put = dis().PutOk("s", records);
    ASSERT_TRUE(put.is_object());
    for (int i = 0; i < 500; ++i) {
      std::string pid = put["records"][i].value("partition_id", "");
      EXPECT_EQ(pid, PartitionId(PartitionForHash(KeyHash(records[i].partition_key.value()), 3)));
      ++counts[pid];
    }
  }
  ASSERT_EQ(counts.size(), 3u);
  for (const auto& [pid, n] : counts) {
    EXPECT_GT(n, 5000 / 3 * 9 / 10) << pid;
    EXPECT_LT(n, 5000 / 3 * 11 / 10) << pid;
  }
}

TEST_F(RecordsRoutingTest, RecordsWithoutRoutingInformationAreSpreadRoundRobin) {
  json put = dis().PutOk("s", std::vector<Record>(30, Plain("x")));
  ASSERT_TRUE(put.is_object());
  std::map<std::string, int> counts;
  for (const auto& e : put["records"]) ++counts[e.value("partition_id", "")];
  EXPECT_EQ(counts, (std::map<std::string, int>{
                        {PartitionId(0), 10}, {PartitionId(1), 10}, {PartitionId(2), 10}}));
}

TEST_F(RecordsRoutingTest, BothPartitionIdFormsAreTheSamePartition) {
  json put = dis().PutOk("s", {ToPartition("a", "2"), ToPartition("b", "shardId-0000000002"),
                               ToPartition("c", "0"), ToPartition("d", "shardId-0000000000")});
  ASSERT_TRUE(put.is_object());
  EXPECT_EQ(put["records"][0]["partition_id"], PartitionId(2));
  EXPECT_EQ(put["records"][1]["partition_id"], PartitionId(2));
  EXPECT_EQ(put["records"][1]["sequence_number"], "1");
  EXPECT_EQ(put["records"][3]["partition_id"], PartitionId(0));
  EXPECT_EQ(put["records"][3]["sequence_number"], "1");
}

TEST_F(RecordsRoutingTest, MalformedPartitionIdIsDis4201) {
  for (const char* bad : {"abc", "shard-1", "-1", "1a", "shardId-", "shardId-00000000x1"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(IsDisError(dis().PutRecords("s", {ToPartition("x", bad)}), 400, "DIS.4201"));
  }
  EXPECT_EQ(Ranges(), "[0 : 0][0 : 0][0 : 0]");
}

TEST_F(RecordsRoutingTest, UnknownPartitionIdFailsOnlyThatRecordIndexAligned) {
  DisResponse r = dis().PutRecords(
      "s", {ToPartition("good0", "0"), ToPartition("bad1", "9"), ToPartition("good2", "1"),
            ToPartition("bad3", "shardId-0000000003"), ToPartition("good4", "0")});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["failed_record_count"], 2);
  ASSERT_EQ(r.doc["records"].size(), 5u);
  for (int i : {1, 3}) {
    SCOPED_TRACE(i);
    const json& e = r.doc["records"][i];
    EXPECT_EQ(e.value("error_code", ""), "DIS.4302");
    EXPECT_FALSE(e.value("error_message", "").empty());
    EXPECT_FALSE(e.contains("sequence_number") && e["sequence_number"].is_string() &&
                 !e["sequence_number"].get<std::string>().empty())
        << e;
  }
  EXPECT_EQ(r.doc["records"][0]["partition_id"], PartitionId(0));
  EXPECT_EQ(r.doc["records"][0]["sequence_number"], "0");
  EXPECT_EQ(r.doc["records"][2]["partition_id"], PartitionId(1));
  EXPECT_EQ(r.doc["records"][2]["sequence_number"], "0");
  EXPECT_EQ(r.doc["records"][4]["partition_id"], PartitionId(0));
  EXPECT_EQ(r.doc["records"][4]["sequence_number"], "1");
  for (int i : {0, 2, 4}) EXPECT_FALSE(r.doc["records"][i].contains("error_code"));
  auto p0 = dis().ReadPartition("s", 0);
  ASSERT_EQ(p0.size(), 2u);
  EXPECT_EQ(p0[0].data, "good0");
  EXPECT_EQ(p0[1].data, "good4");
  EXPECT_EQ(Ranges(), "[0 : 2][0 : 1][0 : 0]");
}

TEST_F(RecordsRoutingTest, EmptyStringsFromTheGoSdkMeanAbsent) {
  DisResponse r =
      dis().Call("POST", dis().V2("/records"),
                 R"({"stream_name":"s","stream_id":"","records":[{"data":")" + Base64("go") +
                     R"(","explicit_hash_key":"","partition_id":"","partition_key":""}]})");
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["failed_record_count"], 0);
  ASSERT_EQ(r.doc["records"].size(), 1u);
  EXPECT_TRUE(r.doc["records"][0]["sequence_number"].is_string());
}

TEST_F(RecordsRoutingTest, OnlyTheStreamsWritablePartitionsAreUsed) {
  dis().CreateOk("one", 1);
  for (const char* hash : {"0", "4611686018427387904", "9223372036854775807"}) {
    json put = dis().PutOk("one", {WithHash("x", hash)});
    ASSERT_TRUE(put.is_object());
    EXPECT_EQ(put["records"][0]["partition_id"], PartitionId(0));
  }
  DisResponse r = dis().PutRecords("one", {ToPartition("x", "1")});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["failed_record_count"], 1);
  EXPECT_EQ(r.doc["records"][0].value("error_code", ""), "DIS.4302");
}

}  // namespace
}  // namespace disd::test
