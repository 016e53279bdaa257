#include "api/json_fields.h"

#include <nlohmann/json.hpp>

#include "disd/common/numbers.h"

namespace disd::api {

using nlohmann::json;

namespace {

Error WrongType(std::string_view key, std::string_view what) {
  return MakeError(ErrorCode::kInvalidRequest,
                   "[" + std::string(key) + " must be " + std::string(what) + "]");
}

const json* Find(const json& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

Result<std::optional<std::string>> OptionalString(const json& object, std::string_view key) {
  const json* v = Find(object, key);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return WrongType(key, "a string");
  return std::optional<std::string>(v->get<std::string>());
}

Result<std::optional<std::int64_t>> OptionalInt(const json& object, std::string_view key) {
  const json* v = Find(object, key);
  if (!v) return std::optional<std::int64_t>();
  // nlohmann reports non-negative integers as unsigned too; above INT64_MAX they would wrap.
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX) {
    return WrongType(key, "an integer in range");
  }
  if (v->is_number_integer()) return std::optional<std::int64_t>(v->get<std::int64_t>());
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s.empty()) return std::optional<std::int64_t>();
    if (auto n = ParseInt64(s)) return std::optional<std::int64_t>(*n);
  }
  return WrongType(key, "an integer");
}

Result<std::optional<bool>> OptionalBool(const json& object, std::string_view key) {
  const json* v = Find(object, key);
  if (!v) return std::optional<bool>();
  if (v->is_boolean()) return std::optional<bool>(v->get<bool>());
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s == "true") return std::optional<bool>(true);
    if (s == "false") return std::optional<bool>(false);
  }
  return WrongType(key, "a boolean");
}

Result<std::string> RequiredString(const json& object, std::string_view key) {
  auto v = OptionalString(object, key);
  if (!v.ok()) return v.error();
  if (!v->has_value() || (*v)->empty()) {
    return MakeError(ErrorCode::kInvalidRequest, "[" + std::string(key) + " is required]");
  }
  return **v;
}

Result<std::int64_t> RequiredInt(const json& object, std::string_view key) {
  auto v = OptionalInt(object, key);
  if (!v.ok()) return v.error();
  if (!v->has_value()) {
    return MakeError(ErrorCode::kInvalidRequest, "[" + std::string(key) + " is required]");
  }
  return **v;
}

Result<std::vector<std::string>> OptionalStringArray(const json& object, std::string_view key) {
  std::vector<std::string> out;
  const json* v = Find(object, key);
  if (!v) return out;
  if (!v->is_array()) return WrongType(key, "an array of strings");
  for (const auto& item : *v) {
    if (!item.is_string()) return WrongType(key, "an array of strings");
    if (!item.get_ref<const std::string&>().empty()) out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::vector<engine::Tag>> OptionalTags(const json& object, std::string_view key) {
  std::vector<engine::Tag> tags;
  const json* v = Find(object, key);
  if (!v) return tags;
  if (!v->is_array()) return WrongType(key, "an array of {key, value}");
  for (const auto& item : *v) {
    if (!item.is_object()) return WrongType(key, "an array of {key, value}");
    auto k = OptionalString(item, "key");
    auto value = OptionalString(item, "value");
    if (!k.ok()) return k.error();
    if (!value.ok()) return value.error();
    tags.push_back({k->value_or(""), value->value_or("")});
  }
  return tags;
}

}  // namespace disd::api
