// Stream tags (seed 004 5.7): add one, list, delete by key, batch create/delete, every tag
// key of a project with its values, and filtering/counting streams by tags. The tags are
// StreamMeta::tags, the same ones CreateStream accepts, changed through
// Catalog::MutateStream so each change is atomic with the 10-tag limit.
//
// Resources are addressed as /{resource_type}/{resource_id}: the type must be "stream"
// (DIS.4602) and the id a stream_id of the project (DIS.4603). Rules: keys 1-36 and values
// 0-43 characters of A-Z a-z 0-9 _ - (values also .) and U+4E00-U+9FFF; at most 10 tags per
// stream (DIS.4601). Adding an existing key replaces its value. Batch create rejects a
// request that repeats a key (DIS.4200) and overwrites existing keys; batch delete skips
// missing tags and does not check character sets; a tag given with a value is deleted only
// if the stored value is that value. Deleting one key that does not exist is DIS.4604; an
// action other than create/delete is DIS.4605.
// Thread-safety: safe for concurrent use.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/catalog.h"
#include "disd/service/tag_filter.h"

namespace disd::service {

// A tag of a batch request; the value may be absent (delete by key alone).
struct BatchTag {
  std::string key;
  std::optional<std::string> value;
};

// Every value of one key across the project's streams, sorted and distinct.
struct TagKeyValues {
  std::string key;
  std::vector<std::string> values;
};

struct TaggedResource {
  std::string resource_id;    // stream_id
  std::string resource_name;  // stream name
  std::vector<engine::Tag> tags;
};

// The filter/count request as received: limit and offset as given (JSON numbers arrive
// as their decimal text); nullopt = absent.
struct ResourceQuery {
  std::string action;  // "filter" or "count"
  std::optional<std::string> limit;
  std::optional<std::string> offset;
  TagFilter filter;
};

struct ResourcePage {
  bool count_only = false;
  std::vector<TaggedResource> resources;  // the requested page, by name (filter only)
  std::int64_t total_count = 0;           // every match
};

class TagService {
 public:
  explicit TagService(engine::Catalog& catalog);

  Status Add(std::string_view project_id, std::string_view resource_type,
             std::string_view resource_id, const engine::Tag& tag);
  Result<std::vector<engine::Tag>> List(std::string_view project_id, std::string_view resource_type,
                                        std::string_view resource_id) const;
  Status Delete(std::string_view project_id, std::string_view resource_type,
                std::string_view resource_id, std::string_view key);
  // action "create" or "delete".
  Status Batch(std::string_view project_id, std::string_view resource_type,
               std::string_view resource_id, std::string_view action,
               const std::vector<BatchTag>& tags);

  Result<std::vector<TagKeyValues>> ProjectTags(std::string_view project_id,
                                                std::string_view resource_type) const;
  // limit 1-1000 (default 1000), offset >= 0 (default 0); kInvalidRequest otherwise, for
  // an unknown action, or for a filter outside its limits.
  Result<ResourcePage> FindResources(std::string_view project_id, std::string_view resource_type,
                                     const ResourceQuery& query) const;

 private:
  // The stream behind (resource_type, resource_id) in the project.
  Result<engine::StreamSnapshot> Resolve(std::string_view project_id,
                                         std::string_view resource_type,
                                         std::string_view resource_id) const;
  // Applies `change` to the stream's tags atomically (re-checking that the name still
  // belongs to the same stream_id).
  Status Mutate(std::string_view project_id, std::string_view resource_type,
                std::string_view resource_id,
                const std::function<Status(std::vector<engine::Tag>&)>& change);

  engine::Catalog& catalog_;
};

}  // namespace disd::service
