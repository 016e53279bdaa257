// The writing workloads: put (W1, W4, and the ingest half of W6), mixed (W3), preload (W5).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>
#include <vector>

#include "loadgen/stats.h"
#include "loadgen/workloads.h"

namespace disd::bench {

namespace {

struct AckEntry {
  std::uint64_t id = 0;
  std::string shard;
  std::string sequence;
};

struct PutTotals {
  Latencies latencies;
  std::int64_t requests = 0;
  std::int64_t records = 0;         // acknowledged
  std::int64_t failed_records = 0;  // per-record failures (e.g. DIS.4303)
  std::int64_t errors = 0;          // transport errors, non-200 answers, unparsable bodies
  std::vector<AckEntry> acks;
  std::string last_error;
  std::uint64_t end_ns = 0;

  void Merge(PutTotals& o) {
    latencies.Merge(o.latencies);
    requests += o.requests;
    records += o.records;
    failed_records += o.failed_records;
    errors += o.errors;
    std::move(o.acks.begin(), o.acks.end(), std::back_inserter(acks));
    if (!o.last_error.empty()) last_error = o.last_error;
    end_ns = std::max(end_ns, o.end_ns);
  }
};

std::uint64_t Seconds(double s) { return static_cast<std::uint64_t>(s * 1e9); }

bool Ensure(const Options& o, const Protocol& protocol, std::vector<std::string>& shards) {
  HttpConnection conn(o.host, o.port);
  std::string error;
  if (!protocol.EnsureStream(conn, o.stream, o.partitions, shards, error)) {
    std::fprintf(stderr, "loadgen: %s\n", error.c_str());
    return false;
  }
  return true;
}

// Sends one request of `records`; false on an error (counted in `totals`).
bool PutOnce(HttpConnection& conn, const Options& o, const Protocol& protocol,
             const Payload& payload, std::vector<OutRecord>& records, bool want_acks,
             Request& req, Response& res, PutReply& reply, PutTotals& totals,
             std::uint64_t& elapsed_ns) {
  for (OutRecord& r : records) r.send_ns = NowNs();
  protocol.BuildPut(o.stream, records, payload, req);
  const std::uint64_t t0 = NowNs();
  const bool sent = conn.RoundTrip(req, res);
  elapsed_ns = NowNs() - t0;
  if (!sent) {
    ++totals.errors;
    totals.last_error = conn.error();
    return false;
  }
  if (res.status != 200 || !protocol.ParsePut(res, records.size(), want_acks, reply)) {
    ++totals.errors;
    totals.last_error = "HTTP " + std::to_string(res.status) + " " + res.body.substr(0, 200);
    return false;
  }
  return true;
}

void PutWorker(const Options& o, const Protocol& protocol, const Payload& payload, int worker,
               std::uint64_t measure_from, std::uint64_t deadline,
               std::atomic<std::int64_t>& budget, PutTotals& totals) {
  HttpConnection conn(o.host, o.port);
  std::vector<std::string> keys;
  std::vector<OutRecord> records(static_cast<std::size_t>(o.batch));
  for (int i = 0; i < o.batch; ++i) keys.push_back("pk-" + std::to_string(worker) + "-" + std::to_string(i));
  for (int i = 0; i < o.batch; ++i) records[i].partition_key = keys[i];
  std::uint64_t next_id = (static_cast<std::uint64_t>(worker) + 1) << 40;
  const bool want_acks = !o.ack_log.empty();
  Request req;
  Response res;
  PutReply reply;
  totals.latencies.Reserve(1 << 16);
  while (NowNs() < deadline && budget.fetch_sub(1) > 0) {
    for (OutRecord& r : records) r.id = next_id++;
    std::uint64_t elapsed = 0;
    const std::uint64_t started = NowNs();
    if (!PutOnce(conn, o, protocol, payload, records, want_acks, req, res, reply, totals,
                 elapsed)) {
      if (o.stop_on_error) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));  // a refused connect is instant
      continue;
    }
    if (want_acks) {
      for (std::size_t i = 0; i < reply.acks.size() && i < records.size(); ++i) {
        if (reply.acks[i].sequence.empty()) continue;
        totals.acks.push_back({records[i].id, std::move(reply.acks[i].shard),
                               std::move(reply.acks[i].sequence)});
      }
    }
    if (started < measure_from) continue;
    totals.latencies.Add(elapsed);
    ++totals.requests;
    totals.records += reply.ok;
    totals.failed_records += reply.failed;
  }
  totals.end_ns = NowNs();
}

}  // namespace

int RunPut(const Options& o, const Protocol& protocol) {
  std::vector<std::string> shards;
  if (!Ensure(o, protocol, shards)) return 1;
  const Payload payload(o.size);
  const std::uint64_t start = NowNs();
  const std::uint64_t measure_from = start + Seconds(o.warmup);
  const std::uint64_t deadline = measure_from + Seconds(o.secs);
  std::atomic<std::int64_t> budget{o.max_requests};
  std::vector<PutTotals> per_worker(static_cast<std::size_t>(o.c));
  {
    std::vector<std::jthread> threads;
    for (int w = 0; w < o.c; ++w) {
      threads.emplace_back([&, w] {
        PutWorker(o, protocol, payload, w, measure_from, deadline, budget, per_worker[w]);
      });
    }
  }
  PutTotals totals;
  for (PutTotals& t : per_worker) totals.Merge(t);
  const double secs = std::max(1e-3, static_cast<double>(totals.end_ns - measure_from) / 1e9);
  if (!o.ack_log.empty()) {
    std::ofstream out(o.ack_log, std::ios::trunc);
    for (const AckEntry& a : totals.acks) out << a.id << ' ' << a.shard << ' ' << a.sequence << '\n';
    out.flush();
    if (!out) std::fprintf(stderr, "loadgen: cannot write %s\n", o.ack_log.c_str());
  }
  if (!totals.last_error.empty()) std::fprintf(stderr, "loadgen: last error: %s\n", totals.last_error.c_str());
  JsonLine line;
  line.Add("label", o.label).Add("mode", "put").Add("proto", protocol.name()).Add("c", o.c)
      .Add("batch", o.batch).Add("size", o.size).Add("secs", secs)
      .Add("requests", totals.requests).Add("records", totals.records)
      .Add("records_per_s", static_cast<double>(totals.records) / secs)
      .Add("req_per_s", static_cast<double>(totals.requests) / secs)
      .Add("mb_per_s", static_cast<double>(totals.records) * static_cast<double>(o.size) / secs / 1048576.0)
      .AddPercentiles("", totals.latencies)
      .Add("failed_records", totals.failed_records).Add("errors", totals.errors)
      .Add("acked", totals.acks.size());
  std::printf("%s\n", line.str().c_str());
  return 0;
}

int RunPreload(const Options& o, const Protocol& protocol) {
  std::vector<std::string> shards;
  if (!Ensure(o, protocol, shards)) return 1;
  // Kinesis sequence numbers say nothing about positions, so Kinesis preloads from one
  // connection and counts positions in acknowledgement order; DIS numbers are positions.
  const bool positional = protocol.name() == "kinesis";
  const int c = positional ? 1 : o.c;
  const std::int64_t n = o.records;
  const std::set<std::int64_t> probes = {0, n / 2, n - std::max<std::int64_t>(1, n / 1000)};
  const Payload payload(o.size);
  std::atomic<std::int64_t> remaining{n};
  std::mutex found_mu;
  std::vector<std::pair<std::int64_t, std::string>> found;
  std::vector<PutTotals> per_worker(static_cast<std::size_t>(c));
  const std::uint64_t start = NowNs();
  const std::uint64_t deadline = start + Seconds(o.secs);
  {
    std::vector<std::jthread> threads;
    for (int w = 0; w < c; ++w) {
      threads.emplace_back([&, w] {
        HttpConnection conn(o.host, o.port);
        PutTotals& totals = per_worker[w];
        std::uint64_t next_id = (static_cast<std::uint64_t>(w) + 1) << 40;
        std::int64_t position = 0;
        Request req;
        Response res;
        PutReply reply;
        const std::string key = "pk-" + std::to_string(w);
        while (NowNs() < deadline) {
          const std::int64_t take = std::min<std::int64_t>(o.batch, remaining.fetch_sub(o.batch));
          if (take <= 0) break;
          std::vector<OutRecord> records(static_cast<std::size_t>(take));
          for (OutRecord& r : records) r.id = next_id++, r.partition_key = key;
          std::uint64_t elapsed = 0;
          if (!PutOnce(conn, o, protocol, payload, records, true, req, res, reply, totals, elapsed)) {
            remaining += take;  // retried by whoever comes next; bounded by the deadline
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
          }
          totals.records += reply.ok;
          ++totals.requests;
          for (const PutReply::Ack& ack : reply.acks) {
            if (ack.sequence.empty()) continue;
            const std::int64_t pos = positional ? position++ : std::stoll(ack.sequence);
            if (probes.count(pos)) {
              std::lock_guard lock(found_mu);
              found.emplace_back(pos, ack.sequence);
            }
          }
        }
        totals.end_ns = NowNs();
      });
    }
  }
  PutTotals totals;
  for (PutTotals& t : per_worker) totals.Merge(t);
  std::sort(found.begin(), found.end());
  std::ofstream out(o.positions, std::ios::trunc);
  for (const auto& [pos, seq] : found) out << pos << ' ' << seq << '\n';
  const double secs = std::max(1e-3, static_cast<double>(totals.end_ns - start) / 1e9);
  JsonLine line;
  line.Add("label", o.label).Add("mode", "preload").Add("proto", protocol.name())
      .Add("records", totals.records).Add("secs", secs)
      .Add("records_per_s", static_cast<double>(totals.records) / secs)
      .Add("errors", totals.errors).Add("positions", found.size());
  std::printf("%s\n", line.str().c_str());
  return found.size() == probes.size() ? 0 : 1;
}

}  // namespace disd::bench
