#include "support/victoria_metrics_fixture.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/http_client.h"
#include "support/test_host.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

constexpr int kStartTimeoutMs = 15000;

std::mutex g_mu;
VictoriaMetricsServer* g_server = nullptr;  // guarded by g_mu
std::string g_start_error;                  // guarded by g_mu; set once a first start failed
bool g_started = false;                     // guarded by g_mu

class VictoriaMetricsEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { VictoriaMetricsServer::StopShared(); }
};
[[maybe_unused]] ::testing::Environment* const g_environment =
    ::testing::AddGlobalTestEnvironment(new VictoriaMetricsEnvironment);

}  // namespace

VictoriaMetricsServer* VictoriaMetricsServer::Shared(std::string* why) {
  std::lock_guard lock(g_mu);
  if (!g_started) {
    g_started = true;
    auto* server = new VictoriaMetricsServer();
    if (server->Init(&g_start_error)) {
      g_server = server;
    } else {
      delete server;
    }
  }
  if (g_server == nullptr) {
    if (why != nullptr) *why = g_start_error;
    return nullptr;
  }
  // A test that stopped the server and failed before restarting it must not break the next.
  if (!g_server->running() && !g_server->Start(why)) return nullptr;
  return g_server;
}

void VictoriaMetricsServer::StopShared() {
  std::lock_guard lock(g_mu);
  delete g_server;
  g_server = nullptr;
}

VictoriaMetricsServer::~VictoriaMetricsServer() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string VictoriaMetricsServer::opentsdb_url() const {
  return "http://127.0.0.1:" + std::to_string(tsdb_port_);
}

bool VictoriaMetricsServer::Init(std::string* why) {
  std::string pattern = (fs::temp_directory_path() / "disd-vm-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    *why = std::string("mkdtemp failed: ") + std::strerror(errno);
    return false;
  }
  dir_ = pattern;
  http_port_ = FreeLoopbackPort();
  tsdb_port_ = FreeLoopbackPort();
  if (http_port_ == 0 || tsdb_port_ == 0 || http_port_ == tsdb_port_) {
    *why = "no free loopback ports";
    return false;
  }
  return Start(why);
}

bool VictoriaMetricsServer::Start(std::string* why) {
  if (pid_ > 0) return true;
  const std::string binary = FindOnPath("victoria-metrics");
  if (binary.empty()) {
    *why =
        "victoria-metrics is not on PATH (install it with scripts/install-deps.sh "
        "--test-servers)";
    return false;
  }
  std::vector<std::string> args = {
      binary,
      "-storageDataPath=" + (dir_ / "data").string(),
      "-httpListenAddr=127.0.0.1:" + std::to_string(http_port_),
      "-opentsdbHTTPListenAddr=127.0.0.1:" + std::to_string(tsdb_port_),
      "-dedup.minScrapeInterval=1ms",
      "-retentionPeriod=100y",
      "-loggerLevel=ERROR"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log = (dir_ / "server.log").string();
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    *why = std::string("fork failed: ") + std::strerror(errno);
    return false;
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int in = ::open("/dev/null", O_RDONLY);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    if (in >= 0) ::dup2(in, 0);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  HttpClient client("127.0.0.1", http_port_);
  client.set_timeout_ms(1000);
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(kStartTimeoutMs);
  while (SteadyClock::now() < deadline) {
    const HttpResponse health = client.Request("GET", "/health");
    if (health.status == 200) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      *why = "victoria-metrics exited before it was ready; its output:\n" + LogTail();
      return false;
    }
    // Waiting for an external server to listen: a short poll is the only signal there is.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  *why = "victoria-metrics did not answer /health within " +
         std::to_string(kStartTimeoutMs / 1000) + " s; its output:\n" + LogTail();
  Stop();
  return false;
}

void VictoriaMetricsServer::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (SteadyClock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

std::string VictoriaMetricsServer::LogTail() const {
  std::ifstream in(dir_ / "server.log", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.size() > 4000) text = "..." + text.substr(text.size() - 4000);
  return text;
}

std::vector<VictoriaMetricsServer::Sample> VictoriaMetricsServer::Export(const std::string& metric,
                                                                         bool* ok,
                                                                         std::string* why) const {
  std::vector<Sample> samples;
  const auto fail = [&](std::string reason) {
    if (ok != nullptr) *ok = false;
    if (why != nullptr) *why = std::move(reason);
    return std::vector<Sample>{};
  };
  if (ok != nullptr) *ok = true;
  HttpClient client("127.0.0.1", http_port_);
  const HttpResponse flush =
      client.Request("POST", "/internal/force_flush", "", {{"Content-Type", ""}});
  if (flush.status != 200) return fail("force_flush answered " + std::to_string(flush.status));
  const std::string selector = "{__name__=" + nlohmann::json(metric).dump() + "}";
  const HttpResponse answer =
      client.Request("POST", "/api/v1/export", "match[]=" + UrlEncode(selector),
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  if (answer.status != 200) {
    return fail("export answered " + std::to_string(answer.status) + ": " + answer.body);
  }
  std::stringstream lines(answer.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const nlohmann::json series = nlohmann::json::parse(line, nullptr, false);
    if (!series.is_object()) return fail("export line is not JSON: " + line);
    std::map<std::string, std::string> tags;
    const nlohmann::json labels = series.value("metric", nlohmann::json::object());
    for (const auto& [k, v] : labels.items()) {
      if (k != "__name__" && v.is_string()) tags[k] = v.get<std::string>();
    }
    const auto values = series.value("values", nlohmann::json::array());
    const auto stamps = series.value("timestamps", nlohmann::json::array());
    if (values.size() != stamps.size()) return fail("export line is uneven: " + line);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!values[i].is_number() || !stamps[i].is_number_integer()) {
        return fail("export line has a non-number: " + line);
      }
      samples.push_back({tags, stamps[i].get<std::int64_t>(), values[i].get<double>()});
    }
  }
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) {
    return std::tie(a.tags, a.timestamp_ms) < std::tie(b.tags, b.timestamp_ms);
  });
  return samples;
}

std::int64_t VictoriaMetricsServer::PointsReceived() const {
  // VictoriaMetrics regenerates its /metrics page at most about once a second and answers
  // the cached page meanwhile. The page counts the /metrics requests it has seen, so a page
  // counting more of them than the first one read was made after this call began, when
  // every put this test made had been answered.
  HttpClient client("127.0.0.1", http_port_);
  static constexpr std::string_view kScrapes = "vm_http_requests_total{path=\"/metrics\"} ";
  static constexpr std::string_view kRows = "vm_rows_inserted_total{type=\"opentsdbhttp\"} ";
  const auto read = [&](std::string_view name, const std::string& page) -> std::int64_t {
    const std::size_t at = page.find(name);
    return at == std::string::npos ? 0 : std::atoll(page.c_str() + at + name.size());
  };
  const HttpResponse first = client.Request("GET", "/metrics");
  if (first.status != 200) return -1;
  const std::int64_t first_scrapes = read(kScrapes, first.body);
  const auto deadline = SteadyClock::now() + std::chrono::seconds(10);
  while (SteadyClock::now() < deadline) {
    // Polling an external server's cache: there is no other signal.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const HttpResponse page = client.Request("GET", "/metrics");
    if (page.status != 200) return -1;
    if (read(kScrapes, page.body) > first_scrapes) return read(kRows, page.body);
  }
  return -1;
}

std::string DescribeSamples(const std::vector<VictoriaMetricsServer::Sample>& samples) {
  std::string out;
  for (const auto& s : samples) {
    out += "{";
    for (const auto& [k, v] : s.tags) out += k + "=" + v + ",";
    out += "} @" + std::to_string(s.timestamp_ms) + " = " + nlohmann::json(s.value).dump() + "\n";
  }
  return out.empty() ? "(no samples)" : out;
}

}  // namespace disd::test
