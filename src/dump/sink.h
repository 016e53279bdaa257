// Sink: where a transfer task's batches go (OBS objects, DLI table files, DWS tables, HDFS
// files through WebHDFS, HBase rows, OpenTSDB points), plus the task's error location.
// MakeTaskSink builds both from a task's spec and the configured destinations; the workers
// only call Write.
//
// A batch is written completely or the call fails: a failed Write may have written some
// of the batch's objects, and rewriting the same batch overwrites them (object names derive
// from the batch's offsets). The same batch (same stream, partition and offset range) may
// be written again after a crash or a failure; every sink makes that rewrite land exactly
// once (DWS: a progress mark committed in the load's own transaction; MRS: publication by
// RENAME to a name derived from the range; HBase and OpenTSDB: puts keyed by row key or
// by metric, tags and timestamp, which a rewrite overwrites with the same values). Records the destination cannot hold (a record without a usable
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
// An empty bucket (a CloudTable task without obs_backup_bucket_path) keeps nothing: Write
// succeeds without writing, and the records are dropped (docs/dump-tasks.md).
struct ErrorLocation {
  ObjectStore* store = nullptr;
  std::string bucket;
  std::string prefix;
  std::string kind;  // "obs", "dli", "dws", "mrs", "cloudtable", "opentsdb"

  // Writes `records` (all of them, or only `subset`) as one text file named after the
  // batch, records joined by `delimiter`.
  Status Write(const DeliveryBatch& batch, const std::vector<std::size_t>* subset,
               std::string_view delimiter) const;
};

struct TaskSink {
  std::unique_ptr<Sink> sink;
  ErrorLocation errors;
};

// Builds the sink of task `task_id`. Fails (the task cannot run: state ERROR with the
// detail) when the agency, object store, DLI table, cluster or KMS key is no longer
// configured (with the destination's DIS error), or when a parquet file type meets a
// stream without a usable data_schema. Building a sink never contacts the destination.
Result<TaskSink> MakeTaskSink(std::string_view task_id, const TaskSpec& spec,
                              const engine::StreamMeta& stream,
                              const DestinationRegistry& destinations, ObjectStorePool& stores);

// The sinks MakeTaskSink chooses from, one file each.
// OBS (obs_sink.cc): objects in the task's bucket.
Result<std::unique_ptr<Sink>> MakeObsSink(ObjectStore& store, const TaskSpec& spec,
                                          const engine::StreamMeta& stream);
// DLI (dli_sink.cc): files in the table's location.
Result<std::unique_ptr<Sink>> MakeDliSink(ObjectStore& table_store, const DliTableConfig& table,
                                          const engine::StreamMeta& stream);

// The staged destinations write each batch first, as the real service does, as a text
// object to the task's staging location (`staging`, spec.common.obs_bucket_path and
// file_prefix, the OBS sink's layout: MakeObsSink over a text spec), then load it.
//
// DWS (dws_*.cc): COPY ... FROM STDIN into dws_schema.dws_table_name over libpq, with the
// password opened from user_password_encrypted under `key`; the load and its progress mark
// (keyed by `task_id` and partition) commit in one transaction.
Result<std::unique_ptr<Sink>> MakeDwsSink(ObjectStore& staging, const TaskSpec& spec,
                                          const engine::StreamMeta& stream,
                                          const DwsClusterConfig& cluster, const KmsKeyConfig& key,
                                          std::string_view task_id);
// MRS (mrs_*.cc, webhdfs_*.cc): a file per batch under mrs_hdfs_path/hdfs_prefix_folder,
// written through WebHDFS (CREATE with the 307 redirect, MKDIRS, RENAME to publish).
Result<std::unique_ptr<Sink>> MakeMrsSink(ObjectStore& staging, const TaskSpec& spec,
                                          const engine::StreamMeta& stream,
                                          const MrsClusterConfig& cluster);
// CloudTable HBase (hbase_*.cc): a row per JSON record through the cluster's HBase REST
// gateway, per cloudtable_schema. Records that do not fit the schema are rejected.
Result<std::unique_ptr<Sink>> MakeHBaseSink(const TaskSpec& spec,
                                            const CloudTableClusterConfig& cluster);
// CloudTable OpenTSDB (opentsdb_*.cc): points per opentsdb_schema to the cluster's
// `/api/put`. Records that do not fit the schema, and points the server refuses one by
// one, are rejected.
Result<std::unique_ptr<Sink>> MakeOpenTsdbSink(const TaskSpec& spec,
                                               const CloudTableClusterConfig& cluster);

}  // namespace disd::dump
