// The storage engine as a whole: opens the data directory and owns the Catalog and
// PartitionLog over it. Today the only implementation is RocksDB (one DB, column families
// per kind of data); a JetStream-backed one can be added behind the same interfaces.
// Thread-safety: Catalog, PartitionLog and MetricsStore are thread-safe; Open/destruction are not.
#pragma once

#include <memory>
#include <string>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/engine/metrics_store.h"
#include "disd/engine/partition_log.h"

namespace disd::engine {

// How an append becomes durable before it is acknowledged.
enum class Durability {
  kSync,     // fsync (group-committed) before Append returns: survives power loss
  kNoSync,   // written to the OS before Append returns: survives a process crash (kill -9)
};

struct StoreOptions {
  std::string data_dir;                   // created if missing
  Durability durability = Durability::kSync;
  std::size_t block_cache_bytes = 32u << 20;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Catalog& catalog() = 0;
  virtual PartitionLog& log() = 0;
  // Per-minute traffic figures of the monitoring API.
  virtual MetricsStore& metrics() = 0;
  // Approximate bytes on disk (for operators and metrics).
  virtual std::uint64_t ApproximateSizeBytes() const = 0;
};

// Opens (creating if needed) the RocksDB store in options.data_dir. `clock` must outlive
// the store. Fails kInternal with a detail naming the cause (lock held, corruption, ...).
Result<std::unique_ptr<Store>> OpenRocksStore(const StoreOptions& options, Clock& clock);

}  // namespace disd::engine
