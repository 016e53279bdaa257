// Catalog: the durable registry of streams (with their tags and stream policies), apps,
// checkpoints, and transfer tasks with their per-partition delivery state. Everything above the engine
// reaches storage through this interface and PartitionLog, never through RocksDB directly.
//
// Thread-safety: every method may be called concurrently. Reads return immutable
// snapshots; MutateStream is the one way to read-modify-write a stream atomically. All
// writes are serialised, so a checkpoint never outlives its stream or its app.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/consumer_meta.h"
#include "disd/engine/stream_meta.h"
#include "disd/engine/transfer_task_meta.h"

namespace disd::engine {

using StreamSnapshot = std::shared_ptr<const StreamMeta>;

class Catalog {
 public:
  virtual ~Catalog() = default;

  // Persists a new stream and assigns its internal_id (the input's is ignored).
  // Fails kStreamExists when the project already has a stream of that name.
  virtual Result<StreamSnapshot> CreateStream(StreamMeta meta) = 0;

  // kStreamNotFound when absent.
  virtual Result<StreamSnapshot> GetStream(std::string_view project_id,
                                           std::string_view name) const = 0;
  // Looks a stream up by its public stream_id, in any project. kStreamNotFound when absent.
  virtual Result<StreamSnapshot> GetStreamById(std::string_view stream_id) const = 0;

  // The project's streams ordered by name (byte order).
  virtual std::vector<StreamSnapshot> ListStreams(std::string_view project_id) const = 0;
  // Every stream of every project (for background tasks such as retention).
  virtual std::vector<StreamSnapshot> ListAllStreams() const = 0;

  // Atomically applies `mutate` to the current meta of the stream and persists the result
  // (under a lock that serialises all mutations of that stream). If `mutate` returns an
  // error nothing is written and the error is returned. The mutator must not change
  // internal_id, project_id, name or stream_id, and must not call the catalog's write
  // methods (it runs under the catalog's write lock; reads are fine). Returns the new
  // snapshot.
  virtual Result<StreamSnapshot> MutateStream(
      std::string_view project_id, std::string_view name,
      const std::function<Status(StreamMeta&)>& mutate) = 0;

  // Removes the stream and, in the same atomic write, all of its records, partition state,
  // checkpoints (of every app) and transfer tasks with their delivery state.
  // kStreamNotFound when absent.
  virtual Status DeleteStream(std::string_view project_id, std::string_view name) = 0;

  // --- Apps (seed 004 5.2) ---

  // Persists a new app and assigns its internal_id (the input's is ignored). Fails
  // kAppExists when the project has an app of that name, kAppQuotaExceeded when it already
  // has `max_apps_per_project` apps (checked atomically with the insert), kInternal when
  // another live app has the same app_id.
  virtual Result<AppMeta> CreateApp(AppMeta app, std::size_t max_apps_per_project) = 0;
  // kAppNotFound when absent.
  virtual Result<AppMeta> GetApp(std::string_view project_id, std::string_view name) const = 0;
  // The project's apps ordered by name (byte order).
  virtual std::vector<AppMeta> ListApps(std::string_view project_id) const = 0;
  // Removes the app and, in the same atomic write, all of its checkpoints. kAppNotFound.
  virtual Status DeleteApp(std::string_view project_id, std::string_view name) = 0;

  // --- Checkpoints (seed 004 5.3) ---

  // Stores (replaces) one checkpoint durably. kAppNotFound when the app does not exist,
  // kStreamNotFound when ref.stream_internal_id is not a live stream of the project.
  virtual Status PutCheckpoint(const CheckpointRef& ref, const Checkpoint& checkpoint) = 0;
  // nullopt when none was committed. kAppNotFound.
  virtual Result<std::optional<Checkpoint>> GetCheckpoint(const CheckpointRef& ref) const = 0;
  // The app's checkpoints on one stream, ordered by partition. kAppNotFound.
  virtual Result<std::vector<PartitionCheckpoint>> ListCheckpoints(
      std::string_view project_id, std::string_view app_name,
      std::uint64_t stream_internal_id) const = 0;
  // Internal ids of the streams the app holds at least one checkpoint on, ascending.
  // kAppNotFound.
  virtual Result<std::vector<std::uint64_t>> CheckpointedStreams(
      std::string_view project_id, std::string_view app_name) const = 0;
  // Deletes the app's checkpoint on one partition of the stream, or (nullopt) all of them,
  // in one atomic write; deleting what does not exist succeeds. kAppNotFound.
  virtual Status DeleteCheckpoints(std::string_view project_id, std::string_view app_name,
                                   std::uint64_t stream_internal_id,
                                   std::optional<std::int32_t> partition) = 0;

  // --- Transfer tasks (seed 004 5.5) ---

  // Persists a new task and assigns internal_id (the input's is ignored). Fails
  // kStreamNotFound when task.stream_internal_id is not a live stream of the project,
  // kTransferTaskExists when the stream has a task of that name, kTransferTaskQuota when
  // the stream already has `max_tasks_per_stream` tasks (checked atomically with the
  // insert), kInternal when another task has the same task_id.
  virtual Result<TransferTaskMeta> CreateTransferTask(TransferTaskMeta task,
                                                      std::size_t max_tasks_per_stream) = 0;
  // kTransferTaskNotFound when absent.
  virtual Result<TransferTaskMeta> GetTransferTask(std::string_view project_id,
                                                   std::uint64_t stream_internal_id,
                                                   std::string_view task_name) const = 0;
  virtual Result<TransferTaskMeta> GetTransferTaskById(std::string_view task_id) const = 0;
  // The stream's tasks ordered by name (byte order).
  virtual std::vector<TransferTaskMeta> ListTransferTasks(
      std::string_view project_id, std::uint64_t stream_internal_id) const = 0;
  // Every task of every project, ordered by internal id (for the dump scheduler).
  virtual std::vector<TransferTaskMeta> ListAllTransferTasks() const = 0;
  // Atomically applies `mutate` to the task and persists the result, like MutateStream.
  // The mutator must not change internal_id, task_id, project_id, stream_internal_id or
  // task_name. kTransferTaskNotFound when absent.
  virtual Result<TransferTaskMeta> MutateTransferTask(
      std::string_view task_id, const std::function<Status(TransferTaskMeta&)>& mutate) = 0;
  // Removes the task and, in the same atomic write, its delivery state.
  // kTransferTaskNotFound when absent.
  virtual Status DeleteTransferTask(std::string_view task_id) = 0;

  // The task's per-partition delivery state, ordered by partition (partitions never
  // delivered are absent). kTransferTaskNotFound.
  virtual Result<std::vector<PartitionDelivery>> ListDeliveries(
      std::string_view task_id) const = 0;
  // Stores (replaces) one partition's delivery state durably (synced). Fails
  // kTransferTaskNotFound when the task was deleted meanwhile, so a worker racing a delete
  // never resurrects state.
  virtual Status PutDelivery(std::string_view task_id, const PartitionDelivery& delivery) = 0;
};

}  // namespace disd::engine
