#include "engine/rocks_db.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <system_error>

#include <rocksdb/cache.h>
#include <rocksdb/convenience.h>
#include <rocksdb/table.h>

namespace disd::engine {
namespace {

// Memory budget: a few small memtables and a shared block cache. Idle RSS stays far below
// 50 MB; records get the larger write buffer because they carry almost all bytes.
constexpr std::size_t kRecordsWriteBuffer = 16u << 20;
constexpr std::size_t kSmallWriteBuffer = 4u << 20;
constexpr int kMaxOpenFiles = 256;

rocksdb::ColumnFamilyOptions CfOptions(const std::shared_ptr<rocksdb::Cache>& cache,
                                       std::size_t write_buffer, std::size_t block_size,
                                       bool compress) {
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = write_buffer;
  cf.max_write_buffer_number = 2;
  cf.level_compaction_dynamic_level_bytes = true;
  cf.target_file_size_base = 32u << 20;
  cf.max_bytes_for_level_base = 128u << 20;
  cf.compression = rocksdb::kNoCompression;
  if (compress) {
    // Compressed only where data settles (the bottommost level): flushes and the
    // intermediate compactions of freshly written records skip the LZ4 pass, which the
    // ingest profile showed as the largest single cost after JSON parsing
    // (docs/performance.md).
    const auto supported = rocksdb::GetSupportedCompressions();
    if (std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) !=
        supported.end()) {
      cf.bottommost_compression = rocksdb::kLZ4Compression;
    }
  }
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.block_size = block_size;
  // Index and filter blocks live in (and are bounded by) the block cache.
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  table.format_version = 5;
  // XXH3 block checksums: the Debian build of RocksDB computes CRC32C without SSE4.2,
  // which the profile showed near the top. The type is recorded per file, so files
  // written with CRC32C stay readable.
  table.checksum = rocksdb::kXXH3;
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf;
}

Result<std::unique_ptr<rocksdb::DB>> OpenDb(const std::string& dir,
                                            const RocksDbOptions& options,
                                            std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                                            std::vector<std::string>& names) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !options.read_only;
  db_options.create_missing_column_families = !options.read_only;
  db_options.max_open_files = kMaxOpenFiles;
  db_options.max_background_jobs = 2;
  db_options.keep_log_file_num = 3;
  db_options.max_log_file_size = 4u << 20;
  db_options.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  // Rarely written column families (catalog) must not pin old WAL files forever.
  db_options.max_total_wal_size = 64u << 20;
  db_options.recycle_log_file_num = 0;
  if (options.env != nullptr) db_options.env = options.env;

  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  const auto records = CfOptions(cache, kRecordsWriteBuffer, 16u << 10, true);
  const auto small = CfOptions(cache, kSmallWriteBuffer, 4u << 10, false);

  names = {std::string(rocksdb::kDefaultColumnFamilyName), std::string(kCatalogCf),
           std::string(kPartitionStateCf), std::string(kRecordsCf), std::string(kMetricsCf)};
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, dir, &existing).ok()) {
    for (const auto& name : existing) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) {
    descriptors.emplace_back(name, name == kRecordsCf ? records : small);
  }

  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, dir, descriptors, &handles, &raw)
          : rocksdb::DB::Open(db_options, dir, descriptors, &handles, &raw);
  if (!s.ok()) return RocksError(s, "opening the data directory");
  return std::unique_ptr<rocksdb::DB>(raw);
}

}  // namespace

Error RocksError(const rocksdb::Status& status, std::string_view what) {
  std::string detail = "storage error while ";
  detail.append(what);
  detail.append(": ");
  detail.append(status.ToString());
  return MakeError(ErrorCode::kInternal, std::move(detail));
}

Result<std::unique_ptr<RocksDb>> RocksDb::Open(const std::string& dir,
                                               const RocksDbOptions& options) {
  try {
    if (!options.read_only) {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) {
        return MakeError(ErrorCode::kInternal,
                         "cannot create the data directory: " + ec.message());
      }
    }
    std::unique_ptr<RocksDb> store(new RocksDb());
    std::vector<std::string> names;
    auto db = OpenDb(dir, options, store->handles_, names);
    if (!db.ok()) return db.error();
    store->db_ = std::move(db).value();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == kCatalogCf) store->catalog_ = store->handles_[i];
      if (names[i] == kPartitionStateCf) store->partition_state_ = store->handles_[i];
      if (names[i] == kRecordsCf) store->records_ = store->handles_[i];
      if (names[i] == kMetricsCf) store->metrics_ = store->handles_[i];
    }
    if (!store->catalog_ || !store->partition_state_ || !store->records_ || !store->metrics_) {
      return MakeError(ErrorCode::kInternal, "data directory lacks the engine's column families");
    }
    store->write_options_.sync = options.sync_writes;
    store->write_options_.disableWAL = false;
    return store;
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("opening the data directory: ") + e.what());
  }
}

RocksDb::~RocksDb() {
  if (!db_) return;
  for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  handles_.clear();
  db_->Close().PermitUncheckedError();
  db_.reset();
}

}  // namespace disd::engine
