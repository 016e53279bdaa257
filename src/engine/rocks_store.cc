// OpenRocksStore: composes RocksDb, RocksPartitionLog and RocksCatalog into a Store.
#include <exception>
#include <memory>

#include "disd/engine/store.h"
#include "engine/rocks_catalog.h"
#include "engine/rocks_db.h"
#include "engine/rocks_metrics_store.h"
#include "engine/rocks_partition_log.h"

namespace disd::engine {
namespace {

class RocksStore final : public Store {
 public:
  RocksStore(std::unique_ptr<RocksDb> db, std::unique_ptr<RocksPartitionLog> log,
             std::unique_ptr<RocksCatalog> catalog)
      : db_(std::move(db)),
        log_(std::move(log)),
        catalog_(std::move(catalog)),
        metrics_(std::make_unique<RocksMetricsStore>(*db_)) {}

  Catalog& catalog() override { return *catalog_; }
  PartitionLog& log() override { return *log_; }
  MetricsStore& metrics() override { return *metrics_; }

  std::uint64_t ApproximateSizeBytes() const override {
    std::uint64_t total = 0;
    std::uint64_t sst = 0;
    if (db_->db()->GetAggregatedIntProperty("rocksdb.total-sst-files-size", &sst)) total += sst;
    rocksdb::VectorLogPtr wal_files;
    if (db_->db()->GetSortedWalFiles(wal_files).ok()) {
      for (const auto& file : wal_files) total += file->SizeFileBytes();
    }
    return total;
  }

 private:
  // Declaration order is destruction order in reverse: catalog and log before the DB.
  std::unique_ptr<RocksDb> db_;
  std::unique_ptr<RocksPartitionLog> log_;
  std::unique_ptr<RocksCatalog> catalog_;
  std::unique_ptr<RocksMetricsStore> metrics_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenRocksStore(const StoreOptions& options, Clock& clock) {
  if (options.data_dir.empty()) {
    return MakeError(ErrorCode::kInternal, "no data directory configured");
  }
  try {
    RocksDbOptions db_options;
    db_options.block_cache_bytes = options.block_cache_bytes;
    db_options.sync_writes = options.durability == Durability::kSync;
    auto db = RocksDb::Open(options.data_dir, db_options);
    if (!db.ok()) return db.error();
    auto log = std::make_unique<RocksPartitionLog>(**db, clock);
    auto catalog = RocksCatalog::Open(**db, *log);
    if (!catalog.ok()) return catalog.error();
    return std::unique_ptr<Store>(std::make_unique<RocksStore>(
        std::move(db).value(), std::move(log), std::move(catalog).value()));
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInternal, std::string("opening the store: ") + e.what());
  }
}

}  // namespace disd::engine
