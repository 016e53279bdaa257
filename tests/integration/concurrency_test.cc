// Concurrency through the HTTP front end: parallel writers lose nothing and numbering stays
// dense, tailing readers never see a gap or a reorder, and racing creates respect name
// uniqueness and the quota (dis-behaviour.md edge case 18; kinesis-mock#130 as a regression).
// Threads report problems as strings; the test thread asserts after joining.
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

constexpr auto kLivenessDeadline = std::chrono::seconds(90);

class ConcurrencyTest : public DisdTest {};

TEST_F(ConcurrencyTest, ParallelWritersAndTailingReadersOnOnePartition) {
  constexpr int kWriters = 4, kRequests = 25, kPerRequest = 10;
  constexpr int kTotal = kWriters * kRequests * kPerRequest;
  dis().CreateOk("s", 1);

  std::mutex mu;
  std::vector<std::string> problems;
  std::map<std::int64_t, std::string> acked;  // sn -> data
  auto report = [&](std::string p) {
    std::lock_guard<std::mutex> lock(mu);
    problems.push_back(std::move(p));
  };

  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    auto client = MakeClient();
    threads.emplace_back([&, w, client = std::shared_ptr<DisClient>(std::move(client))] {
      std::int64_t last = -1;
      for (int i = 0; i < kRequests; ++i) {
        std::vector<Record> records;
        for (int j = 0; j < kPerRequest; ++j) {
          records.push_back(ToPartition(
              "w" + std::to_string(w) + "-" + std::to_string(i) + "-" + std::to_string(j), "0"));
        }
        DisResponse r = client->PutRecords("s", records);
        if (r.status != 200 || r.doc.value("failed_record_count", -1) != 0) {
          report("put failed: " + std::to_string(r.status) + " " + r.body.substr(0, 200));
          return;
        }
        for (int j = 0; j < kPerRequest; ++j) {
          std::int64_t sn = std::stoll(r.doc["records"][j]["sequence_number"].get<std::string>());
          if (sn <= last) report("writer " + std::to_string(w) + " got non-increasing sn");
          last = sn;
          std::lock_guard<std::mutex> lock(mu);
          if (!acked.emplace(sn, records[j].data).second) {
            problems.push_back("sequence number " + std::to_string(sn) + " assigned twice");
          }
        }
      }
    });
  }
  std::vector<std::vector<std::string>> seen(2);
  for (int rd = 0; rd < 2; ++rd) {
    auto client = MakeClient();
    std::string cursor = client->Cursor("s", "0", "TRIM_HORIZON");
    threads.emplace_back([&, rd, cursor, client = std::shared_ptr<DisClient>(std::move(client))] {
      auto deadline = std::chrono::steady_clock::now() + kLivenessDeadline;
      std::string current = cursor;
      std::int64_t expected = 0;
      while (expected < kTotal) {
        if (std::chrono::steady_clock::now() > deadline) {
          report("reader " + std::to_string(rd) + " stuck at " + std::to_string(expected));
          return;
        }
        DisResponse r = client->GetRecords(current, {{"limit", "37"}});
        if (r.status != 200) {
          report("read failed: " + std::to_string(r.status) + " " + r.body.substr(0, 200));
          return;
        }
        for (const auto& e : r.doc["records"]) {
          std::int64_t sn = std::stoll(e["sequence_number"].get<std::string>());
          if (sn != expected) {
            report("reader " + std::to_string(rd) + " expected sn " + std::to_string(expected) +
                   " got " + std::to_string(sn));
            return;
          }
          seen[rd].push_back(e["data"]);
          ++expected;
        }
        current = r.doc["next_partition_cursor"];
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(problems.empty()) << problems.front() << " (+" << problems.size() - 1 << " more)";

  ASSERT_EQ(acked.size(), static_cast<std::size_t>(kTotal));
  EXPECT_EQ(acked.begin()->first, 0);
  EXPECT_EQ(acked.rbegin()->first, kTotal - 1);
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"], "[0 : 1000]");
  auto all = dis().ReadPartition("s", 0);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kTotal));
  for (const auto& r : all) EXPECT_EQ(acked[r.sequence_number], r.data) << r.sequence_number;
  for (int rd = 0; rd < 2; ++rd) {
    ASSERT_EQ(seen[rd].size(), static_cast<std::size_t>(kTotal));
    for (int i = 0; i < kTotal; ++i) {
      EXPECT_EQ(seen[rd][i], Base64(acked[i])) << "reader " << rd << " sn " << i;
    }
  }
}

TEST_F(ConcurrencyTest, ParallelWritersAcrossPartitionsKeepEachPartitionDense) {
  constexpr int kWriters = 4, kRequests = 15, kPerRequest = 20;
  dis().CreateOk("s", 3);
  std::mutex mu;
  std::vector<std::string> problems;
  std::map<std::pair<std::string, std::int64_t>, std::string> acked;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w, client = std::shared_ptr<DisClient>(MakeClient())] {
      for (int i = 0; i < kRequests; ++i) {
        std::vector<Record> records;
        for (int j = 0; j < kPerRequest; ++j) {
          records.push_back(Plain("w" + std::to_string(w) + "-" + std::to_string(i * 100 + j)));
          if (j % 4 == 0) records.back().partition_key = "key-" + std::to_string(j);
        }
        DisResponse r = client->PutRecords("s", records);
        std::lock_guard<std::mutex> lock(mu);
        if (r.status != 200 || r.doc.value("failed_record_count", -1) != 0) {
          problems.push_back("put failed: " + std::to_string(r.status) + " " + r.body);
          return;
        }
        for (int j = 0; j < kPerRequest; ++j) {
          const json& e = r.doc["records"][j];
          auto key = std::make_pair(e["partition_id"].get<std::string>(),
                                    std::stoll(e["sequence_number"].get<std::string>()));
          if (!acked.emplace(key, records[j].data).second) {
            problems.push_back("duplicate " + key.first + "/" + std::to_string(key.second));
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(problems.empty()) << problems.front();
  std::size_t total = 0;
  for (int k = 0; k < 3; ++k) {
    auto records = dis().ReadPartition("s", k);
    for (std::size_t i = 0; i < records.size(); ++i) {
      EXPECT_EQ(records[i].sequence_number, static_cast<std::int64_t>(i));
      EXPECT_EQ((acked[{PartitionId(k), records[i].sequence_number}]), records[i].data);
    }
    EXPECT_EQ(dis().Partition("s", k)["sequence_number_range"],
              "[0 : " + std::to_string(records.size()) + "]");
    total += records.size();
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kWriters * kRequests * kPerRequest));
  EXPECT_EQ(acked.size(), total);
}

TEST_F(ConcurrencyTest, RacingCreatesOfOneNameMakeExactlyOneStream) {
  constexpr int kThreads = 8;
  std::vector<int> statuses(kThreads);
  std::vector<std::string> codes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t, client = std::shared_ptr<DisClient>(MakeClient())] {
      DisResponse r = client->CreateStream("same", 1 + t % 3);
      statuses[t] = r.status;
      codes[t] = r.doc.is_object() ? r.doc.value("error_code", "") : "";
    });
  }
  for (auto& t : threads) t.join();
  int created = 0;
  for (int t = 0; t < kThreads; ++t) {
    if (statuses[t] == 201) {
      ++created;
    } else {
      EXPECT_EQ(statuses[t], 400);
      EXPECT_EQ(codes[t], "DIS.4307");
    }
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(dis().ListStreams().doc["total_number"], 1);
}

TEST_F(ConcurrencyTest, RacingCreatesNeverExceedTheQuota) {
  constexpr int kThreads = 10;
  std::vector<int> statuses(kThreads);
  std::vector<std::string> codes(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t, client = std::shared_ptr<DisClient>(MakeClient())] {
      DisResponse r = client->CreateStream("q" + std::to_string(t), 10);
      statuses[t] = r.status;
      codes[t] = r.doc.is_object() ? r.doc.value("error_code", "") : "";
    });
  }
  for (auto& t : threads) t.join();
  int created = 0;
  for (int t = 0; t < kThreads; ++t) {
    if (statuses[t] == 201) {
      ++created;
    } else {
      EXPECT_EQ(statuses[t], 400);
      EXPECT_EQ(codes[t], "DIS.4308");
    }
  }
  EXPECT_EQ(created, 5);
  EXPECT_EQ(dis().ListStreams().doc["total_number"], 5);
}

class ConcurrentScalingTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"scaling_ops_per_hour", 0}, {"scaling_cooldown_after_success", false}});
  }
};

TEST_F(ConcurrentScalingTest, WritesDuringScalingAreNeitherLostNorDuplicated) {
  constexpr int kWriters = 3, kRequests = 30, kPerRequest = 10;
  dis().CreateOk("s", 2);
  std::mutex mu;
  std::vector<std::string> problems;
  std::map<std::pair<std::string, std::int64_t>, std::string> acked;
  std::atomic<int> writers_done{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w, client = std::shared_ptr<DisClient>(MakeClient())] {
      for (int i = 0; i < kRequests; ++i) {
        std::vector<Record> records;
        for (int j = 0; j < kPerRequest; ++j) {
          records.push_back(Plain("w" + std::to_string(w) + "-" + std::to_string(i * 100 + j)));
        }
        DisResponse r = client->PutRecords("s", records);
        std::lock_guard<std::mutex> lock(mu);
        if (r.status != 200) {
          problems.push_back("put failed: " + std::to_string(r.status) + " " + r.body);
          break;
        }
        for (int j = 0; j < kPerRequest; ++j) {
          const json& e = r.doc["records"][j];
          if (e.contains("error_code")) {
            // A record routed to a partition that was just scaled away may be refused.
            if (e["error_code"] != "DIS.4319") problems.push_back("unexpected " + e.dump());
            continue;
          }
          auto key = std::make_pair(e["partition_id"].get<std::string>(),
                                    std::stoll(e["sequence_number"].get<std::string>()));
          if (!acked.emplace(key, records[j].data).second) {
            problems.push_back("duplicate " + key.first + "/" + std::to_string(key.second));
          }
        }
      }
      ++writers_done;
    });
  }
  auto scaler = MakeClient();
  for (int target : {4, 3, 5, 1, 3}) {
    DisResponse r = scaler->UpdatePartitionCount("s", target);
    EXPECT_TRUE(HasStatus(r, 200)) << target;
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(problems.empty()) << problems.front();
  EXPECT_EQ(writers_done.load(), kWriters);
  std::size_t total = 0;
  json d = dis().DescribeOk("s");
  ASSERT_EQ(d["partitions"].size(), 5u);
  for (int k = 0; k < 5; ++k) {
    auto records = dis().ReadPartition("s", k);
    for (std::size_t i = 0; i < records.size(); ++i) {
      EXPECT_EQ(records[i].sequence_number, static_cast<std::int64_t>(i)) << k;
      EXPECT_EQ((acked[{PartitionId(k), records[i].sequence_number}]), records[i].data);
    }
    total += records.size();
  }
  EXPECT_EQ(total, acked.size());
}

TEST_F(ConcurrentScalingTest, RacingScaleUpsNeverExceedTheQuota) {
  constexpr int kStreams = 5;
  for (int i = 0; i < kStreams; ++i) dis().CreateOk("s" + std::to_string(i), 5);  // 25 of 50
  std::vector<int> statuses(kStreams);
  std::vector<std::string> codes(kStreams);
  std::vector<std::thread> threads;
  for (int i = 0; i < kStreams; ++i) {
    threads.emplace_back([&, i, client = std::shared_ptr<DisClient>(MakeClient())] {
      DisResponse r = client->UpdatePartitionCount("s" + std::to_string(i), 11);  // +6 each
      statuses[i] = r.status;
      codes[i] = r.doc.is_object() ? r.doc.value("error_code", "") : "";
    });
  }
  for (auto& t : threads) t.join();
  int scaled = 0, active = 0;
  for (int i = 0; i < kStreams; ++i) {
    if (statuses[i] == 200) {
      ++scaled;
    } else {
      EXPECT_EQ(statuses[i], 400);
      EXPECT_EQ(codes[i], "DIS.4308");
    }
    active += dis().DescribeOk("s" + std::to_string(i)).value("writable_partition_count", 0);
  }
  EXPECT_EQ(scaled, 4);  // 25 + 4 * 6 = 49; a fifth would make 55
  EXPECT_LE(active, 50);
}

TEST_F(ConcurrencyTest, DeletingAStreamWhileItIsWrittenLeavesNoTrace) {
  constexpr int kWriters = 3;
  dis().CreateOk("s", 2);
  dis().PutToPartition("s", 0, 5);
  std::mutex mu;
  std::vector<std::string> problems;
  std::atomic<int> gone{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, client = std::shared_ptr<DisClient>(MakeClient())] {
      for (int i = 0; i < 200; ++i) {
        DisResponse r = client->PutRecords("s", {Plain("x"), Plain("y")});
        if (r.status == 200) continue;
        std::string code = r.doc.is_object() ? r.doc.value("error_code", "") : "";
        if (r.status == 400 && code == "DIS.4301") {
          ++gone;
          return;
        }
        std::lock_guard<std::mutex> lock(mu);
        problems.push_back("unexpected answer: " + std::to_string(r.status) + " " + r.body);
        return;
      }
    });
  }
  EXPECT_TRUE(HasStatus(MakeClient()->DeleteStream("s"), 204));
  for (auto& t : threads) t.join();
  ASSERT_TRUE(problems.empty()) << problems.front();
  EXPECT_TRUE(IsDisError(dis().Describe("s"), 400, "DIS.4301"));
  dis().CreateOk("s", 2);
  for (int k = 0; k < 2; ++k) {
    EXPECT_EQ(dis().Partition("s", k)["sequence_number_range"], "[0 : 0]");
    EXPECT_TRUE(dis().ReadPartition("s", k).empty());
  }
}

}  // namespace
}  // namespace disd::test
