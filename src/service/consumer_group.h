// ConsumerGroup: the membership and generation state machine of one consumer group (the
// DIS Kafka adapter's coordinator protocol), with no storage, locking or clock of its own:
// every call gets the current time, and the caller resolves subscriptions to streams.
//
// A generation is one round of assignment. A rebalance (a member joins, changes its
// subscription, leaves or expires, or the subscribed streams change) starts a new
// generation in which every member must join again; once all have, the assignment of the
// generation is computed (AssignPartitions) and members fetch it with Sync. Phases:
//   JOINING  some member has not joined the current generation yet
//   SYNCING  the assignment exists; some member has not fetched it yet
//   STABLE   every member holds the current generation's assignment
// A rebalance that begins while the group is still JOINING does not start another
// generation (the assignment has not been made yet). The empty group is STABLE.
//
// Thread-safety: none; the coordinator serialises access.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "disd/common/status.h"
#include "service/partition_assignment.h"

namespace disd::service {

// What a member asked to consume, as sent in its join.
struct SubscriptionSpec {
  std::vector<std::string> names;   // interestedStream
  std::vector<std::string> ids;     // interestedStreamIdList
  std::string pattern;              // streamPattern ("" = none)
  bool operator==(const SubscriptionSpec&) const = default;
};

// One stream a member consumes, and the key its assignment uses for it: the stream id if
// the member subscribed by id, else the stream name.
struct SubscribedStream {
  std::uint64_t stream = 0;  // internal id
  std::string key;
  bool operator==(const SubscribedStream&) const = default;
};

// The subscriptions resolved against the catalog at one instant.
struct GroupTopology {
  std::map<std::string, std::vector<SubscribedStream>> member_streams;  // by member id
  std::map<std::uint64_t, std::vector<std::int32_t>> partitions;        // readable ones
  bool operator==(const GroupTopology&) const = default;
};

enum class GroupPhase { kJoining, kSyncing, kStable };
enum class SyncState { kOk, kWaiting, kRejoin };
enum class HeartbeatState { kJoining, kSyncing, kStable };

struct SyncOutcome {
  SyncState state = SyncState::kRejoin;
  std::int64_t generation = -1;
  std::map<std::string, std::vector<std::int32_t>> assignment;  // stream key -> partitions
};

class ConsumerGroup {
 public:
  struct Member {
    SubscriptionSpec spec;
    std::shared_ptr<const std::regex> pattern;  // compiled spec.pattern, null if none
    std::int64_t session_timeout_ms = 0;
    std::int64_t last_seen_ms = 0;
    std::int64_t joined_generation = -1;
    std::int64_t synced_generation = -1;
  };

  std::int64_t generation() const { return generation_; }
  GroupPhase phase() const;
  const std::map<std::string, Member>& members() const { return members_; }
  bool HasMember(const std::string& id) const { return members_.contains(id); }
  // The topology the current assignment was computed from (meaningful when assigned).
  const GroupTopology& topology() const { return topology_; }
  bool assigned() const { return assigned_; }

  // Removes every member silent for at least its session timeout; true if any was (a
  // rebalance then began).
  bool ExpireMembers(std::int64_t now_ms);

  // Starts a new generation (see the header comment). Public for topology changes.
  void BeginRebalance();

  // Adds the member or updates it. A new member, or a changed subscription, begins a
  // rebalance; either way the member has joined the current generation afterwards.
  void Join(const std::string& id, Member member, std::int64_t now_ms);

  // True when every member has joined the current generation and it has no assignment
  // yet: the caller resolves the topology and calls Assign.
  bool ReadyToAssign() const;
  void Assign(GroupTopology topology);

  // kRejoin for unknown members and members that must join again; kWaiting until the
  // assignment exists; else kOk with the member's share (and it counts as synced).
  SyncOutcome Sync(const std::string& id, std::int64_t now_ms);

  // kJoining for unknown members and members that must join again; kSyncing until the
  // whole group holds the current assignment (or when `generation` is not the current
  // one); kStable after.
  HeartbeatState Heartbeat(const std::string& id, std::optional<std::int64_t> generation,
                           std::int64_t now_ms);

  // False for an unknown member. Otherwise removes it and begins a rebalance.
  bool Leave(const std::string& id);

  // The rules for a checkpoint committed with a client id: kUnknownMember,
  // kRebalanceInProgress (the group is not STABLE), kIllegalGeneration (`generation`
  // given and not the current one).
  Status CheckCommit(const std::string& id, std::optional<std::int64_t> generation) const;

 private:
  std::int64_t generation_ = 0;
  bool assigned_ = true;  // generation 0 of the empty group has the empty assignment
  std::map<std::string, Member> members_;
  GroupTopology topology_;
  PartitionAssignment assignment_;
};

}  // namespace disd::service
