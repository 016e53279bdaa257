// The resource filter of ListResourcesByTags as a truth table: every combination of the
// four condition lists (absent / matching / not matching) against resources with and
// without the tags, checked against an independent statement of the documented rule; plus
// the value-list and name rules and the documented limits.
#include "disd/service/tag_filter.h"

#include <gtest/gtest.h>

namespace disd::service {
namespace {

using Tags = std::vector<engine::Tag>;

// For one list: absent, a condition the resource meets, or one it does not meet.
enum class Cond { kAbsent, kMet, kUnmet };

// Conditions over the resource {env=prod, team=core}: for the "all" lists two conditions
// (so Unmet means one of two fails), for the "any" lists two conditions (Unmet: both fail).
std::vector<TagCondition> AllList(Cond c) {
  switch (c) {
    case Cond::kAbsent:
      return {};
    case Cond::kMet:
      return {{"env", {"prod", "test"}}, {"team", {}}};
    case Cond::kUnmet:
      return {{"env", {"prod"}}, {"team", {"edge"}}};
  }
  return {};
}
std::vector<TagCondition> AnyList(Cond c) {
  switch (c) {
    case Cond::kAbsent:
      return {};
    case Cond::kMet:
      return {{"env", {"dev"}}, {"team", {"core"}}};
    case Cond::kUnmet:
      return {{"env", {"dev"}}, {"owner", {}}};
  }
  return {};
}

TEST(TagFilterTest, TruthTableOfTheFourLists) {
  const Tags tagged = {{"env", "prod"}, {"team", "core"}};
  const Tags untagged = {};
  const Cond conds[] = {Cond::kAbsent, Cond::kMet, Cond::kUnmet};
  int cases = 0;
  for (Cond tags : conds) {
    for (Cond any : conds) {
      for (Cond not_all : conds) {
        for (Cond not_any : conds) {
          TagFilter f{AllList(tags), AnyList(any), AllList(not_all), AnyList(not_any), ""};
          // The documented rule, stated per list.
          const bool expected = (tags != Cond::kUnmet) && (any != Cond::kUnmet) &&
                                (not_all != Cond::kMet) && (not_any != Cond::kMet);
          EXPECT_EQ(MatchesTagFilter(f, "s", tagged), expected)
              << "tags=" << int(tags) << " any=" << int(any) << " not_tags=" << int(not_all)
              << " not_any=" << int(not_any);
          // Without tags nothing is met: only lists that require nothing pass.
          const bool expected_untagged = tags == Cond::kAbsent && any == Cond::kAbsent;
          EXPECT_EQ(MatchesTagFilter(f, "s", untagged), expected_untagged)
              << "untagged: tags=" << int(tags) << " any=" << int(any);
          ++cases;
        }
      }
    }
  }
  EXPECT_EQ(cases, 81);
}

TEST(TagFilterTest, ValueListsMeanAnyOfThemAndEmptyMeansAnyValue) {
  const Tags tags = {{"env", "prod"}, {"empty", ""}};
  struct Row {
    TagCondition condition;
    bool matches;
  };
  const Row rows[] = {
      {{"env", {}}, true},       {{"env", {"prod"}}, true},  {{"env", {"dev", "prod"}}, true},
      {{"env", {"dev"}}, false}, {{"env", {"PROD"}}, false}, {{"ENV", {}}, false},
      {{"missing", {}}, false},  {{"empty", {""}}, true},    {{"empty", {}}, true},
      {{"empty", {"x"}}, false},
  };
  for (const Row& row : rows) {
    TagFilter all{{row.condition}, {}, {}, {}, ""};
    TagFilter any{{}, {row.condition}, {}, {}, ""};
    TagFilter not_all{{}, {}, {row.condition}, {}, ""};
    TagFilter not_any{{}, {}, {}, {row.condition}, ""};
    EXPECT_EQ(MatchesTagFilter(all, "s", tags), row.matches) << row.condition.key;
    EXPECT_EQ(MatchesTagFilter(any, "s", tags), row.matches) << row.condition.key;
    EXPECT_EQ(MatchesTagFilter(not_all, "s", tags), !row.matches) << row.condition.key;
    EXPECT_EQ(MatchesTagFilter(not_any, "s", tags), !row.matches) << row.condition.key;
  }
}

TEST(TagFilterTest, NameMatchIsASubstringAndCombinesWithTags) {
  const Tags tags = {{"env", "prod"}};
  TagFilter f;
  f.name_contains = "orders";
  EXPECT_TRUE(MatchesTagFilter(f, "orders", tags));
  EXPECT_TRUE(MatchesTagFilter(f, "eu-orders-2", tags));
  EXPECT_FALSE(MatchesTagFilter(f, "order", tags));
  EXPECT_FALSE(MatchesTagFilter(f, "ORDERS", tags));
  f.tags = {{"env", {"dev"}}};
  EXPECT_FALSE(MatchesTagFilter(f, "orders", tags));
  EXPECT_TRUE(MatchesTagFilter(TagFilter{}, "anything", {}));
}

ErrorCode Code(const TagFilter& f) {
  Status s = ValidateTagFilter(f);
  return s.ok() ? ErrorCode::kInternal : s.code();
}

TEST(TagFilterTest, LimitsAtTheirBoundaries) {
  auto keys = [](int n) {
    std::vector<TagCondition> out;
    for (int i = 0; i < n; ++i) out.push_back({"k" + std::to_string(i), {}});
    return out;
  };
  auto values = [](int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back("v" + std::to_string(i));
    return out;
  };
  EXPECT_TRUE(ValidateTagFilter({keys(10), keys(10), keys(10), keys(10), ""}).ok());
  for (int list = 0; list < 4; ++list) {
    TagFilter f;
    std::vector<TagCondition>* lists[] = {&f.tags, &f.tags_any, &f.not_tags, &f.not_tags_any};
    *lists[list] = keys(11);
    EXPECT_EQ(Code(f), ErrorCode::kInvalidRequest) << list;
    *lists[list] = {{"k", values(10)}};
    EXPECT_TRUE(ValidateTagFilter(f).ok()) << list;
    *lists[list] = {{"k", values(11)}};
    EXPECT_EQ(Code(f), ErrorCode::kInvalidRequest) << list;
    *lists[list] = {{"", {}}};
    EXPECT_EQ(Code(f), ErrorCode::kInvalidRequest) << list;
    *lists[list] = {{"k", {}}, {"k", {}}};
    EXPECT_EQ(Code(f), ErrorCode::kInvalidRequest) << list;
    *lists[list] = {{"k", {"a", "a"}}};
    EXPECT_EQ(Code(f), ErrorCode::kInvalidRequest) << list;
    *lists[list] = {{std::string(36, 'k'), {std::string(43, 'v')}}};
    EXPECT_TRUE(ValidateTagFilter(f).ok()) << list;
    *lists[list] = {{std::string(37, 'k'), {}}};
    EXPECT_EQ(Code(f), ErrorCode::kInvalidRequest) << list;
    *lists[list] = {{"k", {std::string(44, 'v')}}};
    EXPECT_EQ(Code(f), ErrorCode::kInvalidRequest) << list;
    // Lengths count characters: 36 CJK characters are 108 bytes.
    std::string cjk;
    for (int i = 0; i < 36; ++i) cjk += "\xE4\xB8\xAD";
    *lists[list] = {{cjk, {}}};
    EXPECT_TRUE(ValidateTagFilter(f).ok()) << list;
  }
}

}  // namespace
}  // namespace disd::service
