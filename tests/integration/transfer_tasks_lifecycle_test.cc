// Transfer tasks across the stream's and the server's life: tasks (with their ids, states
// and settings) survive a graceful restart and a crash, deleting a stream deletes its tasks
// (a re-created stream of the same name starts with none), and dump.max_tasks_per_stream
// sets the DIS.4357 quota that list reports.
#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace tasks;  // NOLINT: the calls under test

class TransferTaskLifecycleTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return TaskServerOptions(); }
};

TEST_F(TransferTaskLifecycleTest, TasksSurviveRestartAndCrash) {
  dis().CreateOk("s", 2);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("a", {{"file_prefix", "x/y"}})), 201));
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", DwsBody("b")), 201));
  const std::string a = TaskId(dis(), "s", "a");
  ASSERT_TRUE(HasStatus(TaskAction(dis(), "s", "stop", {a}), 200));
  const json before = DescribeTask(dis(), "s", "a").doc;
  const json before_b = DescribeTask(dis(), "s", "b").doc;

  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(DescribeTask(dis(), "s", "a").doc, before);
  EXPECT_EQ(DescribeTask(dis(), "s", "b").doc, before_b);
  EXPECT_EQ(ListTasks(dis(), "s").doc["total_number"], 2);

  ASSERT_TRUE(RestartServer(/*crash=*/true));
  EXPECT_EQ(DescribeTask(dis(), "s", "a").doc, before);
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("a")), 400, "DIS.4355"));
  ASSERT_TRUE(HasStatus(DeleteTask(dis(), "s", "a"), 204));
  ASSERT_TRUE(RestartServer());
  EXPECT_TRUE(IsDisError(DescribeTask(dis(), "s", "a"), 400, "DIS.4354"));
  EXPECT_EQ(ListTasks(dis(), "s").doc["total_number"], 1);
}

TEST_F(TransferTaskLifecycleTest, DeletingTheStreamDeletesItsTasks) {
  dis().CreateOk("s", 1);
  dis().CreateOk("keep", 1);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("t")), 201));
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "keep", ObsBody("t")), 201));
  const std::string old_id = TaskId(dis(), "s", "t");
  ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  EXPECT_TRUE(IsDisError(ListTasks(dis(), "s"), 400, "DIS.4301"));
  dis().CreateOk("s", 1);
  EXPECT_EQ(ListTasks(dis(), "s").doc["total_number"], 0);
  EXPECT_TRUE(IsDisError(DescribeTask(dis(), "s", "t"), 400, "DIS.4354"));
  EXPECT_TRUE(IsDisError(TaskAction(dis(), "s", "start", {old_id}), 400, "DIS.4354"));
  EXPECT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("t")), 201));
  EXPECT_NE(TaskId(dis(), "s", "t"), old_id);
  EXPECT_EQ(ListTasks(dis(), "keep").doc["total_number"], 1);
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(ListTasks(dis(), "s").doc["total_number"], 1);
  EXPECT_EQ(ListTasks(dis(), "keep").doc["total_number"], 1);
}

class TransferTaskQuotaTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return TaskServerOptions({{"max_tasks_per_stream", 2}});
  }
};

TEST_F(TransferTaskQuotaTest, QuotaIsConfigurable) {
  dis().CreateOk("s", 1);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("a")), 201));
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", MrsBody("b")), 201));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", DliBody("c")), 400, "DIS.4357"));
  EXPECT_EQ(ListTasks(dis(), "s").doc["quota"], 2);
}

}  // namespace
}  // namespace disd::test
