// The consumer-group state machine on its own: generations, the JOINING/SYNCING/STABLE
// phases, rejoin after every membership change, expiry by time, and the commit checks.
#include <gtest/gtest.h>

#include "service/consumer_group.h"

namespace disd::service {
namespace {

constexpr std::int64_t kTimeout = 1000;

ConsumerGroup::Member Subscriber(const std::string& stream = "s") {
  ConsumerGroup::Member m;
  m.spec.names = {stream};
  m.session_timeout_ms = kTimeout;
  return m;
}

// One stream (internal id 1, key "s") with `partitions` partitions, subscribed by everyone.
GroupTopology Topology(const ConsumerGroup& g, int partitions) {
  GroupTopology t;
  for (const auto& [id, m] : g.members()) t.member_streams[id] = {{1, "s"}};
  for (int p = 0; p < partitions; ++p) t.partitions[1].push_back(p);
  return t;
}

void AssignIfReady(ConsumerGroup& g, int partitions = 4) {
  if (g.ReadyToAssign()) g.Assign(Topology(g, partitions));
}

TEST(ConsumerGroupTest, EmptyGroupIsStableAtGenerationZero) {
  ConsumerGroup g;
  EXPECT_EQ(g.generation(), 0);
  EXPECT_EQ(g.phase(), GroupPhase::kStable);
  EXPECT_EQ(g.Heartbeat("x", std::nullopt, 0), HeartbeatState::kJoining);
  EXPECT_EQ(g.Sync("x", 0).state, SyncState::kRejoin);
  EXPECT_FALSE(g.Leave("x"));
}

TEST(ConsumerGroupTest, SingleMemberJoinsSyncsAndIsStable) {
  ConsumerGroup g;
  g.Join("a", Subscriber(), 0);
  EXPECT_EQ(g.generation(), 1);
  EXPECT_EQ(g.phase(), GroupPhase::kJoining);
  ASSERT_TRUE(g.ReadyToAssign());
  AssignIfReady(g);
  EXPECT_EQ(g.phase(), GroupPhase::kSyncing);
  EXPECT_EQ(g.Heartbeat("a", -1, 1), HeartbeatState::kSyncing);
  SyncOutcome sync = g.Sync("a", 2);
  ASSERT_EQ(sync.state, SyncState::kOk);
  EXPECT_EQ(sync.generation, 1);
  EXPECT_EQ(sync.assignment.at("s"), (std::vector<std::int32_t>{0, 1, 2, 3}));
  EXPECT_EQ(g.phase(), GroupPhase::kStable);
  EXPECT_EQ(g.Heartbeat("a", 1, 3), HeartbeatState::kStable);
  EXPECT_EQ(g.Heartbeat("a", 0, 3), HeartbeatState::kSyncing);  // stale generation: resync
  // Joining again with the same subscription changes nothing.
  g.Join("a", Subscriber(), 4);
  EXPECT_EQ(g.generation(), 1);
  EXPECT_EQ(g.phase(), GroupPhase::kStable);
}

TEST(ConsumerGroupTest, ASecondMemberMakesEveryoneRejoin) {
  ConsumerGroup g;
  g.Join("a", Subscriber(), 0);
  AssignIfReady(g);
  g.Sync("a", 0);
  g.Join("b", Subscriber(), 10);
  EXPECT_EQ(g.generation(), 2);
  EXPECT_EQ(g.phase(), GroupPhase::kJoining);
  EXPECT_FALSE(g.ReadyToAssign());
  EXPECT_EQ(g.Sync("b", 11).state, SyncState::kWaiting);
  EXPECT_EQ(g.Heartbeat("a", 1, 12), HeartbeatState::kJoining);
  EXPECT_EQ(g.Sync("a", 12).state, SyncState::kRejoin);
  g.Join("a", Subscriber(), 13);
  ASSERT_TRUE(g.ReadyToAssign());
  AssignIfReady(g);
  SyncOutcome a = g.Sync("a", 14);
  EXPECT_EQ(g.Heartbeat("a", 2, 14), HeartbeatState::kSyncing);  // b has not synced yet
  SyncOutcome b = g.Sync("b", 15);
  EXPECT_EQ(a.generation, 2);
  EXPECT_EQ(b.generation, 2);
  EXPECT_EQ(a.assignment.at("s"), (std::vector<std::int32_t>{0, 2}));
  EXPECT_EQ(b.assignment.at("s"), (std::vector<std::int32_t>{1, 3}));
  EXPECT_EQ(g.Heartbeat("a", 2, 16), HeartbeatState::kStable);
}

TEST(ConsumerGroupTest, JoinsDuringAJoinPhaseShareOneGeneration) {
  ConsumerGroup g;
  g.Join("a", Subscriber(), 0);
  g.Join("b", Subscriber(), 0);
  g.Join("c", Subscriber(), 0);
  EXPECT_EQ(g.generation(), 1);
  ASSERT_TRUE(g.ReadyToAssign());
}

TEST(ConsumerGroupTest, ChangingTheSubscriptionRebalances) {
  ConsumerGroup g;
  g.Join("a", Subscriber("s"), 0);
  AssignIfReady(g);
  g.Sync("a", 0);
  g.Join("a", Subscriber("t"), 1);
  EXPECT_EQ(g.generation(), 2);
  EXPECT_TRUE(g.ReadyToAssign());
}

TEST(ConsumerGroupTest, LeavingRebalancesTheRest) {
  ConsumerGroup g;
  g.Join("a", Subscriber(), 0);
  g.Join("b", Subscriber(), 0);
  AssignIfReady(g);
  g.Sync("a", 0);
  g.Sync("b", 0);
  ASSERT_TRUE(g.Leave("a"));
  EXPECT_EQ(g.generation(), 2);
  EXPECT_EQ(g.Heartbeat("b", 1, 1), HeartbeatState::kJoining);
  g.Join("b", Subscriber(), 1);
  AssignIfReady(g);
  EXPECT_EQ(g.Sync("b", 2).assignment.at("s").size(), 4u);
  ASSERT_TRUE(g.Leave("b"));
  EXPECT_TRUE(g.ReadyToAssign());  // the empty group assigns nothing, at once
  AssignIfReady(g);
  EXPECT_EQ(g.phase(), GroupPhase::kStable);
}

TEST(ConsumerGroupTest, SilentMembersExpireAndTheGroupRebalances) {
  ConsumerGroup g;
  g.Join("a", Subscriber(), 0);
  g.Join("b", Subscriber(), 0);
  AssignIfReady(g);
  g.Sync("a", 0);
  g.Sync("b", 0);
  EXPECT_EQ(g.Heartbeat("a", 1, 600), HeartbeatState::kStable);
  EXPECT_FALSE(g.ExpireMembers(999));
  EXPECT_TRUE(g.ExpireMembers(1000));  // b: silent for exactly its timeout
  EXPECT_FALSE(g.HasMember("b"));
  EXPECT_TRUE(g.HasMember("a"));
  EXPECT_EQ(g.generation(), 2);
  EXPECT_EQ(g.Heartbeat("a", 1, 1001), HeartbeatState::kJoining);
}

TEST(ConsumerGroupTest, CommitChecks) {
  ConsumerGroup g;
  EXPECT_EQ(g.CheckCommit("a", 1).code(), ErrorCode::kUnknownMember);
  g.Join("a", Subscriber(), 0);
  EXPECT_EQ(g.CheckCommit("a", std::nullopt).code(), ErrorCode::kRebalanceInProgress);
  AssignIfReady(g);
  EXPECT_EQ(g.CheckCommit("a", 1).code(), ErrorCode::kRebalanceInProgress);  // not synced
  g.Sync("a", 0);
  EXPECT_TRUE(g.CheckCommit("a", 1).ok());
  EXPECT_TRUE(g.CheckCommit("a", std::nullopt).ok());
  EXPECT_EQ(g.CheckCommit("a", 0).code(), ErrorCode::kIllegalGeneration);
  EXPECT_EQ(g.CheckCommit("zz", 1).code(), ErrorCode::kUnknownMember);
}

}  // namespace
}  // namespace disd::service
