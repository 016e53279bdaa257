// The fixture every integration test derives from: starts a fresh disd (manual clock,
// temporary data directory, optional config) before each test, connects a DisClient for
// kProject, and stops the server gracefully afterwards (a shutdown that does not exit 0
// fails the test). On failure the server's captured output is printed.
// Thread-safety: gtest fixtures run on one thread; clients made by MakeClient may be handed
// to other threads, one per thread.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/dis_client.h"
#include "support/server_process.h"

namespace disd::test {

class DisdTest : public ::testing::Test {
 protected:
  // Override to start the server with a config file or extra flags.
  virtual ServerOptions Options() const { return {}; }

  void SetUp() override;
  void TearDown() override;

  ServerProcess& server() { return *server_; }
  DisClient& dis() { return *dis_; }
  // A client on its own connection, for another project or another thread.
  std::unique_ptr<DisClient> MakeClient(const std::string& project = kProject);
  // Graceful restart (or, with `crash`, SIGKILL then start) on the same data directory;
  // reconnects dis().
  ::testing::AssertionResult RestartServer(bool crash = false);

 private:
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<DisClient> dis_;
};

// ServerOptions whose config file is `{"streams": streams, "server": server}`.
ServerOptions WithConfig(const nlohmann::json& streams,
                         const nlohmann::json& server = nlohmann::json::object());

}  // namespace disd::test
