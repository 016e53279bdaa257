// What the catalog knows about a stream: identity, settings, partitions and scaling log.
// Plain value types shared by the engine and the service layer; no behaviour beyond
// small helpers. Thread-safety: values; the catalog hands out immutable snapshots.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace disd::engine {

enum class StreamType : std::uint8_t { kCommon = 0, kAdvanced = 1 };
enum class DataType : std::uint8_t { kBlob = 0, kJson = 1, kCsv = 2 };

// ACTIVE: readable and writable. DELETED: taken out of the write set by a scale-down,
// still readable until its data expires. EXPIRED: scaled down and all its data expired.
enum class PartitionStatus : std::uint8_t { kActive = 0, kDeleted = 1, kExpired = 2 };

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

struct PartitionMeta {
  std::int32_t index = 0;
  PartitionStatus status = PartitionStatus::kActive;
  // The hash range the partition owns while ACTIVE; for DELETED/EXPIRED partitions the
  // range it owned when it was taken out of the write set.
  std::uint64_t hash_lo = 0;
  std::uint64_t hash_hi = 0;
  // When the status last changed (ms); a DELETED partition expires once this plus the
  // retention period has passed.
  std::int64_t status_changed_ms = 0;
  bool operator==(const PartitionMeta&) const = default;
};

// One entry of update_partition_counts.
struct ScalingRecord {
  std::int64_t create_timestamp_ms = 0;
  std::int32_t src_partition_count = 0;
  std::int32_t target_partition_count = 0;
  std::int32_t result_code = 0;     // 0 = success
  std::string result_msg;
  bool auto_scale = false;
  bool operator==(const ScalingRecord&) const = default;
};

// One stream-sharing rule (seed 004 5.1.7): who (`principal`, `principal_name`) may do
// what (`action_type`, e.g. putRecords) with which `effect` (accept). The service layer
// validates the values; the engine stores them as given.
struct StreamPolicy {
  std::string principal;
  std::string principal_name;
  std::string action_type;
  std::string effect;
  bool operator==(const StreamPolicy&) const = default;
};

struct StreamMeta {
  // Assigned by Catalog::CreateStream, unique for the life of the data directory and never
  // reused, so a stream re-created under an old name never sees the old records.
  std::uint64_t internal_id = 0;
  std::string project_id;
  std::string name;
  std::string stream_id;            // opaque public id (19 characters)
  std::int64_t create_time_ms = 0;
  std::int64_t last_modified_ms = 0;
  std::int64_t ready_at_ms = 0;     // status is CREATING before this instant
  StreamType stream_type = StreamType::kCommon;
  DataType data_type = DataType::kBlob;
  std::int32_t retention_hours = 24;
  std::string data_schema;          // Avro schema text, empty if none
  std::string compression_format;   // "", "snappy", "gzip" or "zip"
  std::optional<std::string> csv_delimiter;
  bool auto_scale_enabled = false;
  std::int32_t auto_scale_min_partitions = 0;
  std::int32_t auto_scale_max_partitions = 0;
  std::vector<Tag> tags;
  std::vector<Tag> sys_tags;
  std::vector<PartitionMeta> partitions;  // partitions[i].index == i
  std::vector<ScalingRecord> scaling_log; // oldest first
  std::vector<StreamPolicy> policies;     // in the order they were added

  std::int32_t WritablePartitionCount() const;  // ACTIVE
  std::int32_t ReadablePartitionCount() const;  // ACTIVE + DELETED
  bool operator==(const StreamMeta&) const = default;
};

}  // namespace disd::engine
