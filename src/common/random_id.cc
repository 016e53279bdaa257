#include "disd/common/random_id.h"

namespace disd {

IdGenerator::IdGenerator() : rng_(std::random_device{}()) {}

std::string IdGenerator::Alphanumeric(std::size_t length) {
  static constexpr char kChars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out(length, '0');
  std::lock_guard lock(mu_);
  for (auto& c : out) c = kChars[rng_() % 62];
  return out;
}

std::string IdGenerator::Hex32() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  std::lock_guard lock(mu_);
  for (std::size_t i = 0; i < 32; i += 16) {
    std::uint64_t v = rng_();
    for (std::size_t j = 0; j < 16; ++j) out[i + j] = kHex[(v >> (j * 4)) & 15];
  }
  return out;
}

}  // namespace disd
