#include "engine/stream_meta_codec.h"

#include "engine/byte_codec.h"

// Version 1 layout (v = varint, s = zigzag varint, str = varint length + bytes):
//   u8 version | v internal_id | str project_id | str name | str stream_id
//   s create_time_ms | s last_modified_ms | s ready_at_ms | u8 stream_type | u8 data_type
//   s retention_hours | str data_schema | str compression_format
//   u8 has_csv_delimiter [str csv_delimiter] | u8 auto_scale_enabled
//   s auto_scale_min_partitions | s auto_scale_max_partitions
//   v n, n x (str key, str value)                         tags
//   v n, n x (str key, str value)                         sys_tags
//   v n, n x (s index, u8 status, v hash_lo, v hash_hi, s status_changed_ms)  partitions
//   v n, n x (s create_timestamp_ms, s src, s target, s result_code, str result_msg,
//             u8 auto_scale)                              scaling_log
// Version 2 appends:
//   v n, n x (str principal, str principal_name, str action_type, str effect)  policies

namespace disd::engine {
namespace {

void PutTags(ByteWriter& w, const std::vector<Tag>& tags) {
  w.PutVarint(tags.size());
  for (const Tag& tag : tags) {
    w.PutString(tag.key);
    w.PutString(tag.value);
  }
}

bool GetTags(ByteReader& r, std::vector<Tag>& tags) {
  std::size_t n = 0;
  if (!r.GetCount(n)) return false;
  tags.resize(n);
  for (Tag& tag : tags) {
    if (!r.GetString(tag.key) || !r.GetString(tag.value)) return false;
  }
  return true;
}

// Reads a u8 enum, rejecting values above `max`.
template <typename Enum>
bool GetEnum(ByteReader& r, Enum& value, Enum max) {
  std::uint8_t raw = 0;
  if (!r.GetU8(raw) || raw > static_cast<std::uint8_t>(max)) return false;
  value = static_cast<Enum>(raw);
  return true;
}

}  // namespace

std::string EncodeStreamMeta(const StreamMeta& meta) {
  std::string out;
  out.reserve(128 + meta.data_schema.size() + meta.partitions.size() * 24);
  ByteWriter w(out);
  w.PutU8(kStreamMetaCodecVersion);
  w.PutVarint(meta.internal_id);
  w.PutString(meta.project_id);
  w.PutString(meta.name);
  w.PutString(meta.stream_id);
  w.PutSignedVarint(meta.create_time_ms);
  w.PutSignedVarint(meta.last_modified_ms);
  w.PutSignedVarint(meta.ready_at_ms);
  w.PutU8(static_cast<std::uint8_t>(meta.stream_type));
  w.PutU8(static_cast<std::uint8_t>(meta.data_type));
  w.PutSignedVarint(meta.retention_hours);
  w.PutString(meta.data_schema);
  w.PutString(meta.compression_format);
  w.PutBool(meta.csv_delimiter.has_value());
  if (meta.csv_delimiter) w.PutString(*meta.csv_delimiter);
  w.PutBool(meta.auto_scale_enabled);
  w.PutSignedVarint(meta.auto_scale_min_partitions);
  w.PutSignedVarint(meta.auto_scale_max_partitions);
  PutTags(w, meta.tags);
  PutTags(w, meta.sys_tags);
  w.PutVarint(meta.partitions.size());
  for (const PartitionMeta& p : meta.partitions) {
    w.PutSignedVarint(p.index);
    w.PutU8(static_cast<std::uint8_t>(p.status));
    w.PutVarint(p.hash_lo);
    w.PutVarint(p.hash_hi);
    w.PutSignedVarint(p.status_changed_ms);
  }
  w.PutVarint(meta.scaling_log.size());
  for (const ScalingRecord& s : meta.scaling_log) {
    w.PutSignedVarint(s.create_timestamp_ms);
    w.PutSignedVarint(s.src_partition_count);
    w.PutSignedVarint(s.target_partition_count);
    w.PutSignedVarint(s.result_code);
    w.PutString(s.result_msg);
    w.PutBool(s.auto_scale);
  }
  w.PutVarint(meta.policies.size());
  for (const StreamPolicy& p : meta.policies) {
    w.PutString(p.principal);
    w.PutString(p.principal_name);
    w.PutString(p.action_type);
    w.PutString(p.effect);
  }
  return out;
}

std::optional<StreamMeta> DecodeStreamMeta(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t version = 0;
  if (!r.GetU8(version) || version == 0 || version > kStreamMetaCodecVersion) {
    return std::nullopt;
  }
  StreamMeta m;
  bool has_csv = false;
  r.GetVarint(m.internal_id);
  r.GetString(m.project_id);
  r.GetString(m.name);
  r.GetString(m.stream_id);
  r.GetSignedVarint(m.create_time_ms);
  r.GetSignedVarint(m.last_modified_ms);
  r.GetSignedVarint(m.ready_at_ms);
  if (!GetEnum(r, m.stream_type, StreamType::kAdvanced) ||
      !GetEnum(r, m.data_type, DataType::kCsv)) {
    return std::nullopt;
  }
  r.GetSignedVarint32(m.retention_hours);
  r.GetString(m.data_schema);
  r.GetString(m.compression_format);
  if (r.GetBool(has_csv) && has_csv) {
    m.csv_delimiter.emplace();
    r.GetString(*m.csv_delimiter);
  }
  r.GetBool(m.auto_scale_enabled);
  r.GetSignedVarint32(m.auto_scale_min_partitions);
  r.GetSignedVarint32(m.auto_scale_max_partitions);
  if (!GetTags(r, m.tags) || !GetTags(r, m.sys_tags)) return std::nullopt;

  std::size_t n = 0;
  if (!r.GetCount(n)) return std::nullopt;
  m.partitions.resize(n);
  for (PartitionMeta& p : m.partitions) {
    r.GetSignedVarint32(p.index);
    if (!GetEnum(r, p.status, PartitionStatus::kExpired)) return std::nullopt;
    r.GetVarint(p.hash_lo);
    r.GetVarint(p.hash_hi);
    if (!r.GetSignedVarint(p.status_changed_ms)) return std::nullopt;
  }
  if (!r.GetCount(n)) return std::nullopt;
  m.scaling_log.resize(n);
  for (ScalingRecord& s : m.scaling_log) {
    r.GetSignedVarint(s.create_timestamp_ms);
    r.GetSignedVarint32(s.src_partition_count);
    r.GetSignedVarint32(s.target_partition_count);
    r.GetSignedVarint32(s.result_code);
    r.GetString(s.result_msg);
    if (!r.GetBool(s.auto_scale)) return std::nullopt;
  }
  if (version >= 2) {
    if (!r.GetCount(n)) return std::nullopt;
    m.policies.resize(n);
    for (StreamPolicy& p : m.policies) {
      r.GetString(p.principal);
      r.GetString(p.principal_name);
      r.GetString(p.action_type);
      if (!r.GetString(p.effect)) return std::nullopt;
    }
  }
  // Fields of later versions would be read here, guarded by `version >= N`.
  if (!r.AtEnd()) return std::nullopt;
  return m;
}

}  // namespace disd::engine
