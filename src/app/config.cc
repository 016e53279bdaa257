// Config file and environment: JSON-with-comments parsing into Config, enum spellings.
#include "disd/app/config.h"

#include <array>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "app/config_destinations.h"
#include "app/config_reader.h"

namespace disd::app {
namespace {

template <class E, std::size_t N>
Result<E> ParseEnum(std::string_view text,
                    const std::array<std::pair<std::string_view, E>, N>& names,
                    std::string_view what) {
  std::string expected;
  for (const auto& [name, value] : names) {
    if (name == text) return value;
    expected += expected.empty() ? "" : ", ";
    expected += "\"" + std::string(name) + "\"";
  }
  return ConfigError(std::string(what) + " must be one of " + expected + " (got \"" +
                     std::string(text) + "\")");
}

template <class E, std::size_t N>
std::string_view EnumName(E value, const std::array<std::pair<std::string_view, E>, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::array<std::pair<std::string_view, LogLevel>, 6> kLogLevels{{
    {"trace", LogLevel::kTrace},
    {"debug", LogLevel::kDebug},
    {"info", LogLevel::kInfo},
    {"warn", LogLevel::kWarn},
    {"error", LogLevel::kError},
    {"off", LogLevel::kOff},
}};
constexpr std::array<std::pair<std::string_view, engine::Durability>, 2> kDurabilities{{
    {"sync", engine::Durability::kSync},
    {"nosync", engine::Durability::kNoSync},
}};
constexpr std::array<std::pair<std::string_view, AuthMode>, 2> kAuthModes{{
    {"open", AuthMode::kOpen},
    {"strict", AuthMode::kStrict},
}};
constexpr std::array<std::pair<std::string_view, ClockMode>, 2> kClockModes{{
    {"system", ClockMode::kSystem},
    {"manual", ClockMode::kManual},
}};

Status ReadServer(const Json& j, std::string_view source, ServerSettings& s) {
  ObjectReader r(j, "server", source);
  r.String("listen", s.listen);
  r.Integer("io_threads", s.io_threads);
  r.Integer("worker_threads", s.worker_threads);
  r.Integer("worker_queue_limit", s.worker_queue_limit);
  r.Integer("max_body_bytes", s.max_body_bytes);
  r.Integer("max_header_bytes", s.max_header_bytes);
  r.Integer("read_timeout_ms", s.read_timeout_ms);
  r.Integer("write_timeout_ms", s.write_timeout_ms);
  r.Integer("idle_timeout_ms", s.idle_timeout_ms);
  r.Integer("max_connections", s.max_connections);
  r.Integer("shutdown_grace_ms", s.shutdown_grace_ms);
  if (const Json* tls = r.Object("tls")) (void)r.Absorb(ReadTls(*tls, source, s.tls));
  return r.Finish();
}

Status ReadStreams(const Json& j, std::string_view source, service::ServiceOptions& o) {
  ObjectReader r(j, "streams", source);
  r.Integer("common_partition_quota", o.common_partition_quota);
  r.Integer("advanced_partition_quota", o.advanced_partition_quota);
  r.Integer("min_retention_hours", o.min_retention_hours);
  r.Integer("max_retention_hours", o.max_retention_hours);
  r.Integer("creating_delay_ms", o.creating_delay_ms);
  r.Integer("scaling_ops_per_hour", o.scaling_ops_per_hour);
  r.Bool("scaling_cooldown_after_success", o.scaling_cooldown_after_success);
  r.Integer("cursor_ttl_ms", o.cursor_ttl_ms);
  r.Integer("get_records_default_limit", o.get_records_default_limit);
  r.Integer("get_records_max_limit", o.get_records_max_limit);
  r.Integer("get_records_max_bytes", o.get_records_max_bytes);
  r.Integer("max_records_per_put", o.max_records_per_put);
  r.Integer("max_record_bytes", o.max_record_bytes);
  r.Integer("max_put_bytes_common", o.max_put_bytes_common);
  r.Integer("max_put_bytes_advanced", o.max_put_bytes_advanced);
  r.Integer("app_quota_per_project", o.app_quota_per_project);
  r.Integer("consumer_session_timeout_ms", o.consumer_session_timeout_ms);
  r.Integer("consumer_group_max_members", o.consumer_group_max_members);
  r.Bool("traffic_control", o.traffic_control);
  r.Number("traffic_control_scale", o.traffic_control_scale);
  return r.Finish();
}

// Reads the section `key` of `root` with `read` when it is present.
template <class Read>
Status Section(ObjectReader& root, std::string_view key, Read read) {
  const Json* section = root.Object(key);
  if (section == nullptr) return root.Absorb(Status::Ok());
  return root.Absorb(read(*section));
}

}  // namespace

Result<Config> ApplyConfigText(Config c, std::string_view text, std::string_view source) {
  Json root;
  try {
    root = Json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    return ConfigError("config file " + std::string(source) + ": not valid JSON: " + e.what());
  }
  if (!root.is_object()) {
    return ConfigError("config file " + std::string(source) + ": the top level must be an object");
  }
  ObjectReader r(root, "", source);
  DISD_RETURN_IF_ERROR(
      Section(r, "server", [&](const Json& j) { return ReadServer(j, source, c.server); }));
  DISD_RETURN_IF_ERROR(Section(r, "storage", [&](const Json& j) {
    ObjectReader s(j, "storage", source);
    s.String("data_dir", c.storage.data_dir);
    s.Enum("durability", c.storage.durability, &ParseDurability);
    s.Integer("block_cache_mb", c.storage.block_cache_mb);
    s.Integer("lock_wait_ms", c.storage.lock_wait_ms);
    return s.Finish();
  }));
  DISD_RETURN_IF_ERROR(Section(r, "log", [&](const Json& j) {
    ObjectReader s(j, "log", source);
    s.Enum("level", c.log.level, &ParseLogLevel);
    s.Bool("access_log", c.log.access_log);
    return s.Finish();
  }));
  DISD_RETURN_IF_ERROR(Section(r, "clock", [&](const Json& j) {
    ObjectReader s(j, "clock", source);
    s.Enum("mode", c.clock.mode, &ParseClockMode);
    s.OptionalInteger("start_ms", c.clock.start_ms);
    return s.Finish();
  }));
  DISD_RETURN_IF_ERROR(Section(r, "ops", [&](const Json& j) {
    ObjectReader s(j, "ops", source);
    s.String("listen", c.ops.listen);
    return s.Finish();
  }));
  DISD_RETURN_IF_ERROR(Section(r, "retention", [&](const Json& j) {
    ObjectReader s(j, "retention", source);
    s.Integer("interval_ms", c.retention_interval_ms);
    return s.Finish();
  }));
  DISD_RETURN_IF_ERROR(
      Section(r, "auth", [&](const Json& j) { return ReadAuth(j, source, c.auth); }));
  DISD_RETURN_IF_ERROR(
      Section(r, "streams", [&](const Json& j) { return ReadStreams(j, source, c.streams); }));
  DISD_RETURN_IF_ERROR(Section(
      r, "destinations", [&](const Json& j) { return ReadDestinations(j, source, c.destinations); }));
  DISD_RETURN_IF_ERROR(Section(r, "dump", [&](const Json& j) { return ReadDump(j, source, c.dump); }));
  DISD_RETURN_IF_ERROR(r.Finish());
  return c;
}

Result<Config> ApplyEnvironment(Config c, const EnvLookup& env) {
  // An empty variable counts as unset, as container tooling often exports empty values.
  const auto get = [&](std::string_view name) -> std::optional<std::string> {
    auto value = env(name);
    if (value && value->empty()) return std::nullopt;
    return value;
  };
  const auto fail = [](std::string_view name, const Error& e) {
    return ConfigError("environment variable " + std::string(name) + ": " + e.detail);
  };
  if (auto v = get("DISD_LISTEN")) c.server.listen = *v;
  if (auto v = get("DISD_DATA_DIR")) c.storage.data_dir = *v;
  if (auto v = get("DISD_OPS_LISTEN")) c.ops.listen = *v;
  if (auto v = get("DISD_LOG_LEVEL")) {
    auto parsed = ParseLogLevel(*v);
    if (!parsed.ok()) return fail("DISD_LOG_LEVEL", parsed.error());
    c.log.level = *parsed;
  }
  if (auto v = get("DISD_DURABILITY")) {
    auto parsed = ParseDurability(*v);
    if (!parsed.ok()) return fail("DISD_DURABILITY", parsed.error());
    c.storage.durability = *parsed;
  }
  if (auto v = get("DISD_CLOCK")) {
    auto parsed = ParseClockMode(*v);
    if (!parsed.ok()) return fail("DISD_CLOCK", parsed.error());
    c.clock.mode = *parsed;
  }
  if (auto v = get("DISD_AUTH_MODE")) {
    auto parsed = ParseAuthMode(*v);
    if (!parsed.ok()) return fail("DISD_AUTH_MODE", parsed.error());
    c.auth.mode = *parsed;
  }
  return c;
}

Result<LogLevel> ParseLogLevel(std::string_view text) {
  return ParseEnum(text, kLogLevels, "the log level");
}
Result<engine::Durability> ParseDurability(std::string_view text) {
  return ParseEnum(text, kDurabilities, "the durability");
}
Result<ClockMode> ParseClockMode(std::string_view text) {
  return ParseEnum(text, kClockModes, "the clock mode");
}
Result<AuthMode> ParseAuthMode(std::string_view text) {
  return ParseEnum(text, kAuthModes, "the auth mode");
}

std::string_view ToString(LogLevel level) { return EnumName(level, kLogLevels); }
std::string_view ToString(engine::Durability durability) {
  return EnumName(durability, kDurabilities);
}
std::string_view ToString(ClockMode mode) { return EnumName(mode, kClockModes); }
std::string_view ToString(AuthMode mode) { return EnumName(mode, kAuthModes); }

}  // namespace disd::app
