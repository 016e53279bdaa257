#include "app/process_stats.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace disd::app {
namespace {

// The fields of /proc/self/stat after the command name (field 3 onwards).
std::vector<std::string> StatFields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  std::getline(in, line);
  const auto close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

double BootTimeSeconds() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double value = 0;
      in >> value;
      return value;
    }
    std::string skip;
    std::getline(in, skip);
  }
  return -1;
}

}  // namespace

void AppendProcessMetrics(PrometheusText& out) {
  const auto fields = StatFields();
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  // Field n of stat(5) is fields[n - 3].
  auto field = [&](std::size_t n) -> double {
    return n - 3 < fields.size() ? std::stod(fields[n - 3]) : -1;
  };
  if (fields.size() >= 22 && ticks > 0) {
    out.Family("process_cpu_seconds_total", "counter", "User and system CPU time spent, seconds.");
    out.Sample("process_cpu_seconds_total", {}, (field(14) + field(15)) / ticks);
    out.Family("process_virtual_memory_bytes", "gauge", "Virtual memory size, bytes.");
    out.Sample("process_virtual_memory_bytes", {}, field(23));
    out.Family("process_resident_memory_bytes", "gauge", "Resident memory size, bytes.");
    out.Sample("process_resident_memory_bytes", {}, field(24) * page);
    out.Family("process_threads", "gauge", "Threads of the process.");
    out.Sample("process_threads", {}, field(20));
    const double boot = BootTimeSeconds();
    if (boot >= 0) {
      out.Family("process_start_time_seconds", "gauge",
                 "Start time of the process since the Unix epoch, seconds.");
      out.Sample("process_start_time_seconds", {}, boot + field(22) / ticks);
    }
  }
  std::error_code ec;
  std::int64_t fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++fds;
  }
  if (!ec) {
    out.Family("process_open_fds", "gauge", "Open file descriptors.");
    out.Sample("process_open_fds", {}, fds);
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    out.Family("process_max_fds", "gauge", "Maximum open file descriptors.");
    out.Sample("process_max_fds", {}, static_cast<std::uint64_t>(limit.rlim_cur));
  }
}

}  // namespace disd::app
