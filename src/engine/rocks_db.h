// RocksDb: the one RocksDB instance of a data directory, its column families and the
// options they are tuned with. Private to the engine; nothing outside src/engine/ includes
// RocksDB headers.
//
// Column families:
//   default          unused (RocksDB requires it)
//   catalog          stream metas and id counters (keys: key_codec.h, CatalogKind)
//   partition_state  first_valid / next / last arrival per partition
//   records          the records of every partition log
//   metrics          per-minute traffic figures (rocks_metrics_store.h)
//
// Thread-safety: the handles are constant after Open and RocksDB is thread-safe, so any
// thread may use db() and the handles. Destruction closes the DB and is not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <rocksdb/db.h>

#include "disd/common/status.h"

namespace disd::engine {

inline constexpr std::string_view kCatalogCf = "catalog";
inline constexpr std::string_view kPartitionStateCf = "partition_state";
inline constexpr std::string_view kRecordsCf = "records";
inline constexpr std::string_view kMetricsCf = "metrics";

struct RocksDbOptions {
  std::size_t block_cache_bytes = 32u << 20;
  bool sync_writes = true;
  bool read_only = false;  // for tools and tests that inspect a closed store
  // The environment RocksDB runs on; null for the default. Tests pass one that injects
  // I/O faults. Not owned; must outlive the RocksDb.
  rocksdb::Env* env = nullptr;
};

class RocksDb {
 public:
  // Opens (creating if needed) the DB in `dir` with every column family above, plus any
  // unknown ones a later version may have added (opened with default options).
  static Result<std::unique_ptr<RocksDb>> Open(const std::string& dir,
                                               const RocksDbOptions& options);
  ~RocksDb();
  RocksDb(const RocksDb&) = delete;
  RocksDb& operator=(const RocksDb&) = delete;

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* catalog() const { return catalog_; }
  rocksdb::ColumnFamilyHandle* partition_state() const { return partition_state_; }
  rocksdb::ColumnFamilyHandle* records() const { return records_; }
  rocksdb::ColumnFamilyHandle* metrics() const { return metrics_; }
  // WAL always on; fsync before returning when the store is opened with sync writes.
  const rocksdb::WriteOptions& write_options() const { return write_options_; }

 private:
  RocksDb() = default;

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // owned; destroyed before db_
  rocksdb::ColumnFamilyHandle* catalog_ = nullptr;
  rocksdb::ColumnFamilyHandle* partition_state_ = nullptr;
  rocksdb::ColumnFamilyHandle* records_ = nullptr;
  rocksdb::ColumnFamilyHandle* metrics_ = nullptr;
  rocksdb::WriteOptions write_options_;
};

// kInternal with `what` and RocksDB's description of the failure.
Error RocksError(const rocksdb::Status& status, std::string_view what);

inline rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
inline std::string_view ToView(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

}  // namespace disd::engine
