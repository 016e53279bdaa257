#include "net/worker_pool.h"

#include <algorithm>
#include <utility>

namespace disd::net {

WorkerPool::WorkerPool(std::size_t threads, std::size_t queue_limit)
    : queue_limit_(std::max<std::size_t>(queue_limit, 1)) {
  threads = std::max<std::size_t>(threads, 1);
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
}

WorkerPool::~WorkerPool() { Shutdown(); }

bool WorkerPool::TrySubmit(Task task) {
  {
    std::lock_guard lock(mu_);
    if (shutting_down_ || queue_.size() >= queue_limit_) return false;
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

void WorkerPool::Shutdown() {
  std::call_once(shutdown_once_, [this] {
    {
      std::lock_guard lock(mu_);
      shutting_down_ = true;
    }
    cv_.notify_all();
    for (auto& thread : threads_) thread.join();
  });
}

std::size_t WorkerPool::QueueDepth() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void WorkerPool::WorkerLoop() {
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return shutting_down_ || !queue_.empty(); });
      if (queue_.empty()) return;  // shutting down and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      task();
    } catch (...) {
      // Tasks handle their own failures (net/ turns them into a 500 response); this only
      // keeps a worker alive if one does not.
    }
  }
}

}  // namespace disd::net
