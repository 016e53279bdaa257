// Stream policies over HTTP (seed 004 5.1.7-5.1.8; dis-behaviour.md 2.5 and edge case 42):
// add with comma-separated principals, list, delete with a DELETE body (and without one),
// the v3 forms, validation errors, durability across a restart, and rules vanishing with
// their stream.
#include <string>
#include <vector>

#include "integration/consumer_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace consumers;  // NOLINT: the calls under test

class PolicyTest : public DisdTest {
 protected:
  void SetUp() override {
    DisdTest::SetUp();
    dis().CreateOk("s", 1);
    stream_id_ = dis().DescribeOk("s")["stream_id"];
  }
  json Rule(const std::string& principals, const std::string& action,
            const std::string& effect = "accept") {
    return {{"stream_id", stream_id_},
            {"principal_name", principals},
            {"action_type", action},
            {"effect", effect}};
  }
  // "principal_name/action_type/effect" of every rule, in order.
  std::vector<std::string> Rules(const std::string& version = "v2") {
    DisResponse r = ListPolicies(dis(), "s", version);
    EXPECT_TRUE(HasStatus(r, 200));
    std::vector<std::string> out;
    for (const auto& rule : r.doc.value("rules", json::array())) {
      out.push_back(rule.value("principal_name", "") + "/" + rule.value("action_type", "") + "/" +
                    rule.value("effect", ""));
    }
    return out;
  }
  std::string stream_id_;
};

TEST_F(PolicyTest, AddListAndDeleteWithABody) {
  DisResponse empty = ListPolicies(dis(), "s");
  ASSERT_TRUE(HasStatus(empty, 200));
  EXPECT_EQ(empty.doc["stream_id"], stream_id_);
  EXPECT_EQ(empty.doc["rules"], json::array());

  DisResponse added = AddPolicy(dis(), "s", Rule("domain1.*,domain2.user2", "putRecords"));
  ASSERT_TRUE(HasStatus(added, 201));
  EXPECT_TRUE(added.body.empty());
  ASSERT_TRUE(HasStatus(AddPolicy(dis(), "s", Rule("domain3", "getRecords")), 201));
  EXPECT_EQ(Rules(), (std::vector<std::string>{"domain1.*/putRecords/accept",
                                               "domain2.user2/putRecords/accept",
                                               "domain3/getRecords/accept"}));
  DisResponse list = ListPolicies(dis(), "s");
  EXPECT_EQ(list.doc["streamId"], stream_id_);
  EXPECT_EQ(list.doc["rules"][0]["principal"], "domain1.*");
  EXPECT_EQ(list.doc["rules"][2]["principal"], "domain3.*");  // a bare domain: all its users

  // The same principal and action again replaces the rule.
  ASSERT_TRUE(HasStatus(AddPolicy(dis(), "s", Rule("domain3", "getRecords", "deny")), 201));
  EXPECT_EQ(Rules().back(), "domain3/getRecords/deny");
  EXPECT_EQ(Rules().size(), 3u);

  // DELETE with a body removes the matching rules only.
  DisResponse deleted = DeletePolicies(dis(), "s",
                                       {{"stream_id", stream_id_},
                                        {"principal_name", "domain2.user2"},
                                        {"action_type", "putRecords"}});
  ASSERT_TRUE(HasStatus(deleted, 204));
  EXPECT_EQ(Rules(),
            (std::vector<std::string>{"domain1.*/putRecords/accept", "domain3/getRecords/deny"}));
  ASSERT_TRUE(HasStatus(DeletePolicies(dis(), "s", {{"action_type", "getRecords"}}), 204));
  EXPECT_EQ(Rules(), std::vector<std::string>{"domain1.*/putRecords/accept"});
  // Without a body: every rule of the stream.
  ASSERT_TRUE(HasStatus(DeletePolicies(dis(), "s", nullptr), 204));
  EXPECT_TRUE(Rules().empty());
}

TEST_F(PolicyTest, VersionThreeForms) {
  ASSERT_TRUE(HasStatus(AddPolicy(dis(), "s",
                                  {{"stream_id", stream_id_},
                                   {"principal_id", "0123456789abcdef"},
                                   {"action_type", "getRecords"},
                                   {"effect", "accept"}},
                                  "v3"),
                        201));
  ASSERT_TRUE(HasStatus(AddPolicy(dis(), "s", Rule("d.u", "putRecords"), "v3"), 201));
  EXPECT_EQ(Rules("v3"), (std::vector<std::string>{"0123456789abcdef/getRecords/accept",
                                                   "d.u/putRecords/accept"}));
  EXPECT_EQ(Rules("v3"), Rules("v2"));
  ASSERT_TRUE(HasStatus(DeletePolicies(dis(), "s", {{"principal_name", "d.u"}}, "v3"), 204));
  EXPECT_EQ(Rules().size(), 1u);
  // Trailing slashes, as the Java SDK sends them.
  EXPECT_TRUE(HasStatus(dis().Call("GET", PoliciesPath(dis(), "s") + "/"), 200));
}

TEST_F(PolicyTest, ValidationErrors) {
  EXPECT_TRUE(IsDisError(AddPolicy(dis(), "nope", Rule("d.*", "putRecords")), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(ListPolicies(dis(), "nope"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(DeletePolicies(dis(), "nope", nullptr), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(AddPolicy(dis(), "s", Rule("", "putRecords")), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(AddPolicy(dis(), "s", Rule("a,,b", "putRecords")), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(AddPolicy(dis(), "s", Rule("d.*", "deleteStream")), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(AddPolicy(dis(), "s", Rule("d.*", "")), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(AddPolicy(dis(), "s", Rule("d.*", "putRecords", "maybe")), 400, "DIS.4200"));
  json wrong_id = Rule("d.*", "putRecords");
  wrong_id["stream_id"] = "someOtherStreamId00";
  EXPECT_TRUE(IsDisError(AddPolicy(dis(), "s", wrong_id), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", PoliciesPath(dis(), "s")), 400, "DIS.4202"));
  EXPECT_TRUE(
      IsDisError(dis().Call("DELETE", PoliciesPath(dis(), "s"), "{not json"), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("PUT", PoliciesPath(dis(), "s")), 405, "DIS.4200"));
  EXPECT_TRUE(Rules().empty());
  // The documented default effect is deny; getStreamInfo is a valid action.
  json no_effect = Rule("d.*", "getStreamInfo");
  no_effect.erase("effect");
  ASSERT_TRUE(HasStatus(AddPolicy(dis(), "s", no_effect), 201));
  EXPECT_EQ(Rules(), std::vector<std::string>{"d.*/getStreamInfo/deny"});
}

TEST_F(PolicyTest, PoliciesAreDurableAndVanishWithTheStream) {
  ASSERT_TRUE(HasStatus(AddPolicy(dis(), "s", Rule("a.*,b.c", "getRecords")), 201));
  ASSERT_TRUE(RestartServer(/*crash=*/true));
  EXPECT_EQ(Rules(), (std::vector<std::string>{"a.*/getRecords/accept", "b.c/getRecords/accept"}));
  ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  dis().CreateOk("s", 1);
  stream_id_ = dis().DescribeOk("s")["stream_id"];
  EXPECT_TRUE(Rules().empty());
}

}  // namespace
}  // namespace disd::test
