#include "service/scaling.h"

#include <gtest/gtest.h>

#include "disd/common/hash_range.h"

namespace disd::service {
namespace {

using engine::PartitionStatus;

engine::StreamMeta MetaWith(int partitions) {
  engine::StreamMeta m;
  for (int i = 0; i < partitions; ++i) m.partitions.push_back({i, PartitionStatus::kActive, 0, 0, 0});
  AssignHashRanges(m);
  return m;
}

TEST(ScalingTest, ScaleDownDeletesHighestAndRecomputesRanges) {
  auto m = MetaWith(4);
  const auto old_hi3 = m.partitions[3].hash_hi;
  ApplyScaling(m, 2, 1000, false);
  EXPECT_EQ(m.WritablePartitionCount(), 2);
  EXPECT_EQ(m.ReadablePartitionCount(), 4);
  EXPECT_EQ(m.partitions[2].status, PartitionStatus::kDeleted);
  EXPECT_EQ(m.partitions[3].status, PartitionStatus::kDeleted);
  EXPECT_EQ(m.partitions[3].status_changed_ms, 1000);
  EXPECT_EQ(m.partitions[3].hash_hi, old_hi3);  // keeps the range it had
  EXPECT_EQ(m.partitions[1].hash_hi, kMaxHashKey);
  ASSERT_EQ(m.scaling_log.size(), 1u);
  EXPECT_EQ(m.scaling_log[0].src_partition_count, 4);
  EXPECT_EQ(m.scaling_log[0].target_partition_count, 2);
}

TEST(ScalingTest, ScaleUpRevivesBeforeAdding) {
  auto m = MetaWith(4);
  ApplyScaling(m, 1, 1000, false);
  m.partitions[3].status = PartitionStatus::kExpired;
  ApplyScaling(m, 5, 2000, true);
  ASSERT_EQ(m.partitions.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(m.partitions[i].status, PartitionStatus::kActive) << i;
    EXPECT_EQ(m.partitions[i].index, i);
    HashRange r = HashRangeFor(i, 5);
    EXPECT_EQ(m.partitions[i].hash_lo, r.lo);
    EXPECT_EQ(m.partitions[i].hash_hi, r.hi);
  }
  EXPECT_TRUE(m.scaling_log.back().auto_scale);
}

TEST(ScalingTest, BudgetWithCooldown) {
  ServiceOptions o;
  auto m = MetaWith(2);
  EXPECT_TRUE(CheckScalingBudget(m, 0, o).ok());
  ApplyScaling(m, 3, 1000, false);
  Status s = CheckScalingBudget(m, 1000 + 3599999, o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kScalingRateExceeded);
  EXPECT_TRUE(CheckScalingBudget(m, 1000 + 3600000, o).ok());
}

TEST(ScalingTest, BudgetCountsOperationsPerHour) {
  ServiceOptions o;
  o.scaling_cooldown_after_success = false;
  o.scaling_ops_per_hour = 2;
  auto m = MetaWith(2);
  ApplyScaling(m, 3, 0, false);
  EXPECT_TRUE(CheckScalingBudget(m, 10, o).ok());
  ApplyScaling(m, 4, 10, false);
  EXPECT_FALSE(CheckScalingBudget(m, 20, o).ok());
  o.scaling_ops_per_hour = 0;  // unlimited
  EXPECT_TRUE(CheckScalingBudget(m, 20, o).ok());
}

}  // namespace
}  // namespace disd::service
