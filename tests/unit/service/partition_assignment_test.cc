// The consumer-group assignor: every partition of a subscribed stream to exactly one
// subscriber, balanced, deterministic, and never to a member that does not subscribe.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "service/partition_assignment.h"

namespace disd::service {
namespace {

std::vector<std::int32_t> Range(int n) {
  std::vector<std::int32_t> out;
  for (int i = 0; i < n; ++i) out.push_back(i);
  return out;
}

// (stream, partition) -> owners.
std::map<std::pair<std::uint64_t, std::int32_t>, int> Owners(const PartitionAssignment& a) {
  std::map<std::pair<std::uint64_t, std::int32_t>, int> owners;
  for (const auto& [member, streams] : a) {
    for (const auto& [stream, partitions] : streams) {
      for (auto p : partitions) ++owners[{stream, p}];
    }
  }
  return owners;
}

TEST(PartitionAssignmentTest, EveryPartitionExactlyOnceAndBalanced) {
  for (int members = 1; members <= 5; ++members) {
    for (int partitions = 0; partitions <= 11; ++partitions) {
      std::vector<MemberStreams> m;
      for (int i = 0; i < members; ++i) m.push_back({"c" + std::to_string(i), {7}});
      auto a = AssignPartitions(m, {{7, Range(partitions)}});
      auto owners = Owners(a);
      ASSERT_EQ(owners.size(), static_cast<std::size_t>(partitions));
      for (const auto& [key, count] : owners) EXPECT_EQ(count, 1);
      std::size_t lo = partitions, hi = 0;
      for (int i = 0; i < members; ++i) {
        auto it = a.find("c" + std::to_string(i));
        std::size_t n = it == a.end() ? 0 : it->second.at(7).size();
        lo = std::min(lo, n);
        hi = std::max(hi, n);
      }
      EXPECT_LE(hi - lo, 1u) << members << " members, " << partitions << " partitions";
    }
  }
}

TEST(PartitionAssignmentTest, OnlySubscribersGetAStreamsPartitions) {
  std::vector<MemberStreams> m = {{"a", {1}}, {"b", {1, 2}}, {"c", {2}}};
  auto a = AssignPartitions(m, {{1, Range(4)}, {2, Range(3)}, {3, Range(2)}});
  auto owners = Owners(a);
  EXPECT_EQ(owners.size(), 7u);  // stream 3 has no subscriber
  for (const auto& [key, count] : owners) EXPECT_EQ(count, 1);
  EXPECT_FALSE(a["a"].contains(2));
  EXPECT_FALSE(a["c"].contains(1));
}

TEST(PartitionAssignmentTest, DeterministicWhateverTheInputOrder) {
  std::vector<MemberStreams> m1 = {{"b", {1, 2}}, {"a", {2, 1}}};
  std::vector<MemberStreams> m2 = {{"a", {1, 2}}, {"b", {1, 2}}};
  auto a1 = AssignPartitions(m1, {{2, {2, 0, 1}}, {1, Range(2)}});
  auto a2 = AssignPartitions(m2, {{1, Range(2)}, {2, Range(3)}});
  EXPECT_EQ(a1, a2);
  EXPECT_EQ(a2.at("a").at(1), (std::vector<std::int32_t>{0}));
  EXPECT_EQ(a2.at("b").at(1), (std::vector<std::int32_t>{1}));
  EXPECT_EQ(a2.at("a").at(2), (std::vector<std::int32_t>{0, 2}));
  EXPECT_EQ(a2.at("b").at(2), (std::vector<std::int32_t>{1}));
}

TEST(PartitionAssignmentTest, NoMembersNoAssignment) {
  EXPECT_TRUE(AssignPartitions({}, {{1, Range(3)}}).empty());
  EXPECT_TRUE(AssignPartitions({{"a", {1}}}, {}).empty());
}

}  // namespace
}  // namespace disd::service
