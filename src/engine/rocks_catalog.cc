#include "engine/rocks_catalog.h"

#include <algorithm>

#include <rocksdb/write_batch.h>

#include "engine/key_codec.h"
#include "engine/rocks_catalog_util.h"
#include "engine/stream_meta_codec.h"

namespace disd::engine {
namespace {

Error NotFound(std::string_view name) {
  return MakeError(ErrorCode::kStreamNotFound, std::string(name));
}

bool SameIdentity(const StreamMeta& a, const StreamMeta& b) {
  return a.internal_id == b.internal_id && a.project_id == b.project_id && a.name == b.name &&
         a.stream_id == b.stream_id;
}

}  // namespace

Result<std::unique_ptr<RocksCatalog>> RocksCatalog::Open(RocksDb& db, RocksPartitionLog& log) {
  std::unique_ptr<RocksCatalog> catalog(new RocksCatalog(db, log));
  DISD_RETURN_IF_ERROR(Guarded("loading the catalog", [&] { return catalog->Load(); }));
  return catalog;
}

Status RocksCatalog::Load() {
  std::uint64_t max_id = 0;
  std::vector<std::uint64_t> live;
  const std::string begin = CatalogKindBegin(CatalogKind::kStream);
  const std::string end = CatalogKindEnd(CatalogKind::kStream);
  const rocksdb::Slice upper(end);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper;
  options.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_.db()->NewIterator(options, db_.catalog()));
  for (it->Seek(begin); it->Valid(); it->Next()) {
    auto meta = DecodeStreamMeta(ToView(it->value()));
    if (!meta || it->key() != rocksdb::Slice(EncodeStreamMetaKey(meta->internal_id))) {
      return MakeError(ErrorCode::kInternal, "corrupt stream meta in the catalog");
    }
    max_id = std::max(max_id, meta->internal_id);
    live.push_back(meta->internal_id);
    auto snapshot = std::make_shared<const StreamMeta>(std::move(*meta));
    by_id_[snapshot->stream_id] = snapshot;
    by_name_[NameKey{snapshot->project_id, snapshot->name}] = snapshot;
  }
  if (!it->status().ok()) return RocksError(it->status(), "loading the catalog");

  auto persisted = ReadCounter(db_, kInternalIdCounter);
  if (!persisted.ok()) return persisted.error();
  next_internal_id_ = std::max({*persisted, max_id + 1, std::uint64_t{1}});
  log_.ResetLiveness(live, next_internal_id_);
  DISD_RETURN_IF_ERROR(LoadApps());
  return LoadTransferTasks();
}

StreamSnapshot RocksCatalog::Find(std::string_view project_id, std::string_view name) const {
  std::shared_lock lock(cache_mu_);
  auto it = by_name_.find(NameView{project_id, name});
  return it == by_name_.end() ? nullptr : it->second;
}

void RocksCatalog::Publish(StreamSnapshot snapshot) {
  std::unique_lock lock(cache_mu_);
  by_id_[snapshot->stream_id] = snapshot;
  by_name_[NameKey{snapshot->project_id, snapshot->name}] = std::move(snapshot);
}

Result<StreamSnapshot> RocksCatalog::CreateStream(StreamMeta meta) {
  return Guarded("creating a stream", [&]() -> Result<StreamSnapshot> {
    std::lock_guard write_lock(write_mu_);
    if (Find(meta.project_id, meta.name)) {
      return MakeError(ErrorCode::kStreamExists, meta.name);
    }
    {
      std::shared_lock lock(cache_mu_);
      if (by_id_.contains(meta.stream_id)) {
        return MakeError(ErrorCode::kInternal, "stream id collision");
      }
    }
    // The id is consumed even if the write fails: ids are cheap, reuse is not.
    meta.internal_id = next_internal_id_++;
    rocksdb::WriteBatch batch;
    rocksdb::Status s = batch.Put(db_.catalog(), EncodeStreamMetaKey(meta.internal_id),
                                  EncodeStreamMeta(meta));
    if (s.ok()) {
      s = batch.Put(db_.catalog(), EncodeCounterKey(kInternalIdCounter),
                    EncodeCounter(next_internal_id_));
    }
    // The log learns of the id before anyone can see the stream.
    log_.OnStreamCreated(meta.internal_id);
    if (s.ok()) s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "creating a stream");
    auto snapshot = std::make_shared<const StreamMeta>(std::move(meta));
    Publish(snapshot);
    return StreamSnapshot(snapshot);
  });
}

Result<StreamSnapshot> RocksCatalog::GetStream(std::string_view project_id,
                                               std::string_view name) const {
  StreamSnapshot snapshot = Find(project_id, name);
  if (!snapshot) return NotFound(name);
  return snapshot;
}

Result<StreamSnapshot> RocksCatalog::GetStreamById(std::string_view stream_id) const {
  std::shared_lock lock(cache_mu_);
  auto it = by_id_.find(stream_id);
  if (it == by_id_.end()) return NotFound(stream_id);
  return it->second;
}

std::vector<StreamSnapshot> RocksCatalog::ListStreams(std::string_view project_id) const {
  std::vector<StreamSnapshot> out;
  std::shared_lock lock(cache_mu_);
  for (auto it = by_name_.lower_bound(NameView{project_id, ""});
       it != by_name_.end() && it->first.project == project_id; ++it) {
    out.push_back(it->second);
  }
  return out;
}

std::vector<StreamSnapshot> RocksCatalog::ListAllStreams() const {
  std::vector<StreamSnapshot> out;
  std::shared_lock lock(cache_mu_);
  out.reserve(by_name_.size());
  for (const auto& [key, snapshot] : by_name_) out.push_back(snapshot);
  return out;
}

Result<StreamSnapshot> RocksCatalog::MutateStream(
    std::string_view project_id, std::string_view name,
    const std::function<Status(StreamMeta&)>& mutate) {
  return Guarded("updating a stream", [&]() -> Result<StreamSnapshot> {
    std::lock_guard write_lock(write_mu_);
    StreamSnapshot current = Find(project_id, name);
    if (!current) return NotFound(name);
    StreamMeta updated = *current;
    DISD_RETURN_IF_ERROR(mutate(updated));
    if (!SameIdentity(*current, updated)) {
      return MakeError(ErrorCode::kInternal, "a stream update changed the stream's identity");
    }
    rocksdb::WriteBatch batch;
    rocksdb::Status s = batch.Put(db_.catalog(), EncodeStreamMetaKey(updated.internal_id),
                                  EncodeStreamMeta(updated));
    if (s.ok()) s = db_.db()->Write(db_.write_options(), &batch);
    if (!s.ok()) return RocksError(s, "updating a stream");
    auto snapshot = std::make_shared<const StreamMeta>(std::move(updated));
    Publish(snapshot);
    return StreamSnapshot(snapshot);
  });
}

Status RocksCatalog::DeleteStream(std::string_view project_id, std::string_view name) {
  return Guarded("deleting a stream", [&]() -> Status {
    std::lock_guard write_lock(write_mu_);
    StreamSnapshot current = Find(project_id, name);
    if (!current) return NotFound(name);
    rocksdb::WriteBatch batch;
    rocksdb::Status s = batch.Delete(db_.catalog(), EncodeStreamMetaKey(current->internal_id));
    if (!s.ok()) return RocksError(s, "deleting a stream");
    DISD_RETURN_IF_ERROR(AddStreamCheckpointDeletes(project_id, current->internal_id, batch));
    DISD_RETURN_IF_ERROR(AddStreamTaskDeletes(current->internal_id, batch));
    // One atomic write: the meta, its checkpoints and transfer tasks (with their delivery
    // state), every record and partition state.
    DISD_RETURN_IF_ERROR(log_.DeleteStreamData(current->internal_id, batch));
    std::unique_lock lock(cache_mu_);
    EraseCachedStreamTasks(current->internal_id);
    if (auto it = by_name_.find(NameView{project_id, name}); it != by_name_.end()) {
      by_name_.erase(it);
    }
    if (auto it = by_id_.find(current->stream_id); it != by_id_.end()) by_id_.erase(it);
    return Status::Ok();
  });
}

}  // namespace disd::engine
