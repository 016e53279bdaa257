// W3: producers at a fixed rate plus one consumer per shard tailing from LATEST, polling at a
// fixed interval. The end-to-end latency of a record is the time from just before its put
// was sent (stamped in the payload header) to the consumer's receipt of it.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "loadgen/stats.h"
#include "loadgen/workloads.h"

namespace disd::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Side {
  Latencies latencies;
  std::int64_t records = 0;
  std::int64_t errors = 0;
};

}  // namespace

int RunMixed(const Options& o, const Protocol& protocol) {
  std::vector<std::string> shards;
  std::vector<std::string> iterators;
  {
    HttpConnection conn(o.host, o.port);
    std::string error;
    if (!protocol.EnsureStream(conn, o.stream, o.partitions, shards, error)) {
      std::fprintf(stderr, "loadgen: %s\n", error.c_str());
      return 1;
    }
    for (const std::string& shard : shards) {
      std::string it;
      if (!protocol.Iterator(conn, o.stream, shard, "LATEST", "", it, error)) {
        std::fprintf(stderr, "loadgen: %s\n", error.c_str());
        return 1;
      }
      iterators.push_back(it);
    }
  }
  const Payload payload(o.size);
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(o.secs);
  const auto interval = std::chrono::duration<double>(static_cast<double>(o.batch) / o.rate);
  std::atomic<std::int64_t> produced{0};
  std::atomic<std::int64_t> consumed{0};
  std::atomic<bool> producing{true};
  std::vector<Side> puts(static_cast<std::size_t>(o.producers));
  std::vector<Side> gets(shards.size());
  {
    std::vector<std::jthread> consumers;
    for (std::size_t s = 0; s < shards.size(); ++s) {
      consumers.emplace_back([&, s] {
        HttpConnection conn(o.host, o.port);
        Side& side = gets[s];
        std::string it = iterators[s];
        Request req;
        Response res;
        Page page;
        Clock::time_point stop_by = Clock::time_point::max();
        for (int calls = 0; calls < 1000000 && !it.empty(); ++calls) {
          const auto polled = Clock::now();
          if (!producing && stop_by == Clock::time_point::max()) stop_by = polled + std::chrono::seconds(5);
          if (polled > stop_by || (!producing && consumed >= produced)) break;
          protocol.BuildGet(it, o.limit, o.max_bytes, req);
          if (!conn.RoundTrip(req, res) || res.status != 200 ||
              !protocol.ParseGet(res, Detail::kHeader, page)) {
            ++side.errors;
          } else {
            const std::uint64_t now = NowNs();
            for (const PageRecord& r : page.records) {
              if (r.header && r.header->send_ns <= now) side.latencies.Add(now - r.header->send_ns);
            }
            side.records += static_cast<std::int64_t>(page.count);
            consumed += static_cast<std::int64_t>(page.count);
            it = page.next;
          }
          std::this_thread::sleep_until(polled + std::chrono::milliseconds(o.poll_ms));
        }
      });
    }
    {
      std::vector<std::jthread> producers;
      for (int w = 0; w < o.producers; ++w) {
        producers.emplace_back([&, w] {
          HttpConnection conn(o.host, o.port);
          Side& side = puts[w];
          std::vector<std::string> keys;
          for (int i = 0; i < o.batch; ++i) keys.push_back("pk-" + std::to_string(w) + "-" + std::to_string(i));
          std::vector<OutRecord> records(static_cast<std::size_t>(o.batch));
          std::uint64_t next_id = (static_cast<std::uint64_t>(w) + 1) << 40;
          Request req;
          Response res;
          PutReply reply;
          auto next = Clock::now();
          for (std::int64_t n = 0; n < o.max_requests && Clock::now() < deadline; ++n) {
            std::this_thread::sleep_until(next);
            next += std::chrono::duration_cast<Clock::duration>(interval);
            for (int i = 0; i < o.batch; ++i) {
              records[i] = {next_id++, NowNs(), keys[i]};
            }
            protocol.BuildPut(o.stream, records, payload, req);
            const std::uint64_t t0 = NowNs();
            if (!conn.RoundTrip(req, res) || res.status != 200 ||
                !protocol.ParsePut(res, records.size(), false, reply)) {
              ++side.errors;
              continue;
            }
            side.latencies.Add(NowNs() - t0);
            side.records += reply.ok;
            produced += reply.ok;
          }
        });
      }
    }
    producing = false;
  }
  Side put_total, get_total;
  for (Side& s : puts) put_total.latencies.Merge(s.latencies), put_total.records += s.records, put_total.errors += s.errors;
  for (Side& s : gets) get_total.latencies.Merge(s.latencies), get_total.records += s.records, get_total.errors += s.errors;
  JsonLine line;
  line.Add("label", o.label).Add("mode", "mixed").Add("proto", protocol.name())
      .Add("producers", o.producers).Add("rate", o.rate).Add("batch", o.batch)
      .Add("poll_ms", o.poll_ms).Add("produced", put_total.records)
      .Add("consumed", get_total.records).AddPercentiles("e2e_", get_total.latencies)
      .AddPercentiles("put_", put_total.latencies)
      .Add("errors", put_total.errors + get_total.errors);
  std::printf("%s\n", line.str().c_str());
  return 0;
}

}  // namespace disd::bench
