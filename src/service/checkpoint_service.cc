#include "disd/service/checkpoint_service.h"

#include "disd/common/numbers.h"
#include "disd/common/partition_id.h"
#include "disd/service/consumer_group_coordinator.h"
#include "disd/service/cursor_service.h"
#include "service/stream_lookup.h"

namespace disd::service {

namespace {

Error Required(std::string_view key) {
  return MakeError(ErrorCode::kInvalidRequest, "[" + std::string(key) + " is required]");
}

// UTF-8 code points (continuation bytes are not counted).
std::size_t CharCount(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
  }
  return n;
}

// The fields every checkpoint request needs (get and delete; commit checks more).
Status CheckNames(std::string_view app_name, std::string_view checkpoint_type,
                  std::string_view stream_name, std::string_view stream_id) {
  if (app_name.empty()) return Required("app_name");
  auto type = ParseCheckpointType(checkpoint_type);
  if (!type.ok()) return type.error();
  if (stream_name.empty() && stream_id.empty()) return Required("stream_name");
  return Status::Ok();
}

// The stream a request names, once the app it names is known to exist.
Result<engine::StreamSnapshot> AppAndStream(const engine::Catalog& catalog,
                                            std::string_view project_id,
                                            std::string_view app_name,
                                            std::string_view stream_name,
                                            std::string_view stream_id) {
  auto app = catalog.GetApp(project_id, app_name);
  if (!app.ok()) return app.error();
  return FindStream(catalog, project_id, stream_name, stream_id);
}

// Any partition the stream has (whatever its status): kInvalidPartitionId, kPartitionNotFound.
Result<std::int32_t> ExistingPartition(const engine::StreamMeta& stream, std::string_view id) {
  auto index = ParsePartitionId(id);
  if (!index) return MakeError(ErrorCode::kInvalidPartitionId, "[" + std::string(id) + "]");
  if (*index >= static_cast<std::int32_t>(stream.partitions.size())) {
    return MakeError(ErrorCode::kPartitionNotFound,
                     "[" + FormatPartitionId(*index) + "][" + stream.name + "]");
  }
  return *index;
}

}  // namespace

Result<engine::CheckpointType> ParseCheckpointType(std::string_view text) {
  if (text.empty() || text == "LAST_READ") return engine::CheckpointType::kLastRead;
  return MakeError(ErrorCode::kInvalidRequest,
                   "[checkpoint_type must be LAST_READ, got " + std::string(text) + "]");
}

std::string_view CheckpointTypeName(engine::CheckpointType type) {
  switch (type) {
    case engine::CheckpointType::kLastRead: break;
  }
  return "LAST_READ";
}

CheckpointService::CheckpointService(engine::Catalog& catalog, const engine::PartitionLog& log,
                                     ConsumerGroupCoordinator& coordinator)
    : catalog_(catalog), log_(log), coordinator_(coordinator) {}

Status CheckpointService::Commit(std::string_view project_id, const CheckpointCommit& c) {
  DISD_RETURN_IF_ERROR(CheckNames(c.app_name, c.checkpoint_type, c.stream_name, c.stream_id));
  const auto type = ParseCheckpointType(c.checkpoint_type);
  if (c.partition_id.empty()) {
    return MakeError(ErrorCode::kInvalidPartitionId, "[partition_id is required]");
  }
  auto n = ParseInt64(c.sequence_number);
  if (!n || *n < 0) {
    return MakeError(ErrorCode::kInvalidSequenceNumber,
                     "[sequence_number must be a decimal in 0..9223372036854775807]");
  }
  if (CharCount(c.metadata) > kMaxCheckpointMetadataChars) {
    return MakeError(ErrorCode::kInvalidRequest, "[metadata is longer than 1000 characters]");
  }
  auto found = AppAndStream(catalog_, project_id, c.app_name, c.stream_name, c.stream_id);
  if (!found.ok()) return found.error();
  const engine::StreamMeta& stream = **found;
  auto partition = ResolveReadablePartition(stream, c.partition_id);
  if (!partition.ok()) return partition.error();
  if (!c.client_id.empty()) {
    DISD_RETURN_IF_ERROR(
        coordinator_.CheckMember(project_id, c.app_name, c.client_id, c.generation_id));
  }
  auto range = log_.Range({stream.internal_id, *partition});
  if (!range.ok()) return range.error();
  if (*n < range->first_valid || *n > range->next) {
    return MakeError(ErrorCode::kSequenceNumberOutOfRange,
                     "[" + std::to_string(*n) + "][ should be within ][" +
                         std::to_string(range->first_valid) + "][ ][" +
                         std::to_string(range->next) + "]");
  }
  engine::CheckpointRef ref{std::string(project_id), c.app_name, stream.internal_id, *partition};
  return catalog_.PutCheckpoint(ref, engine::Checkpoint{*n, c.metadata, *type});
}

Result<std::optional<engine::Checkpoint>> CheckpointService::Get(
    std::string_view project_id, const CheckpointSelector& s) const {
  DISD_RETURN_IF_ERROR(CheckNames(s.app_name, s.checkpoint_type, s.stream_name, s.stream_id));
  auto stream = AppAndStream(catalog_, project_id, s.app_name, s.stream_name, s.stream_id);
  if (!stream.ok()) return stream.error();
  if (s.partition_id.empty()) {
    return MakeError(ErrorCode::kInvalidPartitionId, "[partition_id is required]");
  }
  auto partition = ExistingPartition(**stream, s.partition_id);
  if (!partition.ok()) return partition.error();
  return catalog_.GetCheckpoint(engine::CheckpointRef{
      std::string(project_id), s.app_name, (*stream)->internal_id, *partition});
}

Status CheckpointService::Delete(std::string_view project_id, const CheckpointSelector& s) {
  DISD_RETURN_IF_ERROR(CheckNames(s.app_name, s.checkpoint_type, s.stream_name, s.stream_id));
  auto stream = AppAndStream(catalog_, project_id, s.app_name, s.stream_name, s.stream_id);
  if (!stream.ok()) return stream.error();
  std::optional<std::int32_t> partition;
  if (!s.partition_id.empty()) {
    auto p = ExistingPartition(**stream, s.partition_id);
    if (!p.ok()) return p.error();
    partition = *p;
  }
  return catalog_.DeleteCheckpoints(project_id, s.app_name, (*stream)->internal_id, partition);
}

}  // namespace disd::service
