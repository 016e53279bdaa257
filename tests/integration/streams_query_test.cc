// ListStreams and DescribeStream: byte-ordered paging with an exclusive start name, limit
// bounds, total_number; describe's partitions (ids, statuses, hash ranges exactly as
// design.md computes them, sequence_number_range) and its exclusive start_partitionId
// paging in both id forms (seed 004 5.1.2, 5.1.4; dis-behaviour.md edge case 33).
#include <algorithm>
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class StreamsListTest : public DisdTest {
 protected:
  std::vector<std::string> Names(const DisResponse& r) {
    std::vector<std::string> out;
    for (const auto& n : r.doc.value("stream_names", json::array())) out.push_back(n);
    return out;
  }
  void CreateNumbered(int count) {
    for (int i = 0; i < count; ++i) {
      char name[8];
      std::snprintf(name, sizeof name, "s%02d", i);
      dis().CreateOk(name, 1);
    }
  }
};

TEST_F(StreamsListTest, EmptyProjectListsNothing) {
  DisResponse r = dis().ListStreams();
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["total_number"], 0);
  EXPECT_EQ(r.doc["stream_names"], json::array());
  EXPECT_EQ(r.doc["has_more_streams"], false);
  EXPECT_TRUE(r.doc.value("stream_info_list", json::array()).empty());
}

TEST_F(StreamsListTest, NamesComeInByteOrder) {
  std::vector<std::string> names = {"b", "a", "C", "_x", "-y", "a_", "a-", "B0", "9"};
  for (const auto& n : names) dis().CreateOk(n, 1);
  std::sort(names.begin(), names.end());
  DisResponse r = dis().ListStreams({{"limit", "100"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Names(r), names);
  ASSERT_EQ(r.doc["stream_info_list"].size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(r.doc["stream_info_list"][i]["stream_name"], names[i]);
    EXPECT_EQ(r.doc["stream_info_list"][i]["partition_count"], 1);
    EXPECT_EQ(r.doc["stream_info_list"][i]["status"], "RUNNING");
  }
}

TEST_F(StreamsListTest, DefaultLimitIsTenAndTotalCountsEverything) {
  CreateNumbered(12);
  DisResponse r = dis().ListStreams();
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Names(r).size(), 10u);
  EXPECT_EQ(r.doc["has_more_streams"], true);
  EXPECT_EQ(r.doc["total_number"], 12);
}

TEST_F(StreamsListTest, LimitBounds) {
  CreateNumbered(12);
  for (const char* bad : {"0", "101", "-1", "abc", "1x"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(IsDisError(dis().ListStreams({{"limit", bad}}), 400, "DIS.4200"));
  }
  DisResponse one = dis().ListStreams({{"limit", "1"}});
  ASSERT_TRUE(HasStatus(one, 200));
  EXPECT_EQ(Names(one), std::vector<std::string>({"s00"}));
  EXPECT_EQ(one.doc["has_more_streams"], true);
  DisResponse hundred = dis().ListStreams({{"limit", "100"}});
  ASSERT_TRUE(HasStatus(hundred, 200));
  EXPECT_EQ(Names(hundred).size(), 12u);
  EXPECT_EQ(hundred.doc["has_more_streams"], false);
  DisResponse exact = dis().ListStreams({{"limit", "12"}});
  EXPECT_EQ(exact.doc["has_more_streams"], false) << exact.body;
}

TEST_F(StreamsListTest, PagingWithExclusiveStartName) {
  CreateNumbered(12);
  std::vector<std::string> seen;
  std::string start;
  for (int page = 0; page < 10; ++page) {
    Query q = {{"limit", "5"}};
    if (!start.empty()) q.emplace_back("start_stream_name", start);
    DisResponse r = dis().ListStreams(q);
    ASSERT_TRUE(HasStatus(r, 200));
    EXPECT_EQ(r.doc["total_number"], 12);
    auto names = Names(r);
    seen.insert(seen.end(), names.begin(), names.end());
    if (!r.doc["has_more_streams"].get<bool>()) break;
    ASSERT_FALSE(names.empty());
    start = names.back();
  }
  std::vector<std::string> expected;
  for (int i = 0; i < 12; ++i) expected.push_back((i < 10 ? "s0" : "s") + std::to_string(i));
  EXPECT_EQ(seen, expected);
  // A start name that is not a stream starts after its position.
  DisResponse between = dis().ListStreams({{"start_stream_name", "s045"}, {"limit", "2"}});
  EXPECT_EQ(Names(between), std::vector<std::string>({"s05", "s06"}));
  DisResponse after_all = dis().ListStreams({{"start_stream_name", "zzz"}});
  ASSERT_TRUE(HasStatus(after_all, 200));
  EXPECT_TRUE(Names(after_all).empty());
  EXPECT_EQ(after_all.doc["has_more_streams"], false);
  EXPECT_EQ(after_all.doc["total_number"], 12);
}

class StreamsDescribeTest : public DisdTest {
 protected:
  std::vector<std::string> Ids(const DisResponse& r) {
    std::vector<std::string> out;
    for (const auto& p : r.doc.value("partitions", json::array())) out.push_back(p["partition_id"]);
    return out;
  }
};

TEST_F(StreamsDescribeTest, HashRangesSplitTheSpaceAsDesigned) {
  for (int n : {1, 2, 3, 7}) {
    SCOPED_TRACE(n);
    std::string name = "h" + std::to_string(n);
    dis().CreateOk(name, n);
    json d = dis().DescribeOk(name);
    ASSERT_EQ(d["partitions"].size(), static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) {
      EXPECT_EQ(d["partitions"][k]["hash_range"], ExpectedHashRange(k, n));
    }
    EXPECT_EQ(d["partitions"][n - 1]["hash_range"].get<std::string>().substr(
                  d["partitions"][n - 1]["hash_range"].get<std::string>().find(':')),
              ": 9223372036854775807]");
  }
  EXPECT_EQ(dis().Partition("h1", 0)["hash_range"], "[0 : 9223372036854775807]");
  EXPECT_EQ(dis().Partition("h3", 1)["hash_range"], "[3074457345618258603 : 6148914691236517204]");
}

TEST_F(StreamsDescribeTest, SequenceNumberRangeIsFirstValidToNext) {
  dis().CreateOk("s", 2);
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"], "[0 : 0]");
  dis().PutToPartition("s", 0, 3);
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"], "[0 : 3]");
  EXPECT_EQ(dis().Partition("s", 1)["sequence_number_range"], "[0 : 0]");
  dis().PutToPartition("s", 0, 2);
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"], "[0 : 5]");
}

TEST_F(StreamsDescribeTest, PartitionPagingIsExclusiveInBothIdForms) {
  dis().CreateOk("s", 5);
  DisResponse r = dis().Describe("s", {{"limit_partitions", "2"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Ids(r), std::vector<std::string>({PartitionId(0), PartitionId(1)}));
  EXPECT_EQ(r.doc["has_more_partitions"], true);
  EXPECT_EQ(r.doc["writable_partition_count"], 5);
  EXPECT_EQ(r.doc["readable_partition_count"], 5);

  r = dis().Describe("s", {{"start_partitionId", "shardId-0000000001"}, {"limit_partitions", "2"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Ids(r), std::vector<std::string>({PartitionId(2), PartitionId(3)}));
  EXPECT_EQ(r.doc["has_more_partitions"], true);

  r = dis().Describe("s", {{"start_partitionId", "3"}, {"limit_partitions", "2"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Ids(r), std::vector<std::string>({PartitionId(4)}));
  EXPECT_EQ(r.doc["has_more_partitions"], false);

  r = dis().Describe("s", {{"start_partition_id", "1"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Ids(r), std::vector<std::string>({PartitionId(2), PartitionId(3), PartitionId(4)}));

  r = dis().Describe("s", {{"start_partitionId", "shardId-0000000004"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_TRUE(Ids(r).empty());
  EXPECT_EQ(r.doc["has_more_partitions"], false);

  r = dis().Describe("s", {{"limit_partitions", "5"}});
  EXPECT_EQ(r.doc["has_more_partitions"], false) << r.body;
  // The Java SDK's exact query.
  r = dis().Call("GET", dis().V2("/streams/s/?stream_name=s&start_partitionId=shardId-0000000000"
                                 "&limit_partitions=100&"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Ids(r).size(), 4u);
}

TEST_F(StreamsDescribeTest, PagingParameterValidation) {
  dis().CreateOk("s", 2);
  for (const char* bad : {"0", "1001", "-1", "x"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(IsDisError(dis().Describe("s", {{"limit_partitions", bad}}), 400, "DIS.4200"));
  }
  EXPECT_TRUE(HasStatus(dis().Describe("s", {{"limit_partitions", "1000"}}), 200));
  EXPECT_TRUE(HasStatus(dis().Describe("s", {{"limit_partitions", "1"}}), 200));
  for (const char* bad : {"abc", "shardId-x", "-1", "shard-0000000001", "1.0"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(IsDisError(dis().Describe("s", {{"start_partitionId", bad}}), 400, "DIS.4201"));
  }
}

TEST_F(StreamsDescribeTest, MissingStreamIsDis4301) {
  EXPECT_TRUE(IsDisError(dis().Describe("nope"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(dis().Describe("nope", {{"limit_partitions", "5"}}), 400, "DIS.4301"));
}

TEST_F(StreamsDescribeTest, StreamIdsAreStableAndDistinct) {
  dis().CreateOk("a", 1);
  dis().CreateOk("b", 1);
  json a1 = dis().DescribeOk("a");
  json a2 = dis().DescribeOk("a");
  json b = dis().DescribeOk("b");
  EXPECT_EQ(a1["stream_id"], a2["stream_id"]);
  EXPECT_NE(a1["stream_id"], b["stream_id"]);
}

class LargeStreamDescribeTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return WithConfig({{"common_partition_quota", 200}}); }
};

TEST_F(LargeStreamDescribeTest, DefaultPartitionPageIsOneHundred) {
  dis().CreateOk("big", 101);
  DisResponse r = dis().Describe("big");
  ASSERT_TRUE(HasStatus(r, 200));
  ASSERT_EQ(r.doc["partitions"].size(), 100u);
  EXPECT_EQ(r.doc["partitions"][99]["partition_id"], PartitionId(99));
  EXPECT_EQ(r.doc["has_more_partitions"], true);
  EXPECT_EQ(r.doc["writable_partition_count"], 101);
  r = dis().Describe("big", {{"start_partitionId", PartitionId(99)}});
  ASSERT_TRUE(HasStatus(r, 200));
  ASSERT_EQ(r.doc["partitions"].size(), 1u);
  EXPECT_EQ(r.doc["partitions"][0]["partition_id"], PartitionId(100));
  EXPECT_EQ(r.doc["partitions"][0]["hash_range"], ExpectedHashRange(100, 101));
  EXPECT_EQ(r.doc["has_more_partitions"], false);
  r = dis().Describe("big", {{"limit_partitions", "1000"}});
  EXPECT_EQ(r.doc["partitions"].size(), 101u);
  EXPECT_EQ(r.doc["has_more_partitions"], false);
}

}  // namespace
}  // namespace disd::test
