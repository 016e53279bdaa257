// Validation and normalisation of transfer-task descriptors (seed 004 5.5.1, 5.5.7-5.5.10;
// seed 003 for DMS sink tasks). Each Normalise* reads the request's descriptor `in`,
// checks every field as the seeds state, applies the documented default when a field is
// absent (null and "" count as absent: Go sends empty strings for unset fields) and writes
// the normalised field into `out` under the seed's name. The result is what the catalog
// stores (TransferTaskMeta::descriptor_json, shape in dump/task_spec.h).
//
// Errors: kInvalidRequest (DIS.4200) "[field ...]" for malformed fields, and the resource
// codes of seed 004 7.1 (DIS.4335 agency, DIS.4306 bucket, DIS.4208/4336 MRS, DIS.4337/4338
// DLI, DIS.4341/4345/4348 CloudTable, DIS.4350/4351 DWS).
// Private to src/service/. Thread-safety: pure functions (ValidationEnv's probe must be
// thread-safe).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "disd/common/status.h"
#include "disd/dump/destinations.h"
#include "disd/engine/stream_meta.h"
#include "disd/engine/transfer_task_meta.h"

namespace disd::service {

using Json = nlohmann::json;

// What validation consults besides the request.
struct ValidationEnv {
  const dump::DestinationRegistry& destinations;
  const engine::StreamMeta& stream;
  // Ok when `bucket` exists in `store`; kBucketNotFound or kObsAccessError otherwise.
  std::function<Status(const dump::ObjectStoreConfig& store, std::string_view bucket)> check_bucket;
};

// kInvalidRequest "[detail]".
Error InvalidField(std::string_view detail);

// Field readers with the SDKs' leniency (absent, null and "" are absent; integers may
// arrive as decimal strings, as the seeds type retry_duration String).
Result<std::optional<std::string>> OptString(const Json& in, std::string_view key);
Result<std::string> ReqString(const Json& in, std::string_view key);
Result<std::optional<std::int64_t>> OptInt(const Json& in, std::string_view key);
// `in[key]` as an object (absent/null = nullopt).
Result<const Json*> OptObject(const Json& in, std::string_view key);

// Common fields.
Status NormaliseTaskName(const Json& in, std::string_view key, Json& out);
// agency_name (required, at most 64) -> the object store it writes through (DIS.4335).
Result<const dump::ObjectStoreConfig*> NormaliseAgency(const Json& in, Json& out,
                                                       const ValidationEnv& env);
// deliver_time_interval 30-900 s, default 300.
Status NormaliseInterval(const Json& in, Json& out);
// consumer_strategy LATEST | TRIM_HORIZON, default LATEST.
Status NormaliseConsumerStrategy(const Json& in, Json& out);
// retry_duration 0-7200 s, default 1800.
Status NormaliseRetryDuration(const Json& in, Json& out);
// A directory prefix (file_prefix, backup_file_prefix, obs_path): letters, digits, '_'
// and '/', at most 50 characters, no leading '/' and no empty level ("a//b", "a/").
// Default "".
Status NormalisePrefix(const Json& in, std::string_view in_key, Json& out,
                       std::string_view out_key);
// "", N/A (= ""), yyyy, yyyy/MM, yyyy/MM/dd, yyyy/MM/dd/HH, yyyy/MM/dd/HH/mm. Default "".
Status NormalisePartitionFormat(const Json& in, Json& out);
// "," ";" "|" "\n". Default "\n".
Status NormaliseRecordDelimiter(const Json& in, Json& out);
// destination_file_type text | parquet | carbon (default text); parquet and carbon only
// for OBS on a JSON stream.
Status NormaliseFileType(const Json& in, Json& out, engine::DestinationType type,
                         const engine::StreamMeta& stream);
// processing_schema {timestamp_name, timestamp_type Timestamp|String, timestamp_format
// (required for String, one of six)}; absent = none.
Status NormaliseProcessingSchema(const Json& in, Json& out);
// The bucket at in[in_key] (required unless `optional`), which must exist in `store`
// (DIS.4306). Written to out[out_key] ("" when optional and absent).
Status NormaliseBucket(const Json& in, std::string_view in_key, Json& out, std::string_view out_key,
                       bool optional, const dump::ObjectStoreConfig& store,
                       const ValidationEnv& env);

// task_name, agency_name, deliver_time_interval, consumer_strategy, retry_duration and the
// defaults destination_file_type "text", partition_format "", record_delimiter "\n".
// Returns the agency's object store.
Result<const dump::ObjectStoreConfig*> NormaliseCommon(const Json& in, Json& out,
                                                       const ValidationEnv& env);
// NormaliseCommon plus the staging bucket (obs_bucket_path, required) and file_prefix of
// the MRS, DLI and DWS dumps.
Status NormaliseStagedCommon(const Json& in, Json& out, const ValidationEnv& env);

// One per destination (transfer_task_validation_<type>.cc).
Result<Json> NormaliseObs(const Json& in, const ValidationEnv& env);
Result<Json> NormaliseMrs(const Json& in, const ValidationEnv& env);
Result<Json> NormaliseDli(const Json& in, const ValidationEnv& env);
Result<Json> NormaliseDws(const Json& in, const ValidationEnv& env);
Result<Json> NormaliseCloudTable(const Json& in, const ValidationEnv& env);
Result<Json> NormaliseDescriptor(engine::DestinationType type, const Json& in,
                                 const ValidationEnv& env);

// destination_type spellings: OBS, MRS, DLI, DWS, CLOUDTABLE (also CLOUDBASE and
// CLOUTABLE, as the reference spells it in places), case-insensitive.
// (engine::ToString gives the canonical spelling.)
Result<engine::DestinationType> ParseDestinationType(std::string_view text);
// "obs_destination_descriptor", ...
std::string DescriptorKey(engine::DestinationType type);

// The descriptor a user may see: the stored one without sealed secrets.
Json PublicDescriptor(const Json& stored);

}  // namespace disd::service
