#include "dump/parquet_encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace disd::dump {
namespace {

std::string Hex(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Hybrid(const std::vector<std::uint8_t>& levels) {
  std::string out;
  AppendRleBitPackedHybrid(levels, &out);
  return Hex(out);
}

// A decoder written from the specification, independent of the encoder's run choices.
std::vector<std::uint8_t> DecodeHybrid(const std::string& bytes, std::size_t count) {
  std::vector<std::uint8_t> levels;
  std::size_t pos = 0;
  while (levels.size() < count && pos < bytes.size()) {
    std::uint64_t header = 0;
    int shift = 0;
    while (true) {
      const auto byte = static_cast<std::uint8_t>(bytes[pos++]);
      header |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      shift += 7;
      if ((byte & 0x80) == 0) break;
    }
    if (header & 1) {
      for (std::uint64_t i = 0; i < (header >> 1) * 8; ++i) {
        levels.push_back((static_cast<std::uint8_t>(bytes[pos + i / 8]) >> (i % 8)) & 1);
      }
      pos += header >> 1;
    } else {
      levels.insert(levels.end(), header >> 1, static_cast<std::uint8_t>(bytes[pos++]));
    }
  }
  EXPECT_EQ(pos, bytes.size());
  EXPECT_GE(levels.size(), count);
  levels.resize(count);
  return levels;
}

TEST(ParquetEncodingTest, LittleEndianAndByteArrays) {
  std::string out;
  AppendLittleEndian32(0x01020304, &out);
  AppendLittleEndian64(0x0102030405060708ull, &out);
  AppendPlainByteArray("hi", &out);
  AppendPlainByteArray("", &out);
  EXPECT_EQ(Hex(out), "04 03 02 01 08 07 06 05 04 03 02 01 02 00 00 00 68 69 00 00 00 00");
}

TEST(ParquetEncodingTest, PlainBooleansPackLeastSignificantBitFirst) {
  std::string out;
  AppendPlainBooleans({true, false, true, true, false, false, false, false, true}, &out);
  EXPECT_EQ(Hex(out), "0d 01");
  out.clear();
  AppendPlainBooleans({}, &out);
  EXPECT_EQ(out, "");
}

TEST(ParquetEncodingTest, HybridKnownBytes) {
  EXPECT_EQ(Hybrid({}), "");
  EXPECT_EQ(Hybrid(std::vector<std::uint8_t>(10, 1)), "14 01");      // RLE run of 10
  EXPECT_EQ(Hybrid(std::vector<std::uint8_t>(300, 0)), "d8 04 00");  // varint header
  EXPECT_EQ(Hybrid({1, 0, 1}), "03 05");                             // 1 padded group
  std::vector<std::uint8_t> mixed = {1, 0, 1, 0, 1, 0, 1, 0};
  mixed.insert(mixed.end(), 10, 0);
  EXPECT_EQ(Hybrid(mixed), "03 55 14 00");  // a bit-packed group, then a run of 10 zeros
  std::vector<std::uint8_t> short_run_inside = {1, 1, 1, 1, 1, 0, 0, 0, 0, 1};
  EXPECT_EQ(Hybrid(short_run_inside), "05 1f 02");  // two groups, the last one padded
}

TEST(ParquetEncodingTest, HybridRoundTripsRandomLevels) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t count = rng() % 500;
    const int run_bias = static_cast<int>(rng() % 4);
    std::vector<std::uint8_t> levels;
    std::uint8_t current = 1;
    while (levels.size() < count) {
      const std::size_t run = 1 + rng() % (run_bias == 0 ? 2 : 20 * run_bias);
      for (std::size_t i = 0; i < run && levels.size() < count; ++i) levels.push_back(current);
      current = (rng() % 3 == 0) ? current : static_cast<std::uint8_t>(1 - current);
    }
    std::string encoded;
    AppendRleBitPackedHybrid(levels, &encoded);
    EXPECT_EQ(DecodeHybrid(encoded, count), levels) << "trial " << trial;
  }
}

}  // namespace
}  // namespace disd::dump
