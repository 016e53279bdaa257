// The tag filter of "filter resources by tags" (seed 004 5.7.6), as pure functions so the
// semantics can be tested as a truth table:
//   tags          the resource has every listed key, each with one of its listed values
//   tags_any      the resource has at least one listed key with one of its values
//   not_tags      excluded when it has every listed key with one of its values
//   not_tags_any  excluded when it has any listed key with one of its values
//   name          the resource name contains this text (the `matches` resource_name)
// An empty value list means any value of that key; an empty list of conditions imposes
// nothing; all given parts must hold together.
// Thread-safety: pure functions over values.
#pragma once

#include <string>
#include <vector>

#include "disd/common/status.h"
#include "disd/engine/stream_meta.h"

namespace disd::service {

struct TagCondition {
  std::string key;
  std::vector<std::string> values;  // empty = any value
};

struct TagFilter {
  std::vector<TagCondition> tags;
  std::vector<TagCondition> tags_any;
  std::vector<TagCondition> not_tags;
  std::vector<TagCondition> not_tags_any;
  std::string name_contains;  // "" = any name
};

inline constexpr std::size_t kMaxFilterKeys = 10;
inline constexpr std::size_t kMaxFilterValues = 10;

// The documented limits, each kInvalidRequest naming the list: at most 10 keys per list,
// keys non-empty, at most 36 characters and unique within a list, at most 10 values per
// key, each at most 43 characters and unique within its key.
Status ValidateTagFilter(const TagFilter& filter);

bool MatchesTagFilter(const TagFilter& filter, const std::string& name,
                      const std::vector<engine::Tag>& tags);

}  // namespace disd::service
