// DWS dump descriptors (seed 004 5.5.7, tables 5-118 and 5-119; seed 002): the common
// fields and the staging bucket, a configured DWS cluster (DIS.4350), the database, schema,
// table, delimiter and user, a configured KMS key (DIS.4351) under which user_password is
// sealed at rest (AES-256-GCM, secret_box.h) as user_password_encrypted, and the fault
// tolerance options.
#include <algorithm>
#include <array>

#include "disd/dump/secret_box.h"
#include "service/transfer_task_validation.h"

namespace disd::service {
namespace {

constexpr std::array<std::string_view, 3> kDelimiters = {",", ";", "|"};
constexpr std::array<std::string_view, 3> kSwitchOptions = {
    "fill_missing_fields", "ignore_extra_data", "compatible_illegal_chars"};

// Both given (the seed requires both) and naming one configured thing, by name or id.
template <typename Find>
auto FindNamed(const Json& in, std::string_view name_key, std::string_view id_key, Find find,
               ErrorCode missing, std::string_view what)
    -> Result<decltype(find(std::string_view()))> {
  auto name = ReqString(in, name_key);
  if (!name.ok()) return name.error();
  auto id = ReqString(in, id_key);
  if (!id.ok()) return id.error();
  auto by_name = find(*name);
  auto by_id = find(*id);
  if (by_name == nullptr && by_id == nullptr) {
    return MakeError(missing,
                     "[no " + std::string(what) + " " + *name + " (" + *id + ") is configured]");
  }
  if (by_name != nullptr && by_id != nullptr && by_name != by_id) {
    return MakeError(missing, "[" + std::string(name_key) + " and " + std::string(id_key) +
                                  " name different " + std::string(what) + "s]");
  }
  return by_name != nullptr ? by_name : by_id;
}

Status NormaliseOptions(const Json& in, Json& out) {
  auto options = OptObject(in, "options");
  if (!options.ok()) return options.error();
  const Json empty = Json::object();
  const Json& o = *options != nullptr ? **options : empty;
  Json normalised = Json::object();
  for (std::string_view key : kSwitchOptions) {
    auto v = OptString(o, key);
    if (!v.ok()) return v.error();
    const std::string value = v->value_or("false");
    if (value != "true" && value != "on" && value != "false" && value != "off") {
      return InvalidField("options." + std::string(key) + " must be true, on, false or off");
    }
    normalised[std::string(key)] = value;
  }
  auto reject_limit = OptInt(o, "reject_limit");
  auto unlimited = OptString(o, "reject_limit");
  if (unlimited.ok() && unlimited->value_or("") == "unlimited") {
    normalised["reject_limit"] = "unlimited";
  } else if (!reject_limit.ok() || reject_limit->value_or(0) < 0) {
    return InvalidField("options.reject_limit must be a non-negative integer or unlimited");
  } else {
    normalised["reject_limit"] = std::to_string(reject_limit->value_or(0));
  }
  auto error_table = OptString(o, "error_table_name");
  if (!error_table.ok()) return error_table.error();
  normalised["error_table_name"] = error_table->value_or("");
  out["options"] = std::move(normalised);
  return Status::Ok();
}

}  // namespace

Result<Json> NormaliseDws(const Json& in, const ValidationEnv& env) {
  Json out = Json::object();
  DISD_RETURN_IF_ERROR(NormaliseStagedCommon(in, out, env));
  auto cluster = FindNamed(
      in, "dws_cluster_name", "dws_cluster_id",
      [&](std::string_view n) { return env.destinations.FindDwsCluster(n); },
      ErrorCode::kInvalidDwsCluster, "DWS cluster");
  if (!cluster.ok()) return cluster.error();
  out["dws_cluster_name"] = in["dws_cluster_name"];
  out["dws_cluster_id"] = in["dws_cluster_id"];
  for (std::string_view key : {"dws_database_name", "dws_schema", "dws_table_name", "user_name"}) {
    auto v = ReqString(in, key);
    if (!v.ok()) return v.error();
    out[std::string(key)] = *v;
  }
  // Required by the seed, yet its own example sends ""; absent or "" means ",".
  auto delimiter = OptString(in, "dws_delimiter");
  if (!delimiter.ok()) return delimiter.error();
  const std::string d = delimiter->value_or(",");
  if (std::find(kDelimiters.begin(), kDelimiters.end(), d) == kDelimiters.end()) {
    return InvalidField("dws_delimiter must be one of \",\" \";\" \"|\"");
  }
  out["dws_delimiter"] = d;
  auto password = ReqString(in, "user_password");
  if (!password.ok()) return password.error();
  auto key = FindNamed(
      in, "kms_user_key_name", "kms_user_key_id",
      [&](std::string_view n) { return env.destinations.FindKmsKey(n); }, ErrorCode::kInvalidKmsKey,
      "KMS key");
  if (!key.ok()) return key.error();
  auto key_bytes = dump::SecretKeyFromHex((*key)->key_hex);
  if (!key_bytes.ok()) return MakeError(ErrorCode::kInvalidKmsKey, "[the key is not usable]");
  auto sealed = dump::SealSecret(*key_bytes, *password);
  if (!sealed.ok()) return sealed.error();
  out["user_password_encrypted"] = *sealed;
  out["kms_user_key_name"] = in["kms_user_key_name"];
  out["kms_user_key_id"] = in["kms_user_key_id"];
  auto columns = OptString(in, "dws_table_columns");
  if (!columns.ok()) return columns.error();
  out["dws_table_columns"] = columns->value_or("");
  DISD_RETURN_IF_ERROR(NormaliseOptions(in, out));
  return out;
}

}  // namespace disd::service
