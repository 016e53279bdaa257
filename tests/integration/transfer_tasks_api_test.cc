// Transfer tasks over HTTP (seed 004 5.5.1-5.5.6): create (201), list (total_number, quota,
// the task fields), describe (every field of 5.5.4 with per-partition delivery state and
// the descriptor with its defaults), delete (204), update (PUT), batch start/stop, the
// documented errors, and the /v3 and singular /stream/ paths.
#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace tasks;  // NOLINT: the calls under test

class TransferTaskApiTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return TaskServerOptions(); }
};

TEST_F(TransferTaskApiTest, CreateListDescribeDelete) {
  dis().CreateOk("s", 2);
  const std::int64_t now = dis().Now();
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("newtask")), 201));

  DisResponse list = ListTasks(dis(), "s");
  ASSERT_TRUE(HasStatus(list, 200));
  EXPECT_EQ(list.doc["total_number"], 1);
  EXPECT_EQ(list.doc["quota"], 5);
  ASSERT_EQ(list.doc["tasks"].size(), 1u);
  const json& t = list.doc["tasks"][0];
  EXPECT_EQ(t["task_name"], "newtask");
  EXPECT_EQ(t["destination_type"], "OBS");
  EXPECT_EQ(t["state"], "STARTING");
  EXPECT_EQ(t["create_time"], now);
  EXPECT_EQ(t["last_transfer_timestamp"], 0);
  ASSERT_TRUE(t["task_id"].is_string());
  EXPECT_EQ(t["task_id"].get<std::string>().size(), 19u);

  DisResponse d = DescribeTask(dis(), "s", "newtask");
  ASSERT_TRUE(HasStatus(d, 200));
  EXPECT_EQ(d.doc["stream_name"], "s");
  EXPECT_EQ(d.doc["stream_id"], dis().DescribeOk("s")["stream_id"]);
  EXPECT_EQ(d.doc["task_name"], "newtask");
  EXPECT_EQ(d.doc["task_id"], t["task_id"]);
  EXPECT_EQ(d.doc["destination_type"], "OBS");
  EXPECT_EQ(d.doc["state"], "STARTING");
  EXPECT_EQ(d.doc["create_time"], now);
  EXPECT_EQ(d.doc["last_transfer_timestamp"], 0);
  ASSERT_EQ(d.doc["partitions"].size(), 2u);
  const json& p1 = d.doc["partitions"][1];
  EXPECT_EQ(p1["partition_id"], "shardId-0000000001");
  EXPECT_EQ(p1["partitionId"], "shardId-0000000001");
  EXPECT_EQ(p1["state"], "STARTING");
  EXPECT_EQ(p1["transfer_state"], "STARTING");
  EXPECT_EQ(p1["last_transfer_timestamp"], 0);
  EXPECT_EQ(p1["last_transfer_offset"], -1);
  EXPECT_EQ(p1["discard"], 0);
  const json expected = {{"task_name", "newtask"},
                         {"agency_name", "dis_admin_agency"},
                         {"deliver_time_interval", 30},
                         {"consumer_strategy", "LATEST"},
                         {"retry_duration", 1800},
                         {"destination_file_type", "text"},
                         {"partition_format", "yyyy/MM/dd/HH/mm"},
                         {"record_delimiter", "|"},
                         {"file_prefix", ""},
                         {"obs_bucket_path", "obsbucket"}};
  EXPECT_EQ(d.doc["obs_destination_description"], expected);
  EXPECT_EQ(d.doc["obs_destination_descriptor"], expected);

  ASSERT_TRUE(HasStatus(DeleteTask(dis(), "s", "newtask"), 204));
  EXPECT_TRUE(IsDisError(DescribeTask(dis(), "s", "newtask"), 400, "DIS.4354"));
  EXPECT_TRUE(IsDisError(DeleteTask(dis(), "s", "newtask"), 400, "DIS.4354"));
  EXPECT_EQ(ListTasks(dis(), "s").doc["total_number"], 0);
  EXPECT_EQ(ListTasks(dis(), "s").doc["tasks"], json::array());
}

TEST_F(TransferTaskApiTest, ListIsOrderedByName) {
  dis().CreateOk("s", 1);
  for (const char* name : {"c", "a", "b"}) {
    ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody(name)), 201));
  }
  const DisResponse list = ListTasks(dis(), "s");
  std::vector<std::string> names;
  for (const auto& t : list.doc["tasks"]) names.push_back(t["task_name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(TransferTaskApiTest, DuplicateNameAndQuota) {
  dis().CreateOk("s", 1);
  dis().CreateOk("t", 1);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("dup")), 201));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("dup")), 400, "DIS.4355"));
  EXPECT_TRUE(HasStatus(CreateTask(dis(), "t", ObsBody("dup")), 201));  // per stream
  for (int i = 1; i < 5; ++i) {
    ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("t" + std::to_string(i))), 201));
  }
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("sixth")), 400, "DIS.4357"));
  ASSERT_TRUE(HasStatus(DeleteTask(dis(), "s", "t1"), 204));
  EXPECT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("sixth")), 201));
}

TEST_F(TransferTaskApiTest, DocumentedErrors) {
  dis().CreateOk("s", 1);
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "nope", ObsBody("x")), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(ListTasks(dis(), "nope"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(DescribeTask(dis(), "nope", "x"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(DeleteTask(dis(), "nope", "x"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("x", {{"agency_name", "other_agency"}})),
                         400, "DIS.4335"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("x", {{"obs_bucket_path", "no-bucket"}})),
                         400, "DIS.4306"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("bad name")), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("x", {{"deliver_time_interval", 29}})), 400,
                         "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("x", {{"deliver_time_interval", 901}})),
                         400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("x", {{"file_prefix", "/lead"}})), 400,
                         "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", ObsBody("x", {{"retry_duration", 7201}})), 400,
                         "DIS.4200"));
  // parquet needs a JSON stream.
  EXPECT_TRUE(
      IsDisError(CreateTask(dis(), "s", ObsBody("x", {{"destination_file_type", "parquet"}})), 400,
                 "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(CreateTask(dis(), "s", {{"destination_type", "NOWHERE"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateTask(dis(), "s", {{"destination_type", "OBS"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", TasksPath(dis(), "s")), 400, "DIS.4202"));
  EXPECT_EQ(ListTasks(dis(), "s").doc["total_number"], 0);  // nothing was created
}

TEST_F(TransferTaskApiTest, ParquetOnAJsonStream) {
  dis().CreateOk("j", 1, {{"data_type", "JSON"}});
  ASSERT_TRUE(HasStatus(
      CreateTask(dis(), "j",
                 ObsBody("pq", {{"destination_file_type", "parquet"},
                                {"processing_schema",
                                 {{"timestamp_name", "ts"}, {"timestamp_type", "Timestamp"}}}})),
      201));
  DisResponse d = DescribeTask(dis(), "j", "pq");
  EXPECT_EQ(d.doc["obs_destination_description"]["destination_file_type"], "parquet");
  EXPECT_EQ(d.doc["obs_destination_description"]["processing_schema"],
            (json{{"timestamp_name", "ts"}, {"timestamp_type", "Timestamp"}}));
}

TEST_F(TransferTaskApiTest, BatchStopAndStart) {
  dis().CreateOk("s", 2);
  dis().CreateOk("other", 1);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("a")), 201));
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("b")), 201));
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "other", ObsBody("c")), 201));
  const std::string a = TaskId(dis(), "s", "a");
  const std::string b = TaskId(dis(), "s", "b");
  const std::string c = TaskId(dis(), "other", "c");

  ASSERT_TRUE(HasStatus(TaskAction(dis(), "s", "stop", {a, b}), 200));
  EXPECT_EQ(DescribeTask(dis(), "s", "a").doc["state"], "PAUSED");
  EXPECT_EQ(DescribeTask(dis(), "s", "a").doc["partitions"][0]["state"], "PAUSED");
  EXPECT_EQ(DescribeTask(dis(), "s", "b").doc["state"], "PAUSED");
  ASSERT_TRUE(HasStatus(TaskAction(dis(), "s", "start", {a}), 200));
  EXPECT_EQ(DescribeTask(dis(), "s", "a").doc["state"], "STARTING");
  EXPECT_EQ(DescribeTask(dis(), "s", "b").doc["state"], "PAUSED");

  // A task of another stream, or an unknown id, changes nothing.
  EXPECT_TRUE(IsDisError(TaskAction(dis(), "s", "start", {b, c}), 400, "DIS.4354"));
  EXPECT_TRUE(IsDisError(TaskAction(dis(), "s", "start", {"unknown"}), 400, "DIS.4354"));
  EXPECT_EQ(DescribeTask(dis(), "s", "b").doc["state"], "PAUSED");
  EXPECT_TRUE(IsDisError(TaskAction(dis(), "s", "pause", {a}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(TaskAction(dis(), "s", "stop", {}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(TaskAction(dis(), "nope", "stop", {a}), 400, "DIS.4301"));
}

TEST_F(TransferTaskApiTest, UpdateReplacesSettingsKeepsIdentity) {
  dis().CreateOk("s", 1);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("u")), 201));
  const std::string id = TaskId(dis(), "s", "u");
  ASSERT_TRUE(HasStatus(TaskAction(dis(), "s", "stop", {id}), 200));
  ASSERT_TRUE(
      HasStatus(UpdateTask(dis(), "s",
                           ObsBody("u", {{"deliver_time_interval", 600}, {"file_prefix", "p/q"}})),
                200));
  DisResponse d = DescribeTask(dis(), "s", "u");
  EXPECT_EQ(d.doc["task_id"], id);
  EXPECT_EQ(d.doc["state"], "PAUSED");
  EXPECT_EQ(d.doc["obs_destination_description"]["deliver_time_interval"], 600);
  EXPECT_EQ(d.doc["obs_destination_description"]["file_prefix"], "p/q");
  EXPECT_TRUE(IsDisError(UpdateTask(dis(), "s", ObsBody("missing")), 400, "DIS.4354"));
  EXPECT_TRUE(IsDisError(UpdateTask(dis(), "s", ObsBody("u", {{"deliver_time_interval", 5}})), 400,
                         "DIS.4200"));
  EXPECT_EQ(
      DescribeTask(dis(), "s", "u").doc["obs_destination_description"]["deliver_time_interval"],
      600);
}

TEST_F(TransferTaskApiTest, V3AndSingularPaths) {
  dis().CreateOk("s", 1);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("v3"), Api::kV3), 201));
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("py"), Api::kSingular), 201));
  for (Api api : {Api::kV2, Api::kV3, Api::kSingular}) {
    DisResponse list = ListTasks(dis(), "s", api);
    ASSERT_TRUE(HasStatus(list, 200));
    EXPECT_EQ(list.doc["total_number"], 2);
    EXPECT_TRUE(HasStatus(DescribeTask(dis(), "s", "v3", api), 200));
    EXPECT_TRUE(HasStatus(DescribeTask(dis(), "s", "py", api), 200));
  }
  const std::string id = TaskId(dis(), "s", "py");
  EXPECT_TRUE(HasStatus(TaskAction(dis(), "s", "stop", {id}, Api::kV3), 200));
  EXPECT_TRUE(HasStatus(TaskAction(dis(), "s", "start", {id}, Api::kSingular), 200));
  EXPECT_TRUE(HasStatus(UpdateTask(dis(), "s", ObsBody("py"), Api::kSingular), 200));
  EXPECT_TRUE(HasStatus(UpdateTask(dis(), "s", ObsBody("py"), Api::kV3), 200));
  EXPECT_TRUE(HasStatus(DeleteTask(dis(), "s", "py", Api::kSingular), 204));
  EXPECT_TRUE(HasStatus(DeleteTask(dis(), "s", "v3", Api::kV3), 204));
  EXPECT_EQ(ListTasks(dis(), "s").doc["total_number"], 0);
  // Trailing slashes, as the Java SDK sends them.
  EXPECT_TRUE(HasStatus(dis().CallJson("POST", TasksPath(dis(), "s") + "/", ObsBody("j")), 201));
  EXPECT_TRUE(HasStatus(dis().Call("GET", TaskPath(dis(), "s", "j") + "/"), 200));
}

TEST_F(TransferTaskApiTest, ProjectsDoNotSeeEachOthersTasks) {
  dis().CreateOk("s", 1);
  ASSERT_TRUE(HasStatus(CreateTask(dis(), "s", ObsBody("mine")), 201));
  auto other = MakeClient(kOtherProject);
  other->CreateOk("s", 1);
  EXPECT_EQ(ListTasks(*other, "s").doc["total_number"], 0);
  EXPECT_TRUE(IsDisError(DescribeTask(*other, "s", "mine"), 400, "DIS.4354"));
  const std::string id = TaskId(dis(), "s", "mine");
  EXPECT_TRUE(IsDisError(TaskAction(*other, "s", "stop", {id}), 400, "DIS.4354"));
}

}  // namespace
}  // namespace disd::test
