// ByteWriter / ByteReader: the primitives of the engine's binary value formats (stream
// metas, record values). Unsigned LEB128 varints, zigzag varints for signed values,
// big-endian fixed-width integers, varint-length-prefixed strings.
//
// A reader never reads past its input: every Get* returns false on truncated or malformed
// input and leaves the reader in a failed state (later calls also fail), so a decoder can
// chain reads and check once. Thread-safety: instances are not shared; use one per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace disd::engine {

class ByteWriter {
 public:
  // Appends to `out` (not owned; must outlive the writer).
  explicit ByteWriter(std::string& out) : out_(out) {}

  void PutU8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void PutBool(bool v) { PutU8(v ? 1 : 0); }
  void PutVarint(std::uint64_t v);
  void PutSignedVarint(std::int64_t v);   // zigzag
  void PutFixed32(std::uint32_t v);       // big-endian
  void PutFixed64(std::uint64_t v);       // big-endian
  void PutString(std::string_view s);     // varint length, then bytes
  void PutRaw(std::string_view s) { out_.append(s); }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  bool GetU8(std::uint8_t& v);
  bool GetBool(bool& v);                  // only 0 or 1 are accepted
  bool GetVarint(std::uint64_t& v);
  bool GetSignedVarint(std::int64_t& v);
  bool GetSignedVarint32(std::int32_t& v);  // fails if the value does not fit
  bool GetFixed32(std::uint32_t& v);
  bool GetFixed64(std::uint64_t& v);
  bool GetString(std::string& s);
  bool GetStringView(std::string_view& s);  // view into the input
  // A count of items that each need at least one byte: fails if it exceeds what is left,
  // so a corrupt count can never trigger a huge allocation.
  bool GetCount(std::size_t& n);

  std::string_view rest() const { return in_; }
  bool ok() const { return ok_; }
  bool AtEnd() const { return ok_ && in_.empty(); }

 private:
  bool Fail() { ok_ = false; return false; }

  std::string_view in_;
  bool ok_ = true;
};

}  // namespace disd::engine
