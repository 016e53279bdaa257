#include "service/consumer_group.h"

#include <utility>

namespace disd::service {

GroupPhase ConsumerGroup::phase() const {
  if (!assigned_) return GroupPhase::kJoining;
  for (const auto& [id, m] : members_) {
    if (m.synced_generation != generation_) return GroupPhase::kSyncing;
  }
  return GroupPhase::kStable;
}

bool ConsumerGroup::ExpireMembers(std::int64_t now_ms) {
  bool expired = false;
  for (auto it = members_.begin(); it != members_.end();) {
    if (now_ms - it->second.last_seen_ms >= it->second.session_timeout_ms) {
      it = members_.erase(it);
      expired = true;
    } else {
      ++it;
    }
  }
  if (expired) BeginRebalance();
  return expired;
}

void ConsumerGroup::BeginRebalance() {
  if (!assigned_) return;  // still collecting joins: the next assignment sees the change
  ++generation_;
  assigned_ = false;
  assignment_.clear();
}

void ConsumerGroup::Join(const std::string& id, Member member, std::int64_t now_ms) {
  auto it = members_.find(id);
  if (it == members_.end() || !(it->second.spec == member.spec)) {
    BeginRebalance();
    if (it != members_.end()) {
      member.synced_generation = it->second.synced_generation;
    }
    it = members_.insert_or_assign(id, std::move(member)).first;
  } else {
    it->second.session_timeout_ms = member.session_timeout_ms;
  }
  it->second.last_seen_ms = now_ms;
  it->second.joined_generation = generation_;
}

bool ConsumerGroup::ReadyToAssign() const {
  if (assigned_) return false;
  for (const auto& [id, m] : members_) {
    if (m.joined_generation != generation_) return false;
  }
  return true;
}

void ConsumerGroup::Assign(GroupTopology topology) {
  std::vector<MemberStreams> members;
  for (const auto& [id, streams] : topology.member_streams) {
    MemberStreams m{id, {}};
    for (const auto& s : streams) m.streams.push_back(s.stream);
    members.push_back(std::move(m));
  }
  std::vector<StreamPartitionSet> streams;
  for (const auto& [stream, partitions] : topology.partitions) {
    streams.push_back(StreamPartitionSet{stream, partitions});
  }
  assignment_ = AssignPartitions(members, streams);
  topology_ = std::move(topology);
  assigned_ = true;
}

SyncOutcome ConsumerGroup::Sync(const std::string& id, std::int64_t now_ms) {
  SyncOutcome out;
  auto it = members_.find(id);
  if (it == members_.end()) return out;
  it->second.last_seen_ms = now_ms;
  if (it->second.joined_generation != generation_) return out;
  if (!assigned_) {
    out.state = SyncState::kWaiting;
    return out;
  }
  it->second.synced_generation = generation_;
  out.state = SyncState::kOk;
  out.generation = generation_;
  auto mine = assignment_.find(id);
  auto keys = topology_.member_streams.find(id);
  if (mine == assignment_.end() || keys == topology_.member_streams.end()) return out;
  for (const auto& [stream, partitions] : mine->second) {
    for (const auto& s : keys->second) {
      if (s.stream == stream) out.assignment[s.key] = partitions;
    }
  }
  return out;
}

HeartbeatState ConsumerGroup::Heartbeat(const std::string& id,
                                        std::optional<std::int64_t> generation,
                                        std::int64_t now_ms) {
  auto it = members_.find(id);
  if (it == members_.end()) return HeartbeatState::kJoining;
  it->second.last_seen_ms = now_ms;
  if (it->second.joined_generation != generation_) return HeartbeatState::kJoining;
  if (generation && *generation != generation_) return HeartbeatState::kSyncing;
  return phase() == GroupPhase::kStable ? HeartbeatState::kStable : HeartbeatState::kSyncing;
}

bool ConsumerGroup::Leave(const std::string& id) {
  if (members_.erase(id) == 0) return false;
  BeginRebalance();
  return true;
}

Status ConsumerGroup::CheckCommit(const std::string& id,
                                  std::optional<std::int64_t> generation) const {
  if (!members_.contains(id)) {
    return MakeError(ErrorCode::kUnknownMember, "[" + id + " is not a member of the group]");
  }
  if (phase() != GroupPhase::kStable) {
    return MakeError(ErrorCode::kRebalanceInProgress,
                     "[generation " + std::to_string(generation_) + " is being assigned]");
  }
  if (generation && *generation != generation_) {
    return MakeError(ErrorCode::kIllegalGeneration,
                     "[" + std::to_string(*generation) + "][ current generation ][" +
                         std::to_string(generation_) + "]");
  }
  return Status::Ok();
}

}  // namespace disd::service
