#include "support/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

extern char** environ;

namespace disd::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kStartTimeoutMs = 15000;
constexpr int kStopTimeoutMs = 15000;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

int OpenPidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  long fd = ::syscall(SYS_pidfd_open, pid, 0);
  return fd < 0 ? -1 : static_cast<int>(fd);
#else
  return -1;
#endif
}

std::string DescribeStatus(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

}  // namespace

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  std::string pattern = (std::filesystem::temp_directory_path() / "disd-it-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed: " << std::strerror(errno);
    return;
  }
  dir_ = pattern;
  std::filesystem::create_directories(dir_ / "data");
  if (!options_.config.empty()) {
    std::ofstream(dir_ / "config.json") << options_.config;
  }
}

ServerProcess::~ServerProcess() {
  if (running()) Kill();
  if (!keep_dir_ && !dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

::testing::AssertionResult ServerProcess::Start() {
  if (running()) return ::testing::AssertionFailure() << "server already running";
  if (dir_.empty()) return ::testing::AssertionFailure() << "no temporary directory";
  std::error_code ec;
  std::filesystem::remove(dir_ / "ready", ec);

  std::vector<std::string> args = {DISD_BINARY,
                                   "--listen",
                                   "127.0.0.1:0",
                                   "--data-dir",
                                   data_dir().string(),
                                   "--clock",
                                   options_.manual_clock ? "manual" : "system",
                                   "--log-level",
                                   options_.log_level,
                                   "--ready-file",
                                   (dir_ / "ready").string()};
  if (!options_.config.empty()) {
    args.push_back("--config");
    args.push_back((dir_ / "config.json").string());
  }
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::string log = (dir_ / "server.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return ::testing::AssertionFailure() << "cannot start " << argv[0] << ": " << std::strerror(rc);
  }
  pid_ = pid;
  pidfd_ = OpenPidfd(pid);
  return WaitReady();
}

::testing::AssertionResult ServerProcess::WaitReady() {
  const auto ready = dir_ / "ready";
  const auto deadline = Clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
  int inotify = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify >= 0) {
    ::inotify_add_watch(inotify, dir_.c_str(), IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE);
  }
  ::testing::AssertionResult result = ::testing::AssertionFailure();
  while (true) {
    std::string text = ReadFile(ready);
    if (!text.empty() && text.back() == '\n') {
      text.pop_back();
      // Further lines, when present: "https host:port" of the TLS listener, "ops
      // host:port" of the operations listener.
      tls_port_ = 0;
      ops_port_ = 0;
      if (const auto newline = text.find('\n'); newline != std::string::npos) {
        std::istringstream extra(text.substr(newline + 1));
        text.resize(newline);
        for (std::string line; std::getline(extra, line);) {
          const auto colon = line.rfind(':');
          if (colon == std::string::npos) continue;
          const auto port =
              static_cast<std::uint16_t>(std::strtoul(line.c_str() + colon + 1, nullptr, 10));
          if (line.starts_with("https ")) tls_port_ = port;
          if (line.starts_with("ops ")) ops_port_ = port;
        }
      }
      auto colon = text.rfind(':');
      if (colon == std::string::npos) {
        result = ::testing::AssertionFailure() << "malformed ready file: '" << text << "'";
        break;
      }
      host_ = text.substr(0, colon);
      if (host_.size() >= 2 && host_.front() == '[') host_ = host_.substr(1, host_.size() - 2);
      port_ = static_cast<std::uint16_t>(std::strtoul(text.c_str() + colon + 1, nullptr, 10));
      result = port_ != 0 ? ::testing::AssertionSuccess()
                          : ::testing::AssertionFailure() << "ready file has port 0: " << text;
      break;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      if (pidfd_ >= 0) ::close(pidfd_);
      pidfd_ = -1;
      result = ::testing::AssertionFailure()
               << "disd ended before it was ready (" << DescribeStatus(status) << "); output:\n"
               << LogTail();
      break;
    }
    int left = RemainingMs(deadline);
    if (left == 0) {
      result = ::testing::AssertionFailure()
               << "disd did not write its ready file within " << kStartTimeoutMs << " ms; output:\n"
               << LogTail();
      break;
    }
    if (inotify >= 0) {
      // Wake on a directory event or on the child's exit (pidfd), whichever comes first;
      // the short cap only matters when pidfds are unavailable.
      pollfd fds[2] = {{inotify, POLLIN, 0}, {pidfd_, POLLIN, 0}};
      ::poll(fds, pidfd_ >= 0 ? 2 : 1, pidfd_ >= 0 ? left : std::min(left, 20));
      char drain[4096];
      while (::read(inotify, drain, sizeof drain) > 0) {
      }
    } else {
      std::this_thread::yield();
    }
  }
  if (inotify >= 0) ::close(inotify);
  if (!result && running()) Kill();
  return result;
}

bool ServerProcess::WaitExit(int timeout_ms, int* status) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    pid_t r = ::waitpid(pid_, status, WNOHANG);
    if (r == pid_) return true;
    if (r < 0 && errno != EINTR) return false;
    int left = RemainingMs(deadline);
    if (left == 0) return false;
    if (pidfd_ >= 0) {
      pollfd p{pidfd_, POLLIN, 0};
      ::poll(&p, 1, left);
    } else {
      std::this_thread::yield();
    }
  }
}

::testing::AssertionResult ServerProcess::Stop() {
  if (!running()) return ::testing::AssertionSuccess();
  ::kill(pid_, SIGTERM);
  int status = 0;
  bool exited = WaitExit(kStopTimeoutMs, &status);
  if (!exited) {
    Kill();
    return ::testing::AssertionFailure()
           << "disd did not exit within " << kStopTimeoutMs << " ms of SIGTERM";
  }
  pid_ = -1;
  if (pidfd_ >= 0) ::close(pidfd_);
  pidfd_ = -1;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "disd ended with " << DescribeStatus(status) << " after SIGTERM (expected exit 0)";
}

void ServerProcess::Kill() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (pidfd_ >= 0) ::close(pidfd_);
  pidfd_ = -1;
}

::testing::AssertionResult ServerProcess::Restart() {
  if (running()) {
    auto stopped = Stop();
    if (!stopped) return stopped;
  }
  return Start();
}

std::string ServerProcess::LogTail(std::size_t max_bytes) const {
  std::string text = ReadFile(dir_ / "server.log");
  if (text.size() > max_bytes) text = "...\n" + text.substr(text.size() - max_bytes);
  return text;
}

}  // namespace disd::test
