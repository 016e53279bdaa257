// DLI dump descriptors (seed 004 5.5.9, table 5-127; seed 000): the common fields and the
// staging bucket, then a configured DLI database (DIS.4337) and table (DIS.4338).
#include "service/transfer_task_validation.h"

namespace disd::service {

Result<Json> NormaliseDli(const Json& in, const ValidationEnv& env) {
  Json out = Json::object();
  DISD_RETURN_IF_ERROR(NormaliseStagedCommon(in, out, env));
  auto database = ReqString(in, "dli_database_name");
  if (!database.ok()) return database.error();
  auto table = ReqString(in, "dli_table_name");
  if (!table.ok()) return table.error();
  if (!env.destinations.HasDliDatabase(*database)) {
    return MakeError(ErrorCode::kDliDatabaseNotFound, "[" + *database + "]");
  }
  if (env.destinations.FindDliTable(*database, *table) == nullptr) {
    return MakeError(ErrorCode::kDliTableNotFound, "[" + *database + "." + *table + "]");
  }
  out["dli_database_name"] = *database;
  out["dli_table_name"] = *table;
  return out;
}

}  // namespace disd::service
