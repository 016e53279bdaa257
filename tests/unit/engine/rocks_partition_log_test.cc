// RocksPartitionLog: append, read limits, arrival times, seek, expiry, restart.
#include <gtest/gtest.h>

#include "unit/engine/engine_test_util.h"

namespace disd::engine::testing {
namespace {

class RocksPartitionLogTest : public EngineFixture {
 protected:
  void SetUp() override {
    EngineFixture::SetUp();
    stream_ = Create("log", 3);
    ASSERT_NE(stream_, nullptr);
  }
  PartitionRef P(std::int32_t index) const { return {stream_->internal_id, index}; }

  StreamSnapshot stream_;
};

TEST_F(RocksPartitionLogTest, UntouchedPartitionIsEmpty) {
  auto range = log().Range(P(2));
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->first_valid, 0);
  EXPECT_EQ(range->next, 0);
  auto read = log().Read(P(2), 0, 10, 1000);
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->records.empty());
  EXPECT_EQ(read->next_sequence_number, 0);
  auto oldest = log().OldestArrivalTime(P(2));
  ASSERT_TRUE(oldest.ok());
  EXPECT_FALSE(oldest->has_value());
  EXPECT_EQ(*log().SeekArrivalTime(P(2), 0), 0);
  EXPECT_TRUE(log().Append({}).ok());
}

TEST_F(RocksPartitionLogTest, OneBatchAcrossPartitionsIsDenseAndOrdered) {
  const std::string key = "pk-1";
  const std::vector<std::string> d = {"a0", "a1", "a2", "b0", "b1", "a3", "a4"};
  constexpr auto kNone = std::nullopt;
  const AppendRecord p0_first[] = {{d[0], key, 5}, {d[1], kNone, kNone}, {d[2], kNone, kNone}};
  const AppendRecord p1[] = {{d[3], kNone, kNone}, {d[4], std::string_view(""), -7}};
  const AppendRecord p0_second[] = {{d[5], kNone, kNone}, {d[6], kNone, kNone}};
  const PartitionAppend batch[] = {
      {P(0), p0_first}, {P(1), p1}, {P(0), p0_second}, {P(2), {}}};
  clock_.Set(kStartMs + 10);
  auto firsts = log().Append(batch);
  ASSERT_TRUE(firsts.ok()) << firsts.error().detail;
  EXPECT_EQ(*firsts, (std::vector<std::int64_t>{0, 0, 3, 0}));

  auto second = log().Append(std::span(batch, 2));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, (std::vector<std::int64_t>{5, 2}));

  EXPECT_EQ(ReadAll(P(0)), (std::vector<std::string>{"a0", "a1", "a2", "a3", "a4", "a0", "a1",
                                                      "a2"}));
  EXPECT_EQ(ReadAll(P(1)), (std::vector<std::string>{"b0", "b1", "b0", "b1"}));
  EXPECT_EQ(log().Range(P(2))->next, 0);

  auto read = log().Read(P(0), 0, 100, 1000);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->records.size(), 8u);
  for (std::size_t i = 0; i < read->records.size(); ++i) {
    EXPECT_EQ(read->records[i].sequence_number, static_cast<std::int64_t>(i));
    EXPECT_EQ(read->records[i].arrival_ms, kStartMs + 10);
  }
  EXPECT_EQ(read->next_sequence_number, 8);
  EXPECT_EQ(read->records[0].partition_key, std::optional<std::string>("pk-1"));
  EXPECT_EQ(read->records[0].timestamp_ms, 5);
  EXPECT_FALSE(read->records[1].partition_key.has_value());
  EXPECT_EQ(read->records[1].timestamp_ms, kStartMs + 10);  // defaults to arrival
  auto b = log().Read(P(1), 1, 1, 1000);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->records.size(), 1u);
  EXPECT_EQ(b->records[0].partition_key, std::optional<std::string>(""));
  EXPECT_EQ(b->records[0].timestamp_ms, -7);
}

TEST_F(RocksPartitionLogTest, ReadHonoursRecordAndByteLimits) {
  AppendTo(P(0), {"aaaa", "bbbb", "cccc", std::string(100, 'x'), "dd"});
  auto two = log().Read(P(0), 0, 2, 1000);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->records.size(), 2u);
  EXPECT_EQ(two->next_sequence_number, 2);

  auto bytes = log().Read(P(0), 0, 100, 11);  // 4 + 4 fit, the third would make 12
  ASSERT_TRUE(bytes.ok());
  ASSERT_EQ(bytes->records.size(), 2u);
  EXPECT_EQ(bytes->next_sequence_number, 2);

  auto exact = log().Read(P(0), 0, 100, 12);
  ASSERT_EQ(exact->records.size(), 3u);

  // A record larger than max_bytes is never returned, not even as the first one.
  auto big = log().Read(P(0), 3, 100, 99);
  ASSERT_TRUE(big.ok());
  EXPECT_TRUE(big->records.empty());
  EXPECT_EQ(big->next_sequence_number, 3);
  auto stops_before_big = log().Read(P(0), 2, 100, 99);
  ASSERT_EQ(stops_before_big->records.size(), 1u);
  EXPECT_EQ(stops_before_big->next_sequence_number, 3);

  auto none = log().Read(P(0), 0, 0, 1000);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->records.empty());
  EXPECT_EQ(none->next_sequence_number, 0);

  auto past_end = log().Read(P(0), 9, 10, 1000);
  ASSERT_TRUE(past_end.ok());
  EXPECT_TRUE(past_end->records.empty());
  EXPECT_EQ(past_end->next_sequence_number, 9);
  auto at_end = log().Read(P(0), 5, 10, 1000);
  ASSERT_TRUE(at_end.ok());
  EXPECT_EQ(at_end->next_sequence_number, 5);

  EXPECT_EQ(log().Read({stream_->internal_id, -1}, 0, 1, 1).error().code,
            ErrorCode::kInvalidPartitionId);
}

TEST_F(RocksPartitionLogTest, ArrivalTimeIsMonotonicPerPartition) {
  clock_.Set(kStartMs + 1000);
  AppendTo(P(0), {"a"});
  clock_.Set(kStartMs + 500);  // the clock steps back
  AppendTo(P(0), {"b"});
  AppendTo(P(1), {"c"});
  auto read = log().Read(P(0), 0, 10, 100);
  ASSERT_EQ(read->records.size(), 2u);
  EXPECT_EQ(read->records[1].arrival_ms, kStartMs + 1000);
  EXPECT_EQ(log().Read(P(1), 0, 1, 100)->records[0].arrival_ms, kStartMs + 500);
  Reopen();  // the last arrival time is persisted with the partition state
  AppendTo(P(0), {"d"});
  EXPECT_EQ(log().Read(P(0), 2, 1, 100)->records[0].arrival_ms, kStartMs + 1000);
}

TEST_F(RocksPartitionLogTest, RestartKeepsRecordsAndNumbering) {
  AppendTo(P(0), {"a", "b", "c"});
  AppendTo(P(2), {"x"});
  clock_.Advance(kHourMs);
  AppendTo(P(0), {"d"});
  ASSERT_EQ(*log().ExpireBefore(P(0), kStartMs + 1), 3);
  Reopen();
  auto range = log().Range(P(0));
  ASSERT_TRUE(range.ok());
  EXPECT_EQ(range->first_valid, 3);
  EXPECT_EQ(range->next, 4);
  EXPECT_EQ(ReadAll(P(0), 3), std::vector<std::string>{"d"});
  EXPECT_EQ(ReadAll(P(2)), std::vector<std::string>{"x"});
  EXPECT_EQ(AppendTo(P(0), {"e", "f"}), 4);
  EXPECT_EQ(AppendTo(P(2), {"y"}), 1);
  EXPECT_EQ(AppendTo(P(1), {"z"}), 0);
  EXPECT_EQ(ReadAll(P(0), 3), (std::vector<std::string>{"d", "e", "f"}));
}

TEST_F(RocksPartitionLogTest, SeekArrivalTime) {
  // Arrival times: 1000 x3, 2000, 3000 x2 (relative to kStartMs).
  clock_.Set(kStartMs + 1000);
  AppendTo(P(0), {"a", "b"});
  AppendTo(P(0), {"c"});
  clock_.Set(kStartMs + 2000);
  AppendTo(P(0), {"d"});
  clock_.Set(kStartMs + 3000);
  AppendTo(P(0), {"e", "f"});
  auto seek = [&](std::int64_t t) { return *log().SeekArrivalTime(P(0), kStartMs + t); };
  EXPECT_EQ(seek(-100000), 0);  // before the first
  EXPECT_EQ(seek(999), 0);
  EXPECT_EQ(seek(1000), 0);     // exact match, several records in the same ms
  EXPECT_EQ(seek(1001), 3);
  EXPECT_EQ(seek(2000), 3);
  EXPECT_EQ(seek(2999), 4);
  EXPECT_EQ(seek(3000), 4);
  EXPECT_EQ(seek(3001), 6);     // after the last: next
  EXPECT_EQ(*log().OldestArrivalTime(P(0)), kStartMs + 1000);

  ASSERT_EQ(*log().ExpireBefore(P(0), kStartMs + 1500), 3);
  EXPECT_EQ(seek(0), 3);        // never before first_valid
  EXPECT_EQ(*log().OldestArrivalTime(P(0)), kStartMs + 2000);
}

TEST_F(RocksPartitionLogTest, SeekArrivalTimeOverManyRecords) {
  // 2000 records, 7 per millisecond, appended in batches.
  for (int ms = 0; ms < 286; ++ms) {
    clock_.Set(kStartMs + ms * 10);
    std::vector<std::string> values(7, "v");
    AppendTo(P(1), values);
  }
  for (int ms = 0; ms < 286; ++ms) {
    EXPECT_EQ(*log().SeekArrivalTime(P(1), kStartMs + ms * 10), ms * 7);
    EXPECT_EQ(*log().SeekArrivalTime(P(1), kStartMs + ms * 10 - 5), ms * 7);
  }
  EXPECT_EQ(*log().SeekArrivalTime(P(1), kStartMs + 286 * 10), 286 * 7);
}

TEST_F(RocksPartitionLogTest, ExpireBeforeDeletesFromStorage) {
  for (int i = 0; i < 10; ++i) {
    clock_.Set(kStartMs + i * 100);
    AppendTo(P(0), {"r" + std::to_string(i)});
  }
  AppendTo(P(1), {"other"});
  auto deleted = log().ExpireBefore(P(0), kStartMs + 450);  // arrivals 0..400 go
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 5);
  EXPECT_EQ(*log().ExpireBefore(P(0), kStartMs + 450), 0);  // idempotent
  EXPECT_EQ(*log().ExpireBefore(P(0), kStartMs), 0);        // never moves back

  auto range = log().Range(P(0));
  EXPECT_EQ(range->first_valid, 5);
  EXPECT_EQ(range->next, 10);
  for (std::int64_t from : {0, 4}) {
    EXPECT_EQ(log().Read(P(0), from, 10, 1000).error().code, ErrorCode::kRecordExpired);
  }
  EXPECT_EQ(ReadAll(P(0), 5).front(), "r5");
  EXPECT_EQ(ReadAll(P(1)), std::vector<std::string>{"other"});

  // Everything: the partition is empty but keeps its numbering.
  EXPECT_EQ(*log().ExpireBefore(P(0), kStartMs + 100000), 5);
  range = log().Range(P(0));
  EXPECT_EQ(range->first_valid, 10);
  EXPECT_EQ(range->next, 10);
  EXPECT_FALSE(log().OldestArrivalTime(P(0))->has_value());
  EXPECT_TRUE(log().Read(P(0), 10, 10, 1000)->records.empty());

  Close();
  EXPECT_EQ(CountRecordKeys(dir_.path(), stream_->internal_id), 1u);  // only P(1)'s record
  Open();
  EXPECT_EQ(log().Range(P(0))->first_valid, 10);
  EXPECT_EQ(AppendTo(P(0), {"again"}), 10);
}

}  // namespace
}  // namespace disd::engine::testing
