// RocksMetricsStore: MetricsStore over the "metrics" column family of the data directory.
//
//   key    [stream internal id u64][partition u32][minute u64]   big-endian, 20 bytes
//   value  [format u8 = 1][10 varints: the MetricsCounters fields in declaration order]
//
// Byte order is (stream, partition, minute) order, so one partition's minutes are one
// contiguous range and kStreamMetricsRow (0xFFFFFFFF) sorts after every real partition.
// Add is a read-modify-write under a mutex (additions come once a minute from one flusher,
// so the lock is never contended on the request path). TrimBefore issues one DeleteRange
// per (stream, partition) that has rows older than the cut, found by seeking from prefix
// to prefix, so it costs one seek per partition rather than one step per row.
// Thread-safety: as MetricsStore.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "disd/engine/metrics_store.h"
#include "engine/rocks_db.h"

namespace disd::engine {

inline constexpr std::size_t kMetricsKeySize = 20;

struct MetricsKey {
  std::uint64_t stream_internal_id = 0;
  std::int32_t partition = 0;
  std::int64_t minute = 0;
  bool operator==(const MetricsKey&) const = default;
};
std::string EncodeMetricsKey(const MetricsKey& key);
std::optional<MetricsKey> DecodeMetricsKey(std::string_view bytes);
std::string EncodeMetricsCounters(const MetricsCounters& counters);
std::optional<MetricsCounters> DecodeMetricsCounters(std::string_view bytes);

class RocksMetricsStore final : public MetricsStore {
 public:
  // `db` must outlive the store.
  explicit RocksMetricsStore(RocksDb& db) : db_(db) {}

  Status Add(std::span<const MetricsRow> rows) override;
  Result<std::vector<MetricsPoint>> Read(std::uint64_t stream_internal_id, std::int32_t partition,
                                         std::int64_t first_minute,
                                         std::int64_t last_minute) const override;
  Status TrimBefore(std::int64_t before_minute) override;

 private:
  RocksDb& db_;
  std::mutex add_mu_;  // serialises read-modify-write additions
};

}  // namespace disd::engine
