#include "disd/common/hash_range.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace disd {
namespace {

TEST(HashRangeTest, SinglePartitionOwnsEverything) {
  HashRange r = HashRangeFor(0, 1);
  EXPECT_EQ(r.lo, 0u);
  EXPECT_EQ(r.hi, kMaxHashKey);
  EXPECT_EQ(FormatHashRange(r), "[0 : 9223372036854775807]");
}

TEST(HashRangeTest, RangesAreContiguousAndCoverTheSpace) {
  for (int n : {2, 3, 4, 7, 50}) {
    const std::uint64_t step = kMaxHashKey / n;
    std::uint64_t expected_lo = 0;
    for (int k = 0; k < n; ++k) {
      HashRange r = HashRangeFor(k, n);
      EXPECT_EQ(r.lo, expected_lo) << n << "/" << k;
      EXPECT_EQ(r.lo, k * step + (k > 0 ? 1 : 0));
      if (k < n - 1) {
        EXPECT_EQ(r.hi, (k + 1) * step);
      }
      expected_lo = r.hi + 1;
    }
    EXPECT_EQ(HashRangeFor(n - 1, n).hi, kMaxHashKey);
  }
}

TEST(HashRangeTest, EveryBoundaryRoutesToItsOwner) {
  for (int n : {1, 2, 3, 5, 16}) {
    for (int k = 0; k < n; ++k) {
      HashRange r = HashRangeFor(k, n);
      EXPECT_EQ(PartitionForHash(r.lo, n), k) << n << "/" << k;
      EXPECT_EQ(PartitionForHash(r.hi, n), k) << n << "/" << k;
    }
  }
}

TEST(HashRangeTest, KeyHashIsMd5PrefixMaskedTo63Bits) {
  // MD5("") = d41d8cd98f00b204e9800998ecf8427e; first 8 bytes masked.
  EXPECT_EQ(PartitionKeyHash(""), 0xd41d8cd98f00b204ULL & kMaxHashKey);
  EXPECT_EQ(PartitionKeyHash("abc"), PartitionKeyHash("abc"));
  EXPECT_LE(PartitionKeyHash("anything"), kMaxHashKey);
}

TEST(HashRangeTest, RandomKeysSpreadEvenly) {
  std::mt19937_64 rng(7);
  std::map<int, int> counts;
  const int n = 4, keys = 100000;
  for (int i = 0; i < keys; ++i) {
    counts[PartitionForHash(PartitionKeyHash(std::to_string(rng())), n)]++;
  }
  for (int k = 0; k < n; ++k) {
    EXPECT_NEAR(counts[k], keys / n, keys / n / 10) << k;
  }
}

}  // namespace
}  // namespace disd
