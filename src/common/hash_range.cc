#include "disd/common/hash_range.h"

#include <openssl/evp.h>

namespace disd {

std::uint64_t PartitionKeyHash(std::string_view key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(key.data(), key.size(), digest, &len, EVP_md5(), nullptr);
  std::uint64_t h = 0;
  for (int i = 0; i < 8; ++i) h = (h << 8) | digest[i];
  return h & kMaxHashKey;
}

HashRange HashRangeFor(std::int32_t index, std::int32_t writable) {
  const std::uint64_t step = kMaxHashKey / static_cast<std::uint64_t>(writable);
  const auto k = static_cast<std::uint64_t>(index);
  HashRange r;
  r.lo = k * step + (k > 0 ? 1 : 0);
  r.hi = (index == writable - 1) ? kMaxHashKey : (k + 1) * step;
  return r;
}

std::int32_t PartitionForHash(std::uint64_t hash, std::int32_t writable) {
  const std::uint64_t step = kMaxHashKey / static_cast<std::uint64_t>(writable);
  std::uint64_t index = hash / step;
  if (hash != 0 && hash % step == 0) index -= 1;
  if (index >= static_cast<std::uint64_t>(writable)) index = writable - 1;
  return static_cast<std::int32_t>(index);
}

std::string FormatHashRange(const HashRange& range) {
  return "[" + std::to_string(range.lo) + " : " + std::to_string(range.hi) + "]";
}

}  // namespace disd
