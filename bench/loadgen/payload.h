// Record payloads shared by every protocol, so each server receives identical bytes. A
// record of `size` bytes is a 24-byte header [id u64][send time ns u64][size u64] (big-endian)
// followed by a fixed pseudo-random filler. The header length is a multiple of 3, so the
// base64 of a record is base64(header) + base64(filler): the filler is encoded once and each
// record costs 32 characters of encoding. Verification (W6) and end-to-end latency (W3) read
// the header back from what a server returns.
// Thread-safety: a Payload is immutable after construction; share it freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace disd::bench {

inline constexpr std::size_t kHeaderBytes = 24;

struct PayloadHeader {
  std::uint64_t id = 0;
  std::uint64_t send_ns = 0;
  std::uint64_t size = 0;
};

class Payload {
 public:
  // REQUIRES: size >= kHeaderBytes.
  explicit Payload(std::size_t size);

  std::size_t size() const { return size_; }
  // Appends the record (raw bytes, or standard base64 with padding) to `out`.
  void AppendRaw(std::uint64_t id, std::uint64_t send_ns, std::string& out) const;
  void AppendBase64(std::uint64_t id, std::uint64_t send_ns, std::string& out) const;
  // Whether `raw` is exactly a record of this payload (header size and filler match).
  bool Matches(std::string_view raw) const;

 private:
  std::size_t size_;
  std::string filler_;
  std::string filler_base64_;
};

// The header of a raw record; nullopt when it is shorter than a header.
std::optional<PayloadHeader> ParseHeader(std::string_view raw);
// The header of a base64 record (decodes only the first 32 characters).
std::optional<PayloadHeader> ParseHeaderBase64(std::string_view base64);
// Decoded length of a padded standard base64 text.
std::size_t DecodedLength(std::string_view base64);

// Monotonic nanoseconds (steady clock), the time base of send_ns.
std::uint64_t NowNs();

}  // namespace disd::bench
