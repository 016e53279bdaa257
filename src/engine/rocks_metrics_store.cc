#include "engine/rocks_metrics_store.h"

#include <rocksdb/write_batch.h>

#include <map>
#include <memory>

#include "engine/byte_codec.h"

namespace disd::engine {
namespace {

constexpr std::uint8_t kCountersFormat = 1;

std::string PartitionPrefix(std::uint64_t stream, std::uint32_t partition) {
  std::string out;
  ByteWriter w(out);
  w.PutFixed64(stream);
  w.PutFixed32(partition);
  return out;
}

// The first key after every key of (stream, partition); empty when there is none.
std::string NextPartitionPrefix(std::uint64_t stream, std::uint32_t partition) {
  if (partition != 0xFFFFFFFFu) return PartitionPrefix(stream, partition + 1);
  if (stream != ~std::uint64_t{0}) return PartitionPrefix(stream + 1, 0);
  return {};
}

}  // namespace

std::string EncodeMetricsKey(const MetricsKey& key) {
  std::string out =
      PartitionPrefix(key.stream_internal_id, static_cast<std::uint32_t>(key.partition));
  ByteWriter(out).PutFixed64(static_cast<std::uint64_t>(key.minute));
  return out;
}

std::optional<MetricsKey> DecodeMetricsKey(std::string_view bytes) {
  if (bytes.size() != kMetricsKeySize) return std::nullopt;
  ByteReader r(bytes);
  MetricsKey key;
  std::uint32_t partition = 0;
  std::uint64_t minute = 0;
  r.GetFixed64(key.stream_internal_id);
  r.GetFixed32(partition);
  r.GetFixed64(minute);
  if (!r.AtEnd()) return std::nullopt;
  key.partition = static_cast<std::int32_t>(partition);
  key.minute = static_cast<std::int64_t>(minute);
  return key;
}

std::string EncodeMetricsCounters(const MetricsCounters& c) {
  std::string out;
  ByteWriter w(out);
  w.PutU8(kCountersFormat);
  for (std::uint64_t v :
       {c.put_bytes, c.put_records, c.get_bytes, c.get_records, c.put_requests, c.get_requests,
        c.put_latency_us, c.get_latency_us, c.put_throttled, c.get_throttled}) {
    w.PutVarint(v);
  }
  return out;
}

std::optional<MetricsCounters> DecodeMetricsCounters(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t format = 0;
  if (!r.GetU8(format) || format != kCountersFormat) return std::nullopt;
  MetricsCounters c;
  for (std::uint64_t* field : {&c.put_bytes, &c.put_records, &c.get_bytes, &c.get_records,
                               &c.put_requests, &c.get_requests, &c.put_latency_us,
                               &c.get_latency_us, &c.put_throttled, &c.get_throttled}) {
    r.GetVarint(*field);
  }
  if (!r.AtEnd()) return std::nullopt;
  return c;
}

Status RocksMetricsStore::Add(std::span<const MetricsRow> rows) {
  if (rows.empty()) return Status::Ok();
  // Sum repeated keys first; the map also gives the batch a sorted key order.
  std::map<std::string, MetricsCounters> sums;
  for (const MetricsRow& row : rows) {
    sums[EncodeMetricsKey({row.stream_internal_id, row.partition, row.point.minute})].Add(
        row.point.counters);
  }
  std::lock_guard lock(add_mu_);
  rocksdb::WriteBatch batch;
  std::string stored;
  for (auto& [key, counters] : sums) {
    rocksdb::Status s = db_.db()->Get(rocksdb::ReadOptions(), db_.metrics(), ToSlice(key), &stored);
    if (s.ok()) {
      auto previous = DecodeMetricsCounters(stored);
      if (!previous) return MakeError(ErrorCode::kInternal, "corrupt metrics row");
      counters.Add(*previous);
    } else if (!s.IsNotFound()) {
      return RocksError(s, "reading a metrics row");
    }
    batch.Put(db_.metrics(), ToSlice(key), EncodeMetricsCounters(counters));
  }
  rocksdb::Status s = db_.db()->Write(db_.write_options(), &batch);
  if (!s.ok()) return RocksError(s, "writing metrics");
  return Status::Ok();
}

Result<std::vector<MetricsPoint>> RocksMetricsStore::Read(std::uint64_t stream_internal_id,
                                                          std::int32_t partition,
                                                          std::int64_t first_minute,
                                                          std::int64_t last_minute) const {
  std::vector<MetricsPoint> out;
  if (last_minute < first_minute) return out;
  const std::string begin = EncodeMetricsKey({stream_internal_id, partition, first_minute});
  const std::string end = EncodeMetricsKey({stream_internal_id, partition, last_minute});
  std::unique_ptr<rocksdb::Iterator> it(
      db_.db()->NewIterator(rocksdb::ReadOptions(), db_.metrics()));
  for (it->Seek(ToSlice(begin)); it->Valid() && ToView(it->key()) <= end; it->Next()) {
    auto key = DecodeMetricsKey(ToView(it->key()));
    auto counters = DecodeMetricsCounters(ToView(it->value()));
    if (!key || !counters) return MakeError(ErrorCode::kInternal, "corrupt metrics row");
    out.push_back({key->minute, *counters});
  }
  if (!it->status().ok()) return RocksError(it->status(), "reading metrics");
  return out;
}

Status RocksMetricsStore::TrimBefore(std::int64_t before_minute) {
  rocksdb::WriteBatch batch;
  std::unique_ptr<rocksdb::Iterator> it(
      db_.db()->NewIterator(rocksdb::ReadOptions(), db_.metrics()));
  it->SeekToFirst();
  while (it->Valid()) {
    auto key = DecodeMetricsKey(ToView(it->key()));
    if (!key) return MakeError(ErrorCode::kInternal, "corrupt metrics key");
    const auto partition = static_cast<std::uint32_t>(key->partition);
    if (key->minute < before_minute) {
      // The first row of this partition is older than the cut: drop everything before it.
      const std::string from = PartitionPrefix(key->stream_internal_id, partition);
      const std::string to =
          EncodeMetricsKey({key->stream_internal_id, key->partition, before_minute});
      batch.DeleteRange(db_.metrics(), ToSlice(from), ToSlice(to));
    }
    const std::string next = NextPartitionPrefix(key->stream_internal_id, partition);
    if (next.empty()) break;
    it->Seek(ToSlice(next));
  }
  if (!it->status().ok()) return RocksError(it->status(), "scanning metrics");
  if (batch.Count() == 0) return Status::Ok();
  rocksdb::Status s = db_.db()->Write(db_.write_options(), &batch);
  if (!s.ok()) return RocksError(s, "trimming metrics");
  return Status::Ok();
}

}  // namespace disd::engine
