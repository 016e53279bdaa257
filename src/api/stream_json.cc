#include "api/stream_json.h"

#include <nlohmann/json.hpp>

#include "disd/common/hash_range.h"
#include "disd/common/partition_id.h"
#include "service/stream_validation.h"

namespace disd::api {

using nlohmann::json;

std::string_view PartitionStatusName(engine::PartitionStatus status) {
  switch (status) {
    case engine::PartitionStatus::kDeleted: return "DELETED";
    case engine::PartitionStatus::kExpired: return "EXPIRED";
    case engine::PartitionStatus::kActive: break;
  }
  return "ACTIVE";
}

namespace {

void AddAutoScale(json& out, const engine::StreamMeta& s) {
  out["auto_scale_enabled"] = s.auto_scale_enabled;
  out["auto_scale_min_partition_count"] = s.auto_scale_min_partitions;
  out["auto_scale_max_partition_count"] = s.auto_scale_max_partitions;
}

}  // namespace

json TagsJson(const std::vector<engine::Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"key", t.key}, {"value", t.value}});
  return out;
}

json ScalingRecordJson(const engine::ScalingRecord& r) {
  return {{"create_timestamp", r.create_timestamp_ms},
          {"src_partition_count", r.src_partition_count},
          {"target_partition_count", r.target_partition_count},
          {"result_code", r.result_code},
          {"result_msg", r.result_msg},
          {"auto_scale", r.auto_scale}};
}

json StreamInfoJson(const engine::StreamMeta& s, std::string_view status) {
  json out = {
      {"stream_id", s.stream_id},
      {"stream_name", s.name},
      {"create_time", s.create_time_ms},
      {"retention_period", s.retention_hours},
      {"status", status},
      {"stream_type", service::StreamTypeName(s.stream_type)},
      {"data_type", service::DataTypeName(s.data_type)},
      {"partition_count", s.WritablePartitionCount()},
      {"tags", TagsJson(s.tags)},
      {"sys_tags", TagsJson(s.sys_tags)},
  };
  AddAutoScale(out, s);
  return out;
}

json DescribeJson(const service::StreamDescription& d) {
  const engine::StreamMeta& s = *d.stream;
  json partitions = json::array();
  for (const auto& p : d.partitions) {
    partitions.push_back({
        {"partition_id", FormatPartitionId(p.meta.index)},
        {"status", PartitionStatusName(p.meta.status)},
        {"hash_range", FormatHashRange({p.meta.hash_lo, p.meta.hash_hi})},
        {"sequence_number_range", "[" + std::to_string(p.range.first_valid) + " : " +
                                      std::to_string(p.range.next) + "]"},
        {"parent_partitions", ""},
    });
  }
  json scaling = json::array();
  for (const auto& r : s.scaling_log) scaling.push_back(ScalingRecordJson(r));
  json out = {
      {"stream_id", s.stream_id},
      {"stream_name", s.name},
      {"create_time", s.create_time_ms},
      {"last_modified_time", s.last_modified_ms},
      {"retention_period", s.retention_hours},
      {"status", d.status},
      {"stream_type", service::StreamTypeName(s.stream_type)},
      {"data_type", service::DataTypeName(s.data_type)},
      {"writable_partition_count", s.WritablePartitionCount()},
      {"readable_partition_count", s.ReadablePartitionCount()},
      {"partitions", std::move(partitions)},
      {"has_more_partitions", d.has_more_partitions},
      {"update_partition_counts", std::move(scaling)},
      {"tags", TagsJson(s.tags)},
      {"sys_tags", TagsJson(s.sys_tags)},
  };
  if (!s.data_schema.empty()) out["data_schema"] = s.data_schema;
  if (!s.compression_format.empty()) out["compression_format"] = s.compression_format;
  if (s.csv_delimiter) out["csv_properties"] = {{"delimiter", *s.csv_delimiter}};
  AddAutoScale(out, s);
  return out;
}

}  // namespace disd::api
