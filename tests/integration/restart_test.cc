// Durability: after a graceful restart every stream, partition state, scaling log and record
// is intact and numbering continues; after SIGKILL every acknowledged write (records, creates,
// deletes) is still there with the same sequence numbers and bytes, and nothing else is.
// (design.md "The engine": acknowledged means durable; dis-behaviour.md edge case 18.)
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

using Snapshot =
    std::map<std::string,
             std::vector<std::tuple<std::int64_t, std::string, std::int64_t, std::string>>>;

class RestartTest : public DisdTest {
 protected:
  // Every record of every listed partition of `stream`.
  Snapshot Records(const std::string& stream) {
    Snapshot out;
    json d = dis().DescribeOk(stream);
    for (const auto& p : d.value("partitions", json::array())) {
      if (p["status"] == "EXPIRED") continue;
      std::string id = p["partition_id"];
      std::string cursor = dis().Cursor(stream, id, "TRIM_HORIZON");
      for (const auto& r : dis().ReadAll(cursor)) {
        out[id].emplace_back(r.sequence_number, r.data, r.timestamp,
                             r.partition_key.value_or("<none>"));
      }
    }
    return out;
  }
};

TEST_F(RestartTest, GracefulRestartKeepsStreamsRecordsAndNumbering) {
  dis().CreateOk(
      "a", 3,
      {{"data_duration", 48}, {"tags", {{{"key", "k"}, {"value", "v"}}}}, {"data_type", "JSON"}});
  dis().CreateOk("b", 1);
  dis().CreateOk("c", 3);
  dis().CreateOk("gone", 1);
  dis().PutToPartition("gone", 0, 3);
  ASSERT_TRUE(HasStatus(dis().DeleteStream("gone"), 204));
  std::vector<Record> batch;
  for (int i = 0; i < 30; ++i) {
    Record r = WithKey(Bytes(10 + i, i), "key-" + std::to_string(i % 7));
    if (i % 5 == 0) r.timestamp = 1000000 + i;
    batch.push_back(r);
  }
  dis().PutOk("a", batch);
  dis().AdvanceClock(5000);
  dis().PutToPartition("b", 0, 4);
  dis().PutToPartition("c", 2, 2);
  ASSERT_TRUE(HasStatus(dis().UpdatePartitionCount("b", 2), 200));
  ASSERT_TRUE(HasStatus(dis().UpdatePartitionCount("c", 1), 200));

  json list_before = dis().ListStreams().doc;
  std::map<std::string, json> describe_before;
  std::map<std::string, Snapshot> records_before;
  for (const char* s : {"a", "b", "c"}) {
    describe_before[s] = dis().DescribeOk(s);
    records_before[s] = Records(s);
  }
  ASSERT_EQ(records_before["a"].size(), 3u);

  ASSERT_TRUE(RestartServer());

  EXPECT_EQ(dis().ListStreams().doc, list_before);
  for (const char* s : {"a", "b", "c"}) {
    SCOPED_TRACE(s);
    EXPECT_EQ(dis().DescribeOk(s), describe_before[s]);
    EXPECT_EQ(Records(s), records_before[s]);
  }
  EXPECT_TRUE(IsDisError(dis().Describe("gone"), 400, "DIS.4301"));
  EXPECT_EQ(dis().PutToPartition("b", 0, 1), std::vector<std::int64_t>({4}));
  EXPECT_EQ(dis().PutToPartition("c", 0, 1), std::vector<std::int64_t>({0}));
  DisResponse deleted = dis().PutRecords("c", {ToPartition("x", "2")});
  ASSERT_TRUE(HasStatus(deleted, 200));
  EXPECT_EQ(deleted.doc["records"][0].value("error_code", ""), "DIS.4319");
  // A re-created stream does not see the records of the deleted one.
  dis().CreateOk("gone", 1);
  EXPECT_TRUE(dis().ReadPartition("gone", 0).empty());
  EXPECT_EQ(dis().PutToPartition("gone", 0, 1), std::vector<std::int64_t>({0}));

  // And again: numbering keeps going across several restarts.
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(dis().PutToPartition("b", 0, 1), std::vector<std::int64_t>({5}));
  EXPECT_EQ(dis().Partition("b", 0)["sequence_number_range"], "[0 : 6]");
}

TEST_F(RestartTest, CrashLosesNoAcknowledgedWrite) {
  dis().CreateOk("s", 2);
  dis().CreateOk("doomed", 1);
  std::map<std::string, std::map<std::int64_t, std::string>> acked;  // partition -> sn -> data
  for (int req = 0; req < 40; ++req) {
    std::vector<Record> records;
    for (int j = 0; j < 10; ++j) {
      records.push_back(ToPartition(Bytes(50 + req, req * 10 + j), std::to_string((req + j) % 2)));
    }
    json put = dis().PutOk("s", records);
    ASSERT_TRUE(put.is_object());
    for (int j = 0; j < 10; ++j) {
      const json& e = put["records"][j];
      acked[e["partition_id"]][std::stoll(e["sequence_number"].get<std::string>())] =
          records[j].data;
    }
  }
  ASSERT_TRUE(HasStatus(dis().DeleteStream("doomed"), 204));
  dis().CreateOk("born", 1);

  ASSERT_TRUE(RestartServer(/*crash=*/true));

  EXPECT_TRUE(IsDisError(dis().Describe("doomed"), 400, "DIS.4301"));
  EXPECT_TRUE(HasStatus(dis().Describe("born"), 200));
  for (int k = 0; k < 2; ++k) {
    SCOPED_TRACE(k);
    const auto& expected = acked[PartitionId(k)];
    ASSERT_EQ(expected.size(), 200u);
    EXPECT_EQ(dis().Partition("s", k)["sequence_number_range"], "[0 : 200]");
    auto records = dis().ReadPartition("s", k);
    ASSERT_EQ(records.size(), expected.size());
    for (const auto& r : records) {
      auto it = expected.find(r.sequence_number);
      ASSERT_NE(it, expected.end()) << r.sequence_number;
      EXPECT_TRUE(it->second == r.data) << "bytes differ at " << r.sequence_number;
    }
  }
  EXPECT_EQ(dis().PutToPartition("s", 0, 1), std::vector<std::int64_t>({200}));
}

TEST_F(RestartTest, CrashDuringConcurrentWritesKeepsEveryAcknowledgedRecord) {
  constexpr int kWriters = 3;
  dis().CreateOk("s", 2);
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::pair<std::string, std::int64_t>, std::string> acked;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w, client = std::shared_ptr<DisClient>(MakeClient())] {
      for (int i = 0; i < 100000; ++i) {
        std::vector<Record> records;
        for (int j = 0; j < 5; ++j) {
          records.push_back(
              Plain("w" + std::to_string(w) + "-" + std::to_string(i) + "-" + std::to_string(j)));
        }
        DisResponse r = client->PutRecords("s", records);
        if (r.status != 200) return;  // the server is gone
        std::lock_guard<std::mutex> lock(mu);
        for (int j = 0; j < 5; ++j) {
          const json& e = r.doc["records"][j];
          acked[{e["partition_id"].get<std::string>(),
                 std::stoll(e["sequence_number"].get<std::string>())}] = records[j].data;
        }
        cv.notify_all();
      }
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    bool enough = cv.wait_until(lock, std::chrono::steady_clock::now() + std::chrono::seconds(60),
                                [&] { return acked.size() >= 300; });
    EXPECT_TRUE(enough) << "writers made no progress";
  }
  server().Kill();  // mid-stream: requests are in flight
  for (auto& t : threads) t.join();
  auto snapshot = acked;

  ASSERT_TRUE(RestartServer());
  std::size_t found = 0;
  for (int k = 0; k < 2; ++k) {
    auto records = dis().ReadPartition("s", k);
    for (std::size_t i = 0; i < records.size(); ++i) {
      ASSERT_EQ(records[i].sequence_number, static_cast<std::int64_t>(i)) << "gap in " << k;
      auto it = snapshot.find({PartitionId(k), records[i].sequence_number});
      if (it == snapshot.end()) continue;  // written but never acknowledged: allowed
      EXPECT_EQ(it->second, records[i].data);
      ++found;
    }
    EXPECT_EQ(dis().Partition("s", k)["sequence_number_range"],
              "[0 : " + std::to_string(records.size()) + "]");
  }
  EXPECT_EQ(found, snapshot.size()) << "acknowledged records lost in the crash";
}

TEST_F(RestartTest, ExpiredRecordsStayGoneAndCursorsSurviveARestart) {
  dis().CreateOk("old", 1);
  dis().PutToPartition("old", 0, 2);
  dis().CreateOk("s", 1);
  dis().PutToPartition("s", 0, 3);
  std::string cursor = dis().Cursor("s", "0", "AT_SEQUENCE_NUMBER", "1");
  ASSERT_TRUE(RestartServer());
  auto records = dis().ReadAll(cursor);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].sequence_number, 1);
  EXPECT_EQ(records[0].data, "r1");

  dis().AdvanceClock(kDayMs + kHourMs);
  EXPECT_EQ(dis().Partition("old", 0)["sequence_number_range"], "[2 : 2]");
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(dis().Partition("old", 0)["sequence_number_range"], "[2 : 2]");
  EXPECT_TRUE(dis().ReadPartition("old", 0).empty());
  EXPECT_EQ(dis().PutToPartition("old", 0, 1), std::vector<std::int64_t>({2}));
}

}  // namespace
}  // namespace disd::test
