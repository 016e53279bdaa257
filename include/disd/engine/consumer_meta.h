// What the catalog knows about consumers: apps (the named consuming applications of a
// project) and their checkpoints (per app, stream and partition). Plain value types shared
// by the engine and the service layer. Thread-safety: values.
#pragma once

#include <cstdint>
#include <string>

namespace disd::engine {

struct AppMeta {
  // Assigned by Catalog::CreateApp from a counter, never reused (not after a delete), so a
  // re-created app never sees the old one's checkpoints.
  std::uint64_t internal_id = 0;
  std::string project_id;
  std::string name;
  std::string app_id;               // opaque public id
  std::int64_t create_time_ms = 0;
  bool operator==(const AppMeta&) const = default;
};

// LAST_READ is the only type DIS defines ("only the sequence number is recorded").
enum class CheckpointType : std::uint8_t { kLastRead = 0 };

struct Checkpoint {
  std::int64_t sequence_number = 0;
  std::string metadata;
  CheckpointType type = CheckpointType::kLastRead;
  bool operator==(const Checkpoint&) const = default;
};

// Which checkpoint: an app (by name, within the project) on one partition of one stream
// incarnation (by internal id, so a re-created stream starts without checkpoints).
struct CheckpointRef {
  std::string project_id;
  std::string app_name;
  std::uint64_t stream_internal_id = 0;
  std::int32_t partition = 0;
};

struct PartitionCheckpoint {
  std::int32_t partition = 0;
  Checkpoint checkpoint;
};

}  // namespace disd::engine
