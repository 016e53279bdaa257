#include "disd/service/tag_filter.h"

#include <algorithm>
#include <set>

namespace disd::service {
namespace {

// Characters, counting each UTF-8 sequence once (lengths are documented in characters).
std::size_t CharCount(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Status CheckList(const std::vector<TagCondition>& list, std::string_view name) {
  auto invalid = [&](const std::string& what) {
    return MakeError(ErrorCode::kInvalidRequest, "[" + std::string(name) + ": " + what + "]");
  };
  if (list.size() > kMaxFilterKeys) return invalid("at most 10 keys");
  std::set<std::string_view> keys;
  for (const TagCondition& c : list) {
    if (c.key.empty()) return invalid("a key must not be empty");
    if (CharCount(c.key) > 36) return invalid("key '" + c.key + "' is longer than 36 characters");
    if (!keys.insert(c.key).second) return invalid("duplicate key '" + c.key + "'");
    if (c.values.size() > kMaxFilterValues) {
      return invalid("at most 10 values for key '" + c.key + "'");
    }
    std::set<std::string_view> values;
    for (const std::string& v : c.values) {
      if (CharCount(v) > 43)
        return invalid("a value of '" + c.key + "' is longer than 43 characters");
      if (!values.insert(v).second)
        return invalid("duplicate value '" + v + "' of '" + c.key + "'");
    }
  }
  return Status::Ok();
}

bool Holds(const TagCondition& c, const std::vector<engine::Tag>& tags) {
  for (const engine::Tag& t : tags) {
    if (t.key != c.key) continue;
    return c.values.empty() ||
           std::find(c.values.begin(), c.values.end(), t.value) != c.values.end();
  }
  return false;
}

bool All(const std::vector<TagCondition>& list, const std::vector<engine::Tag>& tags) {
  return std::all_of(list.begin(), list.end(),
                     [&](const TagCondition& c) { return Holds(c, tags); });
}

bool Any(const std::vector<TagCondition>& list, const std::vector<engine::Tag>& tags) {
  return std::any_of(list.begin(), list.end(),
                     [&](const TagCondition& c) { return Holds(c, tags); });
}

}  // namespace

Status ValidateTagFilter(const TagFilter& filter) {
  DISD_RETURN_IF_ERROR(CheckList(filter.tags, "tags"));
  DISD_RETURN_IF_ERROR(CheckList(filter.tags_any, "tags_any"));
  DISD_RETURN_IF_ERROR(CheckList(filter.not_tags, "not_tags"));
  DISD_RETURN_IF_ERROR(CheckList(filter.not_tags_any, "not_tags_any"));
  return Status::Ok();
}

bool MatchesTagFilter(const TagFilter& filter, const std::string& name,
                      const std::vector<engine::Tag>& tags) {
  if (!filter.name_contains.empty() && name.find(filter.name_contains) == std::string::npos) {
    return false;
  }
  if (!All(filter.tags, tags)) return false;
  if (!filter.tags_any.empty() && !Any(filter.tags_any, tags)) return false;
  if (!filter.not_tags.empty() && All(filter.not_tags, tags)) return false;
  if (Any(filter.not_tags_any, tags)) return false;
  return true;
}

}  // namespace disd::service
