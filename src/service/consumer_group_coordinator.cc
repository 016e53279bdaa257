#include "disd/service/consumer_group_coordinator.h"

#include <algorithm>
#include <set>

#include "service/consumer_group.h"

namespace disd::service {

namespace {

// Resolves one member's subscription against the project's streams now. Names and ids
// that name no stream are skipped (ValidateSubscription rejects them at join time).
std::vector<SubscribedStream> ResolveMember(const ConsumerGroup::Member& m,
                                            const std::vector<engine::StreamSnapshot>& streams) {
  std::vector<SubscribedStream> out;
  std::set<std::uint64_t> seen;
  auto add = [&](const engine::StreamMeta& s, const std::string& key) {
    if (seen.insert(s.internal_id).second) out.push_back(SubscribedStream{s.internal_id, key});
  };
  for (const auto& s : streams) {
    const bool by_id =
        std::find(m.spec.ids.begin(), m.spec.ids.end(), s->stream_id) != m.spec.ids.end();
    if (by_id) add(*s, s->stream_id);
  }
  for (const auto& s : streams) {
    const bool by_name =
        std::find(m.spec.names.begin(), m.spec.names.end(), s->name) != m.spec.names.end();
    if (by_name || (m.pattern && std::regex_match(s->name, *m.pattern))) add(*s, s->name);
  }
  std::sort(out.begin(), out.end(), [](const SubscribedStream& a, const SubscribedStream& b) {
    return a.stream < b.stream;
  });
  return out;
}

GroupTopology Resolve(const engine::Catalog& catalog, std::string_view project_id,
                      const ConsumerGroup& group) {
  const auto streams = catalog.ListStreams(project_id);
  GroupTopology t;
  for (const auto& [id, member] : group.members()) {
    auto resolved = ResolveMember(member, streams);
    for (const auto& r : resolved) t.partitions[r.stream];  // every subscribed stream listed
    t.member_streams[id] = std::move(resolved);
  }
  for (const auto& s : streams) {
    auto it = t.partitions.find(s->internal_id);
    if (it == t.partitions.end()) continue;
    for (const auto& p : s->partitions) {
      if (p.status != engine::PartitionStatus::kExpired) it->second.push_back(p.index);
    }
  }
  return t;
}

// kErrSubscription reasons: nothing named, an unknown name or id, a bad pattern.
bool ValidSubscription(const ConsumerGroup::Member& m,
                       const std::vector<engine::StreamSnapshot>& streams) {
  if (m.spec.names.empty() && m.spec.ids.empty() && m.spec.pattern.empty()) return false;
  for (const auto& name : m.spec.names) {
    if (std::none_of(streams.begin(), streams.end(),
                     [&](const auto& s) { return s->name == name; })) {
      return false;
    }
  }
  for (const auto& id : m.spec.ids) {
    if (std::none_of(streams.begin(), streams.end(),
                     [&](const auto& s) { return s->stream_id == id; })) {
      return false;
    }
  }
  return true;
}

std::string_view PhaseName(GroupPhase phase) {
  switch (phase) {
    case GroupPhase::kJoining: return "JOINING";
    case GroupPhase::kSyncing: return "SYNCING";
    case GroupPhase::kStable: return "STABLE";
  }
  return "STABLE";
}

Error EmptyClientId() {
  return MakeError(ErrorCode::kInvalidRequest, "[clientId is required]");
}

}  // namespace

ConsumerGroupCoordinator::ConsumerGroupCoordinator(const engine::Catalog& catalog,
                                                   const Clock& clock,
                                                   const ServiceOptions& options)
    : catalog_(catalog), clock_(clock), options_(options) {}

ConsumerGroupCoordinator::~ConsumerGroupCoordinator() = default;

ConsumerGroup* ConsumerGroupCoordinator::Prepare(std::string_view project_id,
                                                 std::string_view group) {
  GroupKey key{std::string(project_id), std::string(group)};
  if (!catalog_.GetApp(project_id, group).ok()) {
    groups_.erase(key);
    return nullptr;
  }
  auto& slot = groups_[key];
  if (!slot) slot = std::make_unique<ConsumerGroup>();
  ConsumerGroup& g = *slot;
  g.ExpireMembers(clock_.NowMs());
  if (g.assigned() && !(Resolve(catalog_, project_id, g) == g.topology())) g.BeginRebalance();
  MaybeAssign(project_id, g);
  return &g;
}

void ConsumerGroupCoordinator::MaybeAssign(std::string_view project_id, ConsumerGroup& group) {
  if (group.ReadyToAssign()) group.Assign(Resolve(catalog_, project_id, group));
}

Result<JoinResponse> ConsumerGroupCoordinator::Join(std::string_view project_id,
                                                    std::string_view group,
                                                    const JoinRequest& request) {
  if (request.client_id.empty()) return EmptyClientId();
  ConsumerGroup::Member member;
  member.spec = SubscriptionSpec{request.stream_names, request.stream_ids, request.stream_pattern};
  std::sort(member.spec.names.begin(), member.spec.names.end());
  std::sort(member.spec.ids.begin(), member.spec.ids.end());
  const std::int64_t timeout = request.rebalance_timeout_ms.value_or(0);
  member.session_timeout_ms = timeout > 0 ? timeout : options_.consumer_session_timeout_ms;
  JoinResponse response;
  if (!member.spec.pattern.empty()) {
    try {
      member.pattern = std::make_shared<const std::regex>(member.spec.pattern);
    } catch (const std::regex_error&) {
      response.state = JoinState::kErrSubscription;
      return response;
    }
  }

  std::lock_guard lock(mu_);
  ConsumerGroup* g = Prepare(project_id, group);
  if (g == nullptr) {
    response.state = JoinState::kGroupNotExist;
    return response;
  }
  const auto streams = catalog_.ListStreams(project_id);
  if (!ValidSubscription(member, streams)) {
    response.state = JoinState::kErrSubscription;
    return response;
  }
  if (!g->HasMember(request.client_id) &&
      static_cast<std::int64_t>(g->members().size()) >= options_.consumer_group_max_members) {
    return MakeError(ErrorCode::kConsumerQuotaExceeded,
                     "[the group has " + std::to_string(g->members().size()) + " members]");
  }
  for (const auto& s : ResolveMember(member, streams)) response.subscription.push_back(s.key);
  g->Join(request.client_id, std::move(member), clock_.NowMs());
  MaybeAssign(project_id, *g);
  return response;
}

Result<SyncResponse> ConsumerGroupCoordinator::Sync(std::string_view project_id,
                                                    std::string_view group,
                                                    std::string_view client_id) {
  if (client_id.empty()) return EmptyClientId();
  std::lock_guard lock(mu_);
  SyncResponse response;
  ConsumerGroup* g = Prepare(project_id, group);
  if (g == nullptr) {
    response.state = SyncGroupState::kGroupNotExist;
    return response;
  }
  SyncOutcome outcome = g->Sync(std::string(client_id), clock_.NowMs());
  switch (outcome.state) {
    case SyncState::kOk: response.state = SyncGroupState::kOk; break;
    case SyncState::kWaiting: response.state = SyncGroupState::kWaiting; break;
    case SyncState::kRejoin: response.state = SyncGroupState::kRejoin; break;
  }
  response.generation = outcome.generation;
  response.assignment = std::move(outcome.assignment);
  return response;
}

Result<HeartbeatGroupState> ConsumerGroupCoordinator::Heartbeat(
    std::string_view project_id, std::string_view group, std::string_view client_id,
    std::optional<std::int64_t> generation) {
  if (client_id.empty()) return EmptyClientId();
  std::lock_guard lock(mu_);
  ConsumerGroup* g = Prepare(project_id, group);
  if (g == nullptr) return HeartbeatGroupState::kGroupNotExist;
  switch (g->Heartbeat(std::string(client_id), generation, clock_.NowMs())) {
    case HeartbeatState::kJoining: return HeartbeatGroupState::kJoining;
    case HeartbeatState::kSyncing: return HeartbeatGroupState::kSyncing;
    case HeartbeatState::kStable: return HeartbeatGroupState::kStable;
  }
  return HeartbeatGroupState::kJoining;
}

Status ConsumerGroupCoordinator::Leave(std::string_view project_id, std::string_view group,
                                       std::string_view client_id) {
  std::lock_guard lock(mu_);
  ConsumerGroup* g = Prepare(project_id, group);
  if (g == nullptr) return MakeError(ErrorCode::kAppNotFound, "[" + std::string(group) + "]");
  if (!g->Leave(std::string(client_id))) {
    return MakeError(ErrorCode::kUnknownMember,
                     "[" + std::string(client_id) + " is not a member of the group]");
  }
  MaybeAssign(project_id, *g);
  return Status::Ok();
}

Status ConsumerGroupCoordinator::CheckMember(std::string_view project_id, std::string_view group,
                                             std::string_view client_id,
                                             std::optional<std::int64_t> generation) {
  std::lock_guard lock(mu_);
  ConsumerGroup* g = Prepare(project_id, group);
  if (g == nullptr) {
    return MakeError(ErrorCode::kUnknownMember, "[the group has no members]");
  }
  return g->CheckCommit(std::string(client_id), generation);
}

Status ConsumerGroupCoordinator::RunIfIdle(std::string_view project_id, std::string_view group,
                                           const std::function<Status()>& action) {
  std::lock_guard lock(mu_);
  ConsumerGroup* g = Prepare(project_id, group);
  if (g != nullptr && !g->members().empty()) {
    return MakeError(ErrorCode::kAppInUse, "[consumer group " + std::string(group) + " has " +
                                               std::to_string(g->members().size()) +
                                               " live members]");
  }
  Status s = action();
  if (s.ok()) groups_.erase(GroupKey{std::string(project_id), std::string(group)});
  return s;
}

std::optional<GroupView> ConsumerGroupCoordinator::Describe(std::string_view project_id,
                                                            std::string_view group) {
  std::lock_guard lock(mu_);
  ConsumerGroup* g = Prepare(project_id, group);
  if (g == nullptr) return std::nullopt;
  GroupView view;
  view.generation = g->generation();
  view.phase = std::string(PhaseName(g->phase()));
  for (const auto& [id, m] : g->members()) view.members.push_back(id);
  return view;
}

}  // namespace disd::service
