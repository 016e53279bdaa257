#include "support/disd_test.h"

#include <iostream>

namespace disd::test {

void DisdTest::SetUp() {
  server_ = std::make_unique<ServerProcess>(Options());
  ASSERT_TRUE(server_->Start());
  dis_ = MakeClient();
}

void DisdTest::TearDown() {
  dis_.reset();
  if (server_ && server_->running()) {
    EXPECT_TRUE(server_->Stop());
  }
  if (server_ && HasFailure()) {
    std::cerr << "---- disd output (" << server_->directory().filename().string() << ") ----\n"
              << server_->LogTail() << "\n---- end of disd output ----\n";
  }
}

std::unique_ptr<DisClient> DisdTest::MakeClient(const std::string& project) {
  return std::make_unique<DisClient>(server_->host(), server_->port(), project);
}

::testing::AssertionResult DisdTest::RestartServer(bool crash) {
  dis_.reset();
  if (crash) server_->Kill();
  auto started = server_->Restart();
  dis_ = MakeClient();
  return started;
}

ServerOptions WithConfig(const nlohmann::json& streams, const nlohmann::json& server) {
  nlohmann::json config = nlohmann::json::object();
  if (!streams.empty()) config["streams"] = streams;
  if (!server.empty()) config["server"] = server;
  ServerOptions options;
  options.config = "// integration test settings\n" + config.dump(2) + "\n";
  return options;
}

}  // namespace disd::test
