// MetricsRecorder: minute bucketing on the request path, flushing finished (and, at
// shutdown, current) minutes into the store, reads that merge store and memory exactly,
// store failures that lose nothing, and forgetting deleted streams.
#include "service/metrics_recorder.h"

#include <gtest/gtest.h>

#include <map>
#include <thread>

namespace disd::service {
namespace {

using engine::MetricsCounters;

// An in-memory MetricsStore with an injectable failure.
class FakeStore final : public engine::MetricsStore {
 public:
  Status Add(std::span<const engine::MetricsRow> rows) override {
    ++adds;
    if (fail) return MakeError(ErrorCode::kInternal, "injected");
    for (const auto& r : rows)
      data[{r.stream_internal_id, r.partition, r.point.minute}].Add(r.point.counters);
    return Status::Ok();
  }
  Result<std::vector<engine::MetricsPoint>> Read(std::uint64_t stream, std::int32_t partition,
                                                 std::int64_t first,
                                                 std::int64_t last) const override {
    std::vector<engine::MetricsPoint> out;
    for (const auto& [k, c] : data) {
      if (std::get<0>(k) == stream && std::get<1>(k) == partition && std::get<2>(k) >= first &&
          std::get<2>(k) <= last) {
        out.push_back({std::get<2>(k), c});
      }
    }
    return out;
  }
  Status TrimBefore(std::int64_t) override { return Status::Ok(); }

  std::map<std::tuple<std::uint64_t, std::int32_t, std::int64_t>, MetricsCounters> data;
  bool fail = false;
  int adds = 0;
};

MetricsCounters Put(std::uint64_t bytes, std::uint64_t records = 1) {
  MetricsCounters c;
  c.put_bytes = bytes;
  c.put_records = records;
  return c;
}

class MetricsRecorderTest : public ::testing::Test {
 protected:
  std::map<std::int64_t, MetricsCounters> ReadOk(std::uint64_t stream, std::int32_t partition,
                                                 std::int64_t first = 0, std::int64_t last = 1000) {
    auto read = recorder_.Read(stream, partition, first, last);
    EXPECT_TRUE(read.ok());
    return read.ok() ? *read : std::map<std::int64_t, MetricsCounters>{};
  }

  FakeStore store_;
  MetricsRecorder recorder_{store_};
};

TEST_F(MetricsRecorderTest, AddsWithinAMinuteAndSplitsAtTheBoundary) {
  recorder_.Add(1, 0, 10, Put(5));
  recorder_.Add(1, 0, 10, Put(7));
  recorder_.Add(1, 0, 11, Put(1));
  recorder_.Add(1, 1, 10, Put(100));
  EXPECT_EQ(ReadOk(1, 0),
            (std::map<std::int64_t, MetricsCounters>{{10, Put(12, 2)}, {11, Put(1)}}));
  EXPECT_EQ(ReadOk(1, 1), (std::map<std::int64_t, MetricsCounters>{{10, Put(100)}}));
  EXPECT_EQ(ReadOk(1, 0, 11, 11), (std::map<std::int64_t, MetricsCounters>{{11, Put(1)}}));
  EXPECT_TRUE(ReadOk(2, 0).empty());
  EXPECT_TRUE(store_.data.empty());  // the request path never writes the store
}

TEST_F(MetricsRecorderTest, FlushWritesFinishedMinutesOnlyAndReadsStayExact) {
  recorder_.Add(1, 0, 10, Put(5));
  recorder_.Add(1, 0, 11, Put(6));  // minute 10 becomes pending
  recorder_.Add(2, 0, 9, Put(3));   // current minute 9 of another row, finished at 11
  ASSERT_TRUE(recorder_.Flush(11, false).ok());
  EXPECT_EQ(store_.data.size(), 2u);
  EXPECT_EQ(store_.data.at({1, 0, 10}), Put(5));
  EXPECT_EQ(store_.data.at({2, 0, 9}), Put(3));
  EXPECT_EQ(ReadOk(1, 0), (std::map<std::int64_t, MetricsCounters>{{10, Put(5)}, {11, Put(6)}}));
  EXPECT_EQ(ReadOk(2, 0), (std::map<std::int64_t, MetricsCounters>{{9, Put(3)}}));
}

TEST_F(MetricsRecorderTest, FlushingTheCurrentMinuteThenContinuingItAddsUp) {
  recorder_.Add(1, 0, 10, Put(5));
  ASSERT_TRUE(recorder_.Flush(10, true).ok());  // shutdown
  EXPECT_EQ(store_.data.at({1, 0, 10}), Put(5));
  recorder_.Add(1, 0, 10, Put(2));  // the same minute goes on (after a restart)
  EXPECT_EQ(ReadOk(1, 0), (std::map<std::int64_t, MetricsCounters>{{10, Put(7, 2)}}));
  ASSERT_TRUE(recorder_.Flush(11, false).ok());
  EXPECT_EQ(store_.data.at({1, 0, 10}), Put(7, 2));
  EXPECT_EQ(ReadOk(1, 0), (std::map<std::int64_t, MetricsCounters>{{10, Put(7, 2)}}));
}

TEST_F(MetricsRecorderTest, AFreshRecorderOverAStoreContinuesItsMinute) {
  recorder_.Add(1, 0, 10, Put(5));
  ASSERT_TRUE(recorder_.Flush(10, true).ok());
  MetricsRecorder restarted(store_);
  restarted.Add(1, 0, 10, Put(1));
  auto read = restarted.Read(1, 0, 0, 100);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, (std::map<std::int64_t, MetricsCounters>{{10, Put(6, 2)}}));
}

TEST_F(MetricsRecorderTest, AFailedFlushKeepsEverythingForTheNextOne) {
  recorder_.Add(1, 0, 10, Put(5));
  recorder_.Add(1, 0, 11, Put(6));
  store_.fail = true;
  EXPECT_FALSE(recorder_.Flush(12, false).ok());
  EXPECT_EQ(ReadOk(1, 0), (std::map<std::int64_t, MetricsCounters>{{10, Put(5)}, {11, Put(6)}}));
  store_.fail = false;
  ASSERT_TRUE(recorder_.Flush(12, false).ok());
  EXPECT_EQ(store_.data.at({1, 0, 10}), Put(5));
  EXPECT_EQ(store_.data.at({1, 0, 11}), Put(6));
  EXPECT_EQ(ReadOk(1, 0), (std::map<std::int64_t, MetricsCounters>{{10, Put(5)}, {11, Put(6)}}));
}

TEST_F(MetricsRecorderTest, NothingToFlushWritesNothing) {
  ASSERT_TRUE(recorder_.Flush(10, true).ok());
  recorder_.Add(1, 0, 10, Put(1));
  ASSERT_TRUE(recorder_.Flush(10, false).ok());  // minute 10 is still in progress
  EXPECT_EQ(store_.adds, 0);
}

TEST_F(MetricsRecorderTest, TotalsSumEveryRowOfAStreamSinceStart) {
  recorder_.Add(1, 0, 10, Put(5));
  recorder_.Add(1, 1, 11, Put(6));
  recorder_.Add(1, engine::kStreamMetricsRow, 11, Put(0, 0));
  recorder_.Add(3, 0, 12, Put(1));
  ASSERT_TRUE(recorder_.Flush(20, true).ok());  // flushing does not reset totals
  const auto totals = recorder_.Totals();
  ASSERT_EQ(totals.size(), 2u);
  EXPECT_EQ(totals[0].first, 1u);
  EXPECT_EQ(totals[0].second, Put(11, 2));
  EXPECT_EQ(totals[1].first, 3u);
  EXPECT_EQ(totals[1].second, Put(1));
}

TEST_F(MetricsRecorderTest, ForgetDropsDeletedStreamsButNotNewerOnes) {
  recorder_.Add(1, 0, 10, Put(1));
  recorder_.Add(2, 0, 10, Put(2));
  recorder_.Add(5, 0, 10, Put(5));  // created after the listing below
  recorder_.Forget({2}, 3);
  EXPECT_TRUE(ReadOk(1, 0).empty());
  EXPECT_EQ(ReadOk(2, 0).size(), 1u);
  EXPECT_EQ(ReadOk(5, 0).size(), 1u);
  ASSERT_EQ(recorder_.Totals().size(), 2u);
}

TEST_F(MetricsRecorderTest, ConcurrentAddsAndFlushesLoseNothing) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) recorder_.Add(1, t % 2, i / 500, Put(1));
    });
  }
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(recorder_.Flush(i / 5, false).ok());
  for (auto& t : threads) t.join();
  ASSERT_TRUE(recorder_.Flush(100, true).ok());
  std::uint64_t total = 0;
  for (std::int32_t partition : {0, 1}) {
    for (const auto& [minute, c] : ReadOk(1, partition)) total += c.put_bytes;
  }
  EXPECT_EQ(total, static_cast<std::uint64_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace disd::service
