// The persisted forms of transfer tasks and their per-partition delivery state: small
// versioned binary encodings with the same compatibility rule as stream_meta_codec.h (a
// later version only appends fields; values from a newer disd are rejected, never
// half-read).
//
//   TransferTaskMeta v1   u8 version | v internal_id | str task_id | str project_id
//                         | v stream_internal_id | str stream_name | str task_name
//                         | u8 destination_type | u8 state | u8 origin | str connector_id
//                         | s create_time_ms | s last_modified_ms | str descriptor_json
//                         | str state_reason
//   PartitionDelivery v1  u8 version | s partition | s next_sequence
//                         | s last_transfer_timestamp_ms | s discarded_records | u8 state
//                         | str state_reason | s pending_last_sequence | s pending_time_ms
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "disd/engine/transfer_task_meta.h"

namespace disd::engine {

inline constexpr std::uint8_t kTransferTaskCodecVersion = 1;
inline constexpr std::uint8_t kPartitionDeliveryCodecVersion = 1;

std::string EncodeTransferTaskMeta(const TransferTaskMeta& task);
// nullopt on truncated, trailing, out-of-range or unknown-version input.
std::optional<TransferTaskMeta> DecodeTransferTaskMeta(std::string_view bytes);

std::string EncodePartitionDelivery(const PartitionDelivery& delivery);
std::optional<PartitionDelivery> DecodePartitionDelivery(std::string_view bytes);

}  // namespace disd::engine
