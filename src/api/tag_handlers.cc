// Handlers for tags (seed 004 5.7): /v2/{project_id}/{resource_type}/... where the only
// resource type is "stream" (others: DIS.4602). Bodies: CreateTag {"tag": {key, value}};
// tags/action {"action": "create"|"delete", "tags": [{key, value}]}; resource_instances/action
// {"action": "filter"|"count", "limit", "offset" (strings or numbers), "tags", "tags_any",
// "not_tags", "not_tags_any" ([{key, values}]), "matches" ([{key: "resource_name", value}],
// or the name text alone)}.
#include <nlohmann/json.hpp>

#include "api/api_env.h"
#include "api/handlers.h"
#include "api/responses.h"
#include "disd/service/tag_service.h"

namespace disd::api {

using nlohmann::json;

namespace {

Error Invalid(std::string detail) {
  return MakeError(ErrorCode::kInvalidRequest, std::move(detail));
}

const json* Field(const json& object, std::string_view key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

// A string field, or "" when absent; kInvalidRequest when another type.
Result<std::string> StringField(const json& object, std::string_view key, std::string_view where) {
  const json* v = Field(object, key);
  if (v == nullptr) return std::string();
  if (!v->is_string())
    return Invalid("[" + std::string(where) + "." + std::string(key) + " must be a string]");
  return v->get<std::string>();
}

// limit/offset: the Go SDK sends strings, others numbers.
Result<std::optional<std::string>> CountField(const json& object, std::string_view key) {
  const json* v = Field(object, key);
  if (v == nullptr) return std::optional<std::string>();
  if (v->is_string()) return std::optional<std::string>(v->get<std::string>());
  if (v->is_number_integer()) return std::optional<std::string>(v->dump());
  return Invalid("[" + std::string(key) + " must be an integer]");
}

Result<std::vector<service::BatchTag>> BatchTags(const json& body) {
  const json* list = Field(body, "tags");
  if (list == nullptr) return Invalid("[tags is required]");
  if (!list->is_array()) return Invalid("[tags must be an array]");
  std::vector<service::BatchTag> out;
  for (const json& item : *list) {
    if (!item.is_object()) return Invalid("[tags entries must be objects]");
    auto key = StringField(item, "key", "tags[]");
    if (!key.ok()) return key.error();
    service::BatchTag tag{std::move(*key), std::nullopt};
    if (const json* value = Field(item, "value")) {
      if (!value->is_string()) return Invalid("[tags[].value must be a string]");
      tag.value = value->get<std::string>();
    }
    out.push_back(std::move(tag));
  }
  return out;
}

Result<std::vector<service::TagCondition>> Conditions(const json& body, std::string_view name) {
  std::vector<service::TagCondition> out;
  const json* list = Field(body, name);
  if (list == nullptr) return out;
  if (!list->is_array()) return Invalid("[" + std::string(name) + " must be an array]");
  for (const json& item : *list) {
    if (!item.is_object()) return Invalid("[" + std::string(name) + " entries must be objects]");
    auto key = StringField(item, "key", name);
    if (!key.ok()) return key.error();
    service::TagCondition condition{std::move(*key), {}};
    if (const json* values = Field(item, "values")) {
      if (!values->is_array())
        return Invalid("[" + std::string(name) + "[].values must be an array]");
      for (const json& v : *values) {
        if (!v.is_string()) return Invalid("[" + std::string(name) + "[].values must be strings]");
        condition.values.push_back(v.get<std::string>());
      }
    }
    out.push_back(std::move(condition));
  }
  return out;
}

// The resource_name text of `matches` ("" = no constraint).
Result<std::string> NameMatch(const json& body) {
  const json* matches = Field(body, "matches");
  if (matches == nullptr) return std::string();
  if (matches->is_string()) return matches->get<std::string>();
  if (!matches->is_array()) return Invalid("[matches must be an array]");
  std::string name;
  for (const json& item : *matches) {
    if (!item.is_object()) return Invalid("[matches entries must be objects]");
    auto key = StringField(item, "key", "matches[]");
    auto value = StringField(item, "value", "matches[]");
    if (!key.ok()) return key.error();
    if (!value.ok()) return value.error();
    if (*key != "resource_name") return Invalid("[matches key must be resource_name]");
    if (!name.empty() && !value->empty() && *value != name) {
      return Invalid("[matches may name resource_name once]");
    }
    if (!value->empty()) name = std::move(*value);
  }
  return name;
}

json TagsJson(const std::vector<engine::Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"key", t.key}, {"value", t.value}});
  return out;
}

}  // namespace

HttpResponse CreateTag(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  const json* tag = Field(*body, "tag");
  if (tag == nullptr || !tag->is_object()) return FromError(Invalid("[tag is required]"));
  auto key = StringField(*tag, "key", "tag");
  auto value = StringField(*tag, "value", "tag");
  if (!key.ok()) return FromError(key.error());
  if (!value.ok()) return FromError(value.error());
  Status s = env.services.tags().Add(ctx.project_id(), ctx.Param("resource_type"),
                                     ctx.Param("resource_id"), {*key, *value});
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

HttpResponse ListResourceTags(const RequestContext& ctx, ApiEnv& env) {
  auto tags = env.services.tags().List(ctx.project_id(), ctx.Param("resource_type"),
                                       ctx.Param("resource_id"));
  if (!tags.ok()) return FromError(tags.error());
  return JsonResponse(200, {{"tags", TagsJson(*tags)}});
}

HttpResponse DeleteTag(const RequestContext& ctx, ApiEnv& env) {
  Status s = env.services.tags().Delete(ctx.project_id(), ctx.Param("resource_type"),
                                        ctx.Param("resource_id"), ctx.Param("key"));
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

HttpResponse BatchTagAction(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  auto action = StringField(*body, "action", "body");
  if (!action.ok()) return FromError(action.error());
  if (action->empty()) return FromError(Invalid("[action is required]"));
  auto tags = BatchTags(*body);
  if (!tags.ok()) return FromError(tags.error());
  Status s = env.services.tags().Batch(ctx.project_id(), ctx.Param("resource_type"),
                                       ctx.Param("resource_id"), *action, *tags);
  return s.ok() ? EmptyResponse(204) : FromError(s.error());
}

HttpResponse ListProjectTags(const RequestContext& ctx, ApiEnv& env) {
  auto keys = env.services.tags().ProjectTags(ctx.project_id(), ctx.Param("resource_type"));
  if (!keys.ok()) return FromError(keys.error());
  json out = json::array();
  for (const auto& k : *keys) out.push_back({{"key", k.key}, {"values", k.values}});
  return JsonResponse(200, {{"tags", std::move(out)}});
}

HttpResponse ListResourcesByTags(const RequestContext& ctx, ApiEnv& env) {
  auto body = ctx.JsonBody();
  if (!body.ok()) return FromError(body.error());
  service::ResourceQuery query;
  auto action = StringField(*body, "action", "body");
  auto limit = CountField(*body, "limit");
  auto offset = CountField(*body, "offset");
  auto tags = Conditions(*body, "tags");
  auto tags_any = Conditions(*body, "tags_any");
  auto not_tags = Conditions(*body, "not_tags");
  auto not_tags_any = Conditions(*body, "not_tags_any");
  auto name = NameMatch(*body);
  for (const Status& s :
       {action.status(), limit.status(), offset.status(), tags.status(), tags_any.status(),
        not_tags.status(), not_tags_any.status(), name.status()}) {
    if (!s.ok()) return FromError(s.error());
  }
  query.action = std::move(*action);
  query.limit = std::move(*limit);
  query.offset = std::move(*offset);
  query.filter = {std::move(*tags), std::move(*tags_any), std::move(*not_tags),
                  std::move(*not_tags_any), std::move(*name)};
  auto page =
      env.services.tags().FindResources(ctx.project_id(), ctx.Param("resource_type"), query);
  if (!page.ok()) return FromError(page.error());
  if (page->count_only) return JsonResponse(200, {{"total_count", page->total_count}});
  json resources = json::array();
  for (const auto& r : page->resources) {
    resources.push_back({{"resource_id", r.resource_id},
                         {"resource_name", r.resource_name},
                         {"resource_detail", nullptr},
                         {"tags", TagsJson(r.tags)}});
  }
  return JsonResponse(200,
                      {{"resources", std::move(resources)}, {"total_count", page->total_count}});
}

}  // namespace disd::api
