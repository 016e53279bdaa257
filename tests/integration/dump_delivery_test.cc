// Delivery of OBS transfer tasks into the default local object store (a directory per
// bucket under <data dir>/dump), driven by the manual clock: file names and contents,
// intervals, pause/start, consumer strategies, retention discards, scaling, deletion and
// restart (docs/dump-tasks.md "Delivery and file layout").
#include <string>

#include "integration/dump_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

class DumpDeliveryTest : public DisdTest {
 protected:
  std::filesystem::path Bucket() const {
    return const_cast<DumpDeliveryTest*>(this)->server().data_dir() / "dump" / "obs-bucket";
  }
  std::map<std::string, std::string> Files() const { return FilesUnder(Bucket()); }
};

TEST_F(DumpDeliveryTest, DeliversOneFilePerIntervalNamedAfterTheOffsets) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1",
               ObsTask("t1", {{"file_prefix", "dis/dump"},
                              {"partition_format", "yyyy/MM/dd/HH/mm"},
                              {"record_delimiter", "|"}}));
  dis().AdvanceClock(1);
  dis().PutToPartition("s1", 0, 3, "rec");
  dis().AdvanceClock(28000);
  EXPECT_TRUE(Files().empty()) << "nothing before deliver_time_interval";

  const std::int64_t delivered_at = dis().AdvanceClock(2000);  // 30 s after creation
  const std::string key = "dis/dump/" + MinuteDirs(delivered_at) + "/s1_0_0_2.txt";
  EXPECT_EQ(Files(), (std::map<std::string, std::string>{{key, "rec0|rec1|rec2"}}));

  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "RUNNING") << task.dump();
  json p = TaskPartition(task, 0);
  EXPECT_EQ(AsInt(p["last_transfer_offset"]), 2) << task.dump();
  EXPECT_EQ(AsInt(p["last_transfer_timestamp"]), delivered_at) << task.dump();
  EXPECT_EQ(AsInt(p.value("discard", json(0))), 0) << task.dump();

  // The next interval carries only what arrived since.
  dis().PutToPartition("s1", 0, 2, "more");
  const std::int64_t second = dis().AdvanceClock(30000);
  EXPECT_EQ(Files().size(), 2u);
  EXPECT_EQ(Files()["dis/dump/" + MinuteDirs(second) + "/s1_0_3_4.txt"], "more0|more1");
  EXPECT_EQ(AsInt(TaskPartition(DescribeTask(dis(), "s1", "t1"), 0)["last_transfer_offset"]), 4);
}

TEST_F(DumpDeliveryTest, NoRecordsNoFile) {
  dis().CreateOk("s1", 2);
  CreateTaskOk(dis(), "s1", ObsTask("t1"));
  dis().AdvanceClock(30000);
  dis().AdvanceClock(30000);
  dis().AdvanceClock(30000);
  EXPECT_TRUE(Files().empty());
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
  dis().PutToPartition("s1", 1, 1, "x");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files(), (std::map<std::string, std::string>{{"s1_1_0_0.txt", "x0"}}))
      << "only the partition with records gets a file";
}

TEST_F(DumpDeliveryTest, PausedTasksDeliverNothingAndResumeWhereTheyStopped) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", ObsTask("t1"));
  dis().AdvanceClock(1);
  TaskActionOk(dis(), "s1", "stop", "t1");
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "PAUSED");
  dis().PutToPartition("s1", 0, 3, "p");
  dis().AdvanceClock(120000);
  EXPECT_TRUE(Files().empty());
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "PAUSED");

  TaskActionOk(dis(), "s1", "start", "t1");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files(), (std::map<std::string, std::string>{{"s1_0_0_2.txt", "p0\np1\np2"}}));
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
}

TEST_F(DumpDeliveryTest, TrimHorizonStartsAtTheOldestRecordLatestAtTheTasksCreation) {
  dis().CreateOk("s1", 1);
  dis().PutToPartition("s1", 0, 2, "old");
  dis().AdvanceClock(1);
  CreateTaskOk(
      dis(), "s1",
      ObsTask("from_start", {{"consumer_strategy", "TRIM_HORIZON"}, {"file_prefix", "th"}}));
  CreateTaskOk(dis(), "s1", ObsTask("from_now", {{"file_prefix", "lt"}}));
  // Records put before the first delivery round still count for LATEST: it starts at the
  // task's creation, not at the round.
  dis().PutToPartition("s1", 0, 1, "new");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files(), (std::map<std::string, std::string>{{"th/s1_0_0_2.txt", "old0\nold1\nnew0"},
                                                         {"lt/s1_0_2_2.txt", "new0"}}));
}

TEST_F(DumpDeliveryTest, RecordsRetentionExpiredBeforeDeliveryAreCountedAsDiscarded) {
  dis().CreateOk("s1", 1, {{"data_duration", 24}});
  dis().PutToPartition("s1", 0, 5, "lost");
  dis().AdvanceClock(1);
  CreateTaskOk(dis(), "s1", ObsTask("t1", {{"consumer_strategy", "TRIM_HORIZON"}}));
  dis().AdvanceClock(1);  // the worker starts at sequence number 0
  TaskActionOk(dis(), "s1", "stop", "t1");
  dis().AdvanceClock(kDayMs + 1000);  // the five records expire unread
  TaskActionOk(dis(), "s1", "start", "t1");
  dis().PutToPartition("s1", 0, 2, "kept");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files(), (std::map<std::string, std::string>{{"s1_0_5_6.txt", "kept0\nkept1"}}));
  json p = TaskPartition(DescribeTask(dis(), "s1", "t1"), 0);
  EXPECT_EQ(AsInt(p["discard"]), 5) << p.dump();
  EXPECT_EQ(AsInt(p["last_transfer_offset"]), 6) << p.dump();
}

TEST_F(DumpDeliveryTest, ScaledUpPartitionsGetWorkersAndDeletedOnesAreDrained) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", ObsTask("t1"));
  dis().AdvanceClock(1);
  ASSERT_EQ(dis().UpdatePartitionCount("s1", 2).status, 200);
  dis().PutToPartition("s1", 1, 2, "new-partition");
  dis().PutToPartition("s1", 0, 1, "first");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files(),
            (std::map<std::string, std::string>{
                {"s1_0_0_0.txt", "first0"}, {"s1_1_0_1.txt", "new-partition0\nnew-partition1"}}));

  dis().PutToPartition("s1", 1, 1, "last");
  dis().AdvanceClock(3600000);  // scaling has a rate budget; an hour later it is back
  ASSERT_EQ(dis().UpdatePartitionCount("s1", 1).status, 200);
  ASSERT_EQ(dis().Partition("s1", 1).value("status", ""), "DELETED");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files()["s1_1_2_2.txt"], "last0") << "a DELETED partition is still drained";
  EXPECT_EQ(Files().size(), 3u);
}

TEST_F(DumpDeliveryTest, DeletedTasksStopDelivering) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", ObsTask("t1"));
  dis().PutToPartition("s1", 0, 1, "a");
  dis().AdvanceClock(30000);
  ASSERT_EQ(Files().size(), 1u);
  ASSERT_EQ(dis().Call("DELETE", TasksPath(dis(), "s1") + "/t1").status, 204);
  dis().PutToPartition("s1", 0, 1, "b");
  dis().AdvanceClock(60000);
  EXPECT_EQ(Files().size(), 1u);
  // A new task of the same name starts afresh (LATEST: after its own creation).
  CreateTaskOk(dis(), "s1", ObsTask("t1"));
  dis().AdvanceClock(1);
  dis().PutToPartition("s1", 0, 1, "c");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files().size(), 2u);
  EXPECT_EQ(Files()["s1_0_2_2.txt"], "c0");
}

TEST_F(DumpDeliveryTest, ARestartKeepsTheCommittedOffsets) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", ObsTask("t1"));
  dis().PutToPartition("s1", 0, 3, "before");
  dis().AdvanceClock(30000);
  ASSERT_EQ(Files().size(), 1u);
  ASSERT_TRUE(RestartServer());
  dis().PutToPartition("s1", 0, 2, "after");
  dis().AdvanceClock(60000);
  EXPECT_EQ(Files(),
            (std::map<std::string, std::string>{{"s1_0_0_2.txt", "before0\nbefore1\nbefore2"},
                                                {"s1_0_3_4.txt", "after0\nafter1"}}));
  EXPECT_EQ(AsInt(TaskPartition(DescribeTask(dis(), "s1", "t1"), 0)["last_transfer_offset"]), 4);
}

// A crash after the sink write and before the offset commit: the rerun rewrites the same
// batch (same offsets, same time directory) instead of delivering it again in a new file.
class DumpCrashTest : public DumpDeliveryTest {
 protected:
  void SetUp() override {
    ::setenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE", "1", 1);
    DumpDeliveryTest::SetUp();
    ::unsetenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE");  // the restart runs without the fault
  }
};

TEST_F(DumpCrashTest, ACrashBetweenWriteAndCommitRewritesTheSameObject) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", ObsTask("t1", {{"partition_format", "yyyy/MM/dd/HH/mm"}}));
  dis().AdvanceClock(1);
  dis().PutToPartition("s1", 0, 3, "x");
  const std::int64_t before = dis().Now();
  // The delivery round runs inside the advance call; the server dies mid-call.
  DisResponse crashed = dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", 30000}});
  EXPECT_EQ(crashed.status, 0) << "the fault should have ended the server: " << crashed.body;
  const std::string first_key = MinuteDirs(before + 30000) + "/s1_0_0_2.txt";
  ASSERT_EQ(Files(), (std::map<std::string, std::string>{{first_key, "x0\nx1\nx2"}}));

  ASSERT_TRUE(RestartServer(/*crash=*/true));
  dis().PutToPartition("s1", 0, 2, "y");  // arrives after the crash
  const std::int64_t now = dis().AdvanceClock(2 * 60000);
  auto files = Files();
  EXPECT_EQ(files[first_key], "x0\nx1\nx2") << "the same batch under the same name";
  EXPECT_EQ(files[MinuteDirs(now) + "/s1_0_3_4.txt"], "y0\ny1");
  EXPECT_EQ(files.size(), 2u) << "nothing delivered twice into distinct files";
  EXPECT_EQ(AsInt(TaskPartition(DescribeTask(dis(), "s1", "t1"), 0)["last_transfer_offset"]), 4);
}

}  // namespace
}  // namespace disd::test
