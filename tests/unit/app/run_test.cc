#include "disd/app/run.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "disd/app/command_line.h"

namespace disd::app {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("disd-run-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(RunTest, ReadyFileIsWrittenAtomically) {
  TempDir dir;
  const fs::path ready = dir.path() / "ready";
  ASSERT_TRUE(WriteReadyFile(ready.string(), "127.0.0.1:34567").ok());
  EXPECT_EQ(Slurp(ready), "127.0.0.1:34567\n");
  EXPECT_FALSE(fs::exists(dir.path() / "ready.tmp"));
  ASSERT_TRUE(WriteReadyFile(ready.string(), "127.0.0.1:1").ok());  // replaces
  EXPECT_EQ(Slurp(ready), "127.0.0.1:1\n");
}

TEST(RunTest, ReadyFileInAMissingDirectoryFails) {
  TempDir dir;
  EXPECT_FALSE(WriteReadyFile((dir.path() / "no" / "ready").string(), "x:1").ok());
}

// The shipped config file must parse, know every key, and state the built-in defaults.
TEST(RunTest, ShippedConfigFileMatchesTheDefaults) {
  const fs::path file = fs::path(__FILE__).parent_path() / "../../../config/disd.jsonc";
  ASSERT_TRUE(fs::exists(file)) << file;
  auto text = ReadWholeFile(file.string());
  ASSERT_TRUE(text.ok());
  auto config = ApplyConfigText(Config{}, *text, "disd.jsonc");
  ASSERT_TRUE(config.ok()) << config.error().detail;
  ASSERT_TRUE(ValidateConfig(*config).ok());
  const Config defaults;
  EXPECT_EQ(config->server.listen, defaults.server.listen);
  EXPECT_EQ(config->server.io_threads, defaults.server.io_threads);
  EXPECT_EQ(config->server.worker_threads, defaults.server.worker_threads);
  EXPECT_EQ(config->server.worker_queue_limit, defaults.server.worker_queue_limit);
  EXPECT_EQ(config->server.max_body_bytes, defaults.server.max_body_bytes);
  EXPECT_EQ(config->server.max_header_bytes, defaults.server.max_header_bytes);
  EXPECT_EQ(config->server.read_timeout_ms, defaults.server.read_timeout_ms);
  EXPECT_EQ(config->server.write_timeout_ms, defaults.server.write_timeout_ms);
  EXPECT_EQ(config->server.idle_timeout_ms, defaults.server.idle_timeout_ms);
  EXPECT_EQ(config->server.max_connections, defaults.server.max_connections);
  EXPECT_EQ(config->server.shutdown_grace_ms, defaults.server.shutdown_grace_ms);
  EXPECT_EQ(config->storage.data_dir, defaults.storage.data_dir);
  EXPECT_EQ(config->storage.durability, defaults.storage.durability);
  EXPECT_EQ(config->storage.block_cache_mb, defaults.storage.block_cache_mb);
  EXPECT_EQ(config->storage.lock_wait_ms, defaults.storage.lock_wait_ms);
  EXPECT_EQ(config->ops.listen, defaults.ops.listen);
  EXPECT_EQ(config->log.level, defaults.log.level);
  EXPECT_EQ(config->log.access_log, defaults.log.access_log);
  EXPECT_EQ(config->clock.mode, defaults.clock.mode);
  EXPECT_EQ(config->clock.start_ms, defaults.clock.start_ms);
  EXPECT_EQ(config->retention_interval_ms, defaults.retention_interval_ms);
  EXPECT_EQ(config->auth.mode, defaults.auth.mode);
  const auto& s = config->streams;
  const auto& d = defaults.streams;
  EXPECT_EQ(s.common_partition_quota, d.common_partition_quota);
  EXPECT_EQ(s.advanced_partition_quota, d.advanced_partition_quota);
  EXPECT_EQ(s.min_retention_hours, d.min_retention_hours);
  EXPECT_EQ(s.max_retention_hours, d.max_retention_hours);
  EXPECT_EQ(s.creating_delay_ms, d.creating_delay_ms);
  EXPECT_EQ(s.scaling_ops_per_hour, d.scaling_ops_per_hour);
  EXPECT_EQ(s.scaling_cooldown_after_success, d.scaling_cooldown_after_success);
  EXPECT_EQ(s.cursor_ttl_ms, d.cursor_ttl_ms);
  EXPECT_EQ(s.get_records_default_limit, d.get_records_default_limit);
  EXPECT_EQ(s.get_records_max_limit, d.get_records_max_limit);
  EXPECT_EQ(s.get_records_max_bytes, d.get_records_max_bytes);
  EXPECT_EQ(s.max_records_per_put, d.max_records_per_put);
  EXPECT_EQ(s.max_record_bytes, d.max_record_bytes);
  EXPECT_EQ(s.max_put_bytes_common, d.max_put_bytes_common);
  EXPECT_EQ(s.max_put_bytes_advanced, d.max_put_bytes_advanced);
  EXPECT_EQ(s.app_quota_per_project, d.app_quota_per_project);
  EXPECT_EQ(s.consumer_session_timeout_ms, d.consumer_session_timeout_ms);
  EXPECT_EQ(s.consumer_group_max_members, d.consumer_group_max_members);
  EXPECT_EQ(s.traffic_control, d.traffic_control);
  EXPECT_EQ(s.traffic_control_scale, d.traffic_control_scale);
}

}  // namespace
}  // namespace disd::app
