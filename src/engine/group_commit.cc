#include "engine/group_commit.h"

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <string>

#include <rocksdb/write_batch.h>

#include "engine/key_codec.h"
#include "engine/record_codec.h"

namespace disd::engine {

struct GroupCommitter::Writer {
  std::span<const PartitionAppend> batch;
  std::size_t bytes = 0;
  bool done = false;
  std::condition_variable cv;
  std::optional<Result<std::vector<std::int64_t>>> result;
};

namespace {

constexpr std::size_t kRecordOverheadBytes = 48;

using PartitionKey = std::pair<std::uint64_t, std::int32_t>;

// Where one PartitionAppend of a writer goes.
struct Assignment {
  std::int64_t first = 0;
  std::int64_t arrival_ms = 0;
};

std::size_t BatchBytes(std::span<const PartitionAppend> batch) {
  std::size_t bytes = 0;
  for (const PartitionAppend& group : batch) {
    for (const AppendRecord& r : group.records) {
      bytes += r.data.size() + (r.partition_key ? r.partition_key->size() : 0) +
               kRecordOverheadBytes;
    }
  }
  return bytes;
}

}  // namespace

Result<std::vector<std::int64_t>> GroupCommitter::Append(std::span<const PartitionAppend> batch) {
  Writer w;
  w.batch = batch;
  w.bytes = BatchBytes(batch);

  std::unique_lock lock(mu_);
  writers_.push_back(&w);
  while (!w.done && !(writers_.front() == &w && !busy_ && exclusive_waiting_ == 0)) {
    w.cv.wait(lock);
  }
  if (w.done) return std::move(*w.result);

  // Leader: take the group (the front of the queue) and the write token.
  busy_ = true;
  std::vector<Writer*> group;
  std::size_t bytes = 0;
  for (Writer* x : writers_) {
    if (!group.empty() && bytes + x->bytes > kMaxGroupBytes) break;
    group.push_back(x);
    bytes += x->bytes;
  }
  lock.unlock();
  try {
    CommitGroup(group);
  } catch (const std::exception& e) {
    // Never leave the token held: fail whoever has no answer yet (nothing was published).
    for (Writer* x : group) {
      if (!x->result) {
        x->result = MakeError(ErrorCode::kInternal, std::string("appending records: ") + e.what());
      }
    }
  }
  lock.lock();
  for (Writer* x : group) {
    writers_.pop_front();
    x->done = true;
    if (x != &w) x->cv.notify_one();  // under mu_: x cannot return before we let go
  }
  busy_ = false;
  WakeNextLocked();
  return std::move(*w.result);
}

Status GroupCommitter::RunExclusive(const std::function<Status()>& op) {
  std::unique_lock lock(mu_);
  ++exclusive_waiting_;
  idle_cv_.wait(lock, [this] { return !busy_; });
  --exclusive_waiting_;
  busy_ = true;
  lock.unlock();
  Status status;
  try {
    status = op();
  } catch (const std::exception& e) {
    status = MakeError(ErrorCode::kInternal, std::string("storage write failed: ") + e.what());
  }
  lock.lock();
  busy_ = false;
  WakeNextLocked();
  return status;
}

void GroupCommitter::WakeNextLocked() {
  idle_cv_.notify_all();
  if (!writers_.empty()) writers_.front()->cv.notify_one();
}

void GroupCommitter::CommitGroup(std::span<Writer* const> group) {
  const std::int64_t now = clock_.NowMs();
  // Pending states of the partitions this group touches (ordered: deterministic batches).
  std::map<PartitionKey, PartitionState> pending;
  std::vector<std::vector<Assignment>> assignments(group.size());
  std::vector<Writer*> live;

  // 1. Assign numbers and arrival times from the committed states. The token keeps every
  //    other writer out, so the committed states cannot change underneath.
  for (std::size_t i = 0; i < group.size(); ++i) {
    Writer* w = group[i];
    std::vector<Assignment>& mine = assignments[i];
    std::map<PartitionKey, PartitionState> tentative;  // this writer's view of `pending`
    std::optional<Error> failure;
    for (const PartitionAppend& part : w->batch) {
      const PartitionKey key{part.partition.stream_internal_id, part.partition.partition};
      auto it = tentative.find(key);
      if (it == tentative.end()) {
        auto p = pending.find(key);
        std::optional<PartitionState> state =
            p != pending.end() ? std::optional(p->second) : states_.Peek(part.partition);
        if (!state) {
          failure = states_.IsDeleted(key.first)
                        ? MakeError(ErrorCode::kStreamNotFound, "the stream was deleted")
                        : MakeError(ErrorCode::kInternal, "partition state not loaded");
          break;
        }
        it = tentative.emplace(key, *state).first;
      }
      PartitionState& state = it->second;
      const std::int64_t arrival = std::max(state.last_arrival_ms, now);
      mine.push_back({state.next, arrival});
      if (!part.records.empty()) {
        state.next += static_cast<std::int64_t>(part.records.size());
        state.last_arrival_ms = arrival;
      }
    }
    if (failure) {
      w->result = std::move(*failure);
      continue;
    }
    for (auto& [key, state] : tentative) pending[key] = state;
    live.push_back(w);
  }

  // 2. One batch with every record and every touched partition state.
  auto fail_all = [&](const Error& error) {
    for (Writer* w : live) w->result = error;
  };
  if (live.empty()) return;
  rocksdb::WriteBatch batch;  // may grow to kMaxGroupBytes; built without any lock held
  try {
    for (std::size_t i = 0, j = 0; i < group.size(); ++i) {
      if (j >= live.size() || group[i] != live[j]) continue;
      ++j;
      const std::vector<Assignment>& mine = assignments[i];
      for (std::size_t g = 0; g < group[i]->batch.size(); ++g) {
        const PartitionAppend& part = group[i]->batch[g];
        std::int64_t seq = mine[g].first;
        for (const AppendRecord& r : part.records) {
          const std::string key = EncodeRecordKey(
              {part.partition.stream_internal_id, part.partition.partition,
               static_cast<std::uint64_t>(seq++)});
          const std::string header = EncodeRecordHeader(
              mine[g].arrival_ms, r.timestamp_ms.value_or(mine[g].arrival_ms), r.partition_key);
          const rocksdb::Slice key_slice(key);
          const rocksdb::Slice value_parts[2] = {rocksdb::Slice(header), ToSlice(r.data)};
          rocksdb::Status s = batch.Put(db_.records(), rocksdb::SliceParts(&key_slice, 1),
                                        rocksdb::SliceParts(value_parts, 2));
          if (!s.ok()) return fail_all(RocksError(s, "building an append"));
        }
      }
    }
    for (const auto& [key, state] : pending) {
      rocksdb::Status s = batch.Put(db_.partition_state(),
                                    EncodePartitionStateKey(key.first, key.second),
                                    EncodePartitionState(state));
      if (!s.ok()) return fail_all(RocksError(s, "building an append"));
    }
  } catch (const std::exception& e) {
    return fail_all(MakeError(ErrorCode::kInternal, std::string("building an append: ") + e.what()));
  }

  // The answers, prepared before the write so that nothing after it can fail.
  std::vector<std::vector<std::int64_t>> answers(group.size());
  for (std::size_t i = 0; i < group.size(); ++i) {
    for (const Assignment& a : assignments[i]) answers[i].push_back(a.first);
  }

  // 3. Write, then publish. On failure nothing was published: the assigned numbers are
  //    simply handed out again by the next group.
  rocksdb::Status s = db_.db()->Write(db_.write_options(), &batch);
  if (!s.ok()) return fail_all(RocksError(s, "appending records"));
  for (const auto& [key, state] : pending) {
    states_.Publish(PartitionRef{key.first, key.second}, state);
  }
  for (std::size_t i = 0; i < group.size(); ++i) {
    if (!group[i]->result) group[i]->result = std::move(answers[i]);
  }
}

}  // namespace disd::engine
