// Group commit under contention: concurrent appenders, readers, expiry and deletion.
// No sleeps and no timing assertions: threads run to completion and the results are
// checked for density, uniqueness and visibility.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "unit/engine/engine_test_util.h"

namespace disd::engine::testing {
namespace {

class RocksConcurrencyTest : public EngineFixture {};

std::string Payload(int thread, int i, int j) {
  return std::to_string(thread) + ":" + std::to_string(i) + ":" + std::to_string(j);
}

TEST_F(RocksConcurrencyTest, AppendersAndReadersSeeADenseCommittedLog) {
  constexpr int kThreads = 8;
  constexpr int kAppendsPerThread = 500;
  auto stream = Create("hot", 1);
  const PartitionRef ref{stream->internal_id, 0};

  std::atomic<int> writers_left{kThreads};
  std::vector<std::vector<std::pair<std::int64_t, int>>> assigned(kThreads);  // (first, n)
  std::vector<std::string> failures(kThreads);
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsPerThread; ++i) {
        const int n = 1 + (i + t) % 3;
        std::vector<std::string> values;
        for (int j = 0; j < n; ++j) values.push_back(Payload(t, i, j));
        RecordBatch batch(values);
        PartitionAppend part{ref, batch.records};
        auto firsts = log().Append(std::span(&part, 1));
        if (!firsts.ok()) {
          failures[t] = firsts.error().detail;
          break;
        }
        assigned[t].emplace_back(firsts->at(0), n);
      }
      --writers_left;
    });
  }

  std::atomic<int> reader_problems{0};
  std::atomic<std::int64_t> reader_records{0};
  std::vector<std::jthread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      std::int64_t cursor = 0;
      bool last_pass = false;
      while (!last_pass) {
        last_pass = writers_left.load() == 0;
        auto read = log().Read(ref, cursor, 64, 1 << 20);
        if (!read.ok()) {
          ++reader_problems;
          return;
        }
        const std::int64_t committed = log().Range(ref)->next;
        for (const auto& rec : read->records) {
          // Dense (no gap) and never past what is committed.
          if (rec.sequence_number != cursor || rec.sequence_number >= committed) {
            ++reader_problems;
          }
          ++cursor;
        }
        if (read->next_sequence_number != cursor) ++reader_problems;
        reader_records += static_cast<std::int64_t>(read->records.size());
        if (!read->records.empty()) last_pass = false;
      }
    });
  }
  threads.clear();  // joins
  readers.clear();
  for (const auto& f : failures) EXPECT_EQ(f, "");
  EXPECT_EQ(reader_problems.load(), 0);

  // Every assigned number is unique and together they are exactly [0, total).
  std::vector<std::int64_t> numbers;
  for (const auto& per_thread : assigned) {
    for (const auto& [first, n] : per_thread) {
      for (int j = 0; j < n; ++j) numbers.push_back(first + j);
    }
  }
  std::sort(numbers.begin(), numbers.end());
  const auto total = static_cast<std::int64_t>(numbers.size());
  for (std::int64_t i = 0; i < total; ++i) ASSERT_EQ(numbers[i], i);
  auto range = log().Range(ref);
  EXPECT_EQ(range->first_valid, 0);
  EXPECT_EQ(range->next, total);
  EXPECT_EQ(reader_records.load(), 2 * total);

  // The stored records are each thread's payloads at the numbers it was given, in order.
  const auto all = ReadAll(ref);
  ASSERT_EQ(static_cast<std::int64_t>(all.size()), total);
  for (int t = 0; t < kThreads; ++t) {
    for (std::size_t i = 0; i < assigned[t].size(); ++i) {
      const auto [first, n] = assigned[t][i];
      for (int j = 0; j < n; ++j) {
        ASSERT_EQ(all[first + j], Payload(t, static_cast<int>(i), j));
      }
    }
  }
}

TEST_F(RocksConcurrencyTest, ExpiryRacingAppendsAndReadsKeepsTheLogConsistent) {
  auto stream = Create("trim", 2);
  const PartitionRef ref{stream->internal_id, 0};
  std::atomic<bool> done{false};
  std::atomic<int> problems{0};

  std::jthread writer([&] {
    for (int i = 0; i < 400; ++i) {
      clock_.Advance(1);
      RecordBatch batch({"r" + std::to_string(i), "s" + std::to_string(i)});
      const PartitionAppend parts[] = {{ref, batch.records}, {{ref.stream_internal_id, 1},
                                                              batch.records}};
      if (!log().Append(parts).ok()) ++problems;
    }
    done = true;
  });
  std::jthread trimmer([&] {
    while (!done.load()) {
      if (!log().ExpireBefore(ref, clock_.NowMs() - 20).ok()) ++problems;
    }
  });
  std::jthread reader([&] {
    while (!done.load()) {
      auto range = log().Range(ref);
      auto read = log().Read(ref, range->first_valid, 1000, 1 << 20);
      if (!read.ok()) {
        // Expiry may overtake the reader; that is the only acceptable failure.
        if (read.error().code != ErrorCode::kRecordExpired) ++problems;
        continue;
      }
      std::int64_t expect = range->first_valid;
      for (const auto& rec : read->records) {
        if (rec.sequence_number != expect++) ++problems;
      }
    }
  });
  writer.join();
  trimmer.join();
  reader.join();
  EXPECT_EQ(problems.load(), 0);
  auto range = log().Range(ref);
  EXPECT_EQ(range->next, 800);
  auto rest = log().Read(ref, range->first_valid, 10000, 1 << 20);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(static_cast<std::int64_t>(rest->records.size()), 800 - range->first_valid);
  EXPECT_EQ(log().Range({ref.stream_internal_id, 1})->next, 800);
}

TEST_F(RocksConcurrencyTest, DeleteWhileAppendingLeavesNoOrphans) {
  auto stream = Create("doomed", 1);
  const PartitionRef ref{stream->internal_id, 0};
  std::atomic<int> ok_appends{0};
  std::atomic<int> unexpected{0};
  std::vector<std::jthread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        RecordBatch batch({"x"});
        PartitionAppend part{ref, batch.records};
        auto result = log().Append(std::span(&part, 1));
        if (result.ok()) {
          ++ok_appends;
        } else if (result.error().code != ErrorCode::kStreamNotFound) {
          ++unexpected;
        }
      }
    });
  }
  // Delete once some appends went through, while the others still run.
  while (ok_appends.load() < 50) std::this_thread::yield();
  ASSERT_TRUE(catalog().DeleteStream("proj", "doomed").ok());
  writers.clear();
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_EQ(log().Range(ref).error().code, ErrorCode::kStreamNotFound);
  Close();
  EXPECT_EQ(CountRecordKeys(dir_.path(), stream->internal_id), 0u);
}

}  // namespace
}  // namespace disd::engine::testing
