// RocksCatalog: transfer tasks and their per-partition delivery state. Tasks are cached
// like apps; delivery state is read from RocksDB. Every write holds write_mu_, the same
// lock as DeleteStream, so a task never outlives its stream and PutDelivery never
// resurrects the state of a task deleted meanwhile.
#include <rocksdb/write_batch.h>

#include <algorithm>

#include "engine/key_codec.h"
#include "engine/rocks_catalog.h"
#include "engine/rocks_catalog_util.h"
#include "engine/transfer_task_codec.h"

namespace disd::engine {
namespace {

Error TaskMissing(std::string_view what) {
  return MakeError(ErrorCode::kTransferTaskNotFound, "[" + std::string(what) + "]");
}

Error CorruptDelivery() {
  return MakeError(ErrorCode::kInternal, "corrupt transfer-task delivery state in the catalog");
}

bool SameIdentity(const TransferTaskMeta& a, const TransferTaskMeta& b) {
  return a.internal_id == b.internal_id && a.task_id == b.task_id && a.project_id == b.project_id &&
         a.stream_internal_id == b.stream_internal_id && a.task_name == b.task_name;
}

}  // namespace

Status RocksCatalog::LoadTransferTasks() {
  std::uint64_t max_id = 0;
  Status scanned = Scan(
      db_, CatalogKindBegin(CatalogKind::kTransferTask), CatalogKindEnd(CatalogKind::kTransferTask),
      [&](std::string_view key, std::string_view value) -> Status {
        auto task = DecodeTransferTaskMeta(value);
        if (!task || key != EncodeTransferTaskKey(task->stream_internal_id, task->internal_id)) {
          return MakeError(ErrorCode::kInternal, "corrupt transfer task in the catalog");
        }
        max_id = std::max(max_id, task->internal_id);
        task_ids_[task->task_id] = task->internal_id;
        tasks_[task->internal_id] = std::move(*task);
        return Status::Ok();
      });
  DISD_RETURN_IF_ERROR(scanned);
  auto persisted = ReadCounter(db_, kTransferTaskInternalIdCounter);
  if (!persisted.ok()) return persisted.error();
  next_task_internal_id_ = std::max({*persisted, max_id + 1, std::uint64_t{1}});
  return Status::Ok();
}

std::optional<TransferTaskMeta> RocksCatalog::FindTask(std::string_view task_id) const {
  std::shared_lock lock(cache_mu_);
  auto id = task_ids_.find(task_id);
  if (id == task_ids_.end()) return std::nullopt;
  auto it = tasks_.find(id->second);
  if (it == tasks_.end()) return std::nullopt;
  return it->second;
}

Status RocksCatalog::AddStreamTaskDeletes(std::uint64_t stream_internal_id,
                                          rocksdb::WriteBatch& batch) const {
  const std::string prefix = TransferTaskStreamPrefix(stream_internal_id);
  rocksdb::Status s = batch.DeleteRange(db_.catalog(), prefix, PrefixEnd(prefix));
  if (!s.ok()) return RocksError(s, "deleting transfer tasks");
  std::shared_lock lock(cache_mu_);
  for (const auto& [internal_id, task] : tasks_) {
    if (task.stream_internal_id != stream_internal_id) continue;
    const std::string deliveries = TransferDeliveryTaskPrefix(internal_id);
    s = batch.DeleteRange(db_.catalog(), deliveries, PrefixEnd(deliveries));
    if (!s.ok()) return RocksError(s, "deleting transfer tasks");
  }
  return Status::Ok();
}

void RocksCatalog::EraseCachedStreamTasks(std::uint64_t stream_internal_id) {
  for (auto it = tasks_.begin(); it != tasks_.end();) {
    if (it->second.stream_internal_id == stream_internal_id) {
      task_ids_.erase(it->second.task_id);
      it = tasks_.erase(it);
    } else {
      ++it;
    }
  }
}

Result<TransferTaskMeta> RocksCatalog::CreateTransferTask(TransferTaskMeta task,
                                                          std::size_t max_tasks_per_stream) {
  return Guarded("creating a transfer task", [&]() -> Result<TransferTaskMeta> {
    std::lock_guard write_lock(write_mu_);
    if (!IsLiveStream(task.project_id, task.stream_internal_id)) {
      return MakeError(ErrorCode::kStreamNotFound, task.stream_name);
    }
    {
      std::shared_lock lock(cache_mu_);
      if (task_ids_.contains(task.task_id)) {
        return MakeError(ErrorCode::kInternal, "transfer task id collision");
      }
      std::size_t on_stream = 0;
      for (const auto& [id, existing] : tasks_) {
        if (existing.stream_internal_id != task.stream_internal_id) continue;
        if (existing.task_name == task.task_name) {
          return MakeError(ErrorCode::kTransferTaskExists, "[" + task.task_name + "]");
        }
        ++on_stream;
      }
      if (on_stream >= max_tasks_per_stream) {
        return MakeError(ErrorCode::kTransferTaskQuota,
                         "[the stream has " + std::to_string(on_stream) +
                             " transfer tasks, quota " + std::to_string(max_tasks_per_stream) +
                             "]");
      }
    }
    // The id is consumed even if the write fails: ids are cheap, reuse is not.
    task.internal_id = next_task_internal_id_++;
    rocksdb::WriteBatch batch;
    rocksdb::Status s =
        batch.Put(db_.catalog(), EncodeTransferTaskKey(task.stream_internal_id, task.internal_id),
                  EncodeTransferTaskMeta(task));
    if (s.ok()) {
      s = batch.Put(db_.catalog(), EncodeCounterKey(kTransferTaskInternalIdCounter),
                    EncodeCounter(next_task_internal_id_));
    }
    if (s.ok()) s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "creating a transfer task");
    std::unique_lock lock(cache_mu_);
    task_ids_[task.task_id] = task.internal_id;
    tasks_[task.internal_id] = task;
    return task;
  });
}

Result<TransferTaskMeta> RocksCatalog::GetTransferTask(std::string_view project_id,
                                                       std::uint64_t stream_internal_id,
                                                       std::string_view task_name) const {
  std::shared_lock lock(cache_mu_);
  for (const auto& [id, task] : tasks_) {
    if (task.stream_internal_id == stream_internal_id && task.project_id == project_id &&
        task.task_name == task_name) {
      return task;
    }
  }
  return TaskMissing(task_name);
}

Result<TransferTaskMeta> RocksCatalog::GetTransferTaskById(std::string_view task_id) const {
  auto task = FindTask(task_id);
  if (!task) return TaskMissing(task_id);
  return *task;
}

std::vector<TransferTaskMeta> RocksCatalog::ListTransferTasks(
    std::string_view project_id, std::uint64_t stream_internal_id) const {
  std::vector<TransferTaskMeta> out;
  {
    std::shared_lock lock(cache_mu_);
    for (const auto& [id, task] : tasks_) {
      if (task.stream_internal_id == stream_internal_id && task.project_id == project_id) {
        out.push_back(task);
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const TransferTaskMeta& a, const TransferTaskMeta& b) {
    return a.task_name < b.task_name;
  });
  return out;
}

std::vector<TransferTaskMeta> RocksCatalog::ListAllTransferTasks() const {
  std::vector<TransferTaskMeta> out;
  std::shared_lock lock(cache_mu_);
  out.reserve(tasks_.size());
  for (const auto& [id, task] : tasks_) out.push_back(task);
  return out;
}

Result<TransferTaskMeta> RocksCatalog::MutateTransferTask(
    std::string_view task_id, const std::function<Status(TransferTaskMeta&)>& mutate) {
  return Guarded("updating a transfer task", [&]() -> Result<TransferTaskMeta> {
    std::lock_guard write_lock(write_mu_);
    auto current = FindTask(task_id);
    if (!current) return TaskMissing(task_id);
    TransferTaskMeta updated = *current;
    DISD_RETURN_IF_ERROR(mutate(updated));
    if (!SameIdentity(*current, updated)) {
      return MakeError(ErrorCode::kInternal, "a transfer-task update changed the task's identity");
    }
    rocksdb::Status s =
        db_.db()->Put(db_.write_options(), db_.catalog(),
                      EncodeTransferTaskKey(updated.stream_internal_id, updated.internal_id),
                      EncodeTransferTaskMeta(updated));
    if (!s.ok()) return RocksError(s, "updating a transfer task");
    std::unique_lock lock(cache_mu_);
    tasks_[updated.internal_id] = updated;
    return updated;
  });
}

Status RocksCatalog::DeleteTransferTask(std::string_view task_id) {
  return Guarded("deleting a transfer task", [&]() -> Status {
    std::lock_guard write_lock(write_mu_);
    auto task = FindTask(task_id);
    if (!task) return TaskMissing(task_id);
    rocksdb::WriteBatch batch;
    rocksdb::Status s = batch.Delete(
        db_.catalog(), EncodeTransferTaskKey(task->stream_internal_id, task->internal_id));
    // One atomic write: the task and every partition's delivery state.
    const std::string deliveries = TransferDeliveryTaskPrefix(task->internal_id);
    if (s.ok()) s = batch.DeleteRange(db_.catalog(), deliveries, PrefixEnd(deliveries));
    if (s.ok()) s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "deleting a transfer task");
    std::unique_lock lock(cache_mu_);
    task_ids_.erase(task->task_id);
    tasks_.erase(task->internal_id);
    return Status::Ok();
  });
}

Result<std::vector<PartitionDelivery>> RocksCatalog::ListDeliveries(
    std::string_view task_id) const {
  return Guarded("reading delivery state", [&]() -> Result<std::vector<PartitionDelivery>> {
    auto task = FindTask(task_id);
    if (!task) return TaskMissing(task_id);
    std::vector<PartitionDelivery> out;
    const std::string prefix = TransferDeliveryTaskPrefix(task->internal_id);
    Status scanned = Scan(db_, prefix, PrefixEnd(prefix),
                          [&](std::string_view key, std::string_view value) -> Status {
                            auto k = DecodeTransferDeliveryKey(key);
                            auto delivery = DecodePartitionDelivery(value);
                            if (!k || !delivery || delivery->partition != k->partition) {
                              return CorruptDelivery();
                            }
                            out.push_back(std::move(*delivery));
                            return Status::Ok();
                          });
    if (!scanned.ok()) return scanned.error();
    return out;
  });
}

Status RocksCatalog::PutDelivery(std::string_view task_id, const PartitionDelivery& delivery) {
  return Guarded("committing delivery state", [&]() -> Status {
    if (delivery.partition < 0) {
      return MakeError(ErrorCode::kInternal, "negative partition in delivery state");
    }
    std::lock_guard write_lock(write_mu_);
    auto task = FindTask(task_id);
    if (!task) return TaskMissing(task_id);
    rocksdb::Status s =
        db_.db()->Put(db_.write_options(), db_.catalog(),
                      EncodeTransferDeliveryKey(task->internal_id, delivery.partition),
                      EncodePartitionDelivery(delivery));
    if (!s.ok()) return RocksError(s, "committing delivery state");
    return Status::Ok();
  });
}

}  // namespace disd::engine
