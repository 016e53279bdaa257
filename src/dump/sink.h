// Sink: where a transfer task's batches go (OBS objects, DLI table files; DWS, MRS and
// CloudTable in a later issue), plus the task's error location. MakeTaskSink builds both
// from a task's spec and the configured destinations; the workers only call Write.
//
// A batch is written completely or the call fails: a failed Write may have written some
// of the batch's objects, and rewriting the same batch overwrites them (object names derive
// from the batch's offsets). Records the destination cannot hold (a record without a usable
// timestamp field under processing_schema, a record that does not fit the Parquet schema,
// a non-JSON record for a JSON-lines table) are reported back as rejected; the worker
// writes them to the error location.
//
// Thread-safety: a Sink is used by one thread at a time (the scheduler's round).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/dump/destinations.h"
#include "disd/dump/object_store.h"
#include "disd/dump/task_spec.h"
#include "disd/engine/partition_log.h"
#include "disd/engine/stream_meta.h"

namespace disd::dump {

class ObjectStorePool;

struct DeliveryBatch {
  std::string_view stream_name;
  std::int32_t partition = 0;
  std::int64_t first_sequence = 0;
  std::int64_t last_sequence = 0;
  std::int64_t delivery_time_ms = 0;
  const std::vector<engine::LogRecord>* records = nullptr;  // [first, last] in order
};

struct SinkWrite {
  std::int64_t files_written = 0;
  std::vector<std::size_t> rejected;  // indices into *records, ascending
  std::string rejected_reason;
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual Result<SinkWrite> Write(const DeliveryBatch& batch) = 0;
};

// `{bucket}/{prefix}/{kind}_error/...` through `store` (the task's agency's object store).
struct ErrorLocation {
  ObjectStore* store = nullptr;
  std::string bucket;
  std::string prefix;
  std::string kind;  // "obs", "dli", ...

  // Writes `records` (all of them, or only `subset`) as one text file named after the
  // batch, records joined by `delimiter`.
  Status Write(const DeliveryBatch& batch, const std::vector<std::size_t>* subset,
               std::string_view delimiter) const;
};

struct TaskSink {
  std::unique_ptr<Sink> sink;
  ErrorLocation errors;
};

// Builds the sink of a task. Fails (the task cannot run: state ERROR with the detail)
// when the agency, object store or DLI table is no longer configured, when a parquet
// file type meets a stream without a usable data_schema, or for destinations this build
// does not deliver to.
Result<TaskSink> MakeTaskSink(const TaskSpec& spec, const engine::StreamMeta& stream,
                              const DestinationRegistry& destinations, ObjectStorePool& stores);

// The two sinks MakeTaskSink chooses from (obs_sink.cc, dli_sink.cc).
Result<std::unique_ptr<Sink>> MakeObsSink(ObjectStore& store, const TaskSpec& spec,
                                          const engine::StreamMeta& stream);
Result<std::unique_ptr<Sink>> MakeDliSink(ObjectStore& table_store, const DliTableConfig& table,
                                          const engine::StreamMeta& stream);

}  // namespace disd::dump
