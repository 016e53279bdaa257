// What the catalog knows about dump ("transfer") tasks: the task itself (who, where to,
// with which settings) and, per source partition, how far delivery has come. Plain value
// types shared by the engine, the service layer and the dump workers.
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace disd::engine {

// destination_type of seed 004 5.5. Values are persisted: never renumber.
enum class DestinationType : std::uint8_t {
  kObs = 0,
  kMrs = 1,
  kDli = 2,
  kDws = 3,
  kCloudTable = 4,
};

// Task states of seed 004 5.5.2/5.5.4. Values are persisted: never renumber.
//   STARTING  created or started, first delivery round not yet run
//   RUNNING   delivering
//   PAUSED    stopped by the batch stop action
//   ABNORMAL  the sink kept failing past retry_duration; batches go to the error location
//             and delivery resumes (back to RUNNING) when the sink recovers
//   ERROR     the task cannot run at all (e.g. its destination vanished from the config)
enum class TransferTaskState : std::uint8_t {
  kStarting = 0,
  kRunning = 1,
  kPaused = 2,
  kAbnormal = 3,
  kError = 4,
};

// Where a task came from: the DIS transfer-task API or the DMS sink-task alias (seed 003).
enum class TransferTaskOrigin : std::uint8_t { kTransferTask = 0, kDmsSinkTask = 1 };

struct TransferTaskMeta {
  // Assigned by Catalog::CreateTransferTask from a counter, never reused.
  std::uint64_t internal_id = 0;
  std::string task_id;                    // opaque public id
  std::string project_id;
  std::uint64_t stream_internal_id = 0;   // the stream incarnation the task reads
  std::string stream_name;
  std::string task_name;                  // unique per stream
  DestinationType destination_type = DestinationType::kObs;
  TransferTaskState state = TransferTaskState::kStarting;
  TransferTaskOrigin origin = TransferTaskOrigin::kTransferTask;
  std::string connector_id;               // DMS sink tasks only
  std::int64_t create_time_ms = 0;
  std::int64_t last_modified_ms = 0;
  // The destination descriptor as validated and normalised by the service layer (JSON
  // text; defaults filled in, secrets already encrypted). The engine stores it verbatim.
  std::string descriptor_json;
  // Why the task is ABNORMAL or ERROR; empty otherwise.
  std::string state_reason;
  bool operator==(const TransferTaskMeta&) const = default;
};

// Per-partition delivery state of a task (seed 004 5.5.4 "partitions").
struct PartitionDelivery {
  std::int32_t partition = 0;
  // The next sequence number to deliver: every record below it has been delivered (or
  // discarded). -1 until the worker has resolved consumer_strategy for this partition.
  std::int64_t next_sequence = -1;
  // When the last file for this partition was written (ms); 0 = never.
  std::int64_t last_transfer_timestamp_ms = 0;
  // Records that retention expired before the task read them.
  std::int64_t discarded_records = 0;
  // The partition's own state (RUNNING, ABNORMAL, ...), as TransferTaskState.
  TransferTaskState state = TransferTaskState::kStarting;
  std::string state_reason;
  // The batch in flight: recorded (synced) before the sink write and cleared by the
  // commit, so a worker that finds it after a crash rewrites exactly the records
  // [next_sequence, pending_last_sequence] under the same object names and time
  // directories (pending_time_ms is the batch's delivery time). -1 = none.
  std::int64_t pending_last_sequence = -1;
  std::int64_t pending_time_ms = 0;
  bool operator==(const PartitionDelivery&) const = default;
};

// The API's spellings: "OBS", "MRS", "DLI", "DWS", "CLOUDTABLE"; and "STARTING",
// "RUNNING", "PAUSED", "ABNORMAL", "ERROR".
std::string_view ToString(DestinationType type);
std::string_view ToString(TransferTaskState state);

}  // namespace disd::engine
