#include "disd/service/tag_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "service/stream_validation.h"

namespace disd::service {
namespace {

constexpr std::size_t kMaxTagsPerStream = 10;
constexpr std::int64_t kMaxFilterLimit = 1000;

Error Invalid(std::string detail) {
  return MakeError(ErrorCode::kInvalidRequest, std::move(detail));
}

Error ResourceMissing(std::string_view resource_id) {
  return MakeError(ErrorCode::kResourceNotFound, "[" + std::string(resource_id) + "]");
}

Status CheckResourceType(std::string_view resource_type) {
  if (resource_type == "stream") return Status::Ok();
  return MakeError(ErrorCode::kInvalidResourceType, "[" + std::string(resource_type) + "]");
}

Status CheckLimit(std::size_t count) {
  if (count <= kMaxTagsPerStream) return Status::Ok();
  return MakeError(ErrorCode::kTagLimitReached, "[a stream may have at most 10 tags]");
}

// Sets `tag` in `tags`: replaces the value of an existing key, else appends.
void Upsert(std::vector<engine::Tag>& tags, const engine::Tag& tag) {
  for (auto& t : tags) {
    if (t.key == tag.key) {
      t.value = tag.value;
      return;
    }
  }
  tags.push_back(tag);
}

// A non-negative decimal integer, as limit/offset are documented ("must be a number").
std::optional<std::int64_t> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

TagService::TagService(engine::Catalog& catalog) : catalog_(catalog) {}

Result<engine::StreamSnapshot> TagService::Resolve(std::string_view project_id,
                                                   std::string_view resource_type,
                                                   std::string_view resource_id) const {
  DISD_RETURN_IF_ERROR(CheckResourceType(resource_type));
  auto stream = catalog_.GetStreamById(resource_id);
  if (!stream.ok()) {
    if (stream.error().code == ErrorCode::kStreamNotFound) return ResourceMissing(resource_id);
    return stream.error();
  }
  if ((*stream)->project_id != project_id) return ResourceMissing(resource_id);
  return stream;
}

Status TagService::Mutate(std::string_view project_id, std::string_view resource_type,
                          std::string_view resource_id,
                          const std::function<Status(std::vector<engine::Tag>&)>& change) {
  auto stream = Resolve(project_id, resource_type, resource_id);
  if (!stream.ok()) return stream.error();
  auto mutated = catalog_.MutateStream(project_id, (*stream)->name, [&](engine::StreamMeta& meta) {
    // Deleted and re-created under the same name since the lookup: not this resource.
    if (meta.stream_id != resource_id) return Status(ResourceMissing(resource_id));
    return change(meta.tags);
  });
  if (!mutated.ok()) {
    if (mutated.error().code == ErrorCode::kStreamNotFound) return ResourceMissing(resource_id);
    return mutated.error();
  }
  return Status::Ok();
}

Status TagService::Add(std::string_view project_id, std::string_view resource_type,
                       std::string_view resource_id, const engine::Tag& tag) {
  DISD_RETURN_IF_ERROR(CheckResourceType(resource_type));
  DISD_RETURN_IF_ERROR(ValidateTags({tag}));
  return Mutate(project_id, resource_type, resource_id, [&](std::vector<engine::Tag>& tags) {
    Upsert(tags, tag);
    return CheckLimit(tags.size());
  });
}

Result<std::vector<engine::Tag>> TagService::List(std::string_view project_id,
                                                  std::string_view resource_type,
                                                  std::string_view resource_id) const {
  auto stream = Resolve(project_id, resource_type, resource_id);
  if (!stream.ok()) return stream.error();
  return (*stream)->tags;
}

Status TagService::Delete(std::string_view project_id, std::string_view resource_type,
                          std::string_view resource_id, std::string_view key) {
  return Mutate(project_id, resource_type, resource_id, [&](std::vector<engine::Tag>& tags) {
    if (std::erase_if(tags, [&](const engine::Tag& t) { return t.key == key; }) == 0) {
      return Status(MakeError(ErrorCode::kTagKeyNotFound, "[" + std::string(key) + "]"));
    }
    return Status::Ok();
  });
}

Status TagService::Batch(std::string_view project_id, std::string_view resource_type,
                         std::string_view resource_id, std::string_view action,
                         const std::vector<BatchTag>& request) {
  DISD_RETURN_IF_ERROR(CheckResourceType(resource_type));
  if (action != "create" && action != "delete") {
    return MakeError(ErrorCode::kTagActionNotSupported, "[" + std::string(action) + "]");
  }
  if (request.empty()) return Invalid("[tags is required]");
  for (const BatchTag& t : request) {
    if (t.key.empty()) return Invalid("[tags] a key must not be empty");
  }
  if (action == "create") {
    std::vector<engine::Tag> tags;
    for (const BatchTag& t : request) tags.push_back({t.key, t.value.value_or("")});
    std::set<std::string_view> keys;
    for (const auto& t : tags) {
      if (!keys.insert(t.key).second) return Invalid("[tags] duplicate key '" + t.key + "'");
    }
    DISD_RETURN_IF_ERROR(ValidateTags(tags));
    return Mutate(project_id, resource_type, resource_id, [&](std::vector<engine::Tag>& stored) {
      for (const auto& t : tags) Upsert(stored, t);
      return CheckLimit(stored.size());
    });
  }
  return Mutate(project_id, resource_type, resource_id, [&](std::vector<engine::Tag>& stored) {
    for (const BatchTag& t : request) {
      std::erase_if(stored, [&](const engine::Tag& s) {
        return s.key == t.key && (!t.value || s.value == *t.value);
      });
    }
    return Status::Ok();
  });
}

Result<std::vector<TagKeyValues>> TagService::ProjectTags(std::string_view project_id,
                                                          std::string_view resource_type) const {
  DISD_RETURN_IF_ERROR(CheckResourceType(resource_type));
  std::map<std::string, std::set<std::string>> keys;
  for (const auto& stream : catalog_.ListStreams(project_id)) {
    for (const auto& t : stream->tags) keys[t.key].insert(t.value);
  }
  std::vector<TagKeyValues> out;
  for (auto& [key, values] : keys) out.push_back({key, {values.begin(), values.end()}});
  return out;
}

Result<ResourcePage> TagService::FindResources(std::string_view project_id,
                                               std::string_view resource_type,
                                               const ResourceQuery& query) const {
  DISD_RETURN_IF_ERROR(CheckResourceType(resource_type));
  ResourcePage page;
  if (query.action == "count") {
    page.count_only = true;
  } else if (query.action != "filter") {
    return Invalid("[action must be filter or count]");
  }
  std::int64_t limit = kMaxFilterLimit;
  std::int64_t offset = 0;
  if (!page.count_only) {
    if (query.limit) {
      auto parsed = ParseCount(*query.limit);
      if (!parsed || *parsed < 1 || *parsed > kMaxFilterLimit) {
        return Invalid("[limit must be an integer from 1 to 1000]");
      }
      limit = *parsed;
    }
    if (query.offset) {
      auto parsed = ParseCount(*query.offset);
      if (!parsed) return Invalid("[offset must be a non-negative integer]");
      offset = *parsed;
    }
  }
  DISD_RETURN_IF_ERROR(ValidateTagFilter(query.filter));

  for (const auto& stream : catalog_.ListStreams(project_id)) {  // ordered by name
    if (!MatchesTagFilter(query.filter, stream->name, stream->tags)) continue;
    const std::int64_t position = page.total_count++;
    if (page.count_only || position < offset || position >= offset + limit) continue;
    page.resources.push_back({stream->stream_id, stream->name, stream->tags});
  }
  return page;
}

}  // namespace disd::service
