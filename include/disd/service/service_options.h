// The DIS rules that are settings rather than constants (quotas, retention bounds,
// scaling budget, cursor lifetime, read limits, app quota, consumer-group sessions,
// traffic control).
// Defaults are the real service's where it documents one.
// Thread-safety: value type.
#pragma once

#include <cstddef>
#include <cstdint>

namespace disd::service {

struct ServiceOptions {
  // Partition quota per project (DIS.4308), counted over ACTIVE partitions.
  std::int32_t common_partition_quota = 50;
  std::int32_t advanced_partition_quota = 10;
  // data_duration bounds in hours; the API says 24-72, the product allows up to 168.
  std::int32_t min_retention_hours = 24;
  std::int32_t max_retention_hours = 72;
  // Emulates the real service's CREATING phase; 0 = RUNNING as soon as create returns.
  std::int64_t creating_delay_ms = 0;
  // Scaling budget per stream per rolling hour (UpdatePartitionCount page): at most
  // `scaling_ops_per_hour` operations, and, if `scaling_cooldown_after_success`, none at
  // all within the hour after a successful one. 0 operations = unlimited.
  std::int32_t scaling_ops_per_hour = 5;
  bool scaling_cooldown_after_success = true;
  // Cursors expire this long after they were made (DIS.4225).
  std::int64_t cursor_ttl_ms = 5 * 60 * 1000;
  // GetRecords: records per call (default and maximum) and bytes per call.
  std::int32_t get_records_default_limit = 1000;
  std::int32_t get_records_max_limit = 10000;
  std::size_t get_records_max_bytes = 4u << 20;
  // PutRecords limits (seed/FAQ): records per request, bytes per record (decoded) and
  // decoded bytes per request by stream type.
  std::int32_t max_records_per_put = 500;
  std::size_t max_record_bytes = 1u << 20;
  std::size_t max_put_bytes_common = 1u << 20;
  std::size_t max_put_bytes_advanced = 5u << 20;
  // Apps per project (DIS.4329).
  std::int32_t app_quota_per_project = 100;
  // Consumer groups (the Kafka adapter's coordinator): a member that has not called join,
  // sync or heartbeat for this long is removed and the group rebalances. A join's
  // rebalanceTimeoutMs (> 0) overrides it for that member.
  std::int64_t consumer_session_timeout_ms = 60 * 1000;
  // Members per consumer group (DIS.4339).
  std::int32_t consumer_group_max_members = 100;
  // Per-partition traffic control (DIS.4303; traffic_control.h): on by default, like the
  // real service. The scale multiplies every limit (0.5 halves them, 10 allows ten times
  // the real service's rates); turning control off is an emulator convenience.
  bool traffic_control = true;
  double traffic_control_scale = 1.0;
};

}  // namespace disd::service
