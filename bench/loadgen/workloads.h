// The workloads of the benchmark (docs/performance.md, W1-W6). Each one runs against one
// server over one protocol, is bounded by time and by request count, and prints one JSON
// line with its results on stdout (diagnostics go to stderr).
//   put      W1/W4: `c` connections, each sending `batch` records of `size` bytes per request
//   drain    W2: reads every shard from TRIM_HORIZON until it comes back empty
//   mixed    W3: `producers` at `rate` records/s each plus one tailing consumer per shard
//   preload  W5: `records` records into the stream; writes the sequence numbers at the
//            probe positions (0, half, 99.9%) to `positions`
//   flat     W5: cursor AT_SEQUENCE_NUMBER + GetRecords at each probe position
//   verify   W6: every record listed in `ack_log` must be readable, unchanged, with the
//            acknowledged shard and sequence number
// Thread-safety: each Run* call owns its threads and joins them before returning.
#pragma once

#include <cstdint>
#include <string>

#include "loadgen/protocol.h"

namespace disd::bench {

struct Options {
  std::string mode;
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string proto = "dis";
  std::string project = "0123456789abcdef0123456789abcdef";
  std::string stream = "bench";
  std::string label;          // copied into the result line
  int partitions = 4;
  int c = 1;                  // connections = threads
  double secs = 10;           // measured time
  double warmup = 0;          // seconds before measuring
  std::int64_t max_requests = 100000000;  // per run, over all connections
  int batch = 500;
  std::size_t size = 1024;
  int limit = 10000;           // GetRecords records per call
  std::int64_t max_bytes = 0;  // DIS max_fetch_bytes; 0 = server default
  std::string ack_log;         // put: acknowledged records go here; verify: read from here
  bool stop_on_error = false;  // put: a worker stops at its first transport error
  int producers = 4;           // mixed
  int rate = 2000;             // mixed: records/s per producer
  int poll_ms = 200;           // mixed: consumer polling interval
  std::int64_t records = 1000000;  // preload
  std::string positions;       // preload writes, flat reads
  int repeats = 200;           // flat: probes per position
};

// Each returns the process exit status (0 = ran; 1 = could not run).
int RunPut(const Options& options, const Protocol& protocol);
int RunDrain(const Options& options, const Protocol& protocol);
int RunMixed(const Options& options, const Protocol& protocol);
int RunPreload(const Options& options, const Protocol& protocol);
int RunFlat(const Options& options, const Protocol& protocol);
int RunVerify(const Options& options, const Protocol& protocol);

}  // namespace disd::bench
