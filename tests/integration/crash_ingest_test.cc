// The benchmark's W6 in small (docs/performance.md): writers send batches of 1 KiB records
// over four partitions; the server is killed with SIGKILL while requests are in flight and
// restarted on the same data directory; every acknowledged record must then be readable
// with its acknowledged partition, sequence number and bytes, each partition dense from 0.
// Traffic control is off: the test is about durability, not limits.
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class CrashIngestTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return WithConfig({{"traffic_control", false}}); }
};

TEST_F(CrashIngestTest, KillDuringBatchedIngestLosesNoAcknowledgedRecord) {
  constexpr int kWriters = 2;
  constexpr int kPartitions = 4;
  constexpr int kBatch = 100;
  dis().CreateOk("w6", kPartitions);
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::pair<std::string, std::int64_t>, std::string> acked;  // GUARDED_BY(mu)
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w, client = std::shared_ptr<DisClient>(MakeClient())] {
      for (int i = 0; i < 10000; ++i) {
        std::vector<Record> records;
        for (int j = 0; j < kBatch; ++j) {
          const std::string tag = std::to_string(w) + "-" + std::to_string(i) + "-" + std::to_string(j);
          records.push_back(WithKey(tag + Bytes(1024 - tag.size(), i * kBatch + j), "k" + tag));
        }
        DisResponse r = client->PutRecords("w6", records);
        if (r.status != 200) return;  // the server is gone
        std::lock_guard<std::mutex> lock(mu);
        for (int j = 0; j < kBatch; ++j) {
          const json& e = r.doc["records"][j];
          ASSERT_TRUE(e.contains("sequence_number")) << e;
          acked[{e["partition_id"].get<std::string>(),
                 std::stoll(e["sequence_number"].get<std::string>())}] = records[j].data;
        }
        cv.notify_all();
      }
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    const bool enough =
        cv.wait_until(lock, std::chrono::steady_clock::now() + std::chrono::seconds(60),
                      [&] { return acked.size() >= 2000; });
    EXPECT_TRUE(enough) << "writers made no progress";
  }
  server().Kill();
  for (auto& t : writers) t.join();

  ASSERT_TRUE(RestartServer());
  std::size_t found = 0;
  for (int k = 0; k < kPartitions; ++k) {
    auto records = dis().ReadPartition("w6", k);
    for (std::size_t i = 0; i < records.size(); ++i) {
      ASSERT_EQ(records[i].sequence_number, static_cast<std::int64_t>(i)) << "gap in " << k;
      auto it = acked.find({PartitionId(k), records[i].sequence_number});
      if (it == acked.end()) continue;  // written but never acknowledged: allowed
      EXPECT_EQ(it->second, records[i].data) << PartitionId(k) << " " << i;
      ++found;
    }
  }
  EXPECT_EQ(found, acked.size()) << "acknowledged records lost in the crash";
}

}  // namespace
}  // namespace disd::test
