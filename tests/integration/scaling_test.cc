// UpdatePartitionCount (PUT v2): scale-up and scale-down, partition statuses and counts,
// hash ranges recomputed over the writable partitions, revival of DELETED and EXPIRED
// partitions with their ids and sequence numbers, DELETED partitions readable until they
// expire, the update log, the hourly budget and the quota (seed 004 5.1.5;
// dis-behaviour.md 2.4 and edge cases 5, 34-36).
#include <set>
#include <string>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class ScalingTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"scaling_ops_per_hour", 0}, {"scaling_cooldown_after_success", false}});
  }
  void Scale(const std::string& stream, int target) {
    DisResponse r = dis().UpdatePartitionCount(stream, target);
    ASSERT_TRUE(HasStatus(r, 200)) << "scaling " << stream << " to " << target;
    EXPECT_EQ(r.doc.value("stream_name", ""), stream);
    EXPECT_EQ(r.doc.value("target_partition_count", -1), target);
    EXPECT_TRUE(r.doc.contains("current_partition_count") &&
                r.doc["current_partition_count"].is_number_integer())
        << r.body;
  }
  std::string Status(const std::string& stream, int k) {
    return dis().Partition(stream, k).value("status", "<none>");
  }
  std::string Range(const std::string& stream, int k) {
    return dis().Partition(stream, k).value("sequence_number_range", "<none>");
  }
  void ExpectCounts(const std::string& stream, int writable, int readable, std::size_t listed) {
    json d = dis().DescribeOk(stream);
    EXPECT_EQ(d.value("writable_partition_count", -1), writable) << d;
    EXPECT_EQ(d.value("readable_partition_count", -1), readable) << d;
    EXPECT_EQ(d["partitions"].size(), listed) << d;
    for (int k = 0; k < writable; ++k) {
      EXPECT_EQ(d["partitions"][k]["status"], "ACTIVE") << k;
      EXPECT_EQ(d["partitions"][k]["hash_range"], ExpectedHashRange(k, writable)) << k;
    }
  }
};

TEST_F(ScalingTest, ScaleUpAddsActivePartitionsAndRecomputesHashRanges) {
  dis().CreateOk("s", 2);
  Scale("s", 4);
  ExpectCounts("s", 4, 4, 4);
  for (int k = 0; k < 4; ++k) EXPECT_EQ(Range("s", k), "[0 : 0]");
  json put = dis().PutOk("s", {WithHash("x", std::to_string(kMaxLong)), ToPartition("y", "3")});
  ASSERT_TRUE(put.is_object());
  EXPECT_EQ(put["records"][0]["partition_id"], PartitionId(3));
  EXPECT_EQ(put["records"][1]["partition_id"], PartitionId(3));
}

TEST_F(ScalingTest, ScaleDownMovesTheHighestPartitionsToDeleted) {
  dis().CreateOk("s", 4);
  dis().PutToPartition("s", 3, 3, "p3-");
  dis().PutToPartition("s", 2, 1, "p2-");
  Scale("s", 2);
  ExpectCounts("s", 2, 4, 4);
  EXPECT_EQ(Status("s", 2), "DELETED");
  EXPECT_EQ(Status("s", 3), "DELETED");
  EXPECT_EQ(Range("s", 3), "[0 : 3]");
  // Still readable.
  auto p3 = dis().ReadPartition("s", 3);
  ASSERT_EQ(p3.size(), 3u);
  EXPECT_EQ(p3[2].data, "p3-2");
  // Writes by id are refused per record; routed writes use only the writable partitions.
  DisResponse r = dis().PutRecords(
      "s", {ToPartition("a", "0"), ToPartition("b", "3"), ToPartition("c", "shardId-0000000002")});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["failed_record_count"], 2);
  EXPECT_EQ(r.doc["records"][1].value("error_code", ""), "DIS.4319");
  EXPECT_EQ(r.doc["records"][2].value("error_code", ""), "DIS.4319");
  EXPECT_EQ(r.doc["records"][0]["partition_id"], PartitionId(0));
  json spread = dis().PutOk("s", std::vector<Record>(20, Plain("z")));
  ASSERT_TRUE(spread.is_object());
  for (const auto& e : spread["records"]) {
    EXPECT_TRUE(e["partition_id"] == PartitionId(0) || e["partition_id"] == PartitionId(1)) << e;
  }
  json top = dis().PutOk("s", {WithHash("h", std::to_string(kMaxLong)), WithKey("k", "any")});
  ASSERT_TRUE(top.is_object());
  EXPECT_EQ(top["records"][0]["partition_id"], PartitionId(1));
  EXPECT_EQ(top["records"][1]["partition_id"], PartitionId(PartitionForHash(KeyHash("any"), 2)));
  EXPECT_EQ(Range("s", 3), "[0 : 3]");
}

TEST_F(ScalingTest, DeletedPartitionExpiresAfterTheRetention) {
  dis().CreateOk("s", 3);
  dis().PutToPartition("s", 2, 2);
  Scale("s", 2);
  dis().AdvanceClock(kDayMs - 2 * 60 * 1000);
  EXPECT_EQ(Status("s", 2), "DELETED");
  std::string held = dis().Cursor("s", "2", "TRIM_HORIZON");
  dis().AdvanceClock(2 * 60 * 1000 + 1);
  EXPECT_EQ(Status("s", 2), "EXPIRED");
  ExpectCounts("s", 2, 2, 3);
  EXPECT_TRUE(IsDisError(
      dis().GetCursor(
          {{"stream-name", "s"}, {"partition-id", "2"}, {"cursor-type", "TRIM_HORIZON"}}),
      400, "DIS.4319"));
  EXPECT_TRUE(IsDisError(dis().GetRecords(held), 400, "DIS.4319"));
  DisResponse put = dis().PutRecords("s", {ToPartition("x", "2")});
  ASSERT_TRUE(HasStatus(put, 200));
  EXPECT_EQ(put.doc["failed_record_count"], 1);
  EXPECT_EQ(put.doc["records"][0].value("error_code", ""), "DIS.4319");
}

TEST_F(ScalingTest, ScaleUpRevivesDeletedPartitionsKeepingIdsAndSequenceNumbers) {
  dis().CreateOk("s", 4);
  dis().PutToPartition("s", 2, 5, "old2-");
  dis().PutToPartition("s", 3, 2, "old3-");
  Scale("s", 2);
  Scale("s", 3);
  ExpectCounts("s", 3, 4, 4);
  EXPECT_EQ(Status("s", 2), "ACTIVE");
  EXPECT_EQ(Status("s", 3), "DELETED");
  EXPECT_EQ(dis().PutToPartition("s", 2, 1, "new2-"), std::vector<std::int64_t>({5}));
  auto p2 = dis().ReadPartition("s", 2);
  ASSERT_EQ(p2.size(), 6u);
  EXPECT_EQ(p2[0].data, "old2-0");
  EXPECT_EQ(p2[5].data, "new2-0");
  Scale("s", 5);
  ExpectCounts("s", 5, 5, 5);
  EXPECT_EQ(dis().Partition("s", 4)["partition_id"], PartitionId(4));
  EXPECT_EQ(Range("s", 4), "[0 : 0]");
  EXPECT_EQ(dis().PutToPartition("s", 3, 1, "new3-"), std::vector<std::int64_t>({2}));
  EXPECT_EQ(Range("s", 3), "[0 : 3]");
}

TEST_F(ScalingTest, ScaleUpRevivesExpiredPartitionsContinuingTheirNumbers) {
  dis().CreateOk("s", 3);
  dis().PutToPartition("s", 1, 3);
  dis().PutToPartition("s", 2, 1);
  Scale("s", 1);
  dis().AdvanceClock(kDayMs + 1);
  EXPECT_EQ(Status("s", 1), "EXPIRED");
  EXPECT_EQ(Status("s", 2), "EXPIRED");
  EXPECT_EQ(Range("s", 1), "[3 : 3]");
  Scale("s", 2);
  ExpectCounts("s", 2, 2, 3);
  EXPECT_EQ(Status("s", 2), "EXPIRED");
  EXPECT_EQ(dis().PutToPartition("s", 1, 1), std::vector<std::int64_t>({3}));
  EXPECT_EQ(Range("s", 1), "[3 : 4]");
  Scale("s", 3);
  EXPECT_EQ(dis().PutToPartition("s", 2, 1), std::vector<std::int64_t>({1}));
  ExpectCounts("s", 3, 3, 3);
}

TEST_F(ScalingTest, SuccessfulOperationsAreLogged) {
  dis().CreateOk("s", 1);
  std::int64_t t1 = dis().AdvanceClock(1000);
  Scale("s", 3);
  std::int64_t t2 = dis().AdvanceClock(1000);
  Scale("s", 2);
  EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("s", 2), 400, "DIS.4200"));
  json log = dis().DescribeOk("s")["update_partition_counts"];
  ASSERT_TRUE(log.is_array());
  ASSERT_EQ(log.size(), 2u) << log;
  std::set<std::int64_t> stamps;
  for (const auto& e : log) {
    stamps.insert(e.value("create_timestamp", std::int64_t{-1}));
    if (e.value("create_timestamp", std::int64_t{-1}) == t1) {
      EXPECT_EQ(e["src_partition_count"], 1);
      EXPECT_EQ(e["target_partition_count"], 3);
    } else {
      EXPECT_EQ(e["src_partition_count"], 3);
      EXPECT_EQ(e["target_partition_count"], 2);
    }
    EXPECT_EQ(e.value("auto_scale", false), false);
    EXPECT_TRUE(e.contains("result_code")) << e;
  }
  EXPECT_EQ(stamps, (std::set<std::int64_t>{t1, t2}));
  DisResponse r = dis().Call("GET", dis().V2("/streams/s/update_partition_counts"));
  ASSERT_TRUE(HasStatus(r, 200));
  ASSERT_TRUE(r.doc.is_object()) << r.body;
  EXPECT_EQ(r.doc.value("stream_name", ""), "s");
  json served = r.doc.value("update_partition_counts", json());
  ASSERT_TRUE(served.is_array()) << r.body;
  EXPECT_EQ(served.size(), 2u);
  EXPECT_TRUE(IsDisError(dis().Call("GET", dis().V2("/streams/nope/update_partition_counts")), 400,
                         "DIS.4301"));
}

TEST_F(ScalingTest, InvalidTargetsAreRefused) {
  dis().CreateOk("s", 2);
  for (json target : {json(2), json(0), json(-1), json("abc"), json(nullptr)}) {
    SCOPED_TRACE(target.dump());
    EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("s", target), 400, "DIS.4200"));
  }
  EXPECT_TRUE(IsDisError(dis().CallJson("PUT", dis().V2("/streams/s"), {{"stream_name", "s"}}), 400,
                         "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("nope", 3), 400, "DIS.4301"));
  ExpectCounts("s", 2, 2, 2);
  EXPECT_TRUE(dis().DescribeOk("s").value("update_partition_counts", json::array()).empty());
}

TEST_F(ScalingTest, ScaleUpIsBoundByTheQuotaOfActivePartitions) {
  dis().CreateOk("a", 48);
  dis().CreateOk("b", 1);
  EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("b", 3), 400, "DIS.4308"));
  Scale("b", 2);
  EXPECT_TRUE(IsDisError(dis().CreateStream("c", 1), 400, "DIS.4308"));
  Scale("a", 40);  // DELETED partitions do not count
  Scale("b", 10);
  ExpectCounts("b", 10, 10, 10);
  dis().CreateOk("adv", 8, {{"stream_type", "ADVANCED"}});
  EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("adv", 11), 400, "DIS.4308"));
  Scale("adv", 10);
}

class ScalingBudgetTest : public DisdTest {};

TEST_F(ScalingBudgetTest, DefaultBudgetAllowsNothingWithinAnHourOfASuccess) {
  dis().CreateOk("s", 1);
  ASSERT_TRUE(HasStatus(dis().UpdatePartitionCount("s", 2), 200));
  dis().AdvanceClock(kHourMs - 1);
  EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("s", 3), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("s", 1), 400, "DIS.4200"));
  EXPECT_EQ(dis().DescribeOk("s")["writable_partition_count"], 2);
  EXPECT_EQ(dis().DescribeOk("s")["update_partition_counts"].size(), 1u);
  dis().AdvanceClock(2);
  EXPECT_TRUE(HasStatus(dis().UpdatePartitionCount("s", 3), 200));
  // The budget is per stream.
  dis().CreateOk("t", 1);
  EXPECT_TRUE(HasStatus(dis().UpdatePartitionCount("t", 2), 200));
}

class ScalingOpsPerHourTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"scaling_ops_per_hour", 2}, {"scaling_cooldown_after_success", false}});
  }
};

TEST_F(ScalingOpsPerHourTest, OperationsBeyondTheHourlyBudgetAreRefused) {
  dis().CreateOk("s", 1);
  ASSERT_TRUE(HasStatus(dis().UpdatePartitionCount("s", 2), 200));
  dis().AdvanceClock(1000);
  ASSERT_TRUE(HasStatus(dis().UpdatePartitionCount("s", 3), 200));
  dis().AdvanceClock(kHourMs - 999);  // the first operation is now over an hour old
  ASSERT_TRUE(HasStatus(dis().UpdatePartitionCount("s", 4), 200));
  // Two operations within the last hour: the budget is used up.
  DisResponse refused = dis().UpdatePartitionCount("s", 5);
  EXPECT_TRUE(IsDisError(refused, 400, "DIS.4200"));
  json d = dis().DescribeOk("s");
  EXPECT_EQ(d["writable_partition_count"], 4);
  EXPECT_EQ(d["update_partition_counts"].size(), 3u);
}

}  // namespace
}  // namespace disd::test
