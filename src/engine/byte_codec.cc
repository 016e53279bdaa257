#include "engine/byte_codec.h"

#include <limits>

namespace disd::engine {

void ByteWriter::PutVarint(std::uint64_t v) {
  while (v >= 0x80) {
    out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out_.push_back(static_cast<char>(v));
}

void ByteWriter::PutSignedVarint(std::int64_t v) {
  const auto u = static_cast<std::uint64_t>(v);
  PutVarint((u << 1) ^ (v < 0 ? ~std::uint64_t{0} : 0));
}

void ByteWriter::PutFixed32(std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(v >> shift));
}

void ByteWriter::PutFixed64(std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(v >> shift));
}

void ByteWriter::PutString(std::string_view s) {
  PutVarint(s.size());
  out_.append(s);
}

bool ByteReader::GetU8(std::uint8_t& v) {
  if (!ok_ || in_.empty()) return Fail();
  v = static_cast<std::uint8_t>(in_.front());
  in_.remove_prefix(1);
  return true;
}

bool ByteReader::GetBool(bool& v) {
  std::uint8_t b = 0;
  if (!GetU8(b) || b > 1) return Fail();
  v = b == 1;
  return true;
}

bool ByteReader::GetVarint(std::uint64_t& v) {
  if (!ok_) return false;
  std::uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in_.empty()) return Fail();
    const auto byte = static_cast<std::uint8_t>(in_.front());
    in_.remove_prefix(1);
    // The tenth byte may only carry the top bit of a 64-bit value.
    if (shift == 63 && byte > 1) return Fail();
    result |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      v = result;
      return true;
    }
  }
  return Fail();
}

bool ByteReader::GetSignedVarint(std::int64_t& v) {
  std::uint64_t u = 0;
  if (!GetVarint(u)) return false;
  v = static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
  return true;
}

bool ByteReader::GetSignedVarint32(std::int32_t& v) {
  std::int64_t wide = 0;
  if (!GetSignedVarint(wide)) return false;
  if (wide < std::numeric_limits<std::int32_t>::min() ||
      wide > std::numeric_limits<std::int32_t>::max()) {
    return Fail();
  }
  v = static_cast<std::int32_t>(wide);
  return true;
}

bool ByteReader::GetFixed32(std::uint32_t& v) {
  if (!ok_ || in_.size() < 4) return Fail();
  v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<std::uint8_t>(in_[i]);
  in_.remove_prefix(4);
  return true;
}

bool ByteReader::GetFixed64(std::uint64_t& v) {
  if (!ok_ || in_.size() < 8) return Fail();
  v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<std::uint8_t>(in_[i]);
  in_.remove_prefix(8);
  return true;
}

bool ByteReader::GetStringView(std::string_view& s) {
  std::uint64_t n = 0;
  if (!GetVarint(n)) return false;
  if (n > in_.size()) return Fail();
  s = in_.substr(0, n);
  in_.remove_prefix(n);
  return true;
}

bool ByteReader::GetString(std::string& s) {
  std::string_view view;
  if (!GetStringView(view)) return false;
  s.assign(view);
  return true;
}

bool ByteReader::GetCount(std::size_t& n) {
  std::uint64_t v = 0;
  if (!GetVarint(v)) return false;
  if (v > in_.size()) return Fail();
  n = static_cast<std::size_t>(v);
  return true;
}

}  // namespace disd::engine
