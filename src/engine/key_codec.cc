#include "engine/key_codec.h"

#include "engine/byte_codec.h"

namespace disd::engine {

std::string EncodeRecordKey(const RecordKey& key) {
  std::string out;
  out.reserve(kRecordKeySize);
  ByteWriter w(out);
  w.PutFixed64(key.stream_internal_id);
  w.PutFixed32(static_cast<std::uint32_t>(key.partition));
  w.PutFixed64(key.sequence);
  return out;
}

std::optional<RecordKey> DecodeRecordKey(std::string_view bytes) {
  if (bytes.size() != kRecordKeySize) return std::nullopt;
  ByteReader r(bytes);
  RecordKey key;
  std::uint32_t partition = 0;
  r.GetFixed64(key.stream_internal_id);
  r.GetFixed32(partition);
  r.GetFixed64(key.sequence);
  if (!r.AtEnd()) return std::nullopt;
  key.partition = static_cast<std::int32_t>(partition);
  return key;
}

std::string StreamKeyPrefix(std::uint64_t stream_internal_id) {
  std::string out;
  ByteWriter(out).PutFixed64(stream_internal_id);
  return out;
}

std::string EncodePartitionStateKey(std::uint64_t stream_internal_id, std::int32_t partition) {
  std::string out;
  out.reserve(kPartitionStateKeySize);
  ByteWriter w(out);
  w.PutFixed64(stream_internal_id);
  w.PutFixed32(static_cast<std::uint32_t>(partition));
  return out;
}

std::string EncodeCounterKey(std::string_view counter_name) {
  std::string out = CatalogKindBegin(CatalogKind::kCounter);
  out.append(counter_name);
  return out;
}

std::string EncodeStreamMetaKey(std::uint64_t stream_internal_id) {
  std::string out = CatalogKindBegin(CatalogKind::kStream);
  ByteWriter(out).PutFixed64(stream_internal_id);
  return out;
}

std::string EncodeAppKey(std::uint64_t app_internal_id) {
  std::string out = CatalogKindBegin(CatalogKind::kApp);
  ByteWriter(out).PutFixed64(app_internal_id);
  return out;
}

std::string CheckpointAppPrefix(std::uint64_t app_internal_id) {
  std::string out = CatalogKindBegin(CatalogKind::kCheckpoint);
  ByteWriter(out).PutFixed64(app_internal_id);
  return out;
}

std::string CheckpointStreamPrefix(std::uint64_t app_internal_id,
                                   std::uint64_t stream_internal_id) {
  std::string out = CheckpointAppPrefix(app_internal_id);
  ByteWriter(out).PutFixed64(stream_internal_id);
  return out;
}

std::string EncodeCheckpointKey(std::uint64_t app_internal_id, std::uint64_t stream_internal_id,
                                std::int32_t partition) {
  std::string out = CheckpointStreamPrefix(app_internal_id, stream_internal_id);
  ByteWriter(out).PutFixed32(static_cast<std::uint32_t>(partition));
  return out;
}

std::optional<CheckpointKey> DecodeCheckpointKey(std::string_view bytes) {
  if (bytes.size() != kCheckpointKeySize ||
      static_cast<std::uint8_t>(bytes[0]) != static_cast<std::uint8_t>(CatalogKind::kCheckpoint)) {
    return std::nullopt;
  }
  ByteReader r(bytes.substr(1));
  CheckpointKey key;
  std::uint32_t partition = 0;
  r.GetFixed64(key.app_internal_id);
  r.GetFixed64(key.stream_internal_id);
  r.GetFixed32(partition);
  if (!r.AtEnd()) return std::nullopt;
  key.partition = static_cast<std::int32_t>(partition);
  return key;
}

std::string TransferTaskStreamPrefix(std::uint64_t stream_internal_id) {
  std::string out = CatalogKindBegin(CatalogKind::kTransferTask);
  ByteWriter(out).PutFixed64(stream_internal_id);
  return out;
}

std::string EncodeTransferTaskKey(std::uint64_t stream_internal_id,
                                  std::uint64_t task_internal_id) {
  std::string out = TransferTaskStreamPrefix(stream_internal_id);
  ByteWriter(out).PutFixed64(task_internal_id);
  return out;
}

std::string TransferDeliveryTaskPrefix(std::uint64_t task_internal_id) {
  std::string out = CatalogKindBegin(CatalogKind::kTransferDelivery);
  ByteWriter(out).PutFixed64(task_internal_id);
  return out;
}

std::string EncodeTransferDeliveryKey(std::uint64_t task_internal_id, std::int32_t partition) {
  std::string out = TransferDeliveryTaskPrefix(task_internal_id);
  ByteWriter(out).PutFixed32(static_cast<std::uint32_t>(partition));
  return out;
}

std::optional<TransferDeliveryKey> DecodeTransferDeliveryKey(std::string_view bytes) {
  if (bytes.size() != kTransferDeliveryKeySize ||
      static_cast<std::uint8_t>(bytes[0]) !=
          static_cast<std::uint8_t>(CatalogKind::kTransferDelivery)) {
    return std::nullopt;
  }
  ByteReader r(bytes.substr(1));
  TransferDeliveryKey key;
  std::uint32_t partition = 0;
  r.GetFixed64(key.task_internal_id);
  r.GetFixed32(partition);
  if (!r.AtEnd()) return std::nullopt;
  key.partition = static_cast<std::int32_t>(partition);
  return key;
}

std::string PrefixEnd(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty() && static_cast<std::uint8_t>(out.back()) == 0xff) out.pop_back();
  if (!out.empty()) out.back() = static_cast<char>(static_cast<std::uint8_t>(out.back()) + 1);
  return out;
}

std::string CatalogKindBegin(CatalogKind kind) {
  return std::string(1, static_cast<char>(kind));
}

std::string CatalogKindEnd(CatalogKind kind) {
  return std::string(1, static_cast<char>(static_cast<std::uint8_t>(kind) + 1));
}

}  // namespace disd::engine
