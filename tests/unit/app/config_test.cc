#include "disd/app/config.h"

#include <gtest/gtest.h>

#include <map>

namespace disd::app {
namespace {

EnvLookup MapEnv(std::map<std::string, std::string, std::less<>> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Config Apply(std::string_view text) {
  auto config = ApplyConfigText(Config{}, text, "test.jsonc");
  EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().detail);
  return config.ok() ? *config : Config{};
}

std::string ApplyError(std::string_view text) {
  auto config = ApplyConfigText(Config{}, text, "test.jsonc");
  EXPECT_FALSE(config.ok());
  return config.ok() ? "" : config.error().detail;
}

TEST(ConfigTest, DefaultsAreTheDocumentedOnes) {
  Config c;
  EXPECT_EQ(c.server.listen, "127.0.0.1:20080");
  EXPECT_EQ(c.server.io_threads, 2);
  EXPECT_EQ(c.server.worker_threads, 4);
  EXPECT_EQ(c.server.worker_queue_limit, 1024);
  EXPECT_EQ(c.server.max_body_bytes, 8388608);
  EXPECT_EQ(c.server.max_header_bytes, 16384);
  EXPECT_EQ(c.server.read_timeout_ms, 30000);
  EXPECT_EQ(c.server.write_timeout_ms, 30000);
  EXPECT_EQ(c.server.idle_timeout_ms, 60000);
  EXPECT_EQ(c.server.max_connections, 1024);
  EXPECT_EQ(c.server.shutdown_grace_ms, 5000);
  EXPECT_EQ(c.storage.data_dir, "./data");
  EXPECT_EQ(c.storage.durability, engine::Durability::kSync);
  EXPECT_EQ(c.storage.block_cache_mb, 32);
  EXPECT_EQ(c.log.level, LogLevel::kInfo);
  EXPECT_TRUE(c.log.access_log);
  EXPECT_EQ(c.clock.mode, ClockMode::kSystem);
  EXPECT_FALSE(c.clock.start_ms.has_value());
  EXPECT_EQ(c.retention_interval_ms, 60000);
  EXPECT_EQ(c.auth.mode, AuthMode::kOpen);
  EXPECT_TRUE(ValidateConfig(c).ok());
}

TEST(ConfigTest, FileOverridesDefaultsAndAllowsComments) {
  Config c = Apply(R"({
    // a line comment
    "server": {"listen": "0.0.0.0:9999", "io_threads": 3},  /* block comment */
    "storage": {"data_dir": "/srv/disd", "durability": "nosync", "block_cache_mb": 64},
    "log": {"level": "debug", "access_log": false},
    "clock": {"mode": "manual", "start_ms": 1700000000000},
    "retention": {"interval_ms": 1000},
    "auth": {"mode": "open"},
    "streams": {"max_retention_hours": 168, "scaling_cooldown_after_success": false,
                "get_records_max_bytes": 1048576}
  })");
  EXPECT_EQ(c.server.listen, "0.0.0.0:9999");
  EXPECT_EQ(c.server.io_threads, 3);
  EXPECT_EQ(c.server.worker_threads, 4);  // untouched keys keep their defaults
  EXPECT_EQ(c.storage.data_dir, "/srv/disd");
  EXPECT_EQ(c.storage.durability, engine::Durability::kNoSync);
  EXPECT_EQ(c.storage.block_cache_mb, 64);
  EXPECT_EQ(c.log.level, LogLevel::kDebug);
  EXPECT_FALSE(c.log.access_log);
  EXPECT_EQ(c.clock.mode, ClockMode::kManual);
  EXPECT_EQ(c.clock.start_ms, 1700000000000);
  EXPECT_EQ(c.retention_interval_ms, 1000);
  EXPECT_EQ(c.streams.max_retention_hours, 168);
  EXPECT_FALSE(c.streams.scaling_cooldown_after_success);
  EXPECT_EQ(c.streams.get_records_max_bytes, 1048576u);
  EXPECT_TRUE(ValidateConfig(c).ok());
}

TEST(ConfigTest, EveryStreamsKeyIsRecognised) {
  Config c = Apply(R"({"streams": {
    "common_partition_quota": 7, "advanced_partition_quota": 8, "min_retention_hours": 2,
    "max_retention_hours": 100, "creating_delay_ms": 5, "scaling_ops_per_hour": 0,
    "scaling_cooldown_after_success": true, "cursor_ttl_ms": 1000,
    "get_records_default_limit": 10, "get_records_max_limit": 20, "get_records_max_bytes": 30,
    "max_records_per_put": 40, "max_record_bytes": 50, "max_put_bytes_common": 60,
    "max_put_bytes_advanced": 70, "app_quota_per_project": 80,
    "consumer_session_timeout_ms": 90, "consumer_group_max_members": 100,
    "traffic_control": false, "traffic_control_scale": 2.5}})");
  EXPECT_EQ(c.streams.common_partition_quota, 7);
  EXPECT_EQ(c.streams.advanced_partition_quota, 8);
  EXPECT_EQ(c.streams.min_retention_hours, 2);
  EXPECT_EQ(c.streams.max_retention_hours, 100);
  EXPECT_EQ(c.streams.creating_delay_ms, 5);
  EXPECT_EQ(c.streams.scaling_ops_per_hour, 0);
  EXPECT_EQ(c.streams.cursor_ttl_ms, 1000);
  EXPECT_EQ(c.streams.get_records_default_limit, 10);
  EXPECT_EQ(c.streams.get_records_max_limit, 20);
  EXPECT_EQ(c.streams.get_records_max_bytes, 30u);
  EXPECT_EQ(c.streams.max_records_per_put, 40);
  EXPECT_EQ(c.streams.max_record_bytes, 50u);
  EXPECT_EQ(c.streams.max_put_bytes_common, 60u);
  EXPECT_EQ(c.streams.max_put_bytes_advanced, 70u);
  EXPECT_EQ(c.streams.app_quota_per_project, 80);
  EXPECT_EQ(c.streams.consumer_session_timeout_ms, 90);
  EXPECT_EQ(c.streams.consumer_group_max_members, 100);
  EXPECT_FALSE(c.streams.traffic_control);
  EXPECT_EQ(c.streams.traffic_control_scale, 2.5);
  EXPECT_EQ(Apply(R"({"streams": {"traffic_control_scale": 3}})").streams.traffic_control_scale,
            3.0);
}

TEST(ConfigTest, UnknownKeysAreNamed) {
  EXPECT_NE(ApplyError(R"({"server": {"listn": "x"}})").find("\"server.listn\""),
            std::string::npos);
  EXPECT_NE(ApplyError(R"({"sever": {}})").find("\"sever\""), std::string::npos);
  EXPECT_NE(ApplyError(R"({"streams": {"cursor_ttl": 1}})").find("\"streams.cursor_ttl\""),
            std::string::npos);
}

TEST(ConfigTest, WrongTypesAreNamed) {
  EXPECT_NE(ApplyError(R"({"server": {"io_threads": "2"}})").find("server.io_threads"),
            std::string::npos);
  EXPECT_NE(ApplyError(R"({"server": {"io_threads": 2.5}})").find("integer"), std::string::npos);
  EXPECT_NE(ApplyError(R"({"log": {"access_log": 1}})").find("log.access_log"), std::string::npos);
  EXPECT_NE(ApplyError(R"({"streams": {"common_partition_quota": 3000000000}})")
                .find("streams.common_partition_quota"),
            std::string::npos);
  EXPECT_NE(ApplyError(R"({"streams": {"max_record_bytes": -1}})").find("max_record_bytes"),
            std::string::npos);
  EXPECT_NE(ApplyError(R"({"server": []})").find("server"), std::string::npos);
  EXPECT_NE(ApplyError(R"({"streams": {"traffic_control_scale": "2"}})")
                .find("streams.traffic_control_scale"),
            std::string::npos);
  EXPECT_NE(ApplyError("[]").find("top level"), std::string::npos);
  EXPECT_NE(ApplyError("{").find("not valid JSON"), std::string::npos);
}

TEST(ConfigTest, BadEnumValuesAreNamed) {
  const std::string durability = ApplyError(R"({"storage": {"durability": "fast"}})");
  EXPECT_NE(durability.find("storage.durability"), std::string::npos);
  EXPECT_NE(durability.find("\"nosync\""), std::string::npos);
  EXPECT_NE(ApplyError(R"({"log": {"level": "loud"}})").find("log.level"), std::string::npos);
  EXPECT_NE(ApplyError(R"({"clock": {"mode": "fast"}})").find("clock.mode"), std::string::npos);
  const std::string auth = ApplyError(R"({"auth": {"mode": "lax"}})");
  EXPECT_NE(auth.find("auth.mode"), std::string::npos);
  EXPECT_NE(auth.find("\"strict\""), std::string::npos);
}

TEST(ConfigTest, StartMsMayBeNull) {
  Config c = Apply(R"({"clock": {"start_ms": null}})");
  EXPECT_FALSE(c.clock.start_ms.has_value());
}

TEST(ConfigTest, EnvironmentOverridesTheFile) {
  Config base = Apply(R"({"server": {"listen": "127.0.0.1:1"}, "storage": {"data_dir": "a"}})");
  auto c = ApplyEnvironment(base, MapEnv({{"DISD_LISTEN", "127.0.0.1:2"},
                                          {"DISD_DATA_DIR", "b"},
                                          {"DISD_LOG_LEVEL", "warn"},
                                          {"DISD_DURABILITY", "nosync"},
                                          {"DISD_CLOCK", "manual"}}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->server.listen, "127.0.0.1:2");
  EXPECT_EQ(c->storage.data_dir, "b");
  EXPECT_EQ(c->log.level, LogLevel::kWarn);
  EXPECT_EQ(c->storage.durability, engine::Durability::kNoSync);
  EXPECT_EQ(c->clock.mode, ClockMode::kManual);
}

TEST(ConfigTest, EmptyEnvironmentVariablesAreIgnored) {
  auto c = ApplyEnvironment(Config{}, MapEnv({{"DISD_LISTEN", ""}, {"DISD_DURABILITY", ""}}));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->server.listen, "127.0.0.1:20080");
}

TEST(ConfigTest, BadEnvironmentValuesNameTheVariable) {
  auto c = ApplyEnvironment(Config{}, MapEnv({{"DISD_DURABILITY", "maybe"}}));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail.find("DISD_DURABILITY"), std::string::npos);
}

TEST(ConfigTest, ValidationNamesTheKeyAndRange) {
  Config c;
  c.server.io_threads = 0;
  Status s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("server.io_threads"), std::string::npos);

  c = Config{};
  c.streams.max_retention_hours = 169;
  s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("streams.max_retention_hours"), std::string::npos);

  c = Config{};
  c.streams.min_retention_hours = 80;  // above the default maximum of 72
  EXPECT_FALSE(ValidateConfig(c).ok());

  c = Config{};
  c.streams.get_records_default_limit = c.streams.get_records_max_limit + 1;
  EXPECT_FALSE(ValidateConfig(c).ok());

  c = Config{};
  c.server.listen = "nonsense";
  s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("server.listen"), std::string::npos);

  c = Config{};
  c.storage.data_dir = "";
  EXPECT_FALSE(ValidateConfig(c).ok());

  c = Config{};
  c.server.max_body_bytes = 10;
  EXPECT_FALSE(ValidateConfig(c).ok());

  c = Config{};
  c.retention_interval_ms = 0;
  EXPECT_FALSE(ValidateConfig(c).ok());

  c = Config{};
  c.streams.traffic_control_scale = 0;
  s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("streams.traffic_control_scale"), std::string::npos);
}

TEST(ConfigTest, EnumSpellingsRoundTrip) {
  for (auto level : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn,
                     LogLevel::kError, LogLevel::kOff}) {
    EXPECT_EQ(*ParseLogLevel(ToString(level)), level);
  }
  EXPECT_EQ(*ParseDurability(ToString(engine::Durability::kNoSync)), engine::Durability::kNoSync);
  EXPECT_EQ(*ParseClockMode(ToString(ClockMode::kManual)), ClockMode::kManual);
  EXPECT_EQ(ToString(AuthMode::kOpen), "open");
}

}  // namespace
}  // namespace disd::app

namespace disd::app {
namespace {

TEST(ConfigOpsTest, OpsListenAndLockWaitFromFileEnvironmentAndValidation) {
  EXPECT_EQ(Config{}.ops.listen, "");
  EXPECT_EQ(Config{}.storage.lock_wait_ms, 0);
  Config c = Apply(R"({"ops": {"listen": "127.0.0.1:20081"}, "storage": {"lock_wait_ms": 500}})");
  EXPECT_EQ(c.ops.listen, "127.0.0.1:20081");
  EXPECT_EQ(c.storage.lock_wait_ms, 500);
  EXPECT_NE(ApplyError(R"({"ops": {"port": 1}})").find("ops.port"), std::string::npos);
  auto env = ApplyEnvironment(c, MapEnv({{"DISD_OPS_LISTEN", "0.0.0.0:9"}}));
  ASSERT_TRUE(env.ok());
  EXPECT_EQ(env->ops.listen, "0.0.0.0:9");
  c.ops.listen = "no-port";
  Status s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("ops.listen"), std::string::npos);
  c = Config{};
  c.storage.lock_wait_ms = -1;
  s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().detail.find("storage.lock_wait_ms"), std::string::npos);
}

}  // namespace
}  // namespace disd::app
