// Shared helpers of the engine tests: a temporary data directory, a clock that may also go
// backwards, a fixture that opens/reopens a RocksDB store, and record builders.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "disd/common/clock.h"
#include "disd/engine/store.h"
#include "engine/key_codec.h"
#include "engine/rocks_db.h"

namespace disd::engine::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "disd-engine-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) std::abort();
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Like ManualClock, but can be set to any instant (to test arrival-time monotonicity).
class SettableClock final : public Clock {
 public:
  explicit SettableClock(std::int64_t now_ms) : now_ms_(now_ms) {}
  std::int64_t NowMs() const override { return now_ms_.load(); }
  void Set(std::int64_t now_ms) { now_ms_.store(now_ms); }
  void Advance(std::int64_t delta_ms) { now_ms_.fetch_add(delta_ms); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

inline constexpr std::int64_t kStartMs = 1'700'000'000'000;
inline constexpr std::int64_t kHourMs = 3'600'000;

inline StreamMeta MakeMeta(const std::string& project, const std::string& name,
                           int partitions = 3) {
  StreamMeta meta;
  meta.project_id = project;
  meta.name = name;
  meta.stream_id = "id-" + project + "-" + name;
  meta.create_time_ms = kStartMs;
  meta.last_modified_ms = kStartMs;
  for (int i = 0; i < partitions; ++i) {
    PartitionMeta p;
    p.index = i;
    p.status_changed_ms = kStartMs;
    meta.partitions.push_back(p);
  }
  return meta;
}

// Owns the strings an AppendRecord span points at.
struct RecordBatch {
  std::vector<std::string> data;
  std::vector<AppendRecord> records;
  explicit RecordBatch(std::vector<std::string> values) : data(std::move(values)) {
    for (const auto& d : data) records.push_back(AppendRecord{d, std::nullopt, std::nullopt});
  }
};

// Keys of a stream's records visible in the records column family of a closed store.
inline std::size_t CountRecordKeys(const std::string& dir, std::uint64_t stream_internal_id) {
  RocksDbOptions options;
  options.read_only = true;
  auto db = RocksDb::Open(dir, options);
  EXPECT_TRUE(db.ok()) << (db.ok() ? "" : db.error().detail);
  if (!db.ok()) return 0;
  const std::string begin = StreamKeyPrefix(stream_internal_id);
  const std::string end = StreamKeyPrefix(stream_internal_id + 1);
  const rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it((*db)->db()->NewIterator(ro, (*db)->records()));
  std::size_t n = 0;
  for (it->Seek(begin); it->Valid(); it->Next()) ++n;
  EXPECT_TRUE(it->status().ok());
  return n;
}

class EngineFixture : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open(Durability durability = Durability::kSync) {
    StoreOptions options;
    options.data_dir = dir_.path();
    options.durability = durability;
    options.block_cache_bytes = 4u << 20;
    auto store = OpenRocksStore(options, clock_);
    ASSERT_TRUE(store.ok()) << store.error().detail;
    store_ = std::move(store).value();
  }
  void Close() { store_.reset(); }
  void Reopen() {
    Close();
    Open();
  }

  Catalog& catalog() { return store_->catalog(); }
  PartitionLog& log() { return store_->log(); }

  StreamSnapshot Create(const std::string& name, int partitions = 3,
                        const std::string& project = "proj") {
    auto created = catalog().CreateStream(MakeMeta(project, name, partitions));
    EXPECT_TRUE(created.ok()) << created.error().detail;
    return created.ok() ? *created : nullptr;
  }

  // Appends `values` to one partition; returns the first sequence number (-1 on failure).
  std::int64_t AppendTo(PartitionRef ref, std::vector<std::string> values) {
    RecordBatch batch(std::move(values));
    PartitionAppend part{ref, batch.records};
    auto firsts = log().Append(std::span(&part, 1));
    EXPECT_TRUE(firsts.ok()) << firsts.error().detail;
    return firsts.ok() ? firsts->at(0) : -1;
  }

  std::vector<std::string> ReadAll(PartitionRef ref, std::int64_t from = 0) {
    auto read = log().Read(ref, from, 1u << 20, std::size_t{1} << 40);
    EXPECT_TRUE(read.ok()) << read.error().detail;
    std::vector<std::string> out;
    if (!read.ok()) return out;
    for (const auto& r : read->records) out.push_back(r.data);
    return out;
  }

  TempDir dir_;
  SettableClock clock_{kStartMs};
  std::unique_ptr<Store> store_;
};

}  // namespace disd::engine::testing
