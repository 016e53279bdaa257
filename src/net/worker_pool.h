// A fixed set of threads that run submitted tasks, with a hard cap on how many tasks may
// wait. net/ runs every request handler here so that no handler (RocksDB syncs, sink
// uploads) ever blocks an I/O thread; at the cap the caller answers "too many requests"
// instead of growing an unbounded backlog.
// Thread-safety: TrySubmit, QueueDepth and Shutdown may be called concurrently from any
// thread except a worker (Shutdown joins the workers).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace disd::net {

class WorkerPool {
 public:
  using Task = std::function<void()>;

  // Starts `threads` workers (at least one). At most `queue_limit` tasks (at least one)
  // wait for a worker at any time; tasks already running do not count.
  WorkerPool(std::size_t threads, std::size_t queue_limit);
  // Shutdown().
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` and returns true, or returns false without running it (and destroys it)
  // when the queue is at its limit or the pool is shut down. Tasks should not throw; an
  // exception that escapes a task is swallowed so that the worker survives.
  bool TrySubmit(Task task);

  // Stops accepting tasks, lets the workers finish every task already queued, then joins
  // them. Idempotent.
  void Shutdown();

  // Tasks waiting for a worker (not counting those running).
  std::size_t QueueDepth() const;

 private:
  void WorkerLoop();

  const std::size_t queue_limit_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;      // GUARDED_BY(mu_)
  bool shutting_down_ = false;  // GUARDED_BY(mu_)

  std::vector<std::jthread> threads_;  // joined by Shutdown
  std::once_flag shutdown_once_;
};

}  // namespace disd::net
