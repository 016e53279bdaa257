#include "disd/common/partition_id.h"

#include <gtest/gtest.h>

namespace disd {
namespace {

TEST(PartitionIdTest, FormatsTenDigits) {
  EXPECT_EQ(FormatPartitionId(0), "shardId-0000000000");
  EXPECT_EQ(FormatPartitionId(42), "shardId-0000000042");
}

TEST(PartitionIdTest, ParsesBothForms) {
  EXPECT_EQ(ParsePartitionId("shardId-0000000003"), 3);
  EXPECT_EQ(ParsePartitionId("shardId-3"), 3);
  EXPECT_EQ(ParsePartitionId("3"), 3);
  EXPECT_EQ(ParsePartitionId("0"), 0);
  EXPECT_EQ(ParsePartitionId("2147483647"), 2147483647);
}

TEST(PartitionIdTest, RejectsEverythingElse) {
  for (const char* bad : {"", "shardId-", "-1", "+1", " 1", "1 ", "abc", "shardId-x", "shard-1",
                          "2147483648", "99999999999", "shardId-00000000001"}) {
    EXPECT_FALSE(ParsePartitionId(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace disd
