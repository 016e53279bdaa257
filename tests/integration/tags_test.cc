// Stream tags (seed 004 5.7.1-5.7.5, 5.7.7; tag_service.h) over HTTP: the tags of
// CreateStream are the tags of the tag API, key and value rules at their boundaries, the
// 10-tag limit, batch create/delete semantics, project tag keys, and every error.
#include <string>
#include <vector>

#include "support/disd_test.h"

namespace disd::test {
namespace {

// 36 (or n) CJK characters (U+4E2D).
std::string Cjk(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "\xE4\xB8\xAD";
  return s;
}

class TagsTest : public DisdTest {
 protected:
  std::string StreamId(const std::string& name) {
    return dis().DescribeOk(name).value("stream_id", "");
  }
  std::string TagsPath(const std::string& id, const std::string& type = "stream") {
    return dis().V2("/" + type + "/" + id + "/tags");
  }
  DisResponse AddTag(const std::string& id, const json& tag, const std::string& type = "stream") {
    return dis().CallJson("POST", TagsPath(id, type), {{"tag", tag}});
  }
  DisResponse Batch(const std::string& id, const std::string& action, const json& tags) {
    return dis().CallJson("POST", TagsPath(id) + "/action", {{"action", action}, {"tags", tags}});
  }
  json ListTags(const std::string& id) {
    DisResponse r = dis().Call("GET", TagsPath(id));
    EXPECT_TRUE(HasStatus(r, 200));
    return r.doc.is_object() ? r.doc["tags"] : json();
  }
};

json Tag(const std::string& key, const std::string& value) {
  return {{"key", key}, {"value", value}};
}

TEST_F(TagsTest, CreateStreamTagsAreTheTagApisTags) {
  dis().CreateOk("s", 1, {{"tags", json::array({Tag("env", "prod"), Tag("team", "core")})}});
  const std::string id = StreamId("s");
  EXPECT_EQ(ListTags(id), json::array({Tag("env", "prod"), Tag("team", "core")}));
  ASSERT_TRUE(HasStatus(AddTag(id, Tag("owner", "ops")), 204));
  ASSERT_TRUE(HasStatus(AddTag(id, Tag("env", "test")), 204));  // replaces the value
  EXPECT_EQ(ListTags(id),
            json::array({Tag("env", "test"), Tag("team", "core"), Tag("owner", "ops")}));
  EXPECT_EQ(dis().DescribeOk("s")["tags"], ListTags(id));
  ASSERT_TRUE(HasStatus(dis().Call("DELETE", TagsPath(id) + "/team"), 204));
  EXPECT_EQ(ListTags(id), json::array({Tag("env", "test"), Tag("owner", "ops")}));
  EXPECT_TRUE(IsDisError(dis().Call("DELETE", TagsPath(id) + "/team"), 400, "DIS.4604"));
  // Tags survive a restart with the stream.
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(ListTags(id), json::array({Tag("env", "test"), Tag("owner", "ops")}));
}

TEST_F(TagsTest, KeyAndValueRulesAtTheirBoundaries) {
  dis().CreateOk("s", 1);
  const std::string id = StreamId("s");
  struct Row {
    json tag;
    bool ok;
  };
  const Row rows[] = {
      {Tag(std::string(36, 'k'), "v"), true},
      {Tag(std::string(37, 'k'), "v"), false},
      {Tag(Cjk(36), Cjk(43)), true},
      {Tag(Cjk(37), "v"), false},
      {Tag("k1", std::string(43, 'v')), true},
      {Tag("k2", std::string(44, 'v')), false},
      {Tag("k3", Cjk(44)), false},
      {Tag("A-Z_a-z_0-9", "with.dots_and-dashes"), true},
      {Tag("k4", ""), true},
      {json{{"key", "k5"}}, true},  // value absent = ""
      {Tag("", "v"), false},
      {Tag("dotted.key", "v"), false},
      {Tag("space key", "v"), false},
      {Tag("k6", "a value"), false},
      {Tag("k7", "slash/"), false},
      {Tag("\xC3\xA9t\xC3\xA9", "v"), false},  // outside U+4E00-U+9FFF
  };
  int added = 0;
  for (const Row& row : rows) {
    DisResponse r = AddTag(id, row.tag);
    if (row.ok) {
      EXPECT_TRUE(HasStatus(r, 204)) << row.tag;
      ++added;
    } else {
      EXPECT_TRUE(IsDisError(r, 400, "DIS.4200")) << row.tag;
    }
  }
  EXPECT_EQ(ListTags(id).size(), static_cast<std::size_t>(added));
  // Malformed bodies.
  EXPECT_TRUE(IsDisError(dis().CallJson("POST", TagsPath(id), json::object()), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(dis().CallJson("POST", TagsPath(id), {{"tag", {{"key", 5}}}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", TagsPath(id)), 400, "DIS.4202"));
}

TEST_F(TagsTest, TenTagsAtMost) {
  dis().CreateOk("s", 1);
  const std::string id = StreamId("s");
  for (int i = 0; i < 10; ++i)
    ASSERT_TRUE(HasStatus(AddTag(id, Tag("k" + std::to_string(i), "v")), 204));
  EXPECT_TRUE(IsDisError(AddTag(id, Tag("k10", "v")), 400, "DIS.4601"));
  EXPECT_TRUE(HasStatus(AddTag(id, Tag("k3", "changed")), 204));  // an existing key still changes
  EXPECT_EQ(ListTags(id).size(), 10u);
  // A batch that would end above 10 changes nothing.
  EXPECT_TRUE(IsDisError(Batch(id, "create", json::array({Tag("k0", "x"), Tag("new", "x")})), 400,
                         "DIS.4601"));
  EXPECT_EQ(ListTags(id)[0], Tag("k0", "v"));
  // Eleven at creation is refused too.
  json eleven = json::array();
  for (int i = 0; i < 11; ++i) eleven.push_back(Tag("k" + std::to_string(i), "v"));
  EXPECT_TRUE(IsDisError(dis().CreateStream("t", 1, {{"tags", eleven}}), 400, "DIS.4601"));
}

TEST_F(TagsTest, BatchCreateAndDeleteAreIdempotentAsDocumented) {
  dis().CreateOk("s", 1, {{"tags", json::array({Tag("a", "1")})}});
  const std::string id = StreamId("s");
  ASSERT_TRUE(HasStatus(Batch(id, "create", json::array({Tag("a", "2"), Tag("b", "1")})), 204));
  EXPECT_EQ(ListTags(id), json::array({Tag("a", "2"), Tag("b", "1")}));
  ASSERT_TRUE(HasStatus(Batch(id, "create", json::array({Tag("a", "2"), Tag("b", "1")})), 204));
  EXPECT_EQ(ListTags(id), json::array({Tag("a", "2"), Tag("b", "1")}));
  // A repeated key in one request is an error; invalid characters too; nothing changes.
  EXPECT_TRUE(IsDisError(Batch(id, "create", json::array({Tag("c", "1"), Tag("c", "2")})), 400,
                         "DIS.4200"));
  EXPECT_TRUE(IsDisError(Batch(id, "create", json::array({Tag("c", "1"), Tag("bad key", "2")})),
                         400, "DIS.4200"));
  EXPECT_EQ(ListTags(id).size(), 2u);
  // Delete: missing tags succeed, a value must match when given, character sets are not
  // checked.
  ASSERT_TRUE(
      HasStatus(Batch(id, "delete",
                      json::array({Tag("missing", "x"), Tag("a", "other"), Tag("odd.key!", "")})),
                204));
  EXPECT_EQ(ListTags(id), json::array({Tag("a", "2"), Tag("b", "1")}));
  ASSERT_TRUE(
      HasStatus(Batch(id, "delete", json::array({Tag("a", "2"), json{{"key", "b"}}})), 204));
  EXPECT_EQ(ListTags(id), json::array());
  ASSERT_TRUE(HasStatus(Batch(id, "delete", json::array({Tag("a", "2")})), 204));
  // The action and the tags structure are required; keys must not be empty.
  EXPECT_TRUE(IsDisError(Batch(id, "update", json::array({Tag("a", "1")})), 400, "DIS.4605"));
  EXPECT_TRUE(IsDisError(dis().CallJson("POST", TagsPath(id) + "/action", {{"action", "delete"}}),
                         400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(Batch(id, "delete", json::array({Tag("", "1")})), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(
      dis().CallJson("POST", TagsPath(id) + "/action", {{"tags", json::array({Tag("a", "1")})}}),
      400, "DIS.4200"));
}

TEST_F(TagsTest, ResourceTypeAndResourceErrors) {
  dis().CreateOk("s", 1);
  const std::string id = StreamId("s");
  EXPECT_TRUE(IsDisError(AddTag(id, Tag("a", "1"), "queue"), 400, "DIS.4602"));
  EXPECT_TRUE(IsDisError(dis().Call("GET", TagsPath(id, "queue")), 400, "DIS.4602"));
  EXPECT_TRUE(IsDisError(dis().Call("GET", dis().V2("/queue/tags")), 400, "DIS.4602"));
  EXPECT_TRUE(IsDisError(
      dis().CallJson("POST", dis().V2("/queue/resource_instances/action"), {{"action", "count"}}),
      400, "DIS.4602"));
  EXPECT_TRUE(IsDisError(AddTag("0000000000000000000", Tag("a", "1")), 400, "DIS.4603"));
  EXPECT_TRUE(IsDisError(dis().Call("GET", TagsPath("s")), 400, "DIS.4603"));  // a name, not an id
  EXPECT_TRUE(IsDisError(dis().Call("DELETE", TagsPath("nope") + "/a"), 400, "DIS.4603"));
  EXPECT_TRUE(IsDisError(Batch("nope", "create", json::array({Tag("a", "1")})), 400, "DIS.4603"));
  // Another project cannot reach the stream by its id.
  auto other = MakeClient(kOtherProject);
  EXPECT_TRUE(IsDisError(
      other->Call("GET", "/v2/" + std::string(kOtherProject) + "/stream/" + id + "/tags"), 400,
      "DIS.4603"));
  // A deleted stream's id is gone, even when a stream of the same name comes back.
  ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  dis().CreateOk("s", 1);
  EXPECT_TRUE(IsDisError(AddTag(id, Tag("a", "1")), 400, "DIS.4603"));
  // A stream named "tags" is still a stream.
  dis().CreateOk("tags", 1);
  EXPECT_TRUE(HasStatus(dis().Describe("tags"), 200));
}

TEST_F(TagsTest, ProjectTagKeysWithDistinctValues) {
  dis().CreateOk("a", 1, {{"tags", json::array({Tag("env", "prod"), Tag("team", "core")})}});
  dis().CreateOk("b", 1, {{"tags", json::array({Tag("env", "dev")})}});
  dis().CreateOk("c", 1, {{"tags", json::array({Tag("env", "prod"), Tag("cost", "")})}});
  auto other = MakeClient(kOtherProject);
  ASSERT_EQ(other->CreateStream("x", 1, {{"tags", json::array({Tag("secret", "1")})}}).status, 201);
  DisResponse r = dis().Call("GET", dis().V2("/stream/tags"));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["tags"], json::parse(R"([
    {"key": "cost", "values": [""]},
    {"key": "env", "values": ["dev", "prod"]},
    {"key": "team", "values": ["core"]}])"));
  r = other->Call("GET", "/v2/" + std::string(kOtherProject) + "/stream/tags");
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["tags"], json::parse(R"([{"key": "secret", "values": ["1"]}])"));
}

}  // namespace
}  // namespace disd::test
