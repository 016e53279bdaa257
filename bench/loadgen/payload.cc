#include "loadgen/payload.h"

#include <chrono>

#include "disd/common/base64.h"

namespace disd::bench {

namespace {

void PutU64(std::uint64_t v, char* out) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}

std::uint64_t GetU64(const char* in) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

std::string Header(std::uint64_t id, std::uint64_t send_ns, std::uint64_t size) {
  std::string h(kHeaderBytes, '\0');
  PutU64(id, h.data());
  PutU64(send_ns, h.data() + 8);
  PutU64(size, h.data() + 16);
  return h;
}

}  // namespace

Payload::Payload(std::size_t size) : size_(size) {
  std::uint64_t x = 0x9e3779b97f4a7c15ull ^ size;  // splitmix64, fixed seed per size
  filler_.resize(size - kHeaderBytes);
  for (char& c : filler_) {
    x += 0x9e3779b97f4a7c15ull;
    std::uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    c = static_cast<char>(z ^ (z >> 31));
  }
  filler_base64_ = Base64Encode(filler_);
}

void Payload::AppendRaw(std::uint64_t id, std::uint64_t send_ns, std::string& out) const {
  out += Header(id, send_ns, size_);
  out += filler_;
}

void Payload::AppendBase64(std::uint64_t id, std::uint64_t send_ns, std::string& out) const {
  Base64EncodeTo(Header(id, send_ns, size_), out);
  out += filler_base64_;
}

bool Payload::Matches(std::string_view raw) const {
  auto header = ParseHeader(raw);
  return header && header->size == size_ && raw.size() == size_ &&
         raw.substr(kHeaderBytes) == filler_;
}

std::optional<PayloadHeader> ParseHeader(std::string_view raw) {
  if (raw.size() < kHeaderBytes) return std::nullopt;
  return PayloadHeader{GetU64(raw.data()), GetU64(raw.data() + 8), GetU64(raw.data() + 16)};
}

std::optional<PayloadHeader> ParseHeaderBase64(std::string_view base64) {
  if (base64.size() < 32) return std::nullopt;
  auto raw = Base64Decode(base64.substr(0, 32));
  if (!raw) return std::nullopt;
  return ParseHeader(*raw);
}

std::size_t DecodedLength(std::string_view base64) { return Base64DecodedSize(base64); }

std::uint64_t NowNs() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace disd::bench
