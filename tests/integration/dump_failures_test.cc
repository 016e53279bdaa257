// What delivery does when the sink fails or records do not fit: retries with backoff on
// the manual clock, the obs_error location after retry_duration with the task ABNORMAL,
// recovery to RUNNING, nothing committed while no location takes the batch; and records
// that cannot be placed (processing_schema without a usable timestamp, Parquet rows that
// do not fit data_schema) going to obs_error while the rest is delivered.
#include <string>

#include "integration/dump_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;

class DumpFailureTest : public DisdTest {
 protected:
  fs::path Bucket() { return server().data_dir() / "dump" / "obs-bucket"; }
  std::map<std::string, std::string> Files() { return FilesUnder(Bucket()); }
  std::string State(const std::string& task) {
    return DescribeTask(dis(), "s1", task).value("state", "");
  }
};

TEST_F(DumpFailureTest, RetriesThenWritesTheBatchToObsErrorAndRecovers) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(
      dis(), "s1",
      ObsTask("t1", {{"file_prefix", "p"}, {"partition_format", "yyyy"}, {"retry_duration", 60}}));
  dis().AdvanceClock(1);
  // A file where the year directory has to go: the data objects cannot be written, the
  // error location (p/obs_error/) can.
  const std::string year = MinuteDirs(dis().Now() + 30000).substr(0, 4);
  fs::create_directories(Bucket() / "p");
  std::ofstream(Bucket() / "p" / year) << "in the way";
  dis().PutToPartition("s1", 0, 2, "r");

  dis().AdvanceClock(30000);  // first attempt fails
  EXPECT_EQ(State("t1"), "RUNNING") << "still within retry_duration";
  dis().AdvanceClock(30000);  // retried (backoff 1 s, 2 s, ...), still failing
  EXPECT_FALSE(Files().count("p/obs_error/s1_0_0_1.txt"));
  EXPECT_EQ(AsInt(TaskPartition(DescribeTask(dis(), "s1", "t1"), 0)["last_transfer_offset"]), -1);

  dis().AdvanceClock(31000);  // 61 s after the first failure: given up
  EXPECT_EQ(Files()["p/obs_error/s1_0_0_1.txt"], "r0\nr1");
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("DIS.4310"), std::string::npos) << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("obs_error"), std::string::npos) << task.dump();
  EXPECT_EQ(TaskPartition(task, 0).value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 1) << "committed to obs_error";

  // The sink recovers: the next batch is delivered and the task is RUNNING again.
  fs::remove(Bucket() / "p" / year);
  dis().PutToPartition("s1", 0, 1, "ok");
  dis().AdvanceClock(30000);
  EXPECT_EQ(Files()["p/" + year + "/s1_0_2_2.txt"], "ok0");
  EXPECT_EQ(State("t1"), "RUNNING");
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state_reason", "?"), "");
  EXPECT_EQ(Files().size(), 2u);
}

TEST_F(DumpFailureTest, NothingIsCommittedWhileNoLocationTakesTheBatch) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", ObsTask("t1", {{"retry_duration", 0}}));
  dis().AdvanceClock(1);
  fs::remove_all(Bucket());  // the bucket is gone: data and error location both fail
  dis().PutToPartition("s1", 0, 2, "r");
  dis().AdvanceClock(30000);
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("DIS.4306"), std::string::npos) << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), -1) << task.dump();
  dis().AdvanceClock(60000);  // still failing, still nothing skipped
  EXPECT_EQ(AsInt(TaskPartition(DescribeTask(dis(), "s1", "t1"), 0)["last_transfer_offset"]), -1);

  fs::create_directories(Bucket());  // the bucket is back
  dis().AdvanceClock(60000);         // the next retry (backoff at most 60 s) succeeds
  EXPECT_EQ(Files(), (std::map<std::string, std::string>{{"s1_0_0_1.txt", "r0\nr1"}}));
  EXPECT_EQ(State("t1"), "RUNNING");
}

TEST_F(DumpFailureTest, ProcessingSchemaTakesTimeDirectoriesFromEachRecord) {
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}});
  CreateTaskOk(dis(), "s1",
               ObsTask("by_ts", {{"file_prefix", "ts"},
                                 {"partition_format", "yyyy/MM/dd/HH"},
                                 {"processing_schema",
                                  {{"timestamp_name", "ts"}, {"timestamp_type", "Timestamp"}}}}));
  CreateTaskOk(dis(), "s1",
               ObsTask("by_text", {{"file_prefix", "text"},
                                   {"partition_format", "yyyy/MM/dd/HH/mm"},
                                   {"processing_schema",
                                    {{"timestamp_name", "at"},
                                     {"timestamp_type", "String"},
                                     {"timestamp_format", "dd/MM/yyyy HH:mm:ss"}}}}));
  dis().AdvanceClock(1);
  // 1510325345000 = 2017-11-10 14:49:05 UTC; 1510329600000 = 2017-11-10 16:00:00 UTC.
  dis().PutOk(
      "s1", {Plain(R"({"ts":1510325345000,"at":"10/11/2017 14:49:05","v":1})"),
             Plain(R"({"ts":1510329600000,"at":"10/11/2017 16:00:00","v":2})"), Plain(R"({"v":3})"),
             Plain(R"({"ts":1510325399000,"at":"10/11/2017 14:49:59","v":4})")});
  dis().AdvanceClock(30000);
  auto files = Files();
  const std::string r1 = R"({"ts":1510325345000,"at":"10/11/2017 14:49:05","v":1})";
  const std::string r2 = R"({"ts":1510329600000,"at":"10/11/2017 16:00:00","v":2})";
  const std::string r4 = R"({"ts":1510325399000,"at":"10/11/2017 14:49:59","v":4})";
  EXPECT_EQ(files["ts/2017/11/10/14/s1_0_0_3.txt"], r1 + "\n" + r4);
  EXPECT_EQ(files["ts/2017/11/10/16/s1_0_0_3.txt"], r2);
  EXPECT_EQ(files["ts/obs_error/s1_0_0_3.txt"], R"({"v":3})") << "no timestamp field";
  EXPECT_EQ(files["text/2017/11/10/14/49/s1_0_0_3.txt"], r1 + "\n" + r4);
  EXPECT_EQ(files["text/2017/11/10/16/00/s1_0_0_3.txt"], r2);
  EXPECT_EQ(files["text/obs_error/s1_0_0_3.txt"], R"({"v":3})");
  EXPECT_EQ(files.size(), 6u);
  EXPECT_EQ(State("by_ts"), "RUNNING");
}

TEST_F(DumpFailureTest, ParquetFilesHoldTheRowsThatFitDataSchema) {
  const json schema = {
      {"type", "record"},
      {"name", "r"},
      {"fields", {{{"name", "id"}, {"type", "long"}}, {{"name", "name"}, {"type", "string"}}}}};
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}, {"data_schema", schema.dump()}});
  CreateTaskOk(dis(), "s1", ObsTask("pq", {{"destination_file_type", "parquet"}}));
  dis().AdvanceClock(1);
  dis().PutOk("s1", {Plain(R"({"id":1,"name":"one"})"), Plain(R"({"id":"x","name":"bad"})"),
                     Plain(R"({"id":3,"name":"three"})")});
  dis().AdvanceClock(30000);
  auto files = Files();
  ASSERT_TRUE(files.count("s1_0_0_2.parquet")) << "files: " << files.size();
  EXPECT_EQ(files["obs_error/s1_0_0_2.txt"], R"({"id":"x","name":"bad"})");
  json read = ReadParquet(Bucket() / "s1_0_0_2.parquet");
  EXPECT_EQ(read["rows"], json::parse(R"([["1","one"],["3","three"]])")) << read.dump();
  EXPECT_EQ(State("pq"), "RUNNING");
}

}  // namespace
}  // namespace disd::test
