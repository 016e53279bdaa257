// Low-level Parquet encodings used by the writer: PLAIN values and the RLE/bit-packed hybrid
// used for definition levels (parquet-format Encodings.md).
//
// Thread-safety: pure functions appending to a caller-owned string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace disd::dump {

// Little-endian fixed-width integers (PLAIN INT32/INT64/FLOAT/DOUBLE use these bytes).
void AppendLittleEndian32(std::uint32_t value, std::string* out);
void AppendLittleEndian64(std::uint64_t value, std::string* out);

// PLAIN BYTE_ARRAY: 4-byte little-endian length, then the bytes.
void AppendPlainByteArray(std::string_view value, std::string* out);

// PLAIN BOOLEAN: one bit per value, least significant bit first, the last byte zero-padded.
void AppendPlainBooleans(const std::vector<bool>& values, std::string* out);

// The RLE/bit-packed hybrid encoding of `levels` (each 0 or 1, bit width 1), without the
// 4-byte length prefix a data page v1 puts before it. Runs of 8 or more equal levels become
// RLE runs; the rest is bit-packed in groups of 8 (only the final group is padded).
void AppendRleBitPackedHybrid(const std::vector<std::uint8_t>& levels, std::string* out);

}  // namespace disd::dump
