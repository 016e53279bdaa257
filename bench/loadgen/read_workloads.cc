// The reading workloads: drain (W2), flat (W5 probes) and verify (W6).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "loadgen/stats.h"
#include "loadgen/workloads.h"

namespace disd::bench {

namespace {

bool Shards(const Options& o, const Protocol& protocol, std::vector<std::string>& shards) {
  HttpConnection conn(o.host, o.port);
  std::string error;
  if (!protocol.EnsureStream(conn, o.stream, o.partitions, shards, error)) {
    std::fprintf(stderr, "loadgen: %s\n", error.c_str());
    return false;
  }
  return true;
}

// Reads `shard` from TRIM_HORIZON until two pages in a row come back empty, the deadline
// passes or `max_calls` calls were made. Calls `on_page` for every page.
template <typename OnPage>
bool ReadShard(HttpConnection& conn, const Options& o, const Protocol& protocol,
               const std::string& shard, Detail detail, std::uint64_t deadline,
               std::int64_t max_calls, Latencies& latencies, std::int64_t& errors,
               OnPage&& on_page) {
  std::string it;
  std::string error;
  if (!protocol.Iterator(conn, o.stream, shard, "TRIM_HORIZON", "", it, error)) {
    std::fprintf(stderr, "loadgen: %s\n", error.c_str());
    ++errors;
    return false;
  }
  Request req;
  Response res;
  Page page;
  int empty = 0;
  for (std::int64_t calls = 0; calls < max_calls && !it.empty() && empty < 2 && NowNs() < deadline;
       ++calls) {
    protocol.BuildGet(it, o.limit, o.max_bytes, req);
    const std::uint64_t t0 = NowNs();
    if (!conn.RoundTrip(req, res) || res.status != 200 || !protocol.ParseGet(res, detail, page)) {
      std::fprintf(stderr, "loadgen: GetRecords failed: HTTP %d %s %s\n", res.status,
                   res.body.substr(0, 200).c_str(), conn.error().c_str());
      ++errors;
      return false;
    }
    latencies.Add(NowNs() - t0);
    empty = page.count == 0 ? empty + 1 : 0;
    it = page.next;
    on_page(page);
  }
  return true;
}

}  // namespace

int RunDrain(const Options& o, const Protocol& protocol) {
  std::vector<std::string> shards;
  if (!Shards(o, protocol, shards)) return 1;
  const std::uint64_t start = NowNs();
  const std::uint64_t deadline = start + static_cast<std::uint64_t>(o.secs * 1e9);
  std::atomic<std::size_t> next_shard{0};
  std::atomic<std::int64_t> records{0}, bytes{0}, errors{0};
  std::vector<Latencies> per_worker(static_cast<std::size_t>(o.c));
  {
    std::vector<std::jthread> threads;
    for (int w = 0; w < o.c; ++w) {
      threads.emplace_back([&, w] {
        HttpConnection conn(o.host, o.port);
        std::int64_t my_errors = 0;
        for (std::size_t s = next_shard++; s < shards.size(); s = next_shard++) {
          ReadShard(conn, o, protocol, shards[s], Detail::kCount, deadline, o.max_requests,
                    per_worker[w], my_errors, [&](const Page& page) {
                      records += static_cast<std::int64_t>(page.count);
                      bytes += static_cast<std::int64_t>(page.bytes);
                    });
        }
        errors += my_errors;
      });
    }
  }
  const double secs = std::max(1e-3, static_cast<double>(NowNs() - start) / 1e9);
  Latencies all;
  for (Latencies& l : per_worker) all.Merge(l);
  JsonLine line;
  line.Add("label", o.label).Add("mode", "drain").Add("proto", protocol.name()).Add("c", o.c)
      .Add("limit", o.limit).Add("max_bytes", o.max_bytes).Add("secs", secs)
      .Add("records", records.load()).Add("calls", all.count())
      .Add("records_per_s", static_cast<double>(records) / secs)
      .Add("mb_per_s", static_cast<double>(bytes) / secs / 1048576.0)
      .AddPercentiles("", all).Add("errors", errors.load());
  std::printf("%s\n", line.str().c_str());
  return 0;
}

int RunFlat(const Options& o, const Protocol& protocol) {
  std::vector<std::string> shards;
  if (!Shards(o, protocol, shards) || shards.empty()) return 1;
  std::ifstream in(o.positions);
  std::vector<std::pair<std::int64_t, std::string>> points;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::int64_t pos = 0;
    std::string seq;
    if (fields >> pos >> seq) points.emplace_back(pos, seq);
  }
  if (points.empty()) {
    std::fprintf(stderr, "loadgen: no positions in %s\n", o.positions.c_str());
    return 1;
  }
  HttpConnection conn(o.host, o.port);
  JsonLine line;
  line.Add("label", o.label).Add("mode", "flat").Add("proto", protocol.name())
      .Add("repeats", o.repeats).Add("limit", o.limit);
  std::int64_t errors = 0;
  double lo = 1e30, hi = 0;
  Request req;
  Response res;
  Page page;
  for (const auto& [pos, seq] : points) {
    Latencies latencies;
    for (int i = 0; i < o.repeats + 5; ++i) {  // the first 5 warm caches and are not counted
      const std::uint64_t t0 = NowNs();
      std::string it, error;
      bool ok = protocol.Iterator(conn, o.stream, shards[0], "AT_SEQUENCE_NUMBER", seq, it, error);
      if (ok) {
        protocol.BuildGet(it, o.limit, o.max_bytes, req);
        ok = conn.RoundTrip(req, res) && res.status == 200 &&
             protocol.ParseGet(res, Detail::kCount, page) && page.count > 0;
      }
      if (!ok) {
        ++errors;
        continue;
      }
      if (i >= 5) latencies.Add(NowNs() - t0);
    }
    const double p50 = latencies.PercentileMs(50);
    lo = std::min(lo, p50);
    hi = std::max(hi, p50);
    const std::string at = "at" + std::to_string(pos) + "_";
    line.Add(at + "p50_ms", p50).Add(at + "p99_ms", latencies.PercentileMs(99));
  }
  line.Add("spread_pct", lo > 0 ? (hi / lo - 1) * 100 : 0.0).Add("errors", errors);
  std::printf("%s\n", line.str().c_str());
  return 0;
}

int RunVerify(const Options& o, const Protocol& protocol) {
  struct Expected {
    std::string shard;
    std::string sequence;
  };
  std::unordered_map<std::uint64_t, Expected> expected;
  {
    std::ifstream in(o.ack_log);
    std::uint64_t id = 0;
    std::string shard, seq;
    while (in >> id >> shard >> seq) expected[id] = {shard, seq};
  }
  const std::size_t acked = expected.size();
  std::vector<std::string> shards;
  if (!Shards(o, protocol, shards)) return 1;
  const Payload payload(o.size);
  const std::uint64_t deadline = NowNs() + static_cast<std::uint64_t>(o.secs * 1e9);
  std::int64_t verified = 0, mismatched = 0, unacknowledged = 0, read = 0, errors = 0;
  HttpConnection conn(o.host, o.port);
  Latencies latencies;
  for (const std::string& shard : shards) {
    ReadShard(conn, o, protocol, shard, Detail::kFull, deadline, o.max_requests, latencies, errors,
              [&](const Page& page) {
                for (const PageRecord& r : page.records) {
                  ++read;
                  auto header = ParseHeader(r.data);
                  auto it = header ? expected.find(header->id) : expected.end();
                  if (it == expected.end()) {
                    ++unacknowledged;  // in flight when the server died: may or may not exist
                    continue;
                  }
                  const bool same = it->second.shard == shard && it->second.sequence == r.sequence &&
                                    payload.Matches(r.data);
                  ++(same ? verified : mismatched);
                  expected.erase(it);
                }
              });
  }
  JsonLine line;
  line.Add("label", o.label).Add("mode", "verify").Add("proto", protocol.name())
      .Add("acked", acked).Add("verified", verified)
      .Add("missing", expected.size()).Add("mismatched", mismatched)
      .Add("unacknowledged_present", unacknowledged).Add("read", read).Add("errors", errors);
  std::printf("%s\n", line.str().c_str());
  return expected.empty() && mismatched == 0 && errors == 0 ? 0 : 2;
}

}  // namespace disd::bench
