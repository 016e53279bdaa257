// The persisted form of a StreamMeta: a versioned binary encoding (version byte, then the
// fields in declaration order; see stream_meta_codec.cc for the exact layout).
//
// Compatibility rule: a later version only appends fields after those of the previous
// version, and the decoder reads a field only when the stored version has it (defaults
// otherwise). Values written by a newer disd than the decoder knows are rejected rather
// than half-read. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "disd/engine/stream_meta.h"

namespace disd::engine {

inline constexpr std::uint8_t kStreamMetaCodecVersion = 2;

std::string EncodeStreamMeta(const StreamMeta& meta);
// nullopt on truncated, trailing, out-of-range or unknown-version input.
std::optional<StreamMeta> DecodeStreamMeta(std::string_view bytes);

}  // namespace disd::engine
