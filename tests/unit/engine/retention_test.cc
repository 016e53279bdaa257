// RetentionSweeper driven by a manual clock.
#include <gtest/gtest.h>

#include "disd/engine/retention.h"
#include "unit/engine/engine_test_util.h"

namespace disd::engine::testing {
namespace {

class RetentionSweeperTest : public EngineFixture {
 protected:
  RetentionReport Sweep() {
    RetentionSweeper sweeper(catalog(), log(), clock_);
    auto report = sweeper.RunOnce();
    EXPECT_TRUE(report.ok()) << report.error().detail;
    return report.ok() ? *report : RetentionReport{};
  }
  const PartitionMeta& PartitionOf(const std::string& name, int index) {
    snapshot_ = *catalog().GetStream("proj", name);
    return snapshot_->partitions.at(index);
  }
  StreamSnapshot snapshot_;
};

TEST_F(RetentionSweeperTest, DeletesRecordsOlderThanTheRetentionPeriod) {
  auto stream = Create("s", 2);  // 24 h retention
  const PartitionRef p0{stream->internal_id, 0};
  AppendTo(p0, {"old-1", "old-2"});
  clock_.Advance(12 * kHourMs);
  AppendTo(p0, {"young"});
  AppendTo({stream->internal_id, 1}, {"other"});

  clock_.Advance(12 * kHourMs);  // the oldest are exactly 24 h old: not older than retention
  EXPECT_EQ(Sweep().records_deleted, 0);
  clock_.Advance(1);
  EXPECT_EQ(Sweep().records_deleted, 2);
  EXPECT_EQ(log().Range(p0)->first_valid, 2);
  EXPECT_EQ(log().Read(p0, 0, 10, 100).error().code, ErrorCode::kRecordExpired);
  EXPECT_EQ(ReadAll(p0, 2), std::vector<std::string>{"young"});

  clock_.Advance(12 * kHourMs);
  EXPECT_EQ(Sweep().records_deleted, 2);  // "young" and "other"
  EXPECT_EQ(log().Range(p0)->first_valid, 3);
  EXPECT_EQ(log().Range(p0)->next, 3);
  EXPECT_EQ(Sweep().records_deleted, 0);
  EXPECT_EQ(PartitionOf("s", 0).status, PartitionStatus::kActive);
}

TEST_F(RetentionSweeperTest, DeletedPartitionsExpireAfterTheRetentionPeriod) {
  auto stream = Create("scaled", 3);
  ASSERT_TRUE(catalog()
                  .MutateStream("proj", "scaled",
                                [](StreamMeta& m) {
                                  m.retention_hours = 2;
                                  return Status::Ok();
                                })
                  .ok());
  const PartitionRef p2{stream->internal_id, 2};
  AppendTo(p2, {"a", "b"});
  clock_.Advance(kHourMs);
  const std::int64_t scaled_down_at = clock_.NowMs();
  AppendTo(p2, {"c"});  // arrives in the very millisecond of the scale-down
  ASSERT_TRUE(catalog()
                  .MutateStream("proj", "scaled",
                                [&](StreamMeta& m) {
                                  m.partitions[2].status = PartitionStatus::kDeleted;
                                  m.partitions[2].status_changed_ms = scaled_down_at;
                                  return Status::Ok();
                                })
                  .ok());

  clock_.Advance(2 * kHourMs - 1);
  RetentionReport report = Sweep();
  EXPECT_EQ(report.partitions_expired, 0);
  EXPECT_EQ(report.records_deleted, 2);  // "a", "b" are past retention, "c" is not
  EXPECT_EQ(PartitionOf("scaled", 2).status, PartitionStatus::kDeleted);
  EXPECT_EQ(PartitionOf("scaled", 2).status_changed_ms, scaled_down_at);

  clock_.Advance(1);  // status_changed_ms + retention == now
  report = Sweep();
  EXPECT_EQ(report.partitions_expired, 1);
  EXPECT_EQ(report.records_deleted, 1);  // nothing of an EXPIRED partition stays behind
  EXPECT_EQ(PartitionOf("scaled", 2).status, PartitionStatus::kExpired);
  EXPECT_EQ(PartitionOf("scaled", 2).status_changed_ms, clock_.NowMs());
  EXPECT_EQ(log().Range(p2)->first_valid, 3);
  EXPECT_EQ(log().Range(p2)->next, 3);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(PartitionOf("scaled", i).status, PartitionStatus::kActive);
    EXPECT_EQ(PartitionOf("scaled", i).status_changed_ms, kStartMs);
  }
  EXPECT_EQ(snapshot_->WritablePartitionCount(), 2);
  EXPECT_EQ(snapshot_->ReadablePartitionCount(), 2);

  clock_.Advance(100 * kHourMs);
  report = Sweep();
  EXPECT_EQ(report.partitions_expired, 0);  // EXPIRED partitions are left alone
  const std::int64_t expired_at = clock_.NowMs() - 100 * kHourMs;
  EXPECT_EQ(PartitionOf("scaled", 2).status_changed_ms, expired_at);
}

TEST_F(RetentionSweeperTest, ActivePartitionsNeverChangeStatus) {
  auto a = Create("a", 2);
  auto b = Create("b", 1, "other-project");
  AppendTo({a->internal_id, 0}, {"x"});
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(1000 * kHourMs);
    EXPECT_EQ(Sweep().partitions_expired, 0);
  }
  for (const auto& s : catalog().ListAllStreams()) {
    for (const auto& p : s->partitions) {
      EXPECT_EQ(p.status, PartitionStatus::kActive);
      EXPECT_EQ(p.status_changed_ms, kStartMs);
    }
  }
  EXPECT_EQ(log().Range({a->internal_id, 0})->first_valid, 1);
  EXPECT_EQ(log().Range({b->internal_id, 0})->next, 0);
}

}  // namespace
}  // namespace disd::engine::testing
