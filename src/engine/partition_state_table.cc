#include "engine/partition_state_table.h"

#include <algorithm>

#include "engine/key_codec.h"

namespace disd::engine {
namespace {

Error StreamGone() {
  return MakeError(ErrorCode::kStreamNotFound, "the stream was deleted");
}

}  // namespace

Result<PartitionState> PartitionStateTable::Get(const PartitionRef& ref) {
  {
    std::lock_guard lock(mu_);
    if (IsDeletedLocked(ref.stream_internal_id)) return StreamGone();
    auto stream = states_.find(ref.stream_internal_id);
    if (stream != states_.end()) {
      auto it = stream->second.find(ref.partition);
      if (it != stream->second.end()) return it->second;
    }
  }
  // Load outside the lock. Nobody changes a partition's state without loading it into this
  // table first, so if it is still absent when we insert, what we read is current.
  PartitionState loaded;
  std::string value;
  const std::string key = EncodePartitionStateKey(ref.stream_internal_id, ref.partition);
  rocksdb::Status s = db_.db()->Get(rocksdb::ReadOptions(), db_.partition_state(), key, &value);
  if (s.ok()) {
    auto decoded = DecodePartitionState(value);
    if (!decoded) return MakeError(ErrorCode::kInternal, "corrupt partition state");
    loaded = *decoded;
  } else if (!s.IsNotFound()) {
    return RocksError(s, "reading partition state");
  }
  std::lock_guard lock(mu_);
  if (IsDeletedLocked(ref.stream_internal_id)) return StreamGone();
  return states_[ref.stream_internal_id].try_emplace(ref.partition, loaded).first->second;
}

std::optional<PartitionState> PartitionStateTable::Peek(const PartitionRef& ref) const {
  std::lock_guard lock(mu_);
  if (IsDeletedLocked(ref.stream_internal_id)) return std::nullopt;
  auto stream = states_.find(ref.stream_internal_id);
  if (stream == states_.end()) return std::nullopt;
  auto it = stream->second.find(ref.partition);
  if (it == stream->second.end()) return std::nullopt;
  return it->second;
}

bool PartitionStateTable::IsDeleted(std::uint64_t stream_internal_id) const {
  std::lock_guard lock(mu_);
  return IsDeletedLocked(stream_internal_id);
}

void PartitionStateTable::Publish(const PartitionRef& ref, const PartitionState& state) {
  std::lock_guard lock(mu_);
  if (IsDeletedLocked(ref.stream_internal_id)) return;
  states_[ref.stream_internal_id][ref.partition] = state;
}

void PartitionStateTable::ResetLiveness(const std::vector<std::uint64_t>& live_ids,
                                        std::uint64_t id_limit) {
  std::lock_guard lock(mu_);
  live_.clear();
  live_.insert(live_ids.begin(), live_ids.end());
  id_limit_ = id_limit;
  std::erase_if(states_, [&](const auto& entry) { return IsDeletedLocked(entry.first); });
}

void PartitionStateTable::MarkCreated(std::uint64_t stream_internal_id) {
  std::lock_guard lock(mu_);
  live_.insert(stream_internal_id);
  id_limit_ = std::max(id_limit_, stream_internal_id + 1);
}

void PartitionStateTable::MarkDeleted(std::uint64_t stream_internal_id) {
  std::lock_guard lock(mu_);
  live_.erase(stream_internal_id);
  id_limit_ = std::max(id_limit_, stream_internal_id + 1);
  states_.erase(stream_internal_id);
}

}  // namespace disd::engine
