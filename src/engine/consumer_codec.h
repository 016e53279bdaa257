// The persisted forms of apps and checkpoints: small versioned binary encodings with the
// same compatibility rule as stream_meta_codec.h (a later version only appends fields;
// values from a newer disd are rejected, never half-read).
//
//   AppMeta v1      u8 version | v internal_id | str project_id | str name | str app_id
//                   | s create_time_ms
//   Checkpoint v1   u8 version | u8 type | s sequence_number | str metadata
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "disd/engine/consumer_meta.h"

namespace disd::engine {

inline constexpr std::uint8_t kAppMetaCodecVersion = 1;
inline constexpr std::uint8_t kCheckpointCodecVersion = 1;

std::string EncodeAppMeta(const AppMeta& app);
// nullopt on truncated, trailing or unknown-version input.
std::optional<AppMeta> DecodeAppMeta(std::string_view bytes);

std::string EncodeCheckpoint(const Checkpoint& checkpoint);
std::optional<Checkpoint> DecodeCheckpoint(std::string_view bytes);

}  // namespace disd::engine
