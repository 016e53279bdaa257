// Filtering and counting streams by tags (seed 004 5.7.6) over HTTP, as a truth table: nine
// streams carry every combination of key a and key b being absent, "1" or "2"; every
// combination of a few condition lists for tags, tags_any, not_tags and not_tags_any is
// sent and the answer compared with an independent statement of the documented rule.
// Plus paging, count, the resource_name match, and the documented limits.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

using TagMap = std::map<std::string, std::string>;

struct Condition {
  std::string key;
  std::vector<std::string> values;  // empty = any value
};
using Conditions = std::vector<Condition>;

bool Holds(const Condition& c, const TagMap& tags) {
  auto it = tags.find(c.key);
  if (it == tags.end()) return false;
  return c.values.empty() ||
         std::find(c.values.begin(), c.values.end(), it->second) != c.values.end();
}

// The documented rule: all of `tags`, at least one of `tags_any` (when given), not all of
// `not_tags` (when given), none of `not_tags_any`.
bool Expected(const Conditions& all, const Conditions& any, const Conditions& not_all,
              const Conditions& not_any, const TagMap& tags) {
  auto holds = [&](const Condition& c) { return Holds(c, tags); };
  if (!std::all_of(all.begin(), all.end(), holds)) return false;
  if (!any.empty() && std::none_of(any.begin(), any.end(), holds)) return false;
  if (!not_all.empty() && std::all_of(not_all.begin(), not_all.end(), holds)) return false;
  if (std::any_of(not_any.begin(), not_any.end(), holds)) return false;
  return true;
}

json ToJson(const Conditions& conditions) {
  json out = json::array();
  for (const auto& c : conditions) out.push_back({{"key", c.key}, {"values", c.values}});
  return out;
}

class TagFilterTest : public DisdTest {
 protected:
  void SetUp() override {
    DisdTest::SetUp();
    const std::optional<std::string> options[] = {std::nullopt, "1", "2"};
    for (const auto& a : options) {
      for (const auto& b : options) {
        const std::string name = "a" + a.value_or("x") + "-b" + b.value_or("x");
        TagMap tags;
        json tag_json = json::array();
        if (a) tags["a"] = *a, tag_json.push_back({{"key", "a"}, {"value", *a}});
        if (b) tags["b"] = *b, tag_json.push_back({{"key", "b"}, {"value", *b}});
        dis().CreateOk(name, 1, {{"tags", tag_json}});
        streams_[name] = tags;
        ids_[name] = dis().DescribeOk(name).value("stream_id", "");
      }
    }
  }

  DisResponse Find(const json& body) {
    return dis().CallJson("POST", dis().V2("/stream/resource_instances/action"), body);
  }
  // The resource names of a filter answer, checking each entry's shape.
  std::set<std::string> Names(const DisResponse& r) {
    std::set<std::string> names;
    if (!HasStatus(r, 200)) return names;
    for (const json& res : r.doc["resources"]) {
      const std::string name = res.value("resource_name", "");
      names.insert(name);
      EXPECT_EQ(res.value("resource_id", ""), ids_[name]) << res;
      EXPECT_TRUE(res.contains("resource_detail"));
      EXPECT_EQ(res["tags"].size(), streams_[name].size()) << res;
    }
    return names;
  }

  std::map<std::string, TagMap> streams_;
  std::map<std::string, std::string> ids_;
};

TEST_F(TagFilterTest, TruthTableOverEveryListCombination) {
  // Condition lists chosen to cover: any value, one value, several values, a key nobody
  // has, and two keys at once.
  const std::vector<Conditions> choices = {
      {}, {{"a", {}}}, {{"a", {"1"}}}, {{"a", {"1", "2"}}, {"b", {"2"}}}, {{"c", {}}},
  };
  int queries = 0;
  for (const auto& all : choices) {
    for (const auto& any : choices) {
      for (const auto& not_all : choices) {
        for (const auto& not_any : choices) {
          json body = {{"action", "filter"}};
          if (!all.empty()) body["tags"] = ToJson(all);
          if (!any.empty()) body["tags_any"] = ToJson(any);
          if (!not_all.empty()) body["not_tags"] = ToJson(not_all);
          if (!not_any.empty()) body["not_tags_any"] = ToJson(not_any);
          std::set<std::string> expected;
          for (const auto& [name, tags] : streams_) {
            if (Expected(all, any, not_all, not_any, tags)) expected.insert(name);
          }
          DisResponse r = Find(body);
          ASSERT_EQ(Names(r), expected) << body.dump();
          EXPECT_EQ(r.doc.value("total_count", -1), static_cast<int>(expected.size()));
          body["action"] = "count";
          DisResponse count = Find(body);
          ASSERT_TRUE(HasStatus(count, 200));
          EXPECT_EQ(count.doc, json({{"total_count", expected.size()}})) << body.dump();
          ++queries;
        }
      }
    }
  }
  EXPECT_EQ(queries, 625);
}

TEST_F(TagFilterTest, PagingCountsEverythingAndReturnsThePageByName) {
  DisResponse r = Find({{"action", "filter"}, {"limit", "4"}, {"offset", "2"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["total_count"], 9);
  std::vector<std::string> names;
  for (const json& res : r.doc["resources"]) names.push_back(res["resource_name"]);
  // Byte order of the names: a1-b1 a1-b2 a1-bx a2-b1 a2-b2 a2-bx ax-b1 ...
  EXPECT_EQ(names, (std::vector<std::string>{"a1-bx", "a2-b1", "a2-b2", "a2-bx"}));
  r = Find({{"action", "filter"}, {"limit", 1000}, {"offset", 8}});  // numbers work too
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["resources"].size(), 1u);
  r = Find({{"action", "filter"}, {"offset", "9"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["resources"], json::array());
  EXPECT_EQ(r.doc["total_count"], 9);
  r = Find({{"action", "filter"}});
  EXPECT_EQ(r.doc["resources"].size(), 9u);  // default limit 1000
}

TEST_F(TagFilterTest, ResourceNameMatch) {
  DisResponse r = Find({{"action", "filter"},
                        {"matches", json::array({{{"key", "resource_name"}, {"value", "a1-"}}})},
                        {"tags", json::array({{{"key", "b"}, {"values", json::array()}}})}});
  EXPECT_EQ(Names(r), (std::set<std::string>{"a1-b1", "a1-b2"}));
  r = Find({{"action", "count"},
            {"matches", json::array({{{"key", "resource_name"}, {"value", "bx"}}})}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["total_count"], 3);
  EXPECT_TRUE(
      IsDisError(Find({{"action", "filter"},
                       {"matches", json::array({{{"key", "resource_id"}, {"value", "x"}}})}}),
                 400, "DIS.4200"));
}

TEST_F(TagFilterTest, DocumentedLimitsAndMalformedRequests) {
  auto keys = [](int n, int values) {
    json list = json::array();
    for (int i = 0; i < n; ++i) {
      json v = json::array();
      for (int j = 0; j < values; ++j) v.push_back("v" + std::to_string(j));
      list.push_back({{"key", "k" + std::to_string(i)}, {"values", v}});
    }
    return list;
  };
  for (const char* list : {"tags", "tags_any", "not_tags", "not_tags_any"}) {
    EXPECT_TRUE(HasStatus(Find({{"action", "count"}, {list, keys(10, 10)}}), 200)) << list;
    EXPECT_TRUE(IsDisError(Find({{"action", "count"}, {list, keys(11, 1)}}), 400, "DIS.4200"))
        << list;
    EXPECT_TRUE(IsDisError(Find({{"action", "count"}, {list, keys(1, 11)}}), 400, "DIS.4200"))
        << list;
    EXPECT_TRUE(IsDisError(Find({{"action", "count"},
                                 {list, json::array({{{"key", ""}, {"values", json::array()}}})}}),
                           400, "DIS.4200"))
        << list;
    EXPECT_TRUE(IsDisError(
        Find({{"action", "count"}, {list, json::array({{{"key", "a"}}, {{"key", "a"}}})}}), 400,
        "DIS.4200"))
        << list;
    EXPECT_TRUE(IsDisError(
        Find({{"action", "count"}, {list, json::array({{{"key", "a"}, {"values", {"1", "1"}}}})}}),
        400, "DIS.4200"))
        << list;
    EXPECT_TRUE(IsDisError(Find({{"action", "count"}, {list, "a"}}), 400, "DIS.4200")) << list;
  }
  for (const json& limit : {json("0"), json("1001"), json("-1"), json("ten"), json(0), json(1.5)}) {
    EXPECT_TRUE(IsDisError(Find({{"action", "filter"}, {"limit", limit}}), 400, "DIS.4200"))
        << limit;
  }
  EXPECT_TRUE(HasStatus(Find({{"action", "filter"}, {"limit", "1000"}}), 200));
  EXPECT_TRUE(HasStatus(Find({{"action", "filter"}, {"limit", "1"}}), 200));
  for (const json& offset : {json("-1"), json("x"), json(-3)}) {
    EXPECT_TRUE(IsDisError(Find({{"action", "filter"}, {"offset", offset}}), 400, "DIS.4200"))
        << offset;
  }
  EXPECT_TRUE(IsDisError(Find({{"action", "list"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(Find(json::object()), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/stream/resource_instances/action")), 400,
                         "DIS.4202"));
}

}  // namespace
}  // namespace disd::test
