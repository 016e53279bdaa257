// RocksMetricsStore: key order and codecs, additive writes, ranged reads, trimming, and
// persistence across a reopen of the store.
#include <gtest/gtest.h>

#include "engine/rocks_metrics_store.h"
#include "unit/engine/engine_test_util.h"

namespace disd::engine {
namespace {

using testing::EngineFixture;

MetricsCounters Puts(std::uint64_t bytes, std::uint64_t records) {
  MetricsCounters c;
  c.put_bytes = bytes;
  c.put_records = records;
  return c;
}

TEST(MetricsKeyCodecTest, RoundTripsAndSortsByStreamPartitionMinute) {
  const MetricsKey keys[] = {{1, 0, 5}, {1, 0, 6}, {1, 1, 0}, {1, kStreamMetricsRow, 0}, {2, 0, 0}};
  for (const auto& k : keys) {
    const std::string bytes = EncodeMetricsKey(k);
    EXPECT_EQ(bytes.size(), kMetricsKeySize);
    EXPECT_EQ(DecodeMetricsKey(bytes), k);
  }
  for (std::size_t i = 1; i < std::size(keys); ++i) {
    EXPECT_LT(EncodeMetricsKey(keys[i - 1]), EncodeMetricsKey(keys[i])) << i;
  }
  EXPECT_FALSE(DecodeMetricsKey("short").has_value());
}

TEST(MetricsKeyCodecTest, CountersRoundTripAndRejectGarbage) {
  MetricsCounters c;
  c.put_bytes = 1;
  c.put_records = 2;
  c.get_bytes = 3;
  c.get_records = 4;
  c.put_requests = 5;
  c.get_requests = 6;
  c.put_latency_us = 7;
  c.get_latency_us = 8;
  c.put_throttled = 9;
  c.get_throttled = 1ull << 60;
  EXPECT_EQ(DecodeMetricsCounters(EncodeMetricsCounters(c)), c);
  EXPECT_FALSE(DecodeMetricsCounters("").has_value());
  EXPECT_FALSE(DecodeMetricsCounters(EncodeMetricsCounters(c) + "x").has_value());
  std::string wrong_format = EncodeMetricsCounters(c);
  wrong_format[0] = 9;
  EXPECT_FALSE(DecodeMetricsCounters(wrong_format).has_value());
}

class MetricsStoreTest : public EngineFixture {
 protected:
  MetricsStore& metrics() { return store_->metrics(); }
  std::vector<MetricsPoint> ReadOk(std::uint64_t stream, std::int32_t partition, std::int64_t a,
                                   std::int64_t b) {
    auto read = metrics().Read(stream, partition, a, b);
    EXPECT_TRUE(read.ok()) << read.error().detail;
    return read.ok() ? *read : std::vector<MetricsPoint>{};
  }
};

TEST_F(MetricsStoreTest, AddSumsWithWhatIsStoredAndWithinTheBatch) {
  const MetricsRow first[] = {{7, 0, {100, Puts(10, 1)}}, {7, 0, {100, Puts(5, 2)}}};
  ASSERT_TRUE(metrics().Add(first).ok());
  const MetricsRow second[] = {{7, 0, {100, Puts(1, 1)}}, {7, 0, {101, Puts(3, 3)}}};
  ASSERT_TRUE(metrics().Add(second).ok());
  EXPECT_EQ(ReadOk(7, 0, 0, 1000),
            (std::vector<MetricsPoint>{{100, Puts(16, 4)}, {101, Puts(3, 3)}}));
}

TEST_F(MetricsStoreTest, ReadIsLimitedToOneRowAndTheMinuteRange) {
  const MetricsRow rows[] = {{7, 0, {99, Puts(1, 1)}},  {7, 0, {100, Puts(2, 1)}},
                             {7, 0, {102, Puts(3, 1)}}, {7, 0, {103, Puts(4, 1)}},
                             {7, 1, {100, Puts(5, 1)}}, {7, kStreamMetricsRow, {100, Puts(6, 1)}},
                             {8, 0, {100, Puts(7, 1)}}};
  ASSERT_TRUE(metrics().Add(rows).ok());
  EXPECT_EQ(ReadOk(7, 0, 100, 102),
            (std::vector<MetricsPoint>{{100, Puts(2, 1)}, {102, Puts(3, 1)}}));
  EXPECT_EQ(ReadOk(7, 1, 0, 1000), (std::vector<MetricsPoint>{{100, Puts(5, 1)}}));
  EXPECT_EQ(ReadOk(7, kStreamMetricsRow, 0, 1000), (std::vector<MetricsPoint>{{100, Puts(6, 1)}}));
  EXPECT_TRUE(ReadOk(7, 0, 104, 200).empty());
  EXPECT_TRUE(ReadOk(7, 0, 102, 101).empty());
  EXPECT_TRUE(ReadOk(9, 0, 0, 1000).empty());
}

TEST_F(MetricsStoreTest, TrimDropsOlderMinutesOfEveryRowOnly) {
  const MetricsRow rows[] = {{1, 0, {10, Puts(1, 1)}}, {1, 0, {20, Puts(2, 1)}},
                             {1, 3, {5, Puts(3, 1)}},  {1, kStreamMetricsRow, {19, Puts(4, 1)}},
                             {2, 0, {30, Puts(5, 1)}}, {2, 0, {19, Puts(6, 1)}}};
  ASSERT_TRUE(metrics().Add(rows).ok());
  ASSERT_TRUE(metrics().TrimBefore(20).ok());
  EXPECT_EQ(ReadOk(1, 0, 0, 100), (std::vector<MetricsPoint>{{20, Puts(2, 1)}}));
  EXPECT_TRUE(ReadOk(1, 3, 0, 100).empty());
  EXPECT_TRUE(ReadOk(1, kStreamMetricsRow, 0, 100).empty());
  EXPECT_EQ(ReadOk(2, 0, 0, 100), (std::vector<MetricsPoint>{{30, Puts(5, 1)}}));
  ASSERT_TRUE(metrics().TrimBefore(20).ok());  // nothing left to trim
}

TEST_F(MetricsStoreTest, RowsSurviveAReopen) {
  const MetricsRow rows[] = {{4, 2, {1000, Puts(42, 7)}}};
  ASSERT_TRUE(metrics().Add(rows).ok());
  Reopen();
  EXPECT_EQ(ReadOk(4, 2, 1000, 1000), (std::vector<MetricsPoint>{{1000, Puts(42, 7)}}));
  ASSERT_TRUE(metrics().Add(rows).ok());
  EXPECT_EQ(ReadOk(4, 2, 1000, 1000), (std::vector<MetricsPoint>{{1000, Puts(84, 14)}}));
}

}  // namespace
}  // namespace disd::engine
