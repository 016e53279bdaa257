// The coordinator over a real catalog (RocksDB in a temp dir) and a manual clock: groups
// exist with their app, subscriptions by name, id and pattern, lazy expiry on the clock,
// rebalances when the subscribed streams change, and the in-use rule for deleting apps.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "disd/service/consumer_group_coordinator.h"
#include "unit/engine/engine_test_util.h"

namespace disd::service {
namespace {

using engine::testing::EngineFixture;

class CoordinatorTest : public EngineFixture {
 protected:
  void SetUp() override {
    EngineFixture::SetUp();
    options_.consumer_session_timeout_ms = 5000;
    options_.consumer_group_max_members = 3;
    coordinator_ = std::make_unique<ConsumerGroupCoordinator>(catalog(), clock_, options_);
    engine::AppMeta app;
    app.project_id = "proj";
    app.name = "g";
    app.app_id = "gid";
    ASSERT_TRUE(catalog().CreateApp(app, 10).ok());
  }

  JoinResponse Join(const std::string& client, std::vector<std::string> names,
                    std::vector<std::string> ids = {}, std::string pattern = {}) {
    JoinRequest r{client, std::move(names), std::move(ids), std::move(pattern), std::nullopt};
    auto joined = coordinator_->Join("proj", "g", r);
    EXPECT_TRUE(joined.ok());
    return joined.ok() ? *joined : JoinResponse{};
  }
  SyncResponse Sync(const std::string& client) {
    auto synced = coordinator_->Sync("proj", "g", client);
    EXPECT_TRUE(synced.ok());
    return synced.ok() ? *synced : SyncResponse{};
  }
  HeartbeatGroupState Beat(const std::string& client) {
    auto state = coordinator_->Heartbeat("proj", "g", client, std::nullopt);
    EXPECT_TRUE(state.ok());
    return state.ok() ? *state : HeartbeatGroupState::kGroupNotExist;
  }

  // Drives every member the way the Kafka adapter does (heartbeat; JOINING -> join,
  // SYNCING -> sync) until all of them hear STABLE. Returns the final syncs.
  std::map<std::string, SyncResponse> Settle(const std::vector<std::string>& members,
                                             const std::vector<std::string>& streams) {
    std::map<std::string, SyncResponse> last;
    for (int round = 0; round < 10; ++round) {
      bool stable = true;
      for (const auto& m : members) {
        switch (Beat(m)) {
          case HeartbeatGroupState::kJoining: Join(m, streams); stable = false; break;
          case HeartbeatGroupState::kSyncing: {
            SyncResponse s = Sync(m);
            if (s.state == SyncGroupState::kOk) last[m] = s;
            stable = false;
            break;
          }
          case HeartbeatGroupState::kStable: break;
          case HeartbeatGroupState::kGroupNotExist: ADD_FAILURE(); return last;
        }
      }
      if (stable) return last;
    }
    ADD_FAILURE() << "the group did not settle";
    return last;
  }

  ServiceOptions options_;
  std::unique_ptr<ConsumerGroupCoordinator> coordinator_;
};

TEST_F(CoordinatorTest, GroupsExistWithTheirApp) {
  JoinRequest r{"c", {"s"}, {}, "", std::nullopt};
  EXPECT_EQ(coordinator_->Join("proj", "nope", r)->state, JoinState::kGroupNotExist);
  EXPECT_EQ(coordinator_->Sync("proj", "nope", "c")->state, SyncGroupState::kGroupNotExist);
  EXPECT_EQ(*coordinator_->Heartbeat("proj", "nope", "c", 1), HeartbeatGroupState::kGroupNotExist);
  EXPECT_EQ(coordinator_->Leave("proj", "nope", "c").code(), ErrorCode::kAppNotFound);
  // The app exists: the join gets past the group check (and fails on its subscription).
  EXPECT_EQ(coordinator_->Join("proj", "g", JoinRequest{"c", {}, {}, "", {}})->state,
            JoinState::kErrSubscription);
}

TEST_F(CoordinatorTest, SubscriptionsMustNameExistingStreams) {
  Create("s", 2);
  EXPECT_EQ(Join("c", {}).state, JoinState::kErrSubscription);
  EXPECT_EQ(Join("c", {"s", "missing"}).state, JoinState::kErrSubscription);
  EXPECT_EQ(Join("c", {}, {"no-such-id"}).state, JoinState::kErrSubscription);
  EXPECT_EQ(Join("c", {}, {}, "([bad").state, JoinState::kErrSubscription);
  EXPECT_FALSE(coordinator_->Describe("proj", "g")->members.size());
  EXPECT_EQ(coordinator_->Join("proj", "g", JoinRequest{"", {"s"}, {}, "", {}}).error().code,
            ErrorCode::kInvalidRequest);
}

TEST_F(CoordinatorTest, KeysFollowHowTheMemberSubscribed) {
  auto by_name = Create("orders", 2);
  auto by_id = Create("clicks", 1);
  Create("other", 1);
  JoinResponse a = Join("a", {"orders"}, {by_id->stream_id});
  EXPECT_EQ(a.state, JoinState::kOk);
  EXPECT_EQ(a.subscription, (std::vector<std::string>{"orders", by_id->stream_id}));
  SyncResponse s = Sync("a");
  ASSERT_EQ(s.state, SyncGroupState::kOk);
  EXPECT_EQ(s.assignment.at("orders"), (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(s.assignment.at(by_id->stream_id), (std::vector<std::int32_t>{0}));
  EXPECT_FALSE(s.assignment.contains("other"));
}

TEST_F(CoordinatorTest, PatternSubscriptionsFollowNewStreams) {
  Create("log-a", 1);
  Create("metrics", 1);
  JoinResponse a = Join("a", {}, {}, "log-.*");
  EXPECT_EQ(a.subscription, (std::vector<std::string>{"log-a"}));
  EXPECT_EQ(Sync("a").generation, 1);
  EXPECT_EQ(Beat("a"), HeartbeatGroupState::kStable);
  Create("log-b", 2);  // the subscribed streams changed: a new generation
  EXPECT_EQ(Beat("a"), HeartbeatGroupState::kJoining);
  EXPECT_EQ(Join("a", {}, {}, "log-.*").subscription,
            (std::vector<std::string>{"log-a", "log-b"}));
  SyncResponse s = Sync("a");
  EXPECT_EQ(s.generation, 2);
  EXPECT_EQ(s.assignment.size(), 2u);
}

TEST_F(CoordinatorTest, ScalingAndDeletingStreamsRebalance) {
  Create("s", 2);
  Create("t", 1);
  Join("a", {"s", "t"});
  Sync("a");
  ASSERT_EQ(Beat("a"), HeartbeatGroupState::kStable);
  ASSERT_TRUE(catalog().MutateStream("proj", "s", [](engine::StreamMeta& m) {
    m.partitions.push_back(engine::PartitionMeta{2});
    return Status::Ok();
  }).ok());
  EXPECT_EQ(Beat("a"), HeartbeatGroupState::kJoining);
  Join("a", {"s", "t"});
  EXPECT_EQ(Sync("a").assignment.at("s").size(), 3u);
  ASSERT_TRUE(catalog().DeleteStream("proj", "t").ok());
  EXPECT_EQ(Beat("a"), HeartbeatGroupState::kJoining);
  Join("a", {"s", "t"});  // t no longer exists: rejected as a new subscription
  EXPECT_EQ(Join("a", {"s"}).state, JoinState::kOk);
  EXPECT_EQ(Sync("a").assignment.size(), 1u);
}

TEST_F(CoordinatorTest, MembersExpireOnTheClockAtTheNextCall) {
  Create("s", 3);
  Join("a", {"s"});
  Join("b", {"s"});  // a new member: a new generation, a rejoins
  auto syncs = Settle({"a", "b"}, {"s"});
  ASSERT_EQ(coordinator_->Describe("proj", "g")->phase, "STABLE");
  ASSERT_EQ(coordinator_->Describe("proj", "g")->generation, 2);
  EXPECT_EQ(syncs["a"].assignment.at("s").size() + syncs["b"].assignment.at("s").size(), 3u);
  clock_.Advance(4000);
  EXPECT_EQ(Beat("a"), HeartbeatGroupState::kStable);
  clock_.Advance(1000);  // b silent for 5000 ms = its session timeout
  auto view = coordinator_->Describe("proj", "g");
  EXPECT_EQ(view->members, (std::vector<std::string>{"a"}));
  EXPECT_EQ(view->generation, 3);
  EXPECT_EQ(view->phase, "JOINING");
  Join("a", {"s"});
  EXPECT_EQ(Sync("a").assignment.at("s").size(), 3u);
}

TEST_F(CoordinatorTest, RebalanceTimeoutOverridesTheSessionTimeout) {
  Create("s", 1);
  JoinRequest r{"a", {"s"}, {}, "", 20000};
  ASSERT_TRUE(coordinator_->Join("proj", "g", r).ok());
  clock_.Advance(19999);
  EXPECT_EQ(coordinator_->Describe("proj", "g")->members.size(), 1u);
  clock_.Advance(1);
  EXPECT_TRUE(coordinator_->Describe("proj", "g")->members.empty());
}

TEST_F(CoordinatorTest, GroupSizeIsCapped) {
  Create("s", 1);
  Join("a", {"s"});
  Join("b", {"s"});
  Join("c", {"s"});
  auto fourth = coordinator_->Join("proj", "g", JoinRequest{"d", {"s"}, {}, "", {}});
  EXPECT_EQ(fourth.error().code, ErrorCode::kConsumerQuotaExceeded);
  EXPECT_TRUE(coordinator_->Join("proj", "g", JoinRequest{"c", {"s"}, {}, "", {}}).ok());
}

TEST_F(CoordinatorTest, AnAppIsInUseWhileItsGroupHasLiveMembers) {
  Create("s", 1);
  Join("a", {"s"});
  int ran = 0;
  auto action = [&] {
    ++ran;
    return catalog().DeleteApp("proj", "g");
  };
  EXPECT_EQ(coordinator_->RunIfIdle("proj", "g", action).code(), ErrorCode::kAppInUse);
  EXPECT_EQ(ran, 0);
  ASSERT_TRUE(coordinator_->Leave("proj", "g", "a").ok());
  EXPECT_EQ(coordinator_->Leave("proj", "g", "a").code(), ErrorCode::kUnknownMember);
  Join("a", {"s"});
  clock_.Advance(5000);  // expired members do not keep the app in use
  EXPECT_TRUE(coordinator_->RunIfIdle("proj", "g", action).ok());
  EXPECT_EQ(ran, 1);
  EXPECT_FALSE(coordinator_->Describe("proj", "g").has_value());
}

TEST_F(CoordinatorTest, CommitChecksAgainstTheGroup) {
  Create("s", 1);
  EXPECT_EQ(coordinator_->CheckMember("proj", "g", "a", 1).code(), ErrorCode::kUnknownMember);
  Join("a", {"s"});
  EXPECT_EQ(coordinator_->CheckMember("proj", "g", "a", 1).code(),
            ErrorCode::kRebalanceInProgress);
  Sync("a");
  EXPECT_TRUE(coordinator_->CheckMember("proj", "g", "a", 1).ok());
  EXPECT_EQ(coordinator_->CheckMember("proj", "g", "a", 7).code(), ErrorCode::kIllegalGeneration);
  EXPECT_EQ(coordinator_->CheckMember("proj", "nope", "a", 1).code(), ErrorCode::kUnknownMember);
}

}  // namespace
}  // namespace disd::service
