// An app's consuming state on one stream (seed 004 5.2.5, ShowConsumerState): per
// partition its checkpoint, the partition's earliest and latest offsets (first valid and
// next sequence number, the ends of sequence_number_range) and status, paged by partition.
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"

namespace disd::service {

struct PartitionConsumption {
  engine::PartitionMeta partition;
  engine::SequenceRange range;
  std::optional<engine::Checkpoint> checkpoint;  // nullopt: never committed
};

struct ConsumerState {
  engine::AppMeta app;
  engine::StreamSnapshot stream;
  std::vector<PartitionConsumption> partitions;  // the requested page
  bool has_more = false;
};

class ConsumerStateService {
 public:
  ConsumerStateService(const engine::Catalog& catalog, const engine::PartitionLog& log);

  // `stream` is a stream name or (legacy Python) a stream id. start_after: exclusive
  // partition index (nullopt = from the first); limit 1-1000 (kInvalidRequest);
  // checkpoint_type "" or LAST_READ. kAppNotFound, kStreamNotFound.
  Result<ConsumerState> Describe(std::string_view project_id, std::string_view app_name,
                                 std::string_view stream,
                                 std::optional<std::int32_t> start_after, std::int64_t limit,
                                 std::string_view checkpoint_type) const;

 private:
  const engine::Catalog& catalog_;
  const engine::PartitionLog& log_;
};

}  // namespace disd::service
