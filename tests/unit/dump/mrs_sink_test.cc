// The MRS sink: HDFS paths of a batch, and Write against the strict WebHDFS fake with a
// local staging store: the staged object and the HDFS file, the exact request sequence,
// an idempotent rewrite of the same batch, and failures reported as errors.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "dump/mrs_layout.h"
#include "dump/object_stores.h"
#include "dump/sink.h"
#include "support/webhdfs_fake.h"

namespace disd::dump {
namespace {

namespace fs = std::filesystem;
using test::WebHdfsFake;

constexpr std::int64_t kNov10 = 1510325345000;  // 2017-11-10 14:49:05 UTC

TEST(MrsLayoutTest, PathsJoinHdfsPathFolderTimeDirsAndTheBatchName) {
  const BatchName name{"s1", 2, 10, 19};
  auto paths = MrsBatchPaths(MrsSpec{"c", "id", "/user", "dis/out"}, "yyyy/MM/dd", name, kNov10);
  ASSERT_TRUE(paths.ok());
  EXPECT_EQ(paths->directory, "/user/dis/out/2017/11/10");
  EXPECT_EQ(paths->final_path, "/user/dis/out/2017/11/10/s1_2_10_19.txt");
  EXPECT_EQ(paths->temp_path, "/user/dis/out/2017/11/10/.s1_2_10_19.txt.tmp");

  auto flat = MrsBatchPaths(MrsSpec{"c", "id", "/user/", ""}, "", name, kNov10);
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(flat->final_path, "/user/s1_2_10_19.txt");
  auto root = MrsBatchPaths(MrsSpec{"c", "id", "/", "/a/"}, "yyyy/MM/dd/HH/mm", name, kNov10);
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->final_path, "/a/2017/11/10/14/49/s1_2_10_19.txt");
  auto bare = MrsBatchPaths(MrsSpec{"c", "id", "/", ""}, "", name, kNov10);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->directory, "/");
  EXPECT_EQ(bare->final_path, "/s1_2_10_19.txt");
  EXPECT_EQ(bare->temp_path, "/.s1_2_10_19.txt.tmp");
  EXPECT_FALSE(MrsBatchPaths(MrsSpec{}, "yy", name, kNov10).ok());
}

class MrsSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(fake_.Start(&why)) << "the WebHDFS fake could not start: " << why;
    root_ = fs::temp_directory_path() /
            ("disd-mrs-sink-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    store_ = MakeLocalObjectStore(root_.string());
    ASSERT_TRUE(store_->CreateBucket("stage").ok());
    spec_.destination_type = engine::DestinationType::kMrs;
    spec_.common.obs_bucket_path = "stage";
    spec_.common.file_prefix = "tmp/mrs";
    spec_.common.partition_format = "yyyy/MM/dd";
    spec_.common.record_delimiter = "|";
    spec_.mrs = MrsSpec{"mrscluster", "id", "/user/dis", "out"};
    cluster_.name = "mrscluster";
    cluster_.webhdfs_url = fake_.namenode_url();
    cluster_.user = "hive";
    stream_.name = "s1";
    for (int i = 0; i < 3; ++i) {
      records_.push_back(engine::LogRecord{10 + i, 0, 0, std::nullopt, "r" + std::to_string(i)});
    }
    batch_ = DeliveryBatch{"s1", 0, 10, 12, kNov10, &records_};
  }
  void TearDown() override { fs::remove_all(root_); }

  std::unique_ptr<Sink> MakeSink() {
    auto sink = MakeMrsSink(*store_, spec_, stream_, cluster_);
    EXPECT_TRUE(sink.ok()) << sink.error().detail;
    return sink.ok() ? std::move(*sink) : nullptr;
  }

  WebHdfsFake fake_;
  fs::path root_;
  std::unique_ptr<ObjectStore> store_;
  TaskSpec spec_;
  MrsClusterConfig cluster_;
  engine::StreamMeta stream_;
  std::vector<engine::LogRecord> records_;
  DeliveryBatch batch_;
};

TEST_F(MrsSinkTest, StagesThenPublishesByRename) {
  auto sink = MakeSink();
  ASSERT_TRUE(sink);
  auto written = sink->Write(batch_);
  ASSERT_TRUE(written.ok()) << written.error().detail;
  EXPECT_EQ(written->files_written, 1);
  EXPECT_TRUE(written->rejected.empty());

  const std::string dir = "/user/dis/out/2017/11/10";
  EXPECT_EQ(fake_.Files(),
            (std::map<std::string, std::string>{{dir + "/s1_0_10_12.txt", "r0|r1|r2"}}));
  auto staged = store_->Get("stage", "tmp/mrs/2017/11/10/s1_0_10_12.txt");
  ASSERT_TRUE(staged.ok() && staged->has_value());
  EXPECT_EQ(**staged, "r0|r1|r2");
  EXPECT_EQ(fake_.Trace(), (std::vector<std::string>{
                               "NN PUT MKDIRS " + dir + " -> 200",
                               "NN PUT CREATE " + dir + "/.s1_0_10_12.txt.tmp -> 307",
                               "DN PUT CREATE " + dir + "/.s1_0_10_12.txt.tmp -> 201",
                               "NN PUT RENAME " + dir + "/.s1_0_10_12.txt.tmp -> 200",
                           }));
  const auto requests = fake_.Requests();
  EXPECT_EQ(requests[1].params.at("overwrite"), "true");
  EXPECT_EQ(requests[3].params.at("destination"), dir + "/s1_0_10_12.txt");
  for (const auto& r : requests) EXPECT_EQ(r.params.at("user.name"), "hive") << r.Summary();
}

TEST_F(MrsSinkTest, RewritingTheSameBatchLandsOnce) {
  auto sink = MakeSink();
  ASSERT_TRUE(sink);
  ASSERT_TRUE(sink->Write(batch_).ok());
  fake_.ClearRequests();
  auto again = sink->Write(batch_);  // as after a crash between write and commit
  ASSERT_TRUE(again.ok()) << again.error().detail;
  const std::string dir = "/user/dis/out/2017/11/10";
  EXPECT_EQ(fake_.Files(),
            (std::map<std::string, std::string>{{dir + "/s1_0_10_12.txt", "r0|r1|r2"}}));
  EXPECT_EQ(fake_.Trace(), (std::vector<std::string>{
                               "NN PUT MKDIRS " + dir + " -> 200",
                               "NN PUT CREATE " + dir + "/.s1_0_10_12.txt.tmp -> 307",
                               "DN PUT CREATE " + dir + "/.s1_0_10_12.txt.tmp -> 201",
                               "NN PUT RENAME " + dir + "/.s1_0_10_12.txt.tmp -> 200",
                               "NN GET GETFILESTATUS " + dir + "/s1_0_10_12.txt -> 200",
                               "NN DELETE DELETE " + dir + "/.s1_0_10_12.txt.tmp -> 200",
                           }));
}

TEST_F(MrsSinkTest, FailuresAreErrorsAndNothingIsPublished) {
  auto sink = MakeSink();
  ASSERT_TRUE(sink);
  fake_.SetFault(WebHdfsFake::Fault::kDataNodeFails);
  auto failed = sink->Write(batch_);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidMrsCluster);
  EXPECT_TRUE(fake_.Files().empty());

  fake_.SetFault(WebHdfsFake::Fault::kNone);
  fake_.MakeDirectory("/user/dis/out/2017/11/10/s1_0_10_12.txt");  // a directory in the way
  fake_.PutFile("/user/dis/out/2017/11/10/s1_0_10_12.txt/.s1_0_10_12.txt.tmp", "x");
  auto blocked = sink->Write(batch_);
  ASSERT_FALSE(blocked.ok());
  EXPECT_NE(blocked.error().detail.find("answered false"), std::string::npos)
      << blocked.error().detail;

  fake_.Stop();
  auto down = sink->Write(batch_);
  ASSERT_FALSE(down.ok());
  EXPECT_NE(down.error().detail.find("WebHDFS MKDIRS"), std::string::npos) << down.error().detail;
}

TEST_F(MrsSinkTest, BuildingChecksTheClusterAddressAndFileType) {
  cluster_.webhdfs_url = "hdfs://nn:8020";
  auto bad_url = MakeMrsSink(*store_, spec_, stream_, cluster_);
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.error().code, ErrorCode::kInvalidMrsCluster);
  cluster_.webhdfs_url = fake_.namenode_url();
  spec_.common.destination_file_type = FileType::kParquet;
  EXPECT_FALSE(MakeMrsSink(*store_, spec_, stream_, cluster_).ok());
  EXPECT_TRUE(fake_.Requests().empty()) << "building a sink never contacts the cluster";
}

}  // namespace
}  // namespace disd::dump
