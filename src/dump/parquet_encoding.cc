#include "dump/parquet_encoding.h"

#include <algorithm>

namespace disd::dump {
namespace {

constexpr std::size_t kMinRleRun = 8;

void AppendVarint(std::uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

std::size_t RunLength(const std::vector<std::uint8_t>& levels, std::size_t start) {
  std::size_t end = start;
  while (end < levels.size() && levels[end] == levels[start]) ++end;
  return end - start;
}

}  // namespace

void AppendLittleEndian32(std::uint32_t value, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>(value >> (8 * i)));
}

void AppendLittleEndian64(std::uint64_t value, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(value >> (8 * i)));
}

void AppendPlainByteArray(std::string_view value, std::string* out) {
  AppendLittleEndian32(static_cast<std::uint32_t>(value.size()), out);
  out->append(value);
}

void AppendPlainBooleans(const std::vector<bool>& values, std::string* out) {
  std::uint8_t byte = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i]) byte |= static_cast<std::uint8_t>(1u << (i % 8));
    if (i % 8 == 7) {
      out->push_back(static_cast<char>(byte));
      byte = 0;
    }
  }
  if (values.size() % 8 != 0) out->push_back(static_cast<char>(byte));
}

void AppendRleBitPackedHybrid(const std::vector<std::uint8_t>& levels, std::string* out) {
  std::size_t i = 0;
  while (i < levels.size()) {
    const std::size_t run = RunLength(levels, i);
    if (run >= kMinRleRun) {
      AppendVarint(run << 1, out);  // RLE run header: count << 1 | 0
      out->push_back(static_cast<char>(levels[i] & 1));
      i += run;
      continue;
    }
    // Bit-packed groups of 8 until a long run starts at a group boundary (or the end).
    std::size_t end = i;
    do {
      end = std::min(end + 8, levels.size());
    } while (end < levels.size() && RunLength(levels, end) < kMinRleRun);
    const std::size_t groups = (end - i + 7) / 8;
    AppendVarint((groups << 1) | 1, out);  // bit-packed header: groups << 1 | 1
    for (std::size_t g = 0; g < groups; ++g) {
      std::uint8_t byte = 0;
      for (std::size_t b = 0; b < 8 && i + g * 8 + b < end; ++b) {
        byte |= static_cast<std::uint8_t>((levels[i + g * 8 + b] & 1) << b);
      }
      out->push_back(static_cast<char>(byte));
    }
    i = end;
  }
}

}  // namespace disd::dump
