// RocksCatalog: apps and checkpoints. Apps are cached like stream metas; checkpoints are
// read from RocksDB. Every write holds write_mu_, the same lock as DeleteStream, which is
// what keeps a checkpoint from outliving its stream or its app.
#include <rocksdb/write_batch.h>

#include <algorithm>

#include "engine/consumer_codec.h"
#include "engine/key_codec.h"
#include "engine/rocks_catalog.h"
#include "engine/rocks_catalog_util.h"

namespace disd::engine {
namespace {

Error AppMissing(std::string_view name) {
  return MakeError(ErrorCode::kAppNotFound, "[" + std::string(name) + "]");
}

Error CorruptCheckpoint() {
  return MakeError(ErrorCode::kInternal, "corrupt checkpoint in the catalog");
}

}  // namespace

Status RocksCatalog::LoadApps() {
  std::uint64_t max_id = 0;
  Status scanned = Scan(db_, CatalogKindBegin(CatalogKind::kApp), CatalogKindEnd(CatalogKind::kApp),
                        [&](std::string_view key, std::string_view value) -> Status {
                          auto app = DecodeAppMeta(value);
                          if (!app || key != EncodeAppKey(app->internal_id)) {
                            return MakeError(ErrorCode::kInternal, "corrupt app in the catalog");
                          }
                          max_id = std::max(max_id, app->internal_id);
                          apps_[NameKey{app->project_id, app->name}] = std::move(*app);
                          return Status::Ok();
                        });
  DISD_RETURN_IF_ERROR(scanned);
  auto persisted = ReadCounter(db_, kAppInternalIdCounter);
  if (!persisted.ok()) return persisted.error();
  next_app_internal_id_ = std::max({*persisted, max_id + 1, std::uint64_t{1}});
  return Status::Ok();
}

std::optional<AppMeta> RocksCatalog::FindApp(std::string_view project_id,
                                             std::string_view name) const {
  std::shared_lock lock(cache_mu_);
  auto it = apps_.find(NameView{project_id, name});
  if (it == apps_.end()) return std::nullopt;
  return it->second;
}

bool RocksCatalog::IsLiveStream(std::string_view project_id,
                                std::uint64_t stream_internal_id) const {
  std::shared_lock lock(cache_mu_);
  for (auto it = by_name_.lower_bound(NameView{project_id, ""});
       it != by_name_.end() && it->first.project == project_id; ++it) {
    if (it->second->internal_id == stream_internal_id) return true;
  }
  return false;
}

Status RocksCatalog::AddCheckpointDeletes(const std::string& prefix,
                                          rocksdb::WriteBatch& batch) const {
  return Scan(db_, prefix, PrefixEnd(prefix), [&](std::string_view key, std::string_view) {
    rocksdb::Status s = batch.Delete(db_.catalog(), ToSlice(key));
    return s.ok() ? Status::Ok() : Status(RocksError(s, "deleting checkpoints"));
  });
}

Status RocksCatalog::AddStreamCheckpointDeletes(std::string_view project_id,
                                                std::uint64_t stream_internal_id,
                                                rocksdb::WriteBatch& batch) const {
  for (const AppMeta& app : ListApps(project_id)) {
    DISD_RETURN_IF_ERROR(
        AddCheckpointDeletes(CheckpointStreamPrefix(app.internal_id, stream_internal_id), batch));
  }
  return Status::Ok();
}

Result<AppMeta> RocksCatalog::CreateApp(AppMeta app, std::size_t max_apps_per_project) {
  return Guarded("creating an app", [&]() -> Result<AppMeta> {
    std::lock_guard write_lock(write_mu_);
    if (FindApp(app.project_id, app.name)) {
      return MakeError(ErrorCode::kAppExists, "[" + app.name + "]");
    }
    {
      std::shared_lock lock(cache_mu_);
      std::size_t in_project = 0;
      for (auto it = apps_.lower_bound(NameView{app.project_id, ""});
           it != apps_.end() && it->first.project == app.project_id; ++it) {
        ++in_project;
      }
      if (in_project >= max_apps_per_project) {
        return MakeError(ErrorCode::kAppQuotaExceeded,
                         "[the project has " + std::to_string(in_project) + " apps, quota " +
                             std::to_string(max_apps_per_project) + "]");
      }
      for (const auto& [key, existing] : apps_) {
        if (existing.app_id == app.app_id) {
          return MakeError(ErrorCode::kInternal, "app id collision");
        }
      }
    }
    // The id is consumed even if the write fails: ids are cheap, reuse is not.
    app.internal_id = next_app_internal_id_++;
    rocksdb::WriteBatch batch;
    rocksdb::Status s = batch.Put(db_.catalog(), EncodeAppKey(app.internal_id), EncodeAppMeta(app));
    if (s.ok()) {
      s = batch.Put(db_.catalog(), EncodeCounterKey(kAppInternalIdCounter),
                    EncodeCounter(next_app_internal_id_));
    }
    if (s.ok()) s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "creating an app");
    std::unique_lock lock(cache_mu_);
    apps_[NameKey{app.project_id, app.name}] = app;
    return app;
  });
}

Result<AppMeta> RocksCatalog::GetApp(std::string_view project_id, std::string_view name) const {
  auto app = FindApp(project_id, name);
  if (!app) return AppMissing(name);
  return *app;
}

std::vector<AppMeta> RocksCatalog::ListApps(std::string_view project_id) const {
  std::vector<AppMeta> out;
  std::shared_lock lock(cache_mu_);
  for (auto it = apps_.lower_bound(NameView{project_id, ""});
       it != apps_.end() && it->first.project == project_id; ++it) {
    out.push_back(it->second);
  }
  return out;
}

Status RocksCatalog::DeleteApp(std::string_view project_id, std::string_view name) {
  return Guarded("deleting an app", [&]() -> Status {
    std::lock_guard write_lock(write_mu_);
    auto app = FindApp(project_id, name);
    if (!app) return AppMissing(name);
    rocksdb::WriteBatch batch;
    rocksdb::Status s = batch.Delete(db_.catalog(), EncodeAppKey(app->internal_id));
    if (!s.ok()) return RocksError(s, "deleting an app");
    // One atomic write: the app and every checkpoint it holds.
    DISD_RETURN_IF_ERROR(AddCheckpointDeletes(CheckpointAppPrefix(app->internal_id), batch));
    s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "deleting an app");
    std::unique_lock lock(cache_mu_);
    if (auto it = apps_.find(NameView{project_id, name}); it != apps_.end()) apps_.erase(it);
    return Status::Ok();
  });
}

Status RocksCatalog::PutCheckpoint(const CheckpointRef& ref, const Checkpoint& checkpoint) {
  return Guarded("committing a checkpoint", [&]() -> Status {
    std::lock_guard write_lock(write_mu_);
    auto app = FindApp(ref.project_id, ref.app_name);
    if (!app) return AppMissing(ref.app_name);
    if (!IsLiveStream(ref.project_id, ref.stream_internal_id)) {
      return MakeError(ErrorCode::kStreamNotFound, "[the stream was deleted]");
    }
    rocksdb::Status s =
        db_.db()->Put(db_.write_options(), db_.catalog(),
                      EncodeCheckpointKey(app->internal_id, ref.stream_internal_id, ref.partition),
                      EncodeCheckpoint(checkpoint));
    if (!s.ok()) return RocksError(s, "committing a checkpoint");
    return Status::Ok();
  });
}

Result<std::optional<Checkpoint>> RocksCatalog::GetCheckpoint(const CheckpointRef& ref) const {
  return Guarded("reading a checkpoint", [&]() -> Result<std::optional<Checkpoint>> {
    auto app = FindApp(ref.project_id, ref.app_name);
    if (!app) return AppMissing(ref.app_name);
    std::string value;
    rocksdb::Status s = db_.db()->Get(
        rocksdb::ReadOptions(), db_.catalog(),
        EncodeCheckpointKey(app->internal_id, ref.stream_internal_id, ref.partition), &value);
    if (s.IsNotFound()) return std::optional<Checkpoint>();
    if (!s.ok()) return RocksError(s, "reading a checkpoint");
    auto checkpoint = DecodeCheckpoint(value);
    if (!checkpoint) return CorruptCheckpoint();
    return std::optional<Checkpoint>(std::move(*checkpoint));
  });
}

Result<std::vector<PartitionCheckpoint>> RocksCatalog::ListCheckpoints(
    std::string_view project_id, std::string_view app_name,
    std::uint64_t stream_internal_id) const {
  return Guarded("reading checkpoints", [&]() -> Result<std::vector<PartitionCheckpoint>> {
    auto app = FindApp(project_id, app_name);
    if (!app) return AppMissing(app_name);
    std::vector<PartitionCheckpoint> out;
    const std::string prefix = CheckpointStreamPrefix(app->internal_id, stream_internal_id);
    Status scanned =
        Scan(db_, prefix, PrefixEnd(prefix),
             [&](std::string_view key, std::string_view value) -> Status {
               auto k = DecodeCheckpointKey(key);
               auto checkpoint = DecodeCheckpoint(value);
               if (!k || !checkpoint) return CorruptCheckpoint();
               out.push_back(PartitionCheckpoint{k->partition, std::move(*checkpoint)});
               return Status::Ok();
             });
    if (!scanned.ok()) return scanned.error();
    return out;
  });
}

Result<std::vector<std::uint64_t>> RocksCatalog::CheckpointedStreams(
    std::string_view project_id, std::string_view app_name) const {
  return Guarded("reading checkpoints", [&]() -> Result<std::vector<std::uint64_t>> {
    auto app = FindApp(project_id, app_name);
    if (!app) return AppMissing(app_name);
    std::vector<std::uint64_t> out;
    const std::string prefix = CheckpointAppPrefix(app->internal_id);
    Status scanned =
        Scan(db_, prefix, PrefixEnd(prefix), [&](std::string_view key, std::string_view) -> Status {
          auto k = DecodeCheckpointKey(key);
          if (!k) return CorruptCheckpoint();
          if (out.empty() || out.back() != k->stream_internal_id) {
            out.push_back(k->stream_internal_id);
          }
          return Status::Ok();
        });
    if (!scanned.ok()) return scanned.error();
    return out;
  });
}

Status RocksCatalog::DeleteCheckpoints(std::string_view project_id, std::string_view app_name,
                                       std::uint64_t stream_internal_id,
                                       std::optional<std::int32_t> partition) {
  return Guarded("deleting checkpoints", [&]() -> Status {
    std::lock_guard write_lock(write_mu_);
    auto app = FindApp(project_id, app_name);
    if (!app) return AppMissing(app_name);
    rocksdb::WriteBatch batch;
    if (partition) {
      rocksdb::Status s = batch.Delete(
          db_.catalog(), EncodeCheckpointKey(app->internal_id, stream_internal_id, *partition));
      if (!s.ok()) return RocksError(s, "deleting checkpoints");
    } else {
      DISD_RETURN_IF_ERROR(AddCheckpointDeletes(
          CheckpointStreamPrefix(app->internal_id, stream_internal_id), batch));
    }
    if (batch.Count() == 0) return Status::Ok();
    rocksdb::Status s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "deleting checkpoints");
    return Status::Ok();
  });
}

}  // namespace disd::engine
