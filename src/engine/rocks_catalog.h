// RocksCatalog: Catalog over the catalog column family, with every stream meta and app
// cached in memory (loaded at open). Stream and app reads are served from the cache and
// never touch RocksDB; checkpoints are read from RocksDB. Writes (create, mutate, delete,
// checkpoint commits) are serialised by one mutex, persisted first and published to the
// cache only once durable.
//
// Stream metas are stored under [CatalogKind::kStream][internal id] in the versioned binary
// codec of stream_meta_codec.h; the next internal id lives under
// [CatalogKind::kCounter]["stream_internal_id"] and is written in the same batch as the
// meta that used the previous one, so ids are never reused, not even after a delete. Apps
// work the same way ([kApp][app internal id], counter "app_internal_id"); checkpoints live
// under [kCheckpoint][app internal id][stream internal id][partition] (key_codec.h), so an
// app's checkpoints, or its checkpoints on one stream, are one key range. The app and
// checkpoint methods are in rocks_catalog_apps.cc.
//
// Transfer tasks are cached too, stored under [kTransferTask][stream internal id][task
// internal id] (so a stream's tasks are one key range, deleted with the stream) with the
// counter "transfer_task_internal_id"; their delivery state lives under
// [kTransferDelivery][task internal id][partition] and is read from RocksDB. Those methods
// are in rocks_catalog_tasks.cc.
//
// Thread-safety: every method may be called concurrently.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <tuple>

#include "disd/engine/catalog.h"
#include "engine/rocks_db.h"
#include "engine/rocks_partition_log.h"

namespace rocksdb {
class WriteBatch;
}

namespace disd::engine {

class RocksCatalog final : public Catalog {
 public:
  // Loads every stream meta; fails kInternal if one cannot be read or decoded.
  // `log` is the same store's log; it learns which streams exist and deletes their data.
  static Result<std::unique_ptr<RocksCatalog>> Open(RocksDb& db, RocksPartitionLog& log);

  Result<StreamSnapshot> CreateStream(StreamMeta meta) override;
  Result<StreamSnapshot> GetStream(std::string_view project_id,
                                   std::string_view name) const override;
  Result<StreamSnapshot> GetStreamById(std::string_view stream_id) const override;
  std::vector<StreamSnapshot> ListStreams(std::string_view project_id) const override;
  std::vector<StreamSnapshot> ListAllStreams() const override;
  Result<StreamSnapshot> MutateStream(std::string_view project_id, std::string_view name,
                                      const std::function<Status(StreamMeta&)>& mutate) override;
  Status DeleteStream(std::string_view project_id, std::string_view name) override;

  Result<AppMeta> CreateApp(AppMeta app, std::size_t max_apps_per_project) override;
  Result<AppMeta> GetApp(std::string_view project_id, std::string_view name) const override;
  std::vector<AppMeta> ListApps(std::string_view project_id) const override;
  Status DeleteApp(std::string_view project_id, std::string_view name) override;
  Status PutCheckpoint(const CheckpointRef& ref, const Checkpoint& checkpoint) override;
  Result<std::optional<Checkpoint>> GetCheckpoint(const CheckpointRef& ref) const override;
  Result<std::vector<PartitionCheckpoint>> ListCheckpoints(
      std::string_view project_id, std::string_view app_name,
      std::uint64_t stream_internal_id) const override;
  Result<std::vector<std::uint64_t>> CheckpointedStreams(std::string_view project_id,
                                                         std::string_view app_name) const override;
  Status DeleteCheckpoints(std::string_view project_id, std::string_view app_name,
                           std::uint64_t stream_internal_id,
                           std::optional<std::int32_t> partition) override;

  Result<TransferTaskMeta> CreateTransferTask(TransferTaskMeta task,
                                              std::size_t max_tasks_per_stream) override;
  Result<TransferTaskMeta> GetTransferTask(std::string_view project_id,
                                           std::uint64_t stream_internal_id,
                                           std::string_view task_name) const override;
  Result<TransferTaskMeta> GetTransferTaskById(std::string_view task_id) const override;
  std::vector<TransferTaskMeta> ListTransferTasks(std::string_view project_id,
                                                  std::uint64_t stream_internal_id) const override;
  std::vector<TransferTaskMeta> ListAllTransferTasks() const override;
  Result<TransferTaskMeta> MutateTransferTask(
      std::string_view task_id, const std::function<Status(TransferTaskMeta&)>& mutate) override;
  Status DeleteTransferTask(std::string_view task_id) override;
  Result<std::vector<PartitionDelivery>> ListDeliveries(std::string_view task_id) const override;
  Status PutDelivery(std::string_view task_id, const PartitionDelivery& delivery) override;

 private:
  // (project, name), ordered bytewise by project, then name.
  struct NameKey {
    std::string project;
    std::string name;
  };
  struct NameView {
    std::string_view project;
    std::string_view name;
  };
  struct NameLess {
    using is_transparent = void;
    static std::tuple<std::string_view, std::string_view> Tie(const NameKey& k) {
      return {k.project, k.name};
    }
    static std::tuple<std::string_view, std::string_view> Tie(const NameView& k) {
      return {k.project, k.name};
    }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const { return Tie(a) < Tie(b); }
  };

  RocksCatalog(RocksDb& db, RocksPartitionLog& log) : db_(db), log_(log) {}

  Status Load();
  StreamSnapshot Find(std::string_view project_id, std::string_view name) const;
  // REQUIRES: write_mu_ held. Replaces (or adds) the cached snapshot of meta's stream.
  void Publish(StreamSnapshot snapshot);

  // Apps and checkpoints (rocks_catalog_apps.cc).
  Status LoadApps();
  std::optional<AppMeta> FindApp(std::string_view project_id, std::string_view name) const;
  bool IsLiveStream(std::string_view project_id, std::uint64_t stream_internal_id) const;
  // Adds a Delete of every checkpoint key in [prefix, PrefixEnd(prefix)) to `batch`.
  Status AddCheckpointDeletes(const std::string& prefix, rocksdb::WriteBatch& batch) const;
  // REQUIRES: write_mu_ held. Adds the deletion of every checkpoint on the stream (of every
  // app of the project) to `batch`.
  Status AddStreamCheckpointDeletes(std::string_view project_id,
                                    std::uint64_t stream_internal_id,
                                    rocksdb::WriteBatch& batch) const;

  // Transfer tasks (rocks_catalog_tasks.cc).
  Status LoadTransferTasks();
  std::optional<TransferTaskMeta> FindTask(std::string_view task_id) const;
  // REQUIRES: write_mu_ held. Adds the deletion of every task of the stream, and of their
  // delivery state, to `batch`.
  Status AddStreamTaskDeletes(std::uint64_t stream_internal_id, rocksdb::WriteBatch& batch) const;
  // REQUIRES: cache_mu_ held exclusively. Drops the stream's tasks from the cache.
  void EraseCachedStreamTasks(std::uint64_t stream_internal_id);

  RocksDb& db_;
  RocksPartitionLog& log_;

  std::mutex write_mu_;                  // serialises every catalog write
  std::uint64_t next_internal_id_ = 1;   // GUARDED_BY(write_mu_)

  mutable std::shared_mutex cache_mu_;
  std::map<NameKey, StreamSnapshot, NameLess> by_name_;           // GUARDED_BY(cache_mu_)
  std::map<std::string, StreamSnapshot, std::less<>> by_id_;      // GUARDED_BY(cache_mu_)

  std::uint64_t next_app_internal_id_ = 1;                         // GUARDED_BY(write_mu_)
  std::map<NameKey, AppMeta, NameLess> apps_;                      // GUARDED_BY(cache_mu_)

  std::uint64_t next_task_internal_id_ = 1;                        // GUARDED_BY(write_mu_)
  std::map<std::uint64_t, TransferTaskMeta> tasks_;  // by internal id; GUARDED_BY(cache_mu_)
  std::map<std::string, std::uint64_t, std::less<>> task_ids_;     // GUARDED_BY(cache_mu_)
};

}  // namespace disd::engine
