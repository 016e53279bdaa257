// The operations listener around a real ServerApp: alive but not ready while the store is
// opening (held here by waiting for the data directory's lock, which the test owns), ready
// once the DIS listener serves, not ready again from Stop on, and still answering after the
// app is gone.
#include "disd/app/ops_server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "disd/app/server_app.h"
#include "unit/net/test_http_client.h"

namespace disd::app {
namespace {

namespace http = boost::beast::http;
using net::testing::TestHttpClient;

std::shared_ptr<spdlog::logger> NullLogger() {
  return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

std::pair<int, std::string> Get(const std::string& endpoint, const std::string& target) {
  TestHttpClient client(endpoint);
  client.Send(http::verb::get, target);
  auto response = client.Read();
  if (!response) return {0, ""};
  return {static_cast<int>(response->result_int()), response->body()};
}

class OpsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("disd-ops-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    config_.server.listen = "127.0.0.1:0";
    config_.storage.data_dir = (dir_ / "data").string();
    config_.clock.mode = ClockMode::kManual;
    config_.log.access_log = false;
    ASSERT_TRUE(ops_.Start().ok());
    endpoint_ = ops_.LocalEndpoint();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  Config config_;
  OpsServer ops_{"127.0.0.1:0", NullLogger()};
  std::string endpoint_;
};

TEST_F(OpsServerTest, NotReadyWhileTheStoreOpensReadyWhenServingNotReadyWhenStopping) {
  // Another holder of the store: the app must wait for its lock.
  ManualClock clock(0);
  engine::StoreOptions store_options;
  store_options.data_dir = config_.storage.data_dir;
  auto holder = engine::OpenRocksStore(store_options, clock);
  ASSERT_TRUE(holder.ok()) << holder.error().detail;
  config_.storage.lock_wait_ms = 60000;

  Result<std::unique_ptr<ServerApp>> app = MakeError(ErrorCode::kInternal, "not created");
  std::thread creator([&] { app = ServerApp::Create(config_, NullLogger(), &ops_); });

  // Wait (with a deadline) until the app reports that it waits for the lock.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (ops_.readiness().reason.find("waiting for the lock") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_EQ(Get(endpoint_, "/livez").first, 200);
  auto opening = Get(endpoint_, "/readyz");
  EXPECT_EQ(opening.first, 503);
  EXPECT_NE(opening.second.find("starting: waiting for the lock of the store"), std::string::npos)
      << opening.second;
  EXPECT_NE(Get(endpoint_, "/metrics").second.find("\ndisd_ready 0\n"), std::string::npos);

  holder->reset();  // releases the lock: the open goes on
  creator.join();
  ASSERT_TRUE(app.ok()) << app.error().detail;
  auto created = Get(endpoint_, "/readyz");
  EXPECT_EQ(created.first, 503);
  EXPECT_EQ(created.second, "starting: the DIS listener is not open yet\n");

  ASSERT_TRUE((*app)->Start().ok());
  EXPECT_EQ(Get(endpoint_, "/readyz"), (std::pair<int, std::string>{200, "ready\n"}));
  const std::string metrics = Get(endpoint_, "/metrics").second;
  for (const char* expected :
       {"\ndisd_ready 1\n", "\ndisd_streams 0\n", "# TYPE disd_storage_size_bytes gauge\n",
        "# TYPE process_resident_memory_bytes gauge\n", "disd_build_info{version=\""}) {
    EXPECT_NE(metrics.find(expected), std::string::npos) << expected << "\n" << metrics;
  }

  (*app)->Stop();
  EXPECT_EQ(Get(endpoint_, "/readyz"), (std::pair<int, std::string>{503, "stopping\n"}));
  app->reset();
  // The app's figures are gone with it; the listener still answers.
  const std::string after = Get(endpoint_, "/metrics").second;
  EXPECT_NE(after.find("\ndisd_ready 0\n"), std::string::npos);
  EXPECT_EQ(after.find("disd_streams"), std::string::npos);
  EXPECT_EQ(Get(endpoint_, "/livez").first, 200);
}

TEST_F(OpsServerTest, WithoutLockWaitALockedStoreFailsAtOnce) {
  ManualClock clock(0);
  engine::StoreOptions store_options;
  store_options.data_dir = config_.storage.data_dir;
  auto holder = engine::OpenRocksStore(store_options, clock);
  ASSERT_TRUE(holder.ok());
  auto app = ServerApp::Create(config_, NullLogger(), &ops_);
  ASSERT_FALSE(app.ok());
  EXPECT_NE(app.error().detail.find("lock"), std::string::npos) << app.error().detail;
  EXPECT_EQ(Get(endpoint_, "/readyz").first, 503);
}

}  // namespace
}  // namespace disd::app
