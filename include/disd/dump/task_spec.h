// TaskSpec: a transfer task's destination descriptor as typed values, what the delivery
// workers run on. The service layer validates a request's descriptor, normalises it (fills
// defaults, encrypts secrets) and stores it as JSON in TransferTaskMeta::descriptor_json;
// ParseTaskSpec turns that stored JSON back into this struct. Fields are the seed's
// (004 5.5.1, 5.5.7-5.5.10; 003 for DMS sink tasks) under the seed's names.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/dump/destinations.h"
#include "disd/engine/transfer_task_meta.h"

namespace disd::dump {

enum class ConsumerStrategy { kLatest, kTrimHorizon };
enum class FileType { kText, kParquet, kCarbon };

// processing_schema: take the time directories from each record's own timestamp field.
struct ProcessingSchema {
  std::string timestamp_name;
  std::string timestamp_type;    // "Timestamp" (13-digit ms) or "String"
  std::string timestamp_format;  // String only: one of the six documented formats
};

// Settings every destination shares (where the batch is staged in OBS, and when).
struct CommonSpec {
  std::string task_name;
  std::string agency_name;
  std::int32_t deliver_time_interval_s = 300;
  ConsumerStrategy consumer_strategy = ConsumerStrategy::kLatest;
  std::string obs_bucket_path;   // OBS: the target bucket; others: the staging bucket
  std::string file_prefix;       // "" or dirs joined by '/', never leading '/'
  std::string partition_format;  // "", "yyyy", ..., "yyyy/MM/dd/HH/mm"
  std::string record_delimiter = "\n";
  FileType destination_file_type = FileType::kText;
  std::optional<ProcessingSchema> processing_schema;
  std::int32_t retry_duration_s = 1800;
};

struct DliSpec {
  std::string dli_database_name;
  std::string dli_table_name;
};

// DWS (seed 002; 004 5.5.7). Cluster and key are looked up by name, else by id.
struct DwsOptions {
  bool fill_missing_fields = false;       // a record short of columns: NULLs, not an error
  bool ignore_extra_data = false;         // a record with extra fields: dropped, not an error
  bool compatible_illegal_chars = false;  // invalid UTF-8 / NUL converted, not an error
  std::int64_t reject_limit = 0;          // format errors a batch may have; -1 = unlimited
  std::string error_table_name;           // where rejected rows are recorded ("" = nowhere)
};
struct DwsSpec {
  std::string cluster_name;
  std::string cluster_id;
  std::string database_name;
  std::string schema;
  std::string table_name;
  std::string delimiter = ",";
  std::string user_name;
  std::string user_password_sealed;  // user_password_encrypted: sealed under the KMS key
  std::string kms_key_name;
  std::string kms_key_id;
  std::vector<std::string> table_columns;  // dws_table_columns split on ','; empty = all
  DwsOptions options;
};

// MRS (seed 001; 004 5.5.8).
struct MrsSpec {
  std::string cluster_name;
  std::string cluster_id;
  std::string hdfs_path;           // absolute
  std::string hdfs_prefix_folder;  // "" or a relative folder
};

// CloudTable (004 5.5.10): exactly one of the two schemas is set, as the stored JSON text
// of the validated schema object (cloudtable_schema) or array (opentsdb_schema).
struct CloudTableSpec {
  std::string cluster_name;
  std::string cluster_id;
  std::string table_name;  // HBase only
  std::string row_key_delimiter = ".";
  std::string hbase_schema_json;
  std::string opentsdb_schema_json;
};

// DMS sink tasks (seed 003) carry their own object-store credentials.
struct DmsObsSpec {
  std::string access_key;
  std::string secret_key;  // decrypted by the service layer before delivery, never logged
};

struct TaskSpec {
  engine::DestinationType destination_type = engine::DestinationType::kObs;
  CommonSpec common;
  std::optional<DliSpec> dli;
  std::optional<DwsSpec> dws;
  std::optional<MrsSpec> mrs;
  std::optional<CloudTableSpec> cloudtable;
  std::optional<DmsObsSpec> dms;
  std::string descriptor_json;  // the stored descriptor this was parsed from
};

// Parses a stored descriptor (TransferTaskMeta::descriptor_json). Fails kInternal when the
// stored JSON does not have the normalised shape the service layer writes. This form does
// not decrypt: a DMS task's dms->secret_key holds the sealed value (secret_box.h).
Result<TaskSpec> ParseTaskSpec(engine::DestinationType type, std::string_view descriptor_json);
// The same, with dms->secret_key opened under destinations.secrets_key() (kInternal when it
// does not open). What the delivery workers call.
Result<TaskSpec> ParseTaskSpec(engine::DestinationType type, std::string_view descriptor_json,
                               const DestinationRegistry& destinations);

// The normalised descriptor (what the service layer stores; docs/dump-tasks.md):
//  - every type: task_name, agency_name, deliver_time_interval, consumer_strategy
//    ("LATEST" | "TRIM_HORIZON"), retry_duration (seconds), destination_file_type
//    ("text" | "parquet" | "carbon"), partition_format, record_delimiter;
//  - OBS, MRS, DLI, DWS: obs_bucket_path and file_prefix; CLOUDTABLE: obs_backup_bucket_path
//    and backup_file_prefix (CommonSpec's obs_bucket_path/file_prefix; "" = no backup);
//  - OBS: processing_schema {timestamp_name, timestamp_type, timestamp_format} when set;
//  - DLI: dli_database_name, dli_table_name;
//  - MRS: mrs_cluster_name, mrs_cluster_id, mrs_hdfs_path, hdfs_prefix_folder;
//  - DWS: dws_cluster_name, dws_cluster_id, dws_database_name, dws_schema, dws_table_name,
//    dws_delimiter, user_name, user_password_encrypted (sealed under the KMS key),
//    kms_user_key_name, kms_user_key_id, dws_table_columns, options {...};
//  - CLOUDTABLE: cloudtable_cluster_name, cloudtable_cluster_id, cloudtable_table_name,
//    cloudtable_row_key_delimiter, cloudtable_schema or opentsdb_schema;
//  - DMS sink tasks (OBS): also dms_task_id, access_key, secret_key_encrypted (sealed under
//    the secrets key), topics or topics_regex.

}  // namespace disd::dump
