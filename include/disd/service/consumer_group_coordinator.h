// The consumer-group coordinator the DIS Kafka adapter uses in subscribe mode (sdk-wire.md
// 1.2 and 4.6): join, sync, heartbeat and leave for the group named after an app, with
// generations, JOINING/SYNCING/STABLE phases, and an assignment of every partition of the
// subscribed streams (by name list, stream-id list or regex pattern) to exactly one member.
//
// Group state lives in memory only: after a restart members are unknown, their heartbeats
// answer JOINING and they join again. A group exists while its app exists; an app whose
// group has live members is "in use" and cannot be deleted (DIS.4331).
//
// Time: there is no timer thread. Every call first removes the members whose session
// expired (no join, sync or heartbeat for their session timeout, read on the injected
// Clock) and starts a new generation when any did or when the subscribed streams changed
// (created or deleted streams, scaled partitions), so tests advance a manual clock and the
// next call sees the expiry.
//
// Thread-safety: safe for concurrent use; one mutex serialises all groups.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/service/service_options.h"

namespace disd::service {

class ConsumerGroup;

// A join's body (camelCase on the wire).
struct JoinRequest {
  std::string client_id;
  std::vector<std::string> stream_names;  // interestedStream
  std::vector<std::string> stream_ids;    // interestedStreamIdList
  std::string stream_pattern;             // streamPattern, "" = none
  std::optional<std::int64_t> rebalance_timeout_ms;
};

// The protocol's answers. kGroupNotExist: the app does not exist. kErrSubscription: the
// join names no stream, a stream or id that does not exist, or an invalid pattern.
enum class JoinState { kOk, kRejoin, kErrSubscription, kGroupNotExist };
enum class SyncGroupState { kOk, kWaiting, kRejoin, kGroupNotExist };
enum class HeartbeatGroupState { kJoining, kSyncing, kStable, kGroupNotExist };

struct JoinResponse {
  JoinState state = JoinState::kOk;
  std::vector<std::string> subscription;  // the member's streams (keys as it subscribed)
  std::int64_t sync_delayed_time_ms = 0;
};

struct SyncResponse {
  SyncGroupState state = SyncGroupState::kOk;
  std::int64_t generation = -1;
  std::map<std::string, std::vector<std::int32_t>> assignment;  // stream key -> partitions
};

// A snapshot of one group, for tests and operators.
struct GroupView {
  std::int64_t generation = 0;
  std::string phase;                       // JOINING, SYNCING or STABLE
  std::vector<std::string> members;        // ids, sorted
};

class ConsumerGroupCoordinator {
 public:
  // All references must outlive the coordinator.
  ConsumerGroupCoordinator(const engine::Catalog& catalog, const Clock& clock,
                           const ServiceOptions& options);
  ~ConsumerGroupCoordinator();

  // kInvalidRequest for an empty client id; kConsumerQuotaExceeded when a new member would
  // exceed consumer_group_max_members.
  Result<JoinResponse> Join(std::string_view project_id, std::string_view group,
                            const JoinRequest& request);
  Result<SyncResponse> Sync(std::string_view project_id, std::string_view group,
                            std::string_view client_id);
  Result<HeartbeatGroupState> Heartbeat(std::string_view project_id, std::string_view group,
                                        std::string_view client_id,
                                        std::optional<std::int64_t> generation);
  // kAppNotFound for a missing app, kUnknownMember for a client that is not a member.
  Status Leave(std::string_view project_id, std::string_view group, std::string_view client_id);

  // For checkpoints committed with a client id: kUnknownMember (no such group or member),
  // kRebalanceInProgress, kIllegalGeneration (see ConsumerGroup::CheckCommit).
  Status CheckMember(std::string_view project_id, std::string_view group,
                     std::string_view client_id, std::optional<std::int64_t> generation);

  // Runs `action` (the app's deletion) unless the group has live members (kAppInUse), under
  // the coordinator's lock so that no member joins meanwhile; on success forgets the group.
  Status RunIfIdle(std::string_view project_id, std::string_view group,
                   const std::function<Status()>& action);

  std::optional<GroupView> Describe(std::string_view project_id, std::string_view group);

 private:
  using GroupKey = std::tuple<std::string, std::string>;  // (project, group)

  // REQUIRES: mu_ held. The group's state after lazy expiry and topology refresh; null (and
  // the state forgotten) when the app does not exist.
  ConsumerGroup* Prepare(std::string_view project_id, std::string_view group);
  // REQUIRES: mu_ held. Assigns when every member has joined.
  void MaybeAssign(std::string_view project_id, ConsumerGroup& group);

  const engine::Catalog& catalog_;
  const Clock& clock_;
  const ServiceOptions& options_;

  std::mutex mu_;
  std::map<GroupKey, std::unique_ptr<ConsumerGroup>> groups_;  // GUARDED_BY(mu_)
};

}  // namespace disd::service
