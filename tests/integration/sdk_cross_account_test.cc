// Cross-account access (dis-behaviour.md 2.5, the Python SDK's "across account" calls):
// a principal of another domain may put or get records on a stream of this project only
// through the stream's policies, addressing the stream by stream_id; everything else is
// 403 DIS.4116.
#include <gtest/gtest.h>

#include "integration/sdk_calls.h"

namespace disd::test {
namespace {

class CrossAccountTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return sdk::WithAuth("strict"); }

  void SetUp() override {
    DisdTest::SetUp();
    client_ = std::make_unique<sdk::SignedClient>(dis(), server().port());
    ASSERT_TRUE(HasStatus(client_->SendJson(Sdk::kJava, "POST", dis().V2("/streams/"),
                                            {{"stream_name", "shared"}, {"partition_count", 1}}),
                          201));
    DisResponse describe = client_->Send(Sdk::kJava, "GET", dis().V2("/streams/shared/"));
    ASSERT_TRUE(HasStatus(describe, 200));
    stream_id_ = describe.doc["stream_id"];
  }

  DisResponse AddPolicy(const std::string& principal, const std::string& action) {
    return client_->SendJson(Sdk::kJava, "POST", dis().V2("/streams/shared/policies"),
                             {{"stream_id", stream_id_},
                              {"principal_name", principal},
                              {"action_type", action},
                              {"effect", "accept"}});
  }
  DisResponse BobPut(const json& body) {
    return client_->SendJson(Sdk::kPython, "POST", dis().V2("/records/"), body, sdk::Bob());
  }
  json PutBody(const std::string& name, const std::string& id) {
    return {{"stream_name", name}, {"stream_id", id}, {"records", {{{"data", "aGVsbG8="}}}}};
  }

  std::unique_ptr<sdk::SignedClient> client_;
  std::string stream_id_;
};

TEST_F(CrossAccountTest, NothingWithoutAPolicy) {
  EXPECT_TRUE(IsDisError(BobPut(PutBody("", stream_id_)), 403, "DIS.4116"));
  EXPECT_TRUE(
      IsDisError(client_->Send(Sdk::kPython, "GET", dis().V2("/streams/shared"), "", sdk::Bob()),
                 403, "DIS.4116"));
  EXPECT_TRUE(IsDisError(client_->Send(Sdk::kPython, "GET",
                                       dis().V2("/cursors/?stream-id=" + stream_id_ +
                                                "&partition-id=0&cursor-type=TRIM_HORIZON"),
                                       "", sdk::Bob()),
                         403, "DIS.4116"));
}

TEST_F(CrossAccountTest, APutRecordsPolicyLetsThePartnerWriteByStreamId) {
  ASSERT_TRUE(HasStatus(AddPolicy("partner.bob", "putRecords"), 201));
  DisResponse put = BobPut(PutBody("", stream_id_));
  ASSERT_TRUE(HasStatus(put, 200));
  EXPECT_EQ(put.doc["failed_record_count"], 0);
  // The stream id decides; a name alongside it is ignored, and a name alone is refused.
  EXPECT_TRUE(HasStatus(BobPut(PutBody("shared", stream_id_)), 200));
  EXPECT_TRUE(IsDisError(BobPut(PutBody("shared", "")), 403, "DIS.4116"));
  // Writing is not reading, and the stream's other operations stay closed.
  EXPECT_TRUE(IsDisError(client_->Send(Sdk::kPython, "GET",
                                       dis().V2("/cursors/?stream-id=" + stream_id_ +
                                                "&partition-id=0&cursor-type=TRIM_HORIZON"),
                                       "", sdk::Bob()),
                         403, "DIS.4116"));
  EXPECT_TRUE(
      IsDisError(client_->Send(Sdk::kPython, "DELETE", dis().V2("/streams/shared"), "", sdk::Bob()),
                 403, "DIS.4116"));
}

TEST_F(CrossAccountTest, AGetRecordsPolicyLetsThePartnerRead) {
  ASSERT_TRUE(HasStatus(AddPolicy("partner.*", "getRecords"), 201));
  ASSERT_TRUE(HasStatus(
      client_->SendJson(Sdk::kJava, "POST", dis().V2("/records/"),
                        {{"stream_name", "shared"}, {"records", {{{"data", "c2hhcmVk"}}}}}),
      200));
  DisResponse cursor = client_->Send(
      Sdk::kPython, "GET",
      dis().V2("/cursors/?stream-id=" + stream_id_ + "&partition-id=0&cursor-type=TRIM_HORIZON"),
      "", sdk::Bob());
  ASSERT_TRUE(HasStatus(cursor, 200));
  const std::string token = cursor.doc["partition_cursor"];
  DisResponse read =
      client_->Send(Sdk::kPython, "GET", dis().V2("/records/?partition-cursor=" + UrlEncode(token)),
                    "", sdk::Bob());
  ASSERT_TRUE(HasStatus(read, 200));
  auto records = ParseRecords(read);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].data, "shared");
  // Reading is not writing.
  EXPECT_TRUE(IsDisError(BobPut(PutBody("", stream_id_)), 403, "DIS.4116"));
}

TEST_F(CrossAccountTest, APolicyForAnotherPrincipalDoesNotHelp) {
  ASSERT_TRUE(HasStatus(AddPolicy("partner.carol,otherdomain.*", "putRecords"), 201));
  EXPECT_TRUE(IsDisError(BobPut(PutBody("", stream_id_)), 403, "DIS.4116"));
}

}  // namespace
}  // namespace disd::test
