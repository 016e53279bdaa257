#include "engine/transfer_task_codec.h"

#include "engine/byte_codec.h"

namespace disd::engine {
namespace {

// Reads a u8 enum value no greater than `max`.
template <typename E>
bool GetEnum(ByteReader& r, E max, E& out) {
  std::uint8_t v = 0;
  if (!r.GetU8(v) || v > static_cast<std::uint8_t>(max)) return false;
  out = static_cast<E>(v);
  return true;
}

}  // namespace

std::string EncodeTransferTaskMeta(const TransferTaskMeta& task) {
  std::string out;
  ByteWriter w(out);
  w.PutU8(kTransferTaskCodecVersion);
  w.PutVarint(task.internal_id);
  w.PutString(task.task_id);
  w.PutString(task.project_id);
  w.PutVarint(task.stream_internal_id);
  w.PutString(task.stream_name);
  w.PutString(task.task_name);
  w.PutU8(static_cast<std::uint8_t>(task.destination_type));
  w.PutU8(static_cast<std::uint8_t>(task.state));
  w.PutU8(static_cast<std::uint8_t>(task.origin));
  w.PutString(task.connector_id);
  w.PutSignedVarint(task.create_time_ms);
  w.PutSignedVarint(task.last_modified_ms);
  w.PutString(task.descriptor_json);
  w.PutString(task.state_reason);
  return out;
}

std::optional<TransferTaskMeta> DecodeTransferTaskMeta(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t version = 0;
  if (!r.GetU8(version) || version == 0 || version > kTransferTaskCodecVersion) {
    return std::nullopt;
  }
  TransferTaskMeta t;
  r.GetVarint(t.internal_id);
  r.GetString(t.task_id);
  r.GetString(t.project_id);
  r.GetVarint(t.stream_internal_id);
  r.GetString(t.stream_name);
  r.GetString(t.task_name);
  if (!GetEnum(r, DestinationType::kCloudTable, t.destination_type) ||
      !GetEnum(r, TransferTaskState::kError, t.state) ||
      !GetEnum(r, TransferTaskOrigin::kDmsSinkTask, t.origin)) {
    return std::nullopt;
  }
  r.GetString(t.connector_id);
  r.GetSignedVarint(t.create_time_ms);
  r.GetSignedVarint(t.last_modified_ms);
  r.GetString(t.descriptor_json);
  r.GetString(t.state_reason);
  if (!r.AtEnd()) return std::nullopt;
  return t;
}

std::string EncodePartitionDelivery(const PartitionDelivery& delivery) {
  std::string out;
  ByteWriter w(out);
  w.PutU8(kPartitionDeliveryCodecVersion);
  w.PutSignedVarint(delivery.partition);
  w.PutSignedVarint(delivery.next_sequence);
  w.PutSignedVarint(delivery.last_transfer_timestamp_ms);
  w.PutSignedVarint(delivery.discarded_records);
  w.PutU8(static_cast<std::uint8_t>(delivery.state));
  w.PutString(delivery.state_reason);
  w.PutSignedVarint(delivery.pending_last_sequence);
  w.PutSignedVarint(delivery.pending_time_ms);
  return out;
}

std::optional<PartitionDelivery> DecodePartitionDelivery(std::string_view bytes) {
  ByteReader r(bytes);
  std::uint8_t version = 0;
  if (!r.GetU8(version) || version == 0 || version > kPartitionDeliveryCodecVersion) {
    return std::nullopt;
  }
  PartitionDelivery d;
  r.GetSignedVarint32(d.partition);
  r.GetSignedVarint(d.next_sequence);
  r.GetSignedVarint(d.last_transfer_timestamp_ms);
  r.GetSignedVarint(d.discarded_records);
  if (!GetEnum(r, TransferTaskState::kError, d.state)) return std::nullopt;
  r.GetString(d.state_reason);
  r.GetSignedVarint(d.pending_last_sequence);
  r.GetSignedVarint(d.pending_time_ms);
  if (!r.AtEnd()) return std::nullopt;
  return d;
}

}  // namespace disd::engine
