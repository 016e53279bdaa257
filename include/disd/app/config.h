// disd's settings and how they are assembled: built-in defaults < config file (JSON with
// comments) < environment variables < command-line flags. Every key is documented, with
// its default, in docs/configuration.md and config/disd.jsonc. Each step names where a bad
// value came from ("config key storage.durability", "DISD_DURABILITY", "--durability"),
// and a key the file does not know is an error, so a typo never silently does nothing.
// Errors are Error values whose `detail` is the complete message for the operator.
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "disd/auth/auth_settings.h"
#include "disd/common/status.h"
#include "disd/dump/delivery_scheduler.h"
#include "disd/dump/destinations.h"
#include "disd/engine/store.h"
#include "disd/service/service_options.h"

namespace disd::app {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError, kOff };
enum class ClockMode { kSystem, kManual };
using AuthMode = auth::AuthMode;

// server.tls: an HTTPS listener beside the plain one.
struct TlsSettings {
  std::string listen;     // "host:port"; empty = no TLS listener
  std::string cert_file;  // PEM certificate chain
  std::string key_file;   // PEM private key
};

struct ServerSettings {
  std::string listen = "127.0.0.1:20080";
  std::int64_t io_threads = 2;
  std::int64_t worker_threads = 4;
  std::int64_t worker_queue_limit = 1024;
  std::int64_t max_body_bytes = 8388608;
  std::int64_t max_header_bytes = 16384;
  std::int64_t read_timeout_ms = 30000;
  std::int64_t write_timeout_ms = 30000;
  std::int64_t idle_timeout_ms = 60000;
  std::int64_t max_connections = 1024;
  std::int64_t shutdown_grace_ms = 5000;
  TlsSettings tls;
};

struct StorageSettings {
  std::string data_dir = "./data";
  engine::Durability durability = engine::Durability::kSync;
  std::int64_t block_cache_mb = 32;
  // How long startup waits for another process to release the data directory's lock
  // (e.g. the previous instance still shutting down); 0 = fail at once.
  std::int64_t lock_wait_ms = 0;
};

// ops.*: the operations listener (liveness, readiness, Prometheus metrics).
struct OpsSettings {
  std::string listen;  // "host:port"; empty = no operations listener
};

struct LogSettings {
  LogLevel level = LogLevel::kInfo;
  bool access_log = true;
};

struct ClockSettings {
  ClockMode mode = ClockMode::kSystem;
  std::optional<std::int64_t> start_ms;  // manual mode; unset = the real time at startup
};

// dump.*: transfer-task delivery (delivery_scheduler.h) and the task API's limits.
struct DumpSettings {
  dump::DeliveryOptions delivery;         // interval_divisor, max_records_per_file, ...
  std::int32_t max_tasks_per_stream = 5;  // DIS.4357
  // 64 hex digits sealing the secrets DMS sink tasks carry; "" = a key generated into the
  // data directory on first start (dump-secrets.key) and reused after.
  std::string secrets_key_hex;
};

struct Config {
  ServerSettings server;
  StorageSettings storage;
  LogSettings log;
  ClockSettings clock;
  OpsSettings ops;
  std::int64_t retention_interval_ms = 60000;  // retention.interval_ms
  auth::AuthSettings auth;                     // auth.*
  service::ServiceOptions streams;             // streams.*
  dump::DestinationsConfig destinations = dump::DefaultDestinations();  // destinations.*
  DumpSettings dump;                                                    // dump.*
};

// Looks an environment variable up; std::nullopt when unset. Production passes getenv.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Applies the JSON-with-comments text of a config file on top of `base`. Fails on a syntax
// error, an unknown key (named with its full path), or a value of the wrong type or
// outside its enum. `source` names the file in messages.
Result<Config> ApplyConfigText(Config base, std::string_view text, std::string_view source);

// Applies DISD_LISTEN, DISD_DATA_DIR, DISD_LOG_LEVEL, DISD_DURABILITY, DISD_CLOCK,
// DISD_AUTH_MODE and DISD_OPS_LISTEN.
Result<Config> ApplyEnvironment(Config base, const EnvLookup& env);

// Range and consistency checks over the final configuration (ports, thread counts,
// timeouts, retention bounds, read and put limits, ...).
Status ValidateConfig(const Config& config);

// Enum spellings, as in the file, the environment and the flags.
Result<LogLevel> ParseLogLevel(std::string_view text);
Result<engine::Durability> ParseDurability(std::string_view text);
Result<ClockMode> ParseClockMode(std::string_view text);
Result<AuthMode> ParseAuthMode(std::string_view text);
std::string_view ToString(LogLevel level);
std::string_view ToString(engine::Durability durability);
std::string_view ToString(ClockMode mode);
std::string_view ToString(AuthMode mode);

}  // namespace disd::app
