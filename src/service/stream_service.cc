#include "disd/service/stream_service.h"

#include <algorithm>

#include "disd/common/partition_id.h"
#include "service/avro_schema.h"
#include "service/scaling.h"
#include "service/stream_validation.h"

namespace disd::service {

namespace {

Status Invalid(std::string detail) { return MakeError(ErrorCode::kInvalidRequest, std::move(detail)); }

Error StreamMissing(std::string_view name, std::string_view project_id) {
  return MakeError(ErrorCode::kStreamNotFound,
                   "[" + std::string(name) + "][" + std::string(project_id) + "]");
}

std::int32_t QuotaFor(engine::StreamType type, const ServiceOptions& options) {
  return type == engine::StreamType::kAdvanced ? options.advanced_partition_quota
                                               : options.common_partition_quota;
}

}  // namespace

StreamService::StreamService(engine::Catalog& catalog, engine::PartitionLog& log,
                             const Clock& clock, IdGenerator& ids, const ServiceOptions& options)
    : catalog_(catalog), log_(log), clock_(clock), ids_(ids), options_(options) {}

Status StreamService::CheckQuota(std::string_view project_id, engine::StreamType type,
                                 std::int32_t extra_active, std::uint64_t excluding_stream) const {
  std::int64_t used = 0;
  for (const auto& s : catalog_.ListStreams(project_id)) {
    if (s->stream_type != type || s->internal_id == excluding_stream) continue;
    used += s->WritablePartitionCount();
  }
  if (used + extra_active > QuotaFor(type, options_)) {
    return MakeError(ErrorCode::kInsufficientQuota,
                     "[" + std::string(StreamTypeName(type)) + " partitions in use " +
                         std::to_string(used) + ", requested " + std::to_string(extra_active) +
                         ", quota " + std::to_string(QuotaFor(type, options_)) + "]");
  }
  return Status::Ok();
}

Status StreamService::Create(std::string_view project_id, const StreamSpec& spec) {
  DISD_RETURN_IF_ERROR(ValidateStreamName(spec.name));
  if (spec.partition_count < 1) return Invalid("[partition_count] must be an integer >= 1");
  auto type = ParseStreamType(spec.stream_type);
  if (!type.ok()) return type.error();
  auto data_type = ParseDataType(spec.data_type);
  if (!data_type.ok()) return data_type.error();
  auto retention = ValidateRetention(spec.data_duration, options_);
  if (!retention.ok()) return retention.error();
  DISD_RETURN_IF_ERROR(ValidateCompressionFormat(spec.compression_format));
  DISD_RETURN_IF_ERROR(ValidateTags(spec.tags));
  DISD_RETURN_IF_ERROR(ValidateSysTags(spec.sys_tags));
  DISD_RETURN_IF_ERROR(ValidateAutoScale(spec.auto_scale_enabled, spec.auto_scale_min_partitions,
                                         spec.auto_scale_max_partitions, spec.partition_count));
  if (!spec.data_schema.empty()) DISD_RETURN_IF_ERROR(ValidateAvroSchema(spec.data_schema));
  const auto partitions =
      static_cast<std::int32_t>(std::min<std::int64_t>(spec.partition_count, INT32_MAX));

  std::lock_guard quota_lock(quota_mu_);
  DISD_RETURN_IF_ERROR(CheckQuota(project_id, *type, partitions, 0));

  const std::int64_t now = clock_.NowMs();
  engine::StreamMeta meta;
  meta.project_id = std::string(project_id);
  meta.name = spec.name;
  meta.stream_id = ids_.Alphanumeric(19);
  meta.create_time_ms = now;
  meta.last_modified_ms = now;
  meta.ready_at_ms = now + options_.creating_delay_ms;
  meta.stream_type = *type;
  meta.data_type = *data_type;
  meta.retention_hours = *retention;
  meta.data_schema = spec.data_schema;
  meta.compression_format = spec.compression_format;
  meta.csv_delimiter = spec.csv_delimiter;
  meta.auto_scale_enabled = spec.auto_scale_enabled;
  if (spec.auto_scale_enabled) {
    meta.auto_scale_min_partitions = static_cast<std::int32_t>(*spec.auto_scale_min_partitions);
    meta.auto_scale_max_partitions =
        static_cast<std::int32_t>(std::min<std::int64_t>(*spec.auto_scale_max_partitions, INT32_MAX));
  }
  meta.tags = spec.tags;
  meta.sys_tags = spec.sys_tags;
  for (std::int32_t i = 0; i < partitions; ++i) {
    engine::PartitionMeta p;
    p.index = i;
    p.status_changed_ms = now;
    meta.partitions.push_back(p);
  }
  AssignHashRanges(meta);
  auto created = catalog_.CreateStream(std::move(meta));
  return created.status();
}

Result<StreamPage> StreamService::List(std::string_view project_id, std::int64_t limit,
                                       std::string_view start_after) const {
  if (limit < 1 || limit > 100) return MakeError(ErrorCode::kInvalidRequest, "[limit] must be 1-100");
  auto all = catalog_.ListStreams(project_id);
  StreamPage page;
  page.total_number = static_cast<std::int64_t>(all.size());
  auto it = all.begin();
  if (!start_after.empty()) {
    it = std::upper_bound(all.begin(), all.end(), start_after,
                          [](std::string_view name, const engine::StreamSnapshot& s) {
                            return name < std::string_view(s->name);
                          });
  }
  for (; it != all.end() && static_cast<std::int64_t>(page.streams.size()) < limit; ++it) {
    page.streams.push_back(*it);
  }
  page.has_more = it != all.end();
  return page;
}

Result<StreamDescription> StreamService::Describe(std::string_view project_id,
                                                  std::string_view name,
                                                  std::optional<std::int32_t> start_after_partition,
                                                  std::int64_t limit) const {
  if (limit < 1 || limit > 1000) {
    return MakeError(ErrorCode::kInvalidRequest, "[limit_partitions] must be 1-1000");
  }
  auto stream = catalog_.GetStream(project_id, name);
  if (!stream.ok()) return StreamMissing(name, project_id);
  StreamDescription d;
  d.stream = *stream;
  d.status = std::string(StatusOf(**stream));
  std::int32_t first = start_after_partition ? *start_after_partition + 1 : 0;
  const auto& parts = (*stream)->partitions;
  for (std::int32_t i = std::max(first, 0); i < static_cast<std::int32_t>(parts.size()); ++i) {
    if (static_cast<std::int64_t>(d.partitions.size()) == limit) {
      d.has_more_partitions = true;
      break;
    }
    auto range = log_.Range({(*stream)->internal_id, i});
    if (!range.ok()) return range.error();
    d.partitions.push_back(PartitionView{parts[i], *range});
  }
  return d;
}

Status StreamService::Delete(std::string_view project_id, std::string_view name) {
  Status s = catalog_.DeleteStream(project_id, name);
  if (!s.ok() && s.code() == ErrorCode::kStreamNotFound) return StreamMissing(name, project_id);
  return s;
}

Result<ScaleResult> StreamService::UpdatePartitionCount(std::string_view project_id,
                                                        std::string_view name,
                                                        std::int64_t target, bool auto_scale) {
  if (target < 1) return MakeError(ErrorCode::kInvalidRequest, "[target_partition_count] must be >= 1");
  auto stream = catalog_.GetStream(project_id, name);
  if (!stream.ok()) return StreamMissing(name, project_id);
  const std::int32_t current = (*stream)->WritablePartitionCount();
  if (target == current) {
    return MakeError(ErrorCode::kInvalidRequest,
                     "[target_partition_count] equals the current partition count " +
                         std::to_string(current));
  }
  std::unique_lock<std::mutex> quota_lock(quota_mu_, std::defer_lock);
  if (target > current) {
    quota_lock.lock();
    DISD_RETURN_IF_ERROR(CheckQuota(project_id, (*stream)->stream_type,
                                    static_cast<std::int32_t>(std::min<std::int64_t>(target, INT32_MAX)),
                                    (*stream)->internal_id));
  }
  const std::int64_t now = clock_.NowMs();
  ScaleResult result;
  auto updated = catalog_.MutateStream(project_id, name, [&](engine::StreamMeta& meta) -> Status {
    DISD_RETURN_IF_ERROR(CheckScalingBudget(meta, now, options_));
    result.previous_count = meta.WritablePartitionCount();
    if (result.previous_count == target) {
      return MakeError(ErrorCode::kInvalidRequest,
                       "[target_partition_count] equals the current partition count");
    }
    ApplyScaling(meta, static_cast<std::int32_t>(target), now, auto_scale);
    result.current_count = meta.WritablePartitionCount();
    return Status::Ok();
  });
  if (!updated.ok()) {
    if (updated.error().code == ErrorCode::kStreamNotFound) return StreamMissing(name, project_id);
    return updated.error();
  }
  return result;
}

Status StreamService::Update(std::string_view project_id, std::string_view name,
                             const StreamUpdate& update) {
  std::optional<std::int32_t> retention;
  if (update.data_duration) {
    auto r = ValidateRetention(update.data_duration, options_);
    if (!r.ok()) return r.error();
    retention = *r;
  }
  std::optional<engine::DataType> data_type;
  if (update.data_type) {
    auto t = ParseDataType(*update.data_type);
    if (!t.ok()) return t.error();
    data_type = *t;
  }
  if (update.data_schema && !update.data_schema->empty()) {
    DISD_RETURN_IF_ERROR(ValidateAvroSchema(*update.data_schema));
  }
  const std::int64_t now = clock_.NowMs();
  auto updated = catalog_.MutateStream(project_id, name, [&](engine::StreamMeta& meta) -> Status {
    bool enabled = update.auto_scale_enabled.value_or(meta.auto_scale_enabled);
    auto min = update.auto_scale_min_partitions;
    auto max = update.auto_scale_max_partitions;
    if (enabled && !min && meta.auto_scale_min_partitions > 0) min = meta.auto_scale_min_partitions;
    if (enabled && !max && meta.auto_scale_max_partitions > 0) max = meta.auto_scale_max_partitions;
    DISD_RETURN_IF_ERROR(ValidateAutoScale(enabled, min, max, meta.WritablePartitionCount()));
    if (retention) meta.retention_hours = *retention;
    if (data_type) meta.data_type = *data_type;
    if (update.data_schema) meta.data_schema = *update.data_schema;
    meta.auto_scale_enabled = enabled;
    if (enabled) {
      meta.auto_scale_min_partitions = static_cast<std::int32_t>(*min);
      meta.auto_scale_max_partitions = static_cast<std::int32_t>(std::min<std::int64_t>(*max, INT32_MAX));
    }
    meta.last_modified_ms = now;
    return Status::Ok();
  });
  if (!updated.ok() && updated.error().code == ErrorCode::kStreamNotFound) {
    return StreamMissing(name, project_id);
  }
  return updated.status();
}

Result<engine::StreamSnapshot> StreamService::ResolveRunning(std::string_view project_id,
                                                             std::string_view name,
                                                             std::string_view stream_id) const {
  Result<engine::StreamSnapshot> stream = MakeError(ErrorCode::kStreamNotFound);
  if (!name.empty()) stream = catalog_.GetStream(project_id, name);
  if (!stream.ok() && !stream_id.empty()) {
    auto by_id = catalog_.GetStreamById(stream_id);
    if (by_id.ok() && (*by_id)->project_id == project_id) stream = *by_id;
  }
  if (!stream.ok()) {
    return StreamMissing(name.empty() ? stream_id : name, project_id);
  }
  if (StatusOf(**stream) != "RUNNING") return MakeError(ErrorCode::kStreamNotRunning);
  return stream;
}

std::string_view StreamService::StatusOf(const engine::StreamMeta& stream) const {
  return clock_.NowMs() < stream.ready_at_ms ? "CREATING" : "RUNNING";
}

}  // namespace disd::service
