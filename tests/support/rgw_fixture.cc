#include "support/rgw_fixture.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "support/test_host.h"

extern char** environ;

namespace disd::test {
namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

constexpr int kStartTimeoutMs = 180000;

std::mutex g_mu;
RgwServer* g_server = nullptr;  // guarded by g_mu
std::string g_start_error;      // guarded by g_mu; set once a start failed
bool g_started = false;         // guarded by g_mu

std::string UrlPath(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string XmlText(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool replaced = false;
    for (const auto& [entity, c] : kEntities) {
      if (text.substr(i, entity.size()) == entity) {
        out.push_back(c);
        i += entity.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push_back(text[i]);
  }
  return out;
}

std::vector<std::string> XmlValues(const std::string& xml, const std::string& tag) {
  std::vector<std::string> values;
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  for (std::size_t pos = xml.find(open); pos != std::string::npos; pos = xml.find(open, pos)) {
    const std::size_t start = pos + open.size();
    const std::size_t end = xml.find(close, start);
    if (end == std::string::npos) break;
    values.push_back(XmlText(std::string_view(xml).substr(start, end - start)));
    pos = end;
  }
  return values;
}

// Runs argv, returns (exit status or -1, stdout).
std::pair<int, std::string> RunCapture(std::vector<std::string> args) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return {-1, {}};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  std::string out;
  if (rc == 0) {
    char buf[65536];
    ssize_t n;
    while ((n = ::read(pipe_fds[0], buf, sizeof buf)) > 0)
      out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (rc != 0) return {-1, {}};
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, std::move(out)};
}

class RgwEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { RgwServer::StopShared(); }
};
[[maybe_unused]] ::testing::Environment* const g_environment =
    ::testing::AddGlobalTestEnvironment(new RgwEnvironment);

}  // namespace

bool RgwServer::SkipRequested() {
  const char* value = std::getenv("DISD_TEST_SKIP_RGW");
  return value != nullptr && *value != '\0' && std::string(value) != "0";
}

RgwServer* RgwServer::Shared(std::string* why) {
  std::lock_guard lock(g_mu);
  if (!g_started) {
    g_started = true;
    auto* server = new RgwServer();
    if (server->Start(&g_start_error)) {
      g_server = server;
    } else {
      delete server;
    }
  }
  if (g_server == nullptr && why != nullptr) *why = g_start_error;
  return g_server;
}

void RgwServer::StopShared() {
  std::lock_guard lock(g_mu);
  delete g_server;
  g_server = nullptr;
}

RgwServer::~RgwServer() { Stop(); }

bool RgwServer::Start(std::string* why) {
  std::string pattern = (fs::temp_directory_path() / "disd-rgw-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    *why = std::string("mkdtemp failed: ") + std::strerror(errno);
    return false;
  }
  dir_ = pattern;
  const std::string script = std::string(DISD_SOURCE_DIR) + "/tests/support/start-rgw.sh";
  const std::string log = (dir_ / "bootstrap.log").string();
  const std::string mon_port = std::to_string(FreeLoopbackPort());
  const std::string rgw_port = std::to_string(FreeLoopbackPort());
  const std::string dir = (dir_ / "ceph").string();
  fs::create_directories(dir);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    *why = std::string("fork failed: ") + std::strerror(errno);
    return false;
  }
  if (pid == 0) {
    // Child: stop with the test binary, in a process group of its own.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(1);
    ::setpgid(0, 0);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int in = ::open("/dev/null", O_RDONLY);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    if (in >= 0) ::dup2(in, 0);
    ::execl("/bin/bash", "bash", script.c_str(), dir.c_str(), mon_port.c_str(), rgw_port.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  pid_ = pid;
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(kStartTimeoutMs);
  const fs::path ready = fs::path(dir) / "ready";
  while (SteadyClock::now() < deadline) {
    std::string text = ReadWholeFile(ready);
    if (!text.empty() && text.back() == '\n') {
      text.pop_back();
      endpoint_ = text;
      return true;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      *why = "start-rgw.sh ended before the gateway was ready; its output:\n" + LogTail();
      return false;
    }
    // The bootstrap takes seconds; a coarse poll of the ready file is enough here.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  *why = "the gateway was not ready within " + std::to_string(kStartTimeoutMs / 1000) +
         " s; start-rgw.sh output:\n" + LogTail();
  Stop();
  return false;
}

void RgwServer::Stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);  // the script stops its daemons
    const auto deadline = SteadyClock::now() + std::chrono::seconds(15);
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (SteadyClock::now() > deadline) {
        ::kill(-pid_, SIGKILL);  // the script's own process group
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
    dir_.clear();
  }
}

std::string RgwServer::LogTail() const {
  std::string log = ReadWholeFile(dir_ / "bootstrap.log");
  if (log.size() > 4000) log = "..." + log.substr(log.size() - 4000);
  return log;
}

RgwServer::Answer RgwServer::Call(const std::string& method, const std::string& bucket,
                                  const std::string& key, const std::string& query,
                                  const std::string& body) const {
  static std::atomic<int> counter{0};
  std::string url = endpoint_ + "/" + UrlPath(bucket);
  if (!key.empty()) url += "/" + UrlPath(key);
  if (!query.empty()) url += "?" + query;
  std::vector<std::string> args = {"curl",
                                   "-s",
                                   "-g",
                                   "-X",
                                   method,
                                   "--aws-sigv4",
                                   std::string("aws:amz:") + kRegion + ":s3",
                                   "--user",
                                   std::string(kAccessKey) + ":" + kSecretKey,
                                   "-H",
                                   "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                                   "-w",
                                   "\n%{http_code}"};
  fs::path body_file;
  if (method == "PUT" || method == "POST") {
    body_file = dir_ / ("body-" + std::to_string(counter.fetch_add(1)));
    std::ofstream(body_file, std::ios::binary) << body;
    args.insert(args.end(), {"-H", "Content-Type: application/octet-stream", "--data-binary",
                             "@" + body_file.string()});
  }
  args.push_back(url);
  auto [rc, out] = RunCapture(std::move(args));
  if (!body_file.empty()) fs::remove(body_file);
  Answer answer;
  const std::size_t newline = out.rfind('\n');
  if (rc != 0 || newline == std::string::npos) return answer;
  answer.status = std::atoi(out.c_str() + newline + 1);
  answer.body = out.substr(0, newline);
  return answer;
}

bool RgwServer::CreateBucket(const std::string& bucket) const {
  const Answer a = Call("PUT", bucket);
  return a.status == 200 ||
         (a.status == 409 && a.body.find("BucketAlreadyOwnedByYou") != std::string::npos);
}

bool RgwServer::DeleteBucket(const std::string& bucket) const {
  for (const std::string& key : List(bucket)) {
    if (Call("DELETE", bucket, key).status != 204) return false;
  }
  return Call("DELETE", bucket).status == 204;
}

std::optional<std::string> RgwServer::Get(const std::string& bucket, const std::string& key) const {
  Answer a = Call("GET", bucket, key);
  if (a.status != 200) return std::nullopt;
  return std::move(a.body);
}

std::vector<std::string> RgwServer::List(const std::string& bucket,
                                         const std::string& prefix) const {
  std::vector<std::string> keys;
  std::string marker;
  for (int page = 0; page < 1000; ++page) {
    std::string query = "list-type=2&prefix=" + UrlPath(prefix);
    if (!marker.empty()) query = "continuation-token=" + UrlPath(marker) + "&" + query;
    const Answer a = Call("GET", bucket, {}, query);
    if (a.status != 200) break;
    for (auto& key : XmlValues(a.body, "Key")) keys.push_back(std::move(key));
    const auto truncated = XmlValues(a.body, "IsTruncated");
    const auto next = XmlValues(a.body, "NextContinuationToken");
    if (truncated.empty() || truncated[0] != "true" || next.empty()) break;
    marker = next[0];
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

}  // namespace disd::test
