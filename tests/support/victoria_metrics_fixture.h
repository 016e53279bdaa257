// VictoriaMetricsServer: a real `victoria-metrics` (Debian package, installed by
// scripts/install-deps.sh --test-servers) for the OpenTSDB sink tests. It speaks
// OpenTSDB's HTTP `/api/put` on one loopback port and its own HTTP API (health, flush,
// export) on another. One instance per test binary run, started on first use (well under
// a second) with a fresh temporary -storageDataPath and random free loopback ports, and
// stopped when the binary ends (a gtest global environment); if the test binary dies, the
// kernel's parent-death signal stops it too. Stop() and Start() take it down and bring it
// back on the same ports and data, for the failure-and-recovery tests.
//
// Deduplication: OpenTSDB keeps one value per (metric, tags, timestamp), so a point written
// twice is stored once. VictoriaMetrics keeps every sample unless deduplication is on, so
// the server runs with -dedup.minScrapeInterval=1ms: samples of a series with the same
// millisecond timestamp collapse to one on read, as in OpenTSDB. A test that finds a point
// twice in Export() therefore means it was written with two different timestamps or tags,
// never that an identical rewrite happened. Retention is 100 years so the tests may use
// fixed past dates.
//
// Tests take it with DISD_REQUIRE_VICTORIA_METRICS(vm): when the server cannot start (not
// installed, no free port, ...) the test FAILS with the reason and the server's output.
//
// Reading back is independent of disd: POST /internal/force_flush, then /api/v1/export
// (one JSON line per series) through the test HTTP client.
//
// Thread-safety: Shared() may be called from any thread; the other members are used by
// one test at a time.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace disd::test {

class VictoriaMetricsServer {
 public:
  // The shared instance, started on the first call (and started again if a test left it
  // stopped). nullptr when it cannot run; `why` then explains.
  static VictoriaMetricsServer* Shared(std::string* why);
  // Stops the shared instance if it runs (the global environment calls it at the end).
  static void StopShared();

  // "http://127.0.0.1:PORT" of the OpenTSDB listener.
  std::string opentsdb_url() const;
  bool running() const { return pid_ > 0; }

  // SIGTERM and wait (SIGKILL after 10 s); the data directory and the ports are kept.
  void Stop();
  // Starts on the same ports and data directory; waits until /health answers OK.
  bool Start(std::string* why);

  struct Sample {
    std::map<std::string, std::string> tags;  // the labels without __name__
    std::int64_t timestamp_ms = 0;
    double value = 0;
    bool operator==(const Sample&) const = default;
  };
  // Every stored sample of `metric`, sorted by tags then timestamp (after a flush).
  // `ok` is false (and `why` says why) when the server did not answer.
  std::vector<Sample> Export(const std::string& metric, bool* ok = nullptr,
                             std::string* why = nullptr) const;

  // The points received over OpenTSDB HTTP since the server (re)started
  // (vm_rows_inserted_total{type="opentsdbhttp"}, before deduplication): a rewrite of the
  // same points counts twice here and once in Export(). VictoriaMetrics caches its metrics
  // page for about a second, so this waits for a fresh page (up to ~1 s). -1 when unreadable.
  std::int64_t PointsReceived() const;

  ~VictoriaMetricsServer();

 private:
  VictoriaMetricsServer() = default;
  bool Init(std::string* why);
  std::string LogTail() const;

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t http_port_ = 0;
  std::uint16_t tsdb_port_ = 0;
};

// For failure messages: "{tags} @ts = value" per sample.
std::string DescribeSamples(const std::vector<VictoriaMetricsServer::Sample>& samples);

}  // namespace disd::test

// Declares `VictoriaMetricsServer* var` for the rest of the test body; fails the test when
// the server cannot run.
#define DISD_REQUIRE_VICTORIA_METRICS(var)                                           \
  std::string var##_why;                                                             \
  ::disd::test::VictoriaMetricsServer* var =                                         \
      ::disd::test::VictoriaMetricsServer::Shared(&var##_why);                       \
  if (var == nullptr) {                                                              \
    FAIL() << "the VictoriaMetrics test server could not start (it is installed by " \
              "scripts/install-deps.sh --test-servers): "                            \
           << var##_why;                                                             \
  }
