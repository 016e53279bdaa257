// The DMS sink-task alias over HTTP (seed 003): create answers 200 {"task_id"} (a UUID) and
// makes one OBS transfer task per selected stream (topics by name, or topics_regex); list,
// show (descriptor without the keys, per-stream partitions) and delete; the errors; and the
// secret key never shown.
#include <regex>

#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace tasks;  // NOLINT: the calls under test

class DmsSinkTaskTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return TaskServerOptions(); }
  void SetUp() override {
    DisdTest::SetUp();
    dis().CreateOk("topic-test", 1);
    dis().CreateOk("logs-a", 2);
    dis().CreateOk("logs-b", 1);
  }
  DisResponse Create(const json& body, const std::string& connector = "conn1") {
    return dis().CallJson("POST", SinkTasksPath(dis(), connector), body);
  }
  std::string CreateOk(const json& body, const std::string& connector = "conn1") {
    DisResponse r = Create(body, connector);
    EXPECT_TRUE(HasStatus(r, 200));
    return r.doc.value("task_id", "");
  }
};

TEST_F(DmsSinkTaskTest, CreateShowListDelete) {
  const std::int64_t now = dis().Now();
  const std::string id = CreateOk(SinkBody("obsTransfer-1122976956"));
  EXPECT_TRUE(std::regex_match(
      id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")))
      << id;

  DisResponse show = dis().Call("GET", SinkTasksPath(dis(), "conn1") + "/" + id);
  ASSERT_TRUE(HasStatus(show, 200));
  EXPECT_EQ(show.doc["task_id"], id);
  EXPECT_EQ(show.doc["task_name"], "obsTransfer-1122976956");
  EXPECT_EQ(show.doc["destination_type"], "OBS");
  EXPECT_EQ(show.doc["status"], "STARTING");
  EXPECT_EQ(show.doc["create_time"], now);
  EXPECT_EQ(show.doc["topics"], "topic-test");
  const json& d = show.doc["obs_destination_descriptor"];
  EXPECT_EQ(d["consumer_strategy"], "earliest");
  EXPECT_EQ(d["obs_bucket_name"], "obsbucket");
  EXPECT_EQ(d["obs_path"], "obsTransfer");
  EXPECT_EQ(d["partition_format"], "yyyy/MM/dd/HH/mm");
  EXPECT_EQ(d["deliver_time_interval"], 300);
  EXPECT_EQ(show.body.find("SKEXAMPLESECRET"), std::string::npos);
  ASSERT_EQ(show.doc["topics_info"].size(), 1u);
  EXPECT_EQ(show.doc["topics_info"][0]["topic"], "topic-test");
  EXPECT_EQ(show.doc["topics_info"][0]["partitions"].size(), 1u);

  // The stream shows it as an OBS transfer task that reads from the earliest record.
  DisResponse task = DescribeTask(dis(), "topic-test", "obsTransfer-1122976956");
  ASSERT_TRUE(HasStatus(task, 200));
  EXPECT_EQ(task.doc["obs_destination_description"]["consumer_strategy"], "TRIM_HORIZON");
  EXPECT_EQ(task.doc["obs_destination_description"]["file_prefix"], "obsTransfer");
  EXPECT_EQ(task.body.find("SKEXAMPLESECRET"), std::string::npos);

  DisResponse list = dis().Call("GET", SinkTasksPath(dis(), "conn1"));
  ASSERT_TRUE(HasStatus(list, 200));
  EXPECT_EQ(list.doc["total_number"], 1);
  EXPECT_EQ(list.doc["tasks"][0]["task_id"], id);
  EXPECT_EQ(list.doc["tasks"][0]["status"], "STARTING");
  EXPECT_EQ(dis().Call("GET", SinkTasksPath(dis(), "conn2")).doc["total_number"], 0);
  EXPECT_TRUE(
      IsDisError(dis().Call("GET", SinkTasksPath(dis(), "conn2") + "/" + id), 400, "DIS.4354"));

  ASSERT_TRUE(HasStatus(dis().Call("DELETE", SinkTasksPath(dis(), "conn1") + "/" + id), 204));
  EXPECT_TRUE(
      IsDisError(dis().Call("GET", SinkTasksPath(dis(), "conn1") + "/" + id), 400, "DIS.4354"));
  EXPECT_TRUE(
      IsDisError(dis().Call("DELETE", SinkTasksPath(dis(), "conn1") + "/" + id), 400, "DIS.4354"));
  EXPECT_EQ(ListTasks(dis(), "topic-test").doc["total_number"], 0);
  EXPECT_EQ(server().LogTail(1 << 20).find("SKEXAMPLESECRET"), std::string::npos);
}

TEST_F(DmsSinkTaskTest, TopicsSelectStreams) {
  const std::string by_list = CreateOk(SinkBody("two", {{"topics", "logs-a, logs-b"}}));
  const std::string by_regex =
      CreateOk(SinkBody("rx", {{"topics", nullptr}, {"topics_regex", "logs-.*"}}));
  DisResponse show = dis().Call("GET", SinkTasksPath(dis(), "conn1") + "/" + by_regex);
  ASSERT_TRUE(HasStatus(show, 200));
  ASSERT_EQ(show.doc["topics_info"].size(), 2u);
  EXPECT_EQ(show.doc["topics_info"][0]["topic"], "logs-a");
  EXPECT_EQ(show.doc["topics_info"][0]["partitions"].size(), 2u);
  EXPECT_EQ(show.doc["topics_info"][1]["topic"], "logs-b");
  EXPECT_EQ(show.doc["obs_destination_descriptor"]["topics_regex"], "logs-.*");
  EXPECT_EQ(ListTasks(dis(), "logs-a").doc["total_number"], 2);
  EXPECT_EQ(ListTasks(dis(), "topic-test").doc["total_number"], 0);
  EXPECT_EQ(dis().Call("GET", SinkTasksPath(dis(), "conn1")).doc["total_number"], 2);
  ASSERT_TRUE(HasStatus(dis().Call("DELETE", SinkTasksPath(dis(), "conn1") + "/" + by_list), 204));
  EXPECT_EQ(ListTasks(dis(), "logs-a").doc["total_number"], 1);
  EXPECT_EQ(ListTasks(dis(), "logs-b").doc["total_number"], 1);
}

TEST_F(DmsSinkTaskTest, ErrorsCreateNothing) {
  EXPECT_TRUE(
      IsDisError(Create(SinkBody("x", {{"topics", "topic-test,missing"}})), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(Create(SinkBody("x", {{"topics", nullptr}, {"topics_regex", "zz.*"}})),
                         400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(Create(SinkBody("x", {{"topics_regex", "logs-.*"}})), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(Create(SinkBody("x", {{"topics", nullptr}, {"topics_regex", "("}})), 400,
                         "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(Create(SinkBody("x", {{"obs_bucket_name", "no-bucket"}})), 400, "DIS.4306"));
  EXPECT_TRUE(IsDisError(Create(SinkBody("x", {{"secret_key", nullptr}})), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(Create(SinkBody("x", {{"deliver_time_interval", nullptr}})), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(Create(SinkBody("x", {{"deliver_time_interval", 10}})), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(Create(SinkBody("x", {{"consumer_strategy", "middle"}})), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(Create(SinkBody("x", {{"destination_file_type", "PARQUET"}})), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(Create(SinkBody("x", {{"obs_path", "/abs"}})), 400, "DIS.4200"));
  json bad_source = SinkBody("x");
  bad_source["source_type"] = "JSON";
  EXPECT_TRUE(IsDisError(Create(bad_source), 400, "DIS.4200"));
  // A name taken on one of the selected streams fails the whole sink task.
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "logs-b", ObsBody("taken")), 201));
  EXPECT_TRUE(
      IsDisError(Create(SinkBody("taken", {{"topics", "logs-a,logs-b"}})), 400, "DIS.4355"));
  EXPECT_EQ(ListTasks(dis(), "logs-a").doc["total_number"], 0);
  EXPECT_EQ(dis().Call("GET", SinkTasksPath(dis(), "conn1")).doc["total_number"], 0);
}

TEST_F(DmsSinkTaskTest, SurvivesRestart) {
  const std::string id = CreateOk(SinkBody("keep"));
  const json before = dis().Call("GET", SinkTasksPath(dis(), "conn1") + "/" + id).doc;
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(dis().Call("GET", SinkTasksPath(dis(), "conn1") + "/" + id).doc, before);
}

}  // namespace
}  // namespace disd::test
