// The consumer-group partition assignor: a pure function from "who subscribes to which
// streams" and "which partitions each stream has" to "who reads which partitions".
//
// Round-robin over every (stream, partition) pair in ascending order: the members, sorted
// by id, are visited in a circle, and each partition goes to the next member (from where
// the circle stopped) that subscribes to its stream. Every partition of a subscribed
// stream goes to exactly one subscriber; partitions of streams nobody subscribes to go to
// nobody. Members of equal subscriptions get partition counts that differ by at most one.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace disd::service {

struct StreamPartitionSet {
  std::uint64_t stream = 0;              // stream internal id
  std::vector<std::int32_t> partitions;  // ascending
};

struct MemberStreams {
  std::string member_id;
  std::vector<std::uint64_t> streams;    // stream internal ids the member subscribes to
};

// member id -> stream internal id -> partitions (ascending). A member that gets nothing
// has no entry.
using PartitionAssignment =
    std::map<std::string, std::map<std::uint64_t, std::vector<std::int32_t>>>;

PartitionAssignment AssignPartitions(const std::vector<MemberStreams>& members,
                                     const std::vector<StreamPartitionSet>& streams);

}  // namespace disd::service
