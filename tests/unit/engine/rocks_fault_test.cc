// Storage failures: a failed group commit publishes nothing, fails every append of the
// group, and its numbers are handed out again after recovery.
#include <gtest/gtest.h>

#include <atomic>

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include "engine/rocks_catalog.h"
#include "engine/rocks_partition_log.h"
#include "unit/engine/engine_test_util.h"

namespace disd::engine::testing {
namespace {

// A file system whose WAL appends fail while `fail_wal` is set (nothing reaches the file).
class FaultyFs final : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultyFs(std::shared_ptr<rocksdb::FileSystem> target)
      : FileSystemWrapper(std::move(target)) {}
  const char* Name() const override { return "FaultyFs"; }

  rocksdb::IOStatus NewWritableFile(const std::string& name, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override {
    auto s = target()->NewWritableFile(name, options, result, dbg);
    if (s.ok() && name.ends_with(".log")) {
      *result = std::make_unique<FailingFile>(std::move(*result), fail_wal);
    }
    return s;
  }

  std::atomic<bool> fail_wal{false};

 private:
  class FailingFile final : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    FailingFile(std::unique_ptr<rocksdb::FSWritableFile> file, std::atomic<bool>& fail)
        : FSWritableFileOwnerWrapper(std::move(file)), fail_(fail) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
      if (fail_) return rocksdb::IOStatus::IOError("injected WAL failure");
      return FSWritableFileOwnerWrapper::Append(data, options, dbg);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* dbg) override {
      if (fail_) return rocksdb::IOStatus::IOError("injected WAL failure");
      return FSWritableFileOwnerWrapper::Append(data, options, info, dbg);
    }

   private:
    std::atomic<bool>& fail_;
  };
};

TEST(RocksFaultTest, FailedAppendPublishesNothingAndNumbersAreReused) {
  TempDir dir;
  SettableClock clock(kStartMs);
  auto fs = std::make_shared<FaultyFs>(rocksdb::FileSystem::Default());
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
  RocksDbOptions options;
  options.env = env.get();
  std::uint64_t id = 0;
  {
    auto db = RocksDb::Open(dir.path(), options);
    ASSERT_TRUE(db.ok()) << db.error().detail;
    RocksPartitionLog log(**db, clock);
    auto catalog = RocksCatalog::Open(**db, log);
    ASSERT_TRUE(catalog.ok());
    auto stream = (*catalog)->CreateStream(MakeMeta("proj", "s", 2));
    ASSERT_TRUE(stream.ok());
    id = (*stream)->internal_id;
    RecordBatch ok_batch({"a", "b"});
    const PartitionAppend first[] = {{{id, 0}, ok_batch.records}};
    ASSERT_EQ(*log.Append(first), std::vector<std::int64_t>{0});

    fs->fail_wal = true;
    RecordBatch lost({"lost-1", "lost-2", "lost-3"});
    const PartitionAppend doomed[] = {{{id, 0}, lost.records}, {{id, 1}, lost.records}};
    auto failed = log.Append(doomed);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::kInternal);
    // Nothing of the failed group is visible.
    EXPECT_EQ(log.Range({id, 0})->next, 2);
    EXPECT_EQ(log.Range({id, 1})->next, 0);
    auto read = log.Read({id, 0}, 0, 10, 1000);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read->records.size(), 2u);
    EXPECT_TRUE(log.Read({id, 1}, 0, 10, 1000)->records.empty());
    fs->fail_wal = false;
  }
  // After recovery the numbers the failed group had are assigned again.
  RocksDbOptions plain;
  auto db = RocksDb::Open(dir.path(), plain);
  ASSERT_TRUE(db.ok()) << db.error().detail;
  RocksPartitionLog log(**db, clock);
  auto catalog = RocksCatalog::Open(**db, log);
  ASSERT_TRUE(catalog.ok());
  EXPECT_EQ(log.Range({id, 0})->next, 2);
  RecordBatch next({"c"});
  const PartitionAppend again[] = {{{id, 0}, next.records}, {{id, 1}, next.records}};
  EXPECT_EQ(*log.Append(again), (std::vector<std::int64_t>{2, 0}));
  auto read = log.Read({id, 0}, 0, 10, 1000);
  ASSERT_EQ(read->records.size(), 3u);
  EXPECT_EQ(read->records[2].data, "c");
}

}  // namespace
}  // namespace disd::engine::testing
