#include "disd/service/traffic_control.h"

#include <gtest/gtest.h>

#include <vector>

namespace disd::service {
namespace {

constexpr std::int64_t kMiB = 1 << 20;

engine::StreamMeta Stream(std::uint64_t id, engine::StreamType type = engine::StreamType::kCommon) {
  engine::StreamMeta meta;
  meta.internal_id = id;
  meta.stream_type = type;
  return meta;
}

std::vector<std::size_t> Sizes(std::size_t count, std::size_t size) {
  return std::vector<std::size_t>(count, size);
}

class TrafficControlTest : public ::testing::Test {
 protected:
  ManualClock clock_{1'700'000'000'000};
  ServiceOptions options_;
};

TEST_F(TrafficControlTest, CommonPartitionAdmitsOneSecondOfRecordsThenOnePerMillisecond) {
  TrafficControl tc(clock_, options_);
  const auto s = Stream(1);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(600, 1)), 600u);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(600, 1)), 400u);  // 1000 records/s, bucket of 1 s
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(1, 1)), 0u);
  EXPECT_EQ(tc.AdmitWrites(s, 1, Sizes(1000, 1)), 1000u);  // partitions are independent
  clock_.AdvanceMs(1);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(2, 1)), 1u);
  clock_.AdvanceMs(250);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(300, 1)), 250u);
  clock_.AdvanceMs(10'000);  // refills to one second's worth, not more
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(1001, 1)), 1000u);
  EXPECT_EQ(tc.counters().put_records_throttled, 200u + 1 + 1 + 50 + 1);
}

TEST_F(TrafficControlTest, ForgettingADeletedStreamDropsItsBucketsAndWindow) {
  TrafficControl tc(clock_, options_);
  const auto kept = Stream(1);
  const auto gone = Stream(2);
  EXPECT_EQ(tc.AdmitWrites(kept, 0, Sizes(1000, 1)), 1000u);
  EXPECT_EQ(tc.AdmitWrites(gone, 0, Sizes(1000, 1)), 1000u);
  tc.ForgetStreamsExcept({1});
  // The kept stream's bucket is still empty; the forgotten one starts full and its
  // one-minute demand window is gone.
  EXPECT_EQ(tc.AdmitWrites(kept, 0, Sizes(1, 1)), 0u);
  EXPECT_EQ(tc.RecentTraffic(2).records, 0);
  EXPECT_EQ(tc.AdmitWrites(gone, 0, Sizes(1000, 1)), 1000u);
  EXPECT_EQ(tc.RecentTraffic(1).records, 1001);
}

TEST_F(TrafficControlTest, BytesThrottleFirstWhenRecordsAreLarge) {
  TrafficControl tc(clock_, options_);
  const auto s = Stream(1);
  // 1 MiB/s: three 400 KiB records fit twice, not three times.
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(3, 400 * 1024)), 2u);
  clock_.AdvanceMs(100);  // 229376 + 104857.6 bytes < 409600
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(1, 400 * 1024)), 0u);
  clock_.AdvanceMs(100);  // 229376 + 209715.2 >= 409600
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(1, 400 * 1024)), 1u);
}

TEST_F(TrafficControlTest, AdvancedLimitsAndARefusedRecordStopsThePartition) {
  TrafficControl tc(clock_, options_);
  const auto s = Stream(2, engine::StreamType::kAdvanced);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(2001, 1)), 2000u);
  // 5 MiB/s: a record that does not fit stops the partition even if later ones would fit.
  const auto t = Stream(3, engine::StreamType::kAdvanced);
  std::vector<std::size_t> sizes = {4 * kMiB, 2 * kMiB, 1};
  EXPECT_EQ(tc.AdmitWrites(t, 0, sizes), 1u);
}

TEST_F(TrafficControlTest, ARecordLargerThanTheBucketPassesWhenItIsFull) {
  options_.traffic_control_scale = 0.5;  // 512 KiB/s
  TrafficControl tc(clock_, options_);
  const auto s = Stream(1);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(1, kMiB)), 1u);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(1, 1)), 0u);  // emptied
  EXPECT_EQ(tc.EffectiveLimits(engine::StreamType::kCommon).write_records_per_s, 500);
}

TEST_F(TrafficControlTest, ScaleMultipliesEveryLimit) {
  options_.traffic_control_scale = 10;
  TrafficControl tc(clock_, options_);
  EXPECT_EQ(tc.AdmitWrites(Stream(1), 0, Sizes(10'001, 1)), 10'000u);
  const PartitionLimits l = tc.EffectiveLimits(engine::StreamType::kAdvanced);
  EXPECT_EQ(l.write_bytes_per_s, 50 * kMiB);
  EXPECT_EQ(l.write_records_per_s, 20'000);
  EXPECT_EQ(l.read_bytes_per_s, 100 * kMiB);
}

TEST_F(TrafficControlTest, DisabledAdmitsEverythingButStillCountsDemand) {
  options_.traffic_control = false;
  TrafficControl tc(clock_, options_);
  const auto s = Stream(1);
  EXPECT_EQ(tc.AdmitWrites(s, 0, Sizes(5000, 10)), 5000u);
  EXPECT_TRUE(tc.AdmitRead(s, 0));
  tc.ChargeRead(s, 0, 100 * kMiB);
  EXPECT_TRUE(tc.AdmitRead(s, 0));
  const StreamTraffic t = tc.RecentTraffic(1);
  EXPECT_EQ(t.records, 5000);
  EXPECT_EQ(t.bytes, 50'000);
  EXPECT_EQ(t.last_throttled_ms, -1);
  EXPECT_EQ(tc.counters().put_records_throttled, 0u);
}

TEST_F(TrafficControlTest, ReadsRunUntilTheBucketIsInDebtThenWaitForTheRefill) {
  TrafficControl tc(clock_, options_);
  const auto s = Stream(1);
  ASSERT_TRUE(tc.AdmitRead(s, 0));
  tc.ChargeRead(s, 0, 3 * kMiB);  // 2 MiB/s: 1 MiB of debt
  EXPECT_FALSE(tc.AdmitRead(s, 0));
  EXPECT_TRUE(tc.AdmitRead(s, 1));
  clock_.AdvanceMs(500);  // exactly back to zero: still not positive
  EXPECT_FALSE(tc.AdmitRead(s, 0));
  clock_.AdvanceMs(1);
  EXPECT_TRUE(tc.AdmitRead(s, 0));
  EXPECT_EQ(tc.counters().get_requests_throttled, 2u);
}

TEST_F(TrafficControlTest, RecentTrafficCoversTheLastMinute) {
  TrafficControl tc(clock_, options_);
  const auto s = Stream(7);
  tc.AdmitWrites(s, 0, Sizes(1500, 2));  // 500 refused
  const std::int64_t throttled_at = clock_.NowMs();
  clock_.AdvanceMs(30'000);
  tc.AdmitWrites(s, 1, Sizes(100, 3));
  StreamTraffic t = tc.RecentTraffic(7);
  EXPECT_EQ(t.records, 1600);
  EXPECT_EQ(t.bytes, 3300);
  EXPECT_EQ(t.throttled_records, 500);
  EXPECT_EQ(t.last_throttled_ms, throttled_at);
  clock_.AdvanceMs(30'000);  // the first second has left the window
  t = tc.RecentTraffic(7);
  EXPECT_EQ(t.records, 100);
  EXPECT_EQ(t.throttled_records, 0);
  EXPECT_EQ(tc.RecentTraffic(8).records, 0);
}

}  // namespace
}  // namespace disd::service
