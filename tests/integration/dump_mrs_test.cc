// MRS transfer tasks end to end: streams, tasks and records through the API, delivery on
// the manual clock, and what landed read back from the HDFS side. No HDFS runs on Debian,
// so the cluster is the strict in-process WebHDFS fake (tests/support/webhdfs_fake.h): the
// exact request sequence (MKDIRS, CREATE -> 307 -> DataNode PUT, RENAME), the staged OBS
// copy, the NameNode down and back (nothing lost, nothing twice), a crash between the
// write and the offset commit (one file), retry_duration exhausted (mrs_error), and the
// creation errors. DumpMrsRealClusterTest runs the delivery against a real cluster when
// DISD_TEST_WEBHDFS_URL names one (DISD_TEST_WEBHDFS_USER, default "dis"), reading the
// file back with curl.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "integration/dump_calls.h"
#include "support/disd_test.h"
#include "support/webhdfs_fake.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;

constexpr char kClusterId[] = "f8123fa6-99f1-4ed9-83f4-c827c7277d41";

// The seed's MRS example (001), with `extra` overriding fields.
json MrsTask(const std::string& name, const json& extra = json::object()) {
  json d = {{"task_name", name},
            {"consumer_strategy", "LATEST"},
            {"agency_name", "dis_admin_agency"},
            {"destination_file_type", "text"},
            {"mrs_cluster_id", kClusterId},
            {"mrs_cluster_name", "mrscluster"},
            {"mrs_hdfs_path", "/user"},
            {"obs_bucket_path", "obs-bucket"},
            {"file_prefix", ""},
            {"hdfs_prefix_folder", ""},
            {"deliver_time_interval", 30},
            {"retry_duration", 1800}};
  for (const auto& [k, v] : extra.items()) d[k] = v;
  return {{"destination_type", "MRS"}, {"mrs_destination_descriptor", d}};
}

class DumpMrsTest : public DisdTest {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(fake_.Start(&why)) << "the WebHDFS fake could not start: " << why;
    webhdfs_url_ = fake_.namenode_url();
    DisdTest::SetUp();
  }
  ServerOptions Options() const override {
    json config = {{"destinations",
                    {{"mrs_clusters",
                      {{{"name", "mrscluster"},
                        {"id", kClusterId},
                        {"webhdfs_url", webhdfs_url_},
                        {"user", user_}}}}}}};
    ServerOptions options;
    options.config = "// MRS delivery tests\n" + config.dump(2) + "\n";
    return options;
  }
  fs::path Bucket() { return server().data_dir() / "dump" / "obs-bucket"; }
  json Partition0(const std::string& task) {
    return TaskPartition(DescribeTask(dis(), "s1", task), 0);
  }
  // The requests that published a file (a RENAME the fake answered with true or false).
  int Renames() {
    int n = 0;
    for (const auto& r : fake_.Requests()) n += r.op == "RENAME" ? 1 : 0;
    return n;
  }

  WebHdfsFake fake_;
  std::string webhdfs_url_;
  std::string user_ = "dis";
};

TEST_F(DumpMrsTest, DeliversFilesThroughTheTwoStepCreateAndRename) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1",
               MrsTask("mrstask", {{"file_prefix", "staging"}, {"hdfs_prefix_folder", "dis/in"}}));
  dis().AdvanceClock(1);
  dis().PutToPartition("s1", 0, 3, "rec");
  dis().AdvanceClock(28000);
  EXPECT_TRUE(fake_.Requests().empty()) << "nothing before deliver_time_interval";

  dis().AdvanceClock(2000);
  const std::string dir = "/user/dis/in";  // MRS takes no partition_format: no time directories
  EXPECT_EQ(fake_.Files(),
            (std::map<std::string, std::string>{{dir + "/s1_0_0_2.txt", "rec0\nrec1\nrec2"}}));
  EXPECT_EQ(fake_.Trace(), (std::vector<std::string>{
                               "NN PUT MKDIRS " + dir + " -> 200",
                               "NN PUT CREATE " + dir + "/.s1_0_0_2.txt.tmp -> 307",
                               "DN PUT CREATE " + dir + "/.s1_0_0_2.txt.tmp -> 201",
                               "NN PUT RENAME " + dir + "/.s1_0_0_2.txt.tmp -> 200",
                           }));
  const auto requests = fake_.Requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[1].body, "") << "no data to the NameNode";
  EXPECT_EQ(requests[2].body, "rec0\nrec1\nrec2");
  EXPECT_EQ(requests[3].params.at("destination"), dir + "/s1_0_0_2.txt");
  EXPECT_EQ(FilesUnder(Bucket()),
            (std::map<std::string, std::string>{{"staging/s1_0_0_2.txt", "rec0\nrec1\nrec2"}}))
      << "staged to OBS as the service does";

  json task = DescribeTask(dis(), "s1", "mrstask");
  EXPECT_EQ(task.value("state", ""), "RUNNING") << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 2) << task.dump();

  dis().PutToPartition("s1", 0, 2, "more");
  dis().AdvanceClock(30000);
  EXPECT_EQ(fake_.File("/user/dis/in/s1_0_3_4.txt"), "more0\nmore1");
  EXPECT_EQ(fake_.Files().size(), 2u);
  EXPECT_EQ(AsInt(Partition0("mrstask")["last_transfer_offset"]), 4);
}

TEST_F(DumpMrsTest, NameNodeDownThenBackLosesNothingAndDuplicatesNothing) {
  dis().CreateOk("s1", 2);
  CreateTaskOk(dis(), "s1", MrsTask("t1", {{"hdfs_prefix_folder", "out"}}));
  dis().AdvanceClock(1);
  fake_.Stop();
  dis().PutToPartition("s1", 0, 2, "a");
  dis().PutToPartition("s1", 1, 1, "b");
  dis().AdvanceClock(30000);
  dis().AdvanceClock(60000);
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), -1) << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 1)["last_transfer_offset"]), -1) << task.dump();
  EXPECT_EQ(task.value("state", ""), "RUNNING") << "still retrying within retry_duration";

  // The DataNode comes back failing first: still nothing published.
  std::string why;
  ASSERT_TRUE(fake_.Start(&why)) << why;
  fake_.SetFault(WebHdfsFake::Fault::kDataNodeFails);
  dis().AdvanceClock(60000);
  EXPECT_TRUE(fake_.Files().empty());
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), -1);

  fake_.SetFault(WebHdfsFake::Fault::kNone);
  dis().AdvanceClock(60000);  // the next retry (backoff at most 60 s) succeeds
  EXPECT_EQ(fake_.Files(), (std::map<std::string, std::string>{{"/user/out/s1_0_0_1.txt", "a0\na1"},
                                                               {"/user/out/s1_1_0_0.txt", "b0"}}));
  task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 1) << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 1)["last_transfer_offset"]), 0) << task.dump();

  dis().PutToPartition("s1", 0, 1, "c");
  dis().AdvanceClock(30000);
  dis().AdvanceClock(30000);
  EXPECT_EQ(fake_.Files(), (std::map<std::string, std::string>{{"/user/out/s1_0_0_1.txt", "a0\na1"},
                                                               {"/user/out/s1_0_2_2.txt", "c0"},
                                                               {"/user/out/s1_1_0_0.txt", "b0"}}));
  EXPECT_EQ(Renames(), 3) << "each batch published once";
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
}

TEST_F(DumpMrsTest, PastRetryDurationTheBatchGoesToMrsError) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", MrsTask("t1", {{"file_prefix", "p"}, {"retry_duration", 60}}));
  dis().AdvanceClock(1);
  fake_.SetFault(WebHdfsFake::Fault::kDataNodeFails);
  dis().PutToPartition("s1", 0, 2, "r");
  dis().AdvanceClock(30000);  // first attempt fails
  dis().AdvanceClock(30000);  // retried, still failing
  EXPECT_FALSE(fs::exists(Bucket() / "p" / "mrs_error"));
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), -1);

  dis().AdvanceClock(31000);  // 61 s after the first failure: given up
  auto files = FilesUnder(Bucket());
  EXPECT_EQ(files["p/mrs_error/s1_0_0_1.txt"], "r0\nr1");
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  const std::string reason = task.value("state_reason", "");
  EXPECT_NE(reason.find("DIS.4208"), std::string::npos) << reason;
  EXPECT_NE(reason.find("HTTP 500 RuntimeException"), std::string::npos) << reason;
  EXPECT_NE(reason.find("mrs_error"), std::string::npos) << reason;
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 1);
  EXPECT_TRUE(fake_.Files().empty());

  fake_.SetFault(WebHdfsFake::Fault::kNone);  // the cluster recovers
  dis().PutToPartition("s1", 0, 1, "ok");
  dis().AdvanceClock(30000);
  EXPECT_EQ(fake_.Files(), (std::map<std::string, std::string>{{"/user/s1_0_2_2.txt", "ok0"}}));
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
}

TEST_F(DumpMrsTest, CreationNeedsAConfiguredClusterAndAnAbsoluteHdfsPath) {
  dis().CreateOk("s1", 1);
  auto code = [&](const json& body) {
    DisResponse r = dis().CallJson("POST", TasksPath(dis(), "s1"), body);
    EXPECT_EQ(r.status, 400) << r.body;
    return r.doc.value("error_code", "");
  };
  EXPECT_EQ(code(MrsTask("t1", {{"mrs_cluster_name", "nope"}, {"mrs_cluster_id", "nope-id"}})),
            "DIS.4208");
  json no_path = MrsTask("t2");
  no_path["mrs_destination_descriptor"].erase("mrs_hdfs_path");
  EXPECT_EQ(code(no_path), "DIS.4336");
  EXPECT_EQ(code(MrsTask("t3", {{"mrs_hdfs_path", "user/relative"}})), "DIS.4336");
  CreateTaskOk(dis(), "s1", MrsTask("by_id", {{"mrs_cluster_name", "other"}}));
  EXPECT_TRUE(fake_.Requests().empty()) << "creating a task never contacts the cluster";
}

// A crash after the HDFS file is published and before the offset commit: the rerun
// rewrites the same batch, RENAME answers false, the final file is there, and it stays the
// only copy.
class DumpMrsCrashTest : public DumpMrsTest {
 protected:
  void SetUp() override {
    ::setenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE", "1", 1);
    DumpMrsTest::SetUp();
    ::unsetenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE");  // the restart runs without the fault
  }
};

TEST_F(DumpMrsCrashTest, ACrashBetweenPublishAndCommitLeavesOneFile) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", MrsTask("t1"));
  dis().AdvanceClock(1);
  dis().PutToPartition("s1", 0, 3, "x");
  DisResponse crashed = dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", 30000}});
  EXPECT_EQ(crashed.status, 0) << "the fault should have ended the server: " << crashed.body;
  const std::string first = "/user/s1_0_0_2.txt";
  ASSERT_EQ(fake_.Files(), (std::map<std::string, std::string>{{first, "x0\nx1\nx2"}}));

  ASSERT_TRUE(RestartServer(/*crash=*/true));
  fake_.ClearRequests();
  dis().PutToPartition("s1", 0, 2, "y");
  dis().AdvanceClock(2 * 60000);
  const std::string second = "/user/s1_0_3_4.txt";
  EXPECT_EQ(fake_.Files(),
            (std::map<std::string, std::string>{{first, "x0\nx1\nx2"}, {second, "y0\ny1"}}))
      << "the rewritten batch is not published twice, and no temporary file is left";
  const auto trace = fake_.Trace();
  const std::string temp = "/user/.s1_0_0_2.txt.tmp";
  EXPECT_NE(std::find(trace.begin(), trace.end(), "NN PUT RENAME " + temp + " -> 200"),
            trace.end());
  EXPECT_NE(std::find(trace.begin(), trace.end(), "NN DELETE DELETE " + temp + " -> 200"),
            trace.end());
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), 4);
}

// The same delivery against a real cluster, when one is named.
class DumpMrsRealClusterTest : public DumpMrsTest {
 protected:
  void SetUp() override {
    const char* url = std::getenv("DISD_TEST_WEBHDFS_URL");
    if (url == nullptr || *url == '\0') {
      GTEST_SKIP() << "set DISD_TEST_WEBHDFS_URL=http://namenode:9870 (and optionally "
                      "DISD_TEST_WEBHDFS_USER) to run the MRS delivery against a real cluster";
    }
    webhdfs_url_ = url;
    if (const char* user = std::getenv("DISD_TEST_WEBHDFS_USER"); user != nullptr && *user) {
      user_ = user;
    }
    DisdTest::SetUp();
  }
  // curl, an HTTP client independent of disd's, following the DataNode redirect.
  std::string Curl(const std::string& method, const std::string& path, const std::string& op) {
    const std::string command = "curl -sS -L -X " + method + " '" + webhdfs_url_ + "/webhdfs/v1" +
                                path + "?op=" + op + "&user.name=" + user_ + "' 2>&1";
    std::string out;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
      char buf[4096];
      std::size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
      ::pclose(pipe);
    }
    return out;
  }
};

TEST_F(DumpMrsRealClusterTest, DeliversAFileIntoTheRealCluster) {
  const std::string folder =
      "disd-test-" + std::to_string(::getpid()) + "-" + std::to_string(std::time(nullptr));
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1",
               MrsTask("t1", {{"mrs_hdfs_path", "/tmp"}, {"hdfs_prefix_folder", folder}}));
  dis().AdvanceClock(1);
  dis().PutToPartition("s1", 0, 3, "real");
  dis().AdvanceClock(30000);
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 2) << task.dump();
  EXPECT_EQ(task.value("state", ""), "RUNNING") << task.dump();
  EXPECT_EQ(Curl("GET", "/tmp/" + folder + "/s1_0_0_2.txt", "OPEN"), "real0\nreal1\nreal2");
  const std::string listing = Curl("GET", "/tmp/" + folder, "LISTSTATUS");
  EXPECT_EQ(listing.find(".tmp"), std::string::npos) << listing;
  Curl("DELETE", "/tmp/" + folder, "DELETE&recursive=true");
}

}  // namespace
}  // namespace disd::test
