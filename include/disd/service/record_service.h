// Records (seed 004 sections 5.4.1-5.4.2): PutRecords with its limits, routing and
// per-record results, and GetRecords by cursor.
// Thread-safety: safe for concurrent use.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/engine/partition_log.h"
#include "disd/service/service_options.h"

namespace disd::service {

class StreamService;
class CursorService;
class TrafficControl;
class MetricsService;

struct PutRecordEntry {
  std::string data;                              // decoded bytes
  std::optional<std::string> partition_id;
  std::optional<std::string> explicit_hash_key;
  std::optional<std::string> partition_key;
  std::optional<std::int64_t> timestamp_ms;
};

struct PutRecordsCommand {
  std::string stream_name;
  std::string stream_id;
  std::vector<PutRecordEntry> records;
};

// Index-aligned with the request: either written (partition + sequence number) or failed.
struct PutRecordOutcome {
  std::int32_t partition = -1;
  std::int64_t sequence_number = -1;
  std::optional<Error> error;
};

struct PutRecordsOutcome {
  std::int32_t failed_record_count = 0;
  std::vector<PutRecordOutcome> records;
};

struct GetRecordsOutcome {
  std::vector<engine::LogRecord> records;
  std::string next_cursor;
};

class RecordService {
 public:
  // Every call's traffic (bytes, records, requests, latency, throttling) is added to
  // `metrics` (metrics_service.h).
  RecordService(const StreamService& streams, const CursorService& cursors,
                engine::PartitionLog& log, TrafficControl& traffic, MetricsService& metrics,
                const ServiceOptions& options);

  // Whole-request problems (count, sizes, malformed routing fields) fail before anything is
  // written; partition problems and traffic control (DIS.4303) fail only their record.
  Result<PutRecordsOutcome> Put(std::string_view project_id, const PutRecordsCommand& command);

  // limit: records (default and maximum from the options); max_bytes: data bytes.
  // DIS.4303 when the partition's read budget is spent.
  Result<GetRecordsOutcome> Get(std::string_view project_id, std::string_view cursor,
                                std::optional<std::int64_t> limit,
                                std::optional<std::int64_t> max_bytes) const;

 private:
  const StreamService& streams_;
  const CursorService& cursors_;
  engine::PartitionLog& log_;
  TrafficControl& traffic_;
  MetricsService& metrics_;
  const ServiceOptions& options_;
  std::atomic<std::uint64_t> round_robin_{0};
};

}  // namespace disd::service
