// Runs the real disd binary for one test: a fresh temporary directory holds the data
// directory, the ready file, the optional config file and the server's captured
// stdout/stderr. Start() waits (with a deadline, never a sleep) until the server has written
// "host:port" to the ready file; Stop() is a graceful SIGTERM shutdown that must exit 0;
// Kill() is SIGKILL, for crash tests; Restart() starts again on the same data directory
// (the port changes). The destructor kills a server that is still running and removes the
// directory unless KeepDirectory() was called.
// Thread-safety: not thread-safe; owned by one test.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace disd::test {

struct ServerOptions {
  // JSON (comments allowed) written to a config file passed with --config; empty = none.
  std::string config;
  // Appended to the command line.
  std::vector<std::string> extra_args;
  // --clock manual (the default for tests) or system.
  bool manual_clock = true;
  std::string log_level = "warn";
};

class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Spawns the server and waits up to 15 s for its ready file.
  ::testing::AssertionResult Start();
  // SIGTERM, then waits up to 15 s; succeeds only if the server exited with status 0.
  ::testing::AssertionResult Stop();
  // SIGKILL and reap.
  void Kill();
  // Stop() if running, then Start() on the same data directory.
  ::testing::AssertionResult Restart();

  bool running() const { return pid_ > 0; }
  const std::string& host() const { return host_; }
  std::uint16_t port() const { return port_; }
  // The port of the TLS listener (server.tls.listen); 0 when the server runs none.
  std::uint16_t tls_port() const { return tls_port_; }
  // The port of the operations listener (--ops-listen / ops.listen); 0 when none.
  std::uint16_t ops_port() const { return ops_port_; }
  const std::filesystem::path& directory() const { return dir_; }
  std::filesystem::path data_dir() const { return dir_ / "data"; }

  // The captured server output (the last `max_bytes` of it).
  std::string LogTail(std::size_t max_bytes = 16384) const;
  // Leave the temporary directory in place after the test.
  void KeepDirectory() { keep_dir_ = true; }

 private:
  ::testing::AssertionResult WaitReady();
  // Waits for the child to exit; true and `status` set if it did before the deadline.
  bool WaitExit(int timeout_ms, int* status);

  ServerOptions options_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int pidfd_ = -1;
  std::string host_;
  std::uint16_t port_ = 0;
  std::uint16_t tls_port_ = 0;
  std::uint16_t ops_port_ = 0;
  bool keep_dir_ = false;
};

}  // namespace disd::test
