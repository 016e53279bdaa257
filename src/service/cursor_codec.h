// The cursor token: base64url of JSON shaped like the real service's cursors (the DIS
// Kafka adapter decodes them and reads getIteratorParam."starting-sequence-number"), plus
// "streamInstance" tying it to one incarnation of the stream.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "disd/common/status.h"

namespace disd::service {

inline constexpr std::size_t kMaxCursorLength = 512;

struct CursorPosition {
  std::string stream_name;
  std::int32_t partition = 0;
  std::int64_t sequence_number = 0;   // the next record to read
  std::int64_t generated_ms = 0;
  std::uint64_t stream_instance = 0;  // StreamMeta::internal_id
};

std::string EncodeCursor(const CursorPosition& position);

// Accepts the token optionally wrapped in double quotes. kInvalidCursor when malformed or
// longer than kMaxCursorLength.
Result<CursorPosition> DecodeCursor(std::string_view token);

}  // namespace disd::service
