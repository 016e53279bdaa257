// OBS transfer tasks delivering through disd's SigV4 client into a real, signature-checking
// S3 server (Ceph RGW, tests/support/rgw_fixture.h): objects land under the task's prefix
// with the records' bytes; a deleted bucket and a wrong secret (403 SignatureDoesNotMatch)
// make the task ABNORMAL without losing or skipping records, and delivery resumes when the
// bucket or the right secret is back. Objects are read back with curl's own SigV4.
#include <fstream>
#include <string>

#include "integration/dump_calls.h"
#include "support/disd_test.h"
#include "support/rgw_fixture.h"

namespace disd::test {
namespace {

json RgwDestinations(const std::string& endpoint, const std::string& secret) {
  json local = {{"name", "local"},
                {"kind", "local"},
                {"root_dir", "dump"},
                {"create_buckets", {"obs-bucket"}}};
  json rgw = {{"name", "rgw"},
              {"kind", "s3"},
              {"endpoint", endpoint},
              {"region", RgwServer::kRegion},
              {"access_key", RgwServer::kAccessKey},
              {"secret_key", secret},
              {"timeout_ms", 10000}};
  return {{"destinations",
           {{"object_stores", {local, rgw}},
            {"agencies",
             {{{"name", "dis_admin_agency"}, {"object_store", "local"}},
              {{"name", "rgw_agency"}, {"object_store", "rgw"}}}}}}};
}

class DumpRgwTest : public DisdTest {
 protected:
  void SetUp() override {
    DISD_REQUIRE_RGW(rgw);
    rgw_ = rgw;
    bucket_ = std::string("dis-") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : bucket_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bucket_ = bucket_.substr(0, 40);
    ASSERT_TRUE(rgw_->CreateBucket(bucket_));
    DisdTest::SetUp();
  }
  ServerOptions Options() const override {
    ServerOptions options;
    options.config =
        RgwDestinations(RgwServer::Shared(nullptr)->endpoint(), RgwServer::kSecretKey).dump(2);
    return options;
  }
  // Rewrites the config file the next (re)start reads.
  void UseSecret(const std::string& secret) {
    std::ofstream(server().directory() / "config.json")
        << RgwDestinations(rgw_->endpoint(), secret).dump(2);
  }
  std::string State(const std::string& task) {
    return DescribeTask(dis(), "s1", task).value("state", "");
  }
  std::int64_t LastOffset(const std::string& task) {
    return AsInt(TaskPartition(DescribeTask(dis(), "s1", task), 0)["last_transfer_offset"]);
  }

  RgwServer* rgw_ = nullptr;
  std::string bucket_;
};

TEST_F(DumpRgwTest, DeliversIntoRgwAndRecoversWhenTheBucketComesBack) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1",
               ObsTask("t1", {{"agency_name", "rgw_agency"},
                              {"obs_bucket_path", bucket_},
                              {"file_prefix", "in/rgw"},
                              {"retry_duration", 30}}));
  dis().AdvanceClock(1);
  dis().PutOk("s1", {Plain("one"), Plain("two words"), Plain(std::string("\0bin\xff", 5))});
  dis().AdvanceClock(30000);
  EXPECT_EQ(rgw_->List(bucket_), std::vector<std::string>{"in/rgw/s1_0_0_2.txt"});
  EXPECT_EQ(rgw_->Get(bucket_, "in/rgw/s1_0_0_2.txt"),
            "one\ntwo words\n" + std::string("\0bin\xff", 5));
  EXPECT_EQ(State("t1"), "RUNNING");

  ASSERT_TRUE(rgw_->DeleteBucket(bucket_));
  dis().PutToPartition("s1", 0, 2, "late");
  dis().AdvanceClock(30000);  // NoSuchBucket; retried
  dis().AdvanceClock(31000);  // past retry_duration; obs_error is in the same bucket: fails too
  EXPECT_EQ(State("t1"), "ABNORMAL");
  EXPECT_EQ(LastOffset("t1"), 2) << "the failed batch is not committed";
  EXPECT_NE(server().LogTail().find("DIS.4306"), std::string::npos) << server().LogTail();

  ASSERT_TRUE(rgw_->CreateBucket(bucket_));
  dis().AdvanceClock(60000);  // the next retry reaches the bucket
  EXPECT_EQ(rgw_->List(bucket_), std::vector<std::string>{"in/rgw/s1_0_3_4.txt"});
  EXPECT_EQ(rgw_->Get(bucket_, "in/rgw/s1_0_3_4.txt"), "late0\nlate1");
  EXPECT_EQ(State("t1"), "RUNNING");
  EXPECT_EQ(LastOffset("t1"), 4);
}

TEST_F(DumpRgwTest, AWrongSecretIsRefusedAndTheBatchWaitsForTheRightOne) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1",
               ObsTask("t1", {{"agency_name", "rgw_agency"},
                              {"obs_bucket_path", bucket_},
                              {"retry_duration", 0}}));
  dis().AdvanceClock(1);
  dis().PutToPartition("s1", 0, 1, "a");
  dis().AdvanceClock(30000);
  ASSERT_EQ(rgw_->List(bucket_), std::vector<std::string>{"s1_0_0_0.txt"});

  // Same access key, wrong secret: RGW verifies the signature and refuses every request.
  UseSecret("NOT-THE-SECRET");
  ASSERT_TRUE(RestartServer());
  DisResponse refused =
      dis().CallJson("POST", TasksPath(dis(), "s1"),
                     ObsTask("t2", {{"agency_name", "rgw_agency"}, {"obs_bucket_path", bucket_}}));
  EXPECT_TRUE(IsDisError(refused, 400, "DIS.4310")) << refused.body;
  dis().PutToPartition("s1", 0, 2, "b");
  dis().AdvanceClock(60000);
  EXPECT_EQ(State("t1"), "ABNORMAL");
  EXPECT_EQ(LastOffset("t1"), 0);
  EXPECT_NE(DescribeTask(dis(), "s1", "t1").value("state_reason", "").find("SignatureDoesNotMatch"),
            std::string::npos)
      << server().LogTail();
  EXPECT_EQ(rgw_->List(bucket_), std::vector<std::string>{"s1_0_0_0.txt"});

  UseSecret(RgwServer::kSecretKey);
  ASSERT_TRUE(RestartServer());
  dis().AdvanceClock(1);  // the batch recorded before the restart is due at once
  EXPECT_EQ(rgw_->List(bucket_), (std::vector<std::string>{"s1_0_0_0.txt", "s1_0_1_2.txt"}));
  EXPECT_EQ(rgw_->Get(bucket_, "s1_0_1_2.txt"), "b0\nb1");
  EXPECT_EQ(State("t1"), "RUNNING");
  EXPECT_EQ(LastOffset("t1"), 2);
}

}  // namespace
}  // namespace disd::test
