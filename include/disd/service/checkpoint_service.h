// Checkpoints (seed 004 section 5.3): commit, get and delete an app's position on a
// partition. Checkpoints are durable, per project, and vanish with their stream or app.
//
// A committed sequence_number must lie in the partition's [first_valid, next] (both ends
// included): `next`, the number the next record will get, is allowed because the Kafka
// adapter commits "the next offset to read"; anything else is DIS.4224. A commit that
// carries a client_id (the Kafka adapter in subscribe mode) is checked against the consumer
// group of the app: DIS.4702 unknown member, DIS.4701 rebalance in progress, DIS.4703 a
// generation_id that is not the current one.
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"

namespace disd::service {

class ConsumerGroupCoordinator;

inline constexpr std::size_t kMaxCheckpointMetadataChars = 1000;

// CommitCheckpoint's body; "" means absent everywhere.
struct CheckpointCommit {
  std::string app_name;
  std::string checkpoint_type;   // "" = LAST_READ
  std::string stream_name;
  std::string stream_id;         // used when stream_name is empty or names no stream
  std::string partition_id;      // "shardId-0000000000" or "0"
  std::string sequence_number;   // decimal
  std::string metadata;
  std::string client_id;         // consumer-group member ("" = none)
  std::optional<std::int64_t> generation_id;
};

// Which checkpoints GetCheckpoint / DeleteCheckpoint address ("" = absent).
struct CheckpointSelector {
  std::string app_name;
  std::string checkpoint_type;
  std::string stream_name;
  std::string stream_id;
  std::string partition_id;      // required for Get; Delete without it removes all
};

class CheckpointService {
 public:
  CheckpointService(engine::Catalog& catalog, const engine::PartitionLog& log,
                    ConsumerGroupCoordinator& coordinator);

  Status Commit(std::string_view project_id, const CheckpointCommit& commit);
  // nullopt when the app has no checkpoint on the partition.
  Result<std::optional<engine::Checkpoint>> Get(std::string_view project_id,
                                                const CheckpointSelector& selector) const;
  // Deleting checkpoints that do not exist succeeds.
  Status Delete(std::string_view project_id, const CheckpointSelector& selector);

 private:
  engine::Catalog& catalog_;
  const engine::PartitionLog& log_;
  ConsumerGroupCoordinator& coordinator_;
};

// "" and "LAST_READ" -> kLastRead; anything else kInvalidRequest.
Result<engine::CheckpointType> ParseCheckpointType(std::string_view text);
std::string_view CheckpointTypeName(engine::CheckpointType type);

}  // namespace disd::service
