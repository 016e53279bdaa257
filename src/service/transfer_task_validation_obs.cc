// OBS dump descriptors (seed 004 5.5.1, tables 5-82 and 5-83): the common fields, the
// target bucket (which must exist through the agency's object store), file_prefix,
// partition_format, record_delimiter, destination_file_type and processing_schema.
#include "service/transfer_task_validation.h"

namespace disd::service {

Result<Json> NormaliseObs(const Json& in, const ValidationEnv& env) {
  Json out = Json::object();
  auto store = NormaliseCommon(in, out, env);
  if (!store.ok()) return store.error();
  DISD_RETURN_IF_ERROR(NormalisePrefix(in, "file_prefix", out, "file_prefix"));
  DISD_RETURN_IF_ERROR(NormalisePartitionFormat(in, out));
  DISD_RETURN_IF_ERROR(NormaliseRecordDelimiter(in, out));
  DISD_RETURN_IF_ERROR(NormaliseFileType(in, out, engine::DestinationType::kObs, env.stream));
  DISD_RETURN_IF_ERROR(NormaliseProcessingSchema(in, out));
  DISD_RETURN_IF_ERROR(
      NormaliseBucket(in, "obs_bucket_path", out, "obs_bucket_path", false, **store, env));
  return out;
}

}  // namespace disd::service
