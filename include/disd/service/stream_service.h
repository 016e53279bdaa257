// Stream management (seed 004 sections 5.1.1-5.1.6): create, list, describe, delete, scale
// and update, with every validation and quota rule of docs/behaviour.md.
// Thread-safety: safe for concurrent use. Operations that add ACTIVE partitions (create,
// scale-up) are serialised so the partition quota holds under concurrent requests.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/random_id.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"
#include "disd/service/service_options.h"

namespace disd::service {

// CreateStream's body after JSON decoding; enums still as text so the service owns their
// validation. Absent optional fields keep their defaults.
struct StreamSpec {
  std::string name;
  std::int64_t partition_count = 0;
  std::string stream_type = "COMMON";
  std::string data_type = "BLOB";
  std::optional<std::int64_t> data_duration;
  bool auto_scale_enabled = false;
  std::optional<std::int64_t> auto_scale_min_partitions;
  std::optional<std::int64_t> auto_scale_max_partitions;
  std::string data_schema;
  std::optional<std::string> csv_delimiter;
  std::string compression_format;
  std::vector<engine::Tag> tags;
  std::vector<engine::Tag> sys_tags;
};

// UpdateStream's body: only the fields present change.
struct StreamUpdate {
  std::optional<std::int64_t> data_duration;
  std::optional<std::string> data_type;
  std::optional<std::string> data_schema;
  std::optional<bool> auto_scale_enabled;
  std::optional<std::int64_t> auto_scale_min_partitions;
  std::optional<std::int64_t> auto_scale_max_partitions;
};

struct StreamPage {
  std::int64_t total_number = 0;
  std::vector<engine::StreamSnapshot> streams;
  bool has_more = false;
};

struct PartitionView {
  engine::PartitionMeta meta;
  engine::SequenceRange range;
};

struct StreamDescription {
  engine::StreamSnapshot stream;
  std::string status;                    // CREATING or RUNNING
  std::vector<PartitionView> partitions; // the requested page
  bool has_more_partitions = false;
};

struct ScaleResult {
  std::int32_t previous_count = 0;
  std::int32_t current_count = 0;
};

class StreamService {
 public:
  StreamService(engine::Catalog& catalog, engine::PartitionLog& log, const Clock& clock,
                IdGenerator& ids, const ServiceOptions& options);

  Status Create(std::string_view project_id, const StreamSpec& spec);

  // limit: 1-100; start_after: exclusive name (empty = from the beginning).
  Result<StreamPage> List(std::string_view project_id, std::int64_t limit,
                          std::string_view start_after) const;

  // start_after_partition: exclusive index (nullopt = from the first); limit 1-1000.
  Result<StreamDescription> Describe(std::string_view project_id, std::string_view name,
                                     std::optional<std::int32_t> start_after_partition,
                                     std::int64_t limit) const;

  Status Delete(std::string_view project_id, std::string_view name);

  Result<ScaleResult> UpdatePartitionCount(std::string_view project_id, std::string_view name,
                                           std::int64_t target, bool auto_scale);

  Status Update(std::string_view project_id, std::string_view name, const StreamUpdate& update);

  // The stream for a data operation: by name, else (when `stream_id` is non-empty) by id
  // within the project. kStreamNotFound, or kStreamNotRunning while CREATING.
  Result<engine::StreamSnapshot> ResolveRunning(std::string_view project_id,
                                                std::string_view name,
                                                std::string_view stream_id) const;

  // "CREATING" or "RUNNING" for `stream` now.
  std::string_view StatusOf(const engine::StreamMeta& stream) const;

 private:
  Status CheckQuota(std::string_view project_id, engine::StreamType type,
                    std::int32_t extra_active, std::uint64_t excluding_stream) const;

  engine::Catalog& catalog_;
  engine::PartitionLog& log_;
  const Clock& clock_;
  IdGenerator& ids_;
  const ServiceOptions& options_;
  // Held across "check quota, then add partitions" so two requests cannot both pass the
  // check. Creates and scale-ups are rare; nothing on the data path takes it.
  std::mutex quota_mu_;
};

}  // namespace disd::service
