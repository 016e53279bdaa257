// Cursors (seed 004 section 5.4.3): resolves the five cursor types to a sequence number
// when the cursor is made, mints the token, and validates tokens presented to GetRecords
// (format, stream incarnation, expiry).
// Thread-safety: safe for concurrent use (stateless beyond its references).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/engine/partition_log.h"
#include "disd/service/service_options.h"

namespace disd::service {

class StreamService;

// GetCursor's query parameters as received (absent = nullopt).
struct CursorRequest {
  std::optional<std::string> stream_name;
  std::optional<std::string> stream_id;
  std::optional<std::string> partition_id;
  std::optional<std::string> cursor_type;
  std::optional<std::string> starting_sequence_number;
  std::optional<std::string> timestamp;
};

// A validated cursor: where the next read starts.
struct CursorTarget {
  engine::StreamSnapshot stream;
  std::int32_t partition = 0;
  std::int64_t sequence_number = 0;
};

class CursorService {
 public:
  CursorService(const StreamService& streams, engine::Catalog& catalog,
                const engine::PartitionLog& log, const Clock& clock,
                const ServiceOptions& options);

  Result<std::string> MakeCursor(std::string_view project_id, const CursorRequest& request) const;

  // kInvalidCursor (malformed, other stream incarnation), kExpiredCursor, kStreamNotFound,
  // kPartitionExpired.
  Result<CursorTarget> Resolve(std::string_view project_id, std::string_view token) const;

  // A fresh cursor at `sequence_number` of `partition`.
  std::string CursorAt(const engine::StreamMeta& stream, std::int32_t partition,
                       std::int64_t sequence_number) const;

 private:
  Result<std::int64_t> StartingPosition(const CursorRequest& request,
                                        engine::PartitionRef partition) const;

  const StreamService& streams_;
  engine::Catalog& catalog_;
  const engine::PartitionLog& log_;
  const Clock& clock_;
  const ServiceOptions& options_;
};

// The partition a read addresses: kInvalidPartitionId when `partition_id` is malformed,
// kPartitionNotFound beyond the stream's partitions, kPartitionExpired when EXPIRED.
Result<std::int32_t> ResolveReadablePartition(const engine::StreamMeta& stream,
                                              std::string_view partition_id);

}  // namespace disd::service
