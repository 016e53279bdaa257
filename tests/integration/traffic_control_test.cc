// Per-partition traffic control (dis-behaviour.md 2.1, 2.3; traffic_control.h): exact token
// counts on the manual clock. PutRecords answers 200 with per-record DIS.4303 for the
// records beyond a partition's budget (index-aligned, the rest written with dense sequence
// numbers); GetRecords beyond the read budget answers DIS.4303. A setting turns control
// off or scales it.
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

constexpr std::size_t kMiB = 1 << 20;

std::vector<Record> ToPartitionN(int count, const std::string& partition, std::size_t size = 1) {
  std::vector<Record> records;
  for (int i = 0; i < count; ++i) records.push_back(ToPartition(std::string(size, 'x'), partition));
  return records;
}

// Indices of the entries answered DIS.4303 (every failure must be that one).
std::vector<int> Throttled(const DisResponse& r) {
  std::vector<int> out;
  if (!HasStatus(r, 200) || !r.doc.contains("records")) return {-1};
  const json& records = r.doc["records"];
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!records[i].contains("error_code")) continue;
    EXPECT_EQ(records[i]["error_code"], "DIS.4303") << records[i];
    EXPECT_FALSE(records[i].value("error_message", "").empty()) << records[i];
    EXPECT_FALSE(records[i].contains("sequence_number")) << records[i];
    out.push_back(static_cast<int>(i));
  }
  EXPECT_EQ(r.doc.value("failed_record_count", -1), static_cast<int>(out.size())) << r.body;
  return out;
}

std::vector<int> Range(int from, int to) {
  std::vector<int> v;
  for (int i = from; i < to; ++i) v.push_back(i);
  return v;
}

using TrafficControlTest = DisdTest;

TEST_F(TrafficControlTest, CommonPartitionTakesOneThousandRecordsPerSecond) {
  dis().CreateOk("s", 2);
  DisResponse r = dis().PutRecords("s", ToPartitionN(500, "0"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_TRUE(Throttled(r).empty());
  r = dis().PutRecords("s", ToPartitionN(500, "0"));
  EXPECT_TRUE(Throttled(r).empty());
  r = dis().PutRecords("s", ToPartitionN(10, "0"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Throttled(r), Range(0, 10));
  // The other partition has its own budget; within one request only the exhausted
  // partition's records fail, index-aligned.
  std::vector<Record> mixed = {ToPartition("a", "0"), ToPartition("b", "1"), ToPartition("c", "0")};
  r = dis().PutRecords("s", mixed);
  EXPECT_EQ(Throttled(r), (std::vector<int>{0, 2}));
  EXPECT_EQ(r.doc["records"][1]["sequence_number"], "0");
  // 5 ms refill 5 records: the first five of ten pass, the rest fail.
  dis().AdvanceClock(5);
  r = dis().PutRecords("s", ToPartitionN(10, "0"));
  EXPECT_EQ(Throttled(r), Range(5, 10));
  EXPECT_EQ(r.doc["records"][4]["sequence_number"], "1004");
  // A full second refills the bucket, and no more than that.
  dis().AdvanceClock(60'000);
  for (int i = 0; i < 2; ++i) {
    r = dis().PutRecords("s", ToPartitionN(500, "0"));
    EXPECT_TRUE(Throttled(r).empty()) << i;
  }
  r = dis().PutRecords("s", ToPartitionN(1, "0"));
  EXPECT_EQ(Throttled(r), (std::vector<int>{0}));
  EXPECT_EQ(dis().Partition("s", 0).value("sequence_number_range", ""), "[0 : 2005]");
}

TEST_F(TrafficControlTest, CommonPartitionTakesOneMebibytePerSecond) {
  dis().CreateOk("s", 1);
  const std::size_t size = 600 * 1024;
  DisResponse r = dis().PutRecords("s", ToPartitionN(1, "0", size));
  EXPECT_TRUE(Throttled(r).empty());
  r = dis().PutRecords("s", ToPartitionN(1, "0", size));
  EXPECT_EQ(Throttled(r), (std::vector<int>{0}));
  dis().AdvanceClock(171);  // 434176 + 171 * 1048.576 = 613482.5 < 614400
  r = dis().PutRecords("s", ToPartitionN(1, "0", size));
  EXPECT_EQ(Throttled(r), (std::vector<int>{0}));
  dis().AdvanceClock(1);  // 614531.1 >= 614400
  r = dis().PutRecords("s", ToPartitionN(1, "0", size));
  EXPECT_TRUE(Throttled(r).empty());
}

TEST_F(TrafficControlTest, AdvancedPartitionTakesTwoThousandRecordsPerSecond) {
  dis().CreateOk("adv", 1, {{"stream_type", "ADVANCED"}});
  for (int i = 0; i < 4; ++i) {
    DisResponse r = dis().PutRecords("adv", ToPartitionN(500, "0"));
    EXPECT_TRUE(Throttled(r).empty()) << i;
  }
  DisResponse r = dis().PutRecords("adv", ToPartitionN(3, "0"));
  EXPECT_EQ(Throttled(r), Range(0, 3));
}

TEST_F(TrafficControlTest, GetRecordsBeyondTheReadBudgetIsRefused) {
  dis().CreateOk("s", 1);
  // Three records of 1 MiB, a second apart (the write budget is 1 MiB/s).
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Throttled(dis().PutRecords("s", ToPartitionN(1, "0", kMiB))).empty()) << i;
    dis().AdvanceClock(1000);
  }
  const std::string cursor = dis().Cursor("s", "0", "TRIM_HORIZON");
  DisResponse r = dis().GetRecords(cursor);
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(ParseRecords(r).size(), 3u);  // 3 MiB out of a 2 MiB/s budget: 1 MiB of debt
  const std::string next = r.doc.value("next_partition_cursor", "");
  EXPECT_TRUE(IsDisError(dis().GetRecords(next), 400, "DIS.4303"));
  dis().AdvanceClock(500);  // the debt is paid, nothing is left over
  EXPECT_TRUE(IsDisError(dis().GetRecords(next), 400, "DIS.4303"));
  dis().AdvanceClock(1);
  r = dis().GetRecords(next);
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_TRUE(ParseRecords(r).empty());
}

class TrafficControlOffTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return WithConfig({{"traffic_control", false}}); }
};

TEST_F(TrafficControlOffTest, EverythingPassesAtOnce) {
  dis().CreateOk("s", 1);
  for (int i = 0; i < 6; ++i) {
    EXPECT_TRUE(Throttled(dis().PutRecords("s", ToPartitionN(500, "0"))).empty()) << i;
  }
  EXPECT_EQ(dis().Partition("s", 0).value("sequence_number_range", ""), "[0 : 3000]");
}

class TrafficControlScaledTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"traffic_control_scale", 0.01}});  // 10 records/s, 10 KiB/s
  }
};

TEST_F(TrafficControlScaledTest, TheScaleMultipliesTheLimits) {
  dis().CreateOk("s", 1);
  EXPECT_EQ(Throttled(dis().PutRecords("s", ToPartitionN(12, "0"))), Range(10, 12));
  dis().AdvanceClock(100);  // one record
  EXPECT_EQ(Throttled(dis().PutRecords("s", ToPartitionN(2, "0"))), (std::vector<int>{1}));
}

}  // namespace
}  // namespace disd::test
