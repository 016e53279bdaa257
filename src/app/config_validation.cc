// ValidateConfig: the ranges and relations every final configuration must satisfy.
#include <string>

#include "app/config_destinations.h"
#include "disd/app/config.h"
#include "disd/net/listen_address.h"

namespace disd::app {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kMaxRetentionHours = 168;  // what the product allows

// Collects the first range violation, naming the key.
class Checker {
 public:
  void Range(std::string_view key, std::int64_t value, std::int64_t min, std::int64_t max) {
    if (!status_.ok() || (value >= min && value <= max)) return;
    status_ = MakeError(ErrorCode::kInvalidRequest,
                        std::string(key) + " must be between " + std::to_string(min) + " and " +
                            std::to_string(max) + " (got " + std::to_string(value) + ")");
  }
  void Require(bool ok, std::string message) {
    if (status_.ok() && !ok) status_ = MakeError(ErrorCode::kInvalidRequest, std::move(message));
  }
  Status status() const { return status_; }

 private:
  Status status_;
};

void CheckServer(const ServerSettings& s, Checker& c) {
  auto listen = net::ParseListenAddress(s.listen);
  c.Require(listen.ok(), "server.listen: " + (listen.ok() ? "" : listen.error().detail));
  c.Range("server.io_threads", s.io_threads, 1, 256);
  c.Range("server.worker_threads", s.worker_threads, 1, 1024);
  c.Range("server.worker_queue_limit", s.worker_queue_limit, 1, 1000000);
  c.Range("server.max_body_bytes", s.max_body_bytes, 1024, 1LL << 30);
  c.Range("server.max_header_bytes", s.max_header_bytes, 1024, 1 << 20);
  c.Range("server.read_timeout_ms", s.read_timeout_ms, 1, kDayMs);
  c.Range("server.write_timeout_ms", s.write_timeout_ms, 1, kDayMs);
  c.Range("server.idle_timeout_ms", s.idle_timeout_ms, 1, kDayMs);
  c.Range("server.max_connections", s.max_connections, 1, 1000000);
  c.Range("server.shutdown_grace_ms", s.shutdown_grace_ms, 0, 10 * 60 * 1000);
  if (!s.tls.listen.empty()) {
    auto tls_listen = net::ParseListenAddress(s.tls.listen);
    c.Require(tls_listen.ok(),
              "server.tls.listen: " + (tls_listen.ok() ? "" : tls_listen.error().detail));
    c.Require(!s.tls.cert_file.empty() && !s.tls.key_file.empty(),
              "server.tls.listen needs server.tls.cert_file and server.tls.key_file");
  }
}

void CheckStreams(const service::ServiceOptions& o, Checker& c) {
  constexpr std::int64_t kBig = 1LL << 40;
  c.Range("streams.common_partition_quota", o.common_partition_quota, 1, 100000);
  c.Range("streams.advanced_partition_quota", o.advanced_partition_quota, 1, 100000);
  c.Range("streams.min_retention_hours", o.min_retention_hours, 1, kMaxRetentionHours);
  c.Range("streams.max_retention_hours", o.max_retention_hours, 1, kMaxRetentionHours);
  c.Require(o.min_retention_hours <= o.max_retention_hours,
            "streams.min_retention_hours (" + std::to_string(o.min_retention_hours) +
                ") must not exceed streams.max_retention_hours (" +
                std::to_string(o.max_retention_hours) + ")");
  c.Range("streams.creating_delay_ms", o.creating_delay_ms, 0, kDayMs);
  c.Range("streams.scaling_ops_per_hour", o.scaling_ops_per_hour, 0, 1000000);
  c.Range("streams.cursor_ttl_ms", o.cursor_ttl_ms, 1, kDayMs);
  c.Range("streams.get_records_max_limit", o.get_records_max_limit, 1, 1000000);
  c.Range("streams.get_records_default_limit", o.get_records_default_limit, 1,
          o.get_records_max_limit);
  c.Range("streams.get_records_max_bytes", static_cast<std::int64_t>(o.get_records_max_bytes), 1,
          kBig);
  c.Range("streams.max_records_per_put", o.max_records_per_put, 1, 1000000);
  c.Range("streams.max_record_bytes", static_cast<std::int64_t>(o.max_record_bytes), 1, kBig);
  c.Range("streams.max_put_bytes_common", static_cast<std::int64_t>(o.max_put_bytes_common), 1,
          kBig);
  c.Range("streams.max_put_bytes_advanced", static_cast<std::int64_t>(o.max_put_bytes_advanced), 1,
          kBig);
  c.Range("streams.app_quota_per_project", o.app_quota_per_project, 1, 1000000);
  c.Range("streams.consumer_session_timeout_ms", o.consumer_session_timeout_ms, 1, kDayMs);
  c.Range("streams.consumer_group_max_members", o.consumer_group_max_members, 1, 1000000);
  c.Require(o.traffic_control_scale >= 0.001 && o.traffic_control_scale <= 1000,
            "streams.traffic_control_scale must be between 0.001 and 1000 (got " +
                std::to_string(o.traffic_control_scale) + ")");
}

}  // namespace

Status ValidateConfig(const Config& config) {
  Checker c;
  CheckServer(config.server, c);
  c.Require(!config.storage.data_dir.empty(), "storage.data_dir must not be empty");
  c.Range("storage.block_cache_mb", config.storage.block_cache_mb, 1, 1 << 20);
  c.Range("storage.lock_wait_ms", config.storage.lock_wait_ms, 0, kDayMs);
  if (!config.ops.listen.empty()) {
    auto ops_listen = net::ParseListenAddress(config.ops.listen);
    c.Require(ops_listen.ok(), "ops.listen: " + (ops_listen.ok() ? "" : ops_listen.error().detail));
  }
  if (config.clock.start_ms) c.Range("clock.start_ms", *config.clock.start_ms, 0, 1LL << 52);
  c.Range("retention.interval_ms", config.retention_interval_ms, 1, kDayMs);
  CheckStreams(config.streams, c);
  if (!c.status().ok()) return c.status();
  DISD_RETURN_IF_ERROR(ValidateDestinations(config.destinations));
  DISD_RETURN_IF_ERROR(ValidateDump(config.dump));
  return auth::ValidateAuthSettings(config.auth);
}

}  // namespace disd::app
