#include "service/partition_assignment.h"

#include <algorithm>
#include <set>

namespace disd::service {

PartitionAssignment AssignPartitions(const std::vector<MemberStreams>& members,
                                     const std::vector<StreamPartitionSet>& streams) {
  std::vector<const MemberStreams*> circle;
  for (const auto& m : members) circle.push_back(&m);
  std::sort(circle.begin(), circle.end(), [](const MemberStreams* a, const MemberStreams* b) {
    return a->member_id < b->member_id;
  });
  std::vector<std::set<std::uint64_t>> subscribed;
  for (const auto* m : circle) subscribed.emplace_back(m->streams.begin(), m->streams.end());

  std::vector<const StreamPartitionSet*> ordered;
  for (const auto& s : streams) ordered.push_back(&s);
  std::sort(ordered.begin(), ordered.end(),
            [](const StreamPartitionSet* a, const StreamPartitionSet* b) {
              return a->stream < b->stream;
            });

  PartitionAssignment out;
  if (circle.empty()) return out;
  std::size_t next = 0;
  for (const auto* stream : ordered) {
    std::vector<std::int32_t> partitions = stream->partitions;
    std::sort(partitions.begin(), partitions.end());
    for (std::int32_t partition : partitions) {
      for (std::size_t tried = 0; tried < circle.size(); ++tried) {
        const std::size_t i = (next + tried) % circle.size();
        if (!subscribed[i].contains(stream->stream)) continue;
        out[circle[i]->member_id][stream->stream].push_back(partition);
        next = (i + 1) % circle.size();
        break;
      }
    }
  }
  return out;
}

}  // namespace disd::service
