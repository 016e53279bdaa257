#include "service/partition_router.h"

#include <gtest/gtest.h>

#include "disd/common/hash_range.h"
#include "service/scaling.h"

namespace disd::service {
namespace {

engine::StreamMeta Stream(int partitions) {
  engine::StreamMeta m;
  m.name = "s";
  for (int i = 0; i < partitions; ++i) m.partitions.push_back({i, engine::PartitionStatus::kActive, 0, 0, 0});
  AssignHashRanges(m);
  return m;
}

PutRecordEntry Entry() { return PutRecordEntry{"x", std::nullopt, std::nullopt, std::nullopt, std::nullopt}; }

TEST(PartitionRouterTest, PartitionIdWinsOverKeys) {
  std::atomic<std::uint64_t> rr{0};
  auto e = Entry();
  e.partition_id = "shardId-0000000002";
  e.explicit_hash_key = "0";
  e.partition_key = "k";
  auto d = RouteRecord(Stream(4), e, 0, rr);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->partition, 2);
  EXPECT_FALSE(d->record_error.has_value());
  e.partition_id = "1";
  EXPECT_EQ(RouteRecord(Stream(4), e, 0, rr)->partition, 1);
}

TEST(PartitionRouterTest, ExplicitHashKeyThenPartitionKey) {
  std::atomic<std::uint64_t> rr{0};
  auto m = Stream(4);
  auto e = Entry();
  e.explicit_hash_key = std::to_string(HashRangeFor(3, 4).lo);
  e.partition_key = "k";
  EXPECT_EQ(RouteRecord(m, e, 0, rr)->partition, 3);
  e.explicit_hash_key = "";
  EXPECT_EQ(RouteRecord(m, e, 0, rr)->partition, PartitionForHash(PartitionKeyHash("k"), 4));
}

TEST(PartitionRouterTest, MalformedFieldsFailTheRequest) {
  std::atomic<std::uint64_t> rr{0};
  auto e = Entry();
  e.explicit_hash_key = "9223372036854775808";
  auto d = RouteRecord(Stream(2), e, 7, rr);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::kInvalidRequest);
  EXPECT_NE(d.error().detail.find("records[7]"), std::string::npos);
  for (const char* bad : {"-1", "abc", "1.5"}) {
    e.explicit_hash_key = bad;
    EXPECT_FALSE(RouteRecord(Stream(2), e, 0, rr).ok()) << bad;
  }
  e = Entry();
  e.partition_id = "shard-1";
  EXPECT_EQ(RouteRecord(Stream(2), e, 0, rr).error().code, ErrorCode::kInvalidPartitionId);
}

TEST(PartitionRouterTest, UnwritablePartitionsFailOnlyTheRecord) {
  std::atomic<std::uint64_t> rr{0};
  auto m = Stream(3);
  ApplyScaling(m, 2, 0, false);
  auto e = Entry();
  e.partition_id = "2";
  auto deleted = RouteRecord(m, e, 0, rr);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->record_error->code, ErrorCode::kPartitionExpired);
  e.partition_id = "9";
  EXPECT_EQ(RouteRecord(m, e, 0, rr)->record_error->code, ErrorCode::kPartitionNotFound);
}

TEST(PartitionRouterTest, NoKeySpreadsOverWritablePartitions) {
  std::atomic<std::uint64_t> rr{0};
  auto m = Stream(3);
  std::vector<int> seen(3, 0);
  for (int i = 0; i < 30; ++i) seen[RouteRecord(m, Entry(), 0, rr)->partition]++;
  EXPECT_EQ(seen, std::vector<int>({10, 10, 10}));
}

}  // namespace
}  // namespace disd::service
