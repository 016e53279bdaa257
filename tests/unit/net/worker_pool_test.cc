#include "net/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace disd::net {
namespace {

constexpr auto kDeadline = std::chrono::seconds(10);

// A gate the test opens; tasks block on it so the queue can be filled deterministically.
class Gate {
 public:
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return open_; });
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(WorkerPoolTest, RunsEverySubmittedTask) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(3, 100);
    for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ran.fetch_add(1); }));
    pool.Shutdown();
  }
  EXPECT_EQ(ran.load(), 50);
}

TEST(WorkerPoolTest, RejectsAtTheQueueLimitWithoutRunning) {
  // State the tasks touch is declared before the pool, so it outlives the workers.
  Gate gate;
  std::latch started(1);
  std::atomic<int> ran{0};
  WorkerPool pool(1, 2);
  ASSERT_TRUE(pool.TrySubmit([&] {
    started.count_down();
    gate.Wait();
  }));
  started.wait();  // the only worker is busy; queued tasks now stay queued
  EXPECT_TRUE(pool.TrySubmit([&] { ran.fetch_add(1); }));
  EXPECT_TRUE(pool.TrySubmit([&] { ran.fetch_add(1); }));
  EXPECT_EQ(pool.QueueDepth(), 2u);
  bool rejected_ran = false;
  EXPECT_FALSE(pool.TrySubmit([&] { rejected_ran = true; }));
  gate.Open();
  pool.Shutdown();
  EXPECT_EQ(ran.load(), 2);
  EXPECT_FALSE(rejected_ran);
}

TEST(WorkerPoolTest, RunningTasksDoNotCountAgainstTheLimit) {
  Gate gate;
  std::latch started[2] = {std::latch(1), std::latch(1)};
  WorkerPool pool(2, 1);
  for (int i = 0; i < 2; ++i) {
    // Submitted one at a time: each is taken by a worker before the next is queued.
    EXPECT_TRUE(pool.TrySubmit([&, i] {
      started[i].count_down();
      gate.Wait();
    }));
    started[i].wait();
  }
  EXPECT_EQ(pool.QueueDepth(), 0u);
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_FALSE(pool.TrySubmit([] {}));
  gate.Open();
}

TEST(WorkerPoolTest, ShutdownDrainsQueuedTasksAndThenRejects) {
  Gate gate;
  std::atomic<int> ran{0};
  WorkerPool pool(1, 10);
  ASSERT_TRUE(pool.TrySubmit([&] { gate.Wait(); }));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ran.fetch_add(1); }));
  std::thread opener([&] { gate.Open(); });
  pool.Shutdown();
  opener.join();
  EXPECT_EQ(ran.load(), 5);
  EXPECT_FALSE(pool.TrySubmit([] {}));
  pool.Shutdown();  // idempotent
}

TEST(WorkerPoolTest, AThrowingTaskDoesNotKillTheWorker) {
  std::mutex mu;
  std::condition_variable cv;
  bool second_ran = false;
  WorkerPool pool(1, 10);
  ASSERT_TRUE(pool.TrySubmit([] { throw std::runtime_error("boom"); }));
  ASSERT_TRUE(pool.TrySubmit([&] {
    std::lock_guard lock(mu);
    second_ran = true;
    cv.notify_all();
  }));
  std::unique_lock lock(mu);
  EXPECT_TRUE(cv.wait_for(lock, kDeadline, [&] { return second_ran; }));
}

TEST(WorkerPoolTest, TasksRunConcurrentlyOnAllThreads) {
  constexpr int kThreads = 4;
  std::latch all_running(kThreads);
  std::atomic<int> done{0};
  WorkerPool pool(kThreads, 10);
  for (int i = 0; i < kThreads; ++i) {
    // Each task waits until all are running: only possible if they run in parallel.
    ASSERT_TRUE(pool.TrySubmit([&] {
      all_running.arrive_and_wait();
      done.fetch_add(1);
    }));
  }
  pool.Shutdown();
  EXPECT_EQ(done.load(), kThreads);
}

TEST(WorkerPoolTest, ZeroSizesAreRaisedToOne) {
  std::atomic<bool> ran{false};
  WorkerPool pool(0, 0);
  EXPECT_TRUE(pool.TrySubmit([&] { ran = true; }));
  pool.Shutdown();
  EXPECT_TRUE(ran.load());
}

}  // namespace
}  // namespace disd::net
