// disd_loadgen: the benchmark's load generator (bench/run.sh drives it; docs/performance.md).
//   disd_loadgen <put|drain|mixed|preload|flat|verify> port=N [key=value ...]
// Keys are the fields of Options (workloads.h). Loopback addresses only.
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>

#include "loadgen/workloads.h"

namespace {

using disd::bench::Options;

bool Set(Options& o, const std::string& key, const std::string& v) {
  const std::map<std::string, std::function<void()>> setters = {
      {"host", [&] { o.host = v; }},
      {"port", [&] { o.port = static_cast<std::uint16_t>(std::stoi(v)); }},
      {"proto", [&] { o.proto = v; }},
      {"project", [&] { o.project = v; }},
      {"stream", [&] { o.stream = v; }},
      {"label", [&] { o.label = v; }},
      {"partitions", [&] { o.partitions = std::stoi(v); }},
      {"c", [&] { o.c = std::stoi(v); }},
      {"secs", [&] { o.secs = std::stod(v); }},
      {"warmup", [&] { o.warmup = std::stod(v); }},
      {"max_requests", [&] { o.max_requests = std::stoll(v); }},
      {"batch", [&] { o.batch = std::stoi(v); }},
      {"size", [&] { o.size = std::stoul(v); }},
      {"limit", [&] { o.limit = std::stoi(v); }},
      {"max_bytes", [&] { o.max_bytes = std::stoll(v); }},
      {"ack_log", [&] { o.ack_log = v; }},
      {"stop_on_error", [&] { o.stop_on_error = v == "1" || v == "true"; }},
      {"producers", [&] { o.producers = std::stoi(v); }},
      {"rate", [&] { o.rate = std::stoi(v); }},
      {"poll_ms", [&] { o.poll_ms = std::stoi(v); }},
      {"records", [&] { o.records = std::stoll(v); }},
      {"positions", [&] { o.positions = v; }},
      {"repeats", [&] { o.repeats = std::stoi(v); }},
  };
  auto it = setters.find(key);
  if (it == setters.end()) return false;
  it->second();
  return true;
}

int Usage() {
  std::fprintf(stderr,
               "usage: disd_loadgen <put|drain|mixed|preload|flat|verify> port=N [key=value ...]\n"
               "keys: host proto(dis|dis-pb|kinesis) project stream label partitions c secs warmup\n"
               "      max_requests batch size limit max_bytes ack_log stop_on_error producers\n"
               "      rate poll_ms records positions repeats\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  Options o;
  o.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    try {
      if (eq == std::string::npos || !Set(o, arg.substr(0, eq), arg.substr(eq + 1))) {
        std::fprintf(stderr, "disd_loadgen: unknown argument %s\n", arg.c_str());
        return Usage();
      }
    } catch (const std::exception&) {
      std::fprintf(stderr, "disd_loadgen: bad value in %s\n", arg.c_str());
      return Usage();
    }
  }
  if (o.port == 0 || !disd::bench::IsLoopback(o.host)) {
    std::fprintf(stderr, "disd_loadgen: a port and a loopback host are required\n");
    return Usage();
  }
  if (o.c < 1 || o.c > 256 || o.batch < 1 || o.size < disd::bench::kHeaderBytes || o.secs <= 0) {
    std::fprintf(stderr, "disd_loadgen: need 1 <= c <= 256, batch >= 1, size >= %zu, secs > 0\n",
                 disd::bench::kHeaderBytes);
    return 2;
  }
  auto protocol = disd::bench::MakeProtocol(o.proto, o.project);
  if (!protocol) return Usage();
  using Run = int (*)(const Options&, const disd::bench::Protocol&);
  const std::map<std::string, Run> modes = {
      {"put", disd::bench::RunPut},         {"drain", disd::bench::RunDrain},
      {"mixed", disd::bench::RunMixed},     {"preload", disd::bench::RunPreload},
      {"flat", disd::bench::RunFlat},       {"verify", disd::bench::RunVerify},
  };
  auto mode = modes.find(o.mode);
  if (mode == modes.end()) return Usage();
  return mode->second(o, *protocol);
}
