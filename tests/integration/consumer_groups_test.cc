// The Kafka adapter's consumer-group coordinator over HTTP (sdk-wire.md 1.2, 1.3, 4.6;
// dis-behaviour.md edge case 40): three members joining, leaving and expiring (the manual
// clock is advanced, nothing sleeps), with every partition of the subscribed streams
// assigned to exactly one member in every generation; the protocol states; subscriptions
// by name, id and pattern; and commits checked against the group (DIS.4701/4702/4703).
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "integration/consumer_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace consumers;  // NOLINT: the calls under test

struct MemberView {
  std::int64_t generation = -1;
  json assignment = json::object();
};

class ConsumerGroupTest : public DisdTest {
 protected:
  void SetUp() override {
    DisdTest::SetUp();
    dis().CreateOk("s1", 3);
    dis().CreateOk("s2", 2);
    CreateAppOk(dis(), "grp");
  }

  json Subscription() const { return {{"interestedStream", json::array({"s1", "s2"})}}; }

  // Drives `members` the way the adapter's heartbeat task does (JOINING -> join, SYNCING ->
  // sync, STABLE -> done) until every one of them hears STABLE in the same round.
  // Returns each member's generation and assignment.
  std::map<std::string, MemberView> Settle(const std::vector<std::string>& members) {
    for (int round = 0; round < 10; ++round) {
      bool stable = true;
      for (const auto& m : members) {
        DisResponse beat = Heartbeat(dis(), "grp", m, views_[m].generation);
        EXPECT_TRUE(HasStatus(beat, 200));
        const std::string state = beat.doc.value("state", "");
        if (state == "STABLE") continue;
        stable = false;
        if (state == "JOINING") {
          DisResponse joined = Join(dis(), "grp", m, Subscription());
          EXPECT_EQ(joined.doc["state"], "OK") << joined.body;
          EXPECT_EQ(joined.doc["subscription"], json::array({"s1", "s2"}));
          EXPECT_EQ(joined.doc["syncDelayedTimeMs"], 0);
        } else if (state == "SYNCING") {
          DisResponse synced = Sync(dis(), "grp", m, views_[m].generation);
          const std::string s = synced.doc.value("state", "");
          EXPECT_TRUE(s == "OK" || s == "WAITING" || s == "REJOIN") << synced.body;
          if (s == "OK") views_[m] = {synced.doc["generation"], synced.doc["assignment"]};
        } else {
          ADD_FAILURE() << "unexpected heartbeat answer " << beat.body;
        }
      }
      if (stable) {
        std::map<std::string, MemberView> out;
        for (const auto& m : members) out[m] = views_[m];
        return out;
      }
    }
    ADD_FAILURE() << "the group did not become stable";
    return {};
  }

  // Every member holds the same generation and every partition of s1 (3) and s2 (2) is
  // assigned to exactly one of them. Returns the generation.
  std::int64_t ExpectExactCover(const std::map<std::string, MemberView>& views) {
    std::set<std::int64_t> generations;
    std::map<std::pair<std::string, int>, int> owners;
    for (const auto& [member, view] : views) {
      generations.insert(view.generation);
      for (const auto& [stream, partitions] : view.assignment.items()) {
        for (const auto& p : partitions) ++owners[{stream, p.get<int>()}];
      }
    }
    EXPECT_EQ(generations.size(), 1u);
    std::map<std::pair<std::string, int>, int> expected;
    for (int p = 0; p < 3; ++p) expected[{"s1", p}] = 1;
    for (int p = 0; p < 2; ++p) expected[{"s2", p}] = 1;
    EXPECT_EQ(owners, expected);
    return generations.empty() ? -1 : *generations.begin();
  }

  std::map<std::string, MemberView> views_;
};

TEST_F(ConsumerGroupTest, ThreeMembersJoinLeaveAndExpire) {
  auto v = Settle({"c1"});
  const std::int64_t g1 = ExpectExactCover(v);
  EXPECT_EQ(v["c1"].assignment["s1"], json::array({0, 1, 2}));

  ASSERT_EQ(Join(dis(), "grp", "c2", Subscription()).doc["state"], "OK");
  std::int64_t g2 = ExpectExactCover(Settle({"c1", "c2"}));
  EXPECT_GT(g2, g1);

  ASSERT_EQ(Join(dis(), "grp", "c3", Subscription()).doc["state"], "OK");
  auto three = Settle({"c1", "c2", "c3"});
  std::int64_t g3 = ExpectExactCover(three);
  EXPECT_GT(g3, g2);
  for (const auto& [m, view] : three) {
    std::size_t n = 0;
    for (const auto& [s, parts] : view.assignment.items()) n += parts.size();
    EXPECT_TRUE(n == 1 || n == 2) << m;  // five partitions over three members
  }

  // c2 leaves: the others rebalance and cover everything between them.
  ASSERT_TRUE(HasStatus(Leave(dis(), "grp", "c2"), 204));
  views_.erase("c2");
  std::int64_t g4 = ExpectExactCover(Settle({"c1", "c3"}));
  EXPECT_GT(g4, g3);
  EXPECT_TRUE(IsDisError(Leave(dis(), "grp", "c2"), 400, "DIS.4702"));

  // c2 comes back; then c3 falls silent and expires after the session timeout (60 s).
  std::int64_t g5 = ExpectExactCover(Settle({"c1", "c2", "c3"}));
  EXPECT_GT(g5, g4);
  dis().AdvanceClock(40000);
  EXPECT_EQ(Heartbeat(dis(), "grp", "c1", g5).doc["state"], "STABLE");
  EXPECT_EQ(Heartbeat(dis(), "grp", "c2", g5).doc["state"], "STABLE");
  dis().AdvanceClock(19999);
  EXPECT_EQ(Heartbeat(dis(), "grp", "c1", g5).doc["state"], "STABLE");  // c3 silent 59.999 s
  dis().AdvanceClock(1);
  EXPECT_EQ(Heartbeat(dis(), "grp", "c1", g5).doc["state"], "JOINING");  // c3 expired
  EXPECT_EQ(Heartbeat(dis(), "grp", "c2", g5).doc["state"], "JOINING");
  views_.erase("c3");
  std::int64_t g6 = ExpectExactCover(Settle({"c1", "c2"}));
  EXPECT_GT(g6, g5);
  // The expired member is unknown now: its heartbeat says JOINING, its sync REJOIN.
  EXPECT_EQ(Heartbeat(dis(), "grp", "c3", g5).doc["state"], "JOINING");
  EXPECT_EQ(Sync(dis(), "grp", "c3", g5).doc["state"], "REJOIN");
}

TEST_F(ConsumerGroupTest, SyncWaitsUntilEveryMemberHasRejoined) {
  Settle({"c1"});
  ASSERT_EQ(Join(dis(), "grp", "c2", Subscription()).doc["state"], "OK");
  DisResponse waiting = Sync(dis(), "grp", "c2", -1);
  ASSERT_TRUE(HasStatus(waiting, 200));
  EXPECT_EQ(waiting.doc, json({{"state", "WAITING"}}));
  EXPECT_EQ(Sync(dis(), "grp", "c1", views_["c1"].generation).doc["state"], "REJOIN");
  EXPECT_EQ(Heartbeat(dis(), "grp", "c1", views_["c1"].generation).doc["state"], "JOINING");
  ASSERT_EQ(Join(dis(), "grp", "c1", Subscription()).doc["state"], "OK");
  DisResponse ok = Sync(dis(), "grp", "c2", -1);
  EXPECT_EQ(ok.doc["state"], "OK");
  EXPECT_TRUE(ok.doc["generation"].is_number_integer());
  // c1 has not fetched its share yet: the group is still SYNCING for everyone.
  EXPECT_EQ(Heartbeat(dis(), "grp", "c2", ok.doc["generation"]).doc["state"], "SYNCING");
}

TEST_F(ConsumerGroupTest, GroupAndSubscriptionErrors) {
  DisResponse r = Join(dis(), "no-app", "c1", Subscription());
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["state"], "GROUP_NOT_EXIST");
  EXPECT_EQ(Sync(dis(), "no-app", "c1", -1).doc["state"], "GROUP_NOT_EXIST");
  EXPECT_EQ(Heartbeat(dis(), "no-app", "c1", -1).doc["state"], "GROUP_NOT_EXIST");
  EXPECT_TRUE(IsDisError(Leave(dis(), "no-app", "c1"), 400, "DIS.4332"));

  EXPECT_EQ(
      Join(dis(), "grp", "c1", {{"interestedStream", json::array({"s1", "nope"})}}).doc["state"],
      "ERR_SUBSCRIPTION");
  EXPECT_EQ(Join(dis(), "grp", "c1", json::object()).doc["state"], "ERR_SUBSCRIPTION");
  EXPECT_EQ(Join(dis(), "grp", "c1", {{"streamPattern", "(["}}).doc["state"], "ERR_SUBSCRIPTION");
  EXPECT_TRUE(IsDisError(Join(dis(), "grp", "", Subscription()), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/apps/grp/consumers/")), 400, "DIS.4202"));
  EXPECT_TRUE(IsDisError(Leave(dis(), "grp", "never"), 400, "DIS.4702"));
}

TEST_F(ConsumerGroupTest, SubscriptionsByIdAndPattern) {
  dis().CreateOk("other", 1);
  const std::string id = dis().DescribeOk("s2")["stream_id"];
  DisResponse j = Join(dis(), "grp", "by-id",
                       {{"interestedStreamIdList", json::array({id})}, {"streamPattern", ""}});
  ASSERT_EQ(j.doc["state"], "OK");
  EXPECT_EQ(j.doc["subscription"], json::array({id}));
  DisResponse s = Sync(dis(), "grp", "by-id", -1);
  ASSERT_EQ(s.doc["state"], "OK");
  EXPECT_EQ(s.doc["assignment"], json({{id, json::array({0, 1})}}));
  ASSERT_TRUE(HasStatus(Leave(dis(), "grp", "by-id"), 204));

  j = Join(dis(), "grp", "by-pattern", {{"streamPattern", "s[0-9]"}});
  ASSERT_EQ(j.doc["state"], "OK");
  EXPECT_EQ(j.doc["subscription"], json::array({"s1", "s2"}));
  s = Sync(dis(), "grp", "by-pattern", -1);
  EXPECT_EQ(s.doc["assignment"],
            json({{"s1", json::array({0, 1, 2})}, {"s2", json::array({0, 1})}}));
  // A new matching stream starts a new generation that includes it.
  dis().CreateOk("s3", 1);
  EXPECT_EQ(Heartbeat(dis(), "grp", "by-pattern", s.doc["generation"]).doc["state"], "JOINING");
  j = Join(dis(), "grp", "by-pattern", {{"streamPattern", "s[0-9]"}});
  EXPECT_EQ(j.doc["subscription"], json::array({"s1", "s2", "s3"}));
}

TEST_F(ConsumerGroupTest, CommitsAreCheckedAgainstTheGroup) {
  dis().PutToPartition("s1", 0, 3);
  auto v = Settle({"c1"});
  const std::int64_t gen = v["c1"].generation;
  auto commit = [&](const std::string& client, std::int64_t generation) {
    return Commit(dis(), "grp", "s1", "shardId-0000000000", "2",
                  {{"client_id", client}, {"generation_id", generation}});
  };
  EXPECT_TRUE(HasStatus(commit("c1", gen), 201));
  EXPECT_TRUE(IsDisError(commit("c1", gen - 1), 400, "DIS.4703"));
  EXPECT_TRUE(IsDisError(commit("stranger", gen), 400, "DIS.4702"));
  // A second member starts a rebalance: commits wait for it to finish.
  ASSERT_EQ(Join(dis(), "grp", "c2", Subscription()).doc["state"], "OK");
  EXPECT_TRUE(IsDisError(commit("c1", gen), 400, "DIS.4701"));
  auto both = Settle({"c1", "c2"});
  EXPECT_TRUE(HasStatus(commit("c1", both["c1"].generation), 201));
  // Without a client id (assign mode) no group check applies.
  EXPECT_TRUE(HasStatus(Commit(dis(), "grp", "s1", "0", "3"), 201));
  EXPECT_EQ(CheckpointOf(dis(), "grp", "s1", "0"), "3");
}

TEST_F(ConsumerGroupTest, RebalanceTimeoutIsTheMembersSessionTimeout) {
  ASSERT_EQ(Join(dis(), "grp", "short", Subscription(), 3000).doc["state"], "OK");
  ASSERT_EQ(Sync(dis(), "grp", "short", -1).doc["state"], "OK");
  dis().AdvanceClock(2999);
  EXPECT_EQ(Heartbeat(dis(), "grp", "short", 1).doc["state"], "STABLE");
  dis().AdvanceClock(3000);
  EXPECT_EQ(Heartbeat(dis(), "grp", "short", 1).doc["state"], "JOINING");
}

TEST_F(ConsumerGroupTest, MembershipIsForgottenOnRestart) {
  auto v = Settle({"c1"});
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(Heartbeat(dis(), "grp", "c1", v["c1"].generation).doc["state"], "JOINING");
  views_.clear();
  ExpectExactCover(Settle({"c1"}));
}

}  // namespace
}  // namespace disd::test
