// Apps over HTTP (seed 004 5.2; dis-behaviour.md edge case 38): create with name rules,
// duplicates (DIS.4330) and the per-project quota (DIS.4329); describe and list with
// paging, the stream filter and total_number; delete (DIS.4332 missing, DIS.4331 while
// the app's consumer group has live members); v3 paths and the SDKs' URL quirks.
#include <string>
#include <vector>

#include "integration/consumer_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace consumers;  // NOLINT: the calls under test

class AppTest : public DisdTest {
 protected:
  std::vector<std::string> Names(const DisResponse& r) {
    std::vector<std::string> out;
    for (const auto& a : r.doc.value("apps", json::array())) out.push_back(a.value("app_name", ""));
    return out;
  }
};

TEST_F(AppTest, CreateDescribeDelete) {
  std::int64_t now = dis().Now();
  ASSERT_TRUE(HasStatus(CreateApp(dis(), "my_app-1"), 201));
  DisResponse d = DescribeApp(dis(), "my_app-1");
  ASSERT_TRUE(HasStatus(d, 200));
  EXPECT_EQ(d.doc["app_name"], "my_app-1");
  ASSERT_TRUE(d.doc["app_id"].is_string());
  EXPECT_FALSE(d.doc["app_id"].get<std::string>().empty());
  EXPECT_EQ(d.doc["create_time"], now);
  EXPECT_EQ(d.doc["commit_checkpoint_stream_names"], json::array());
  ASSERT_TRUE(HasStatus(DeleteApp(dis(), "my_app-1"), 204));
  EXPECT_TRUE(IsDisError(DescribeApp(dis(), "my_app-1"), 400, "DIS.4332"));
  EXPECT_TRUE(IsDisError(DeleteApp(dis(), "my_app-1"), 400, "DIS.4332"));
}

TEST_F(AppTest, NameRules) {
  EXPECT_TRUE(HasStatus(CreateApp(dis(), std::string(200, 'a')), 201));
  EXPECT_TRUE(IsDisError(CreateApp(dis(), std::string(201, 'a')), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateApp(dis(), "has space"), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateApp(dis(), "dot.name"), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(CreateApp(dis(), ""), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(dis().CallJson("POST", dis().V2("/apps"), json::object()), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(dis().CallJson("POST", dis().V2("/apps"), {{"app_name", 5}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/apps")), 400, "DIS.4202"));
}

TEST_F(AppTest, DuplicatesAreRefusedPerProject) {
  CreateAppOk(dis(), "a");
  EXPECT_TRUE(IsDisError(CreateApp(dis(), "a"), 400, "DIS.4330"));
  auto other = MakeClient(kOtherProject);
  EXPECT_TRUE(HasStatus(CreateApp(*other, "a"), 201));
  EXPECT_TRUE(IsDisError(DescribeApp(*other, "b"), 400, "DIS.4332"));
}

TEST_F(AppTest, QuotaIsOneHundredAppsPerProject) {
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(HasStatus(CreateApp(dis(), "app" + std::to_string(i)), 201)) << i;
  }
  EXPECT_TRUE(IsDisError(CreateApp(dis(), "one-too-many"), 400, "DIS.4329"));
  auto other = MakeClient(kOtherProject);
  EXPECT_TRUE(HasStatus(CreateApp(*other, "fine"), 201));
  ASSERT_TRUE(HasStatus(DeleteApp(dis(), "app0"), 204));
  EXPECT_TRUE(HasStatus(CreateApp(dis(), "one-too-many"), 201));
}

TEST_F(AppTest, ListPagesInByteOrderWithTotal) {
  for (const char* name : {"b", "a", "C", "a_2", "z"}) CreateAppOk(dis(), name);
  DisResponse all = ListApps(dis());
  ASSERT_TRUE(HasStatus(all, 200));
  EXPECT_EQ(Names(all), (std::vector<std::string>{"C", "a", "a_2", "b", "z"}));
  EXPECT_EQ(all.doc["total_number"], 5);
  EXPECT_EQ(all.doc["has_more_app"], false);
  for (const auto& a : all.doc["apps"]) {
    EXPECT_TRUE(a["app_id"].is_string());
    EXPECT_TRUE(a["create_time"].is_number_integer());
  }

  DisResponse page = ListApps(dis(), {{"limit", "2"}, {"start_app_name", "a"}});
  ASSERT_TRUE(HasStatus(page, 200));
  EXPECT_EQ(Names(page), (std::vector<std::string>{"a_2", "b"}));
  EXPECT_EQ(page.doc["has_more_app"], true);
  EXPECT_EQ(page.doc["total_number"], 5);
  page = ListApps(dis(), {{"limit", "2"}, {"start_app_name", "b"}});
  EXPECT_EQ(Names(page), (std::vector<std::string>{"z"}));
  EXPECT_EQ(page.doc["has_more_app"], false);
  // An unknown start name starts after its place in the order.
  EXPECT_EQ(Names(ListApps(dis(), {{"start_app_name", "a_1"}})),
            (std::vector<std::string>{"a_2", "b", "z"}));
}

TEST_F(AppTest, ListLimitBoundsAndDefault) {
  for (int i = 0; i < 12; ++i) CreateAppOk(dis(), "app" + std::to_string(100 + i));
  DisResponse r = ListApps(dis());
  EXPECT_EQ(Names(r).size(), 10u);
  EXPECT_EQ(r.doc["has_more_app"], true);
  EXPECT_EQ(Names(ListApps(dis(), {{"limit", "100"}})).size(), 12u);
  EXPECT_TRUE(IsDisError(ListApps(dis(), {{"limit", "0"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(ListApps(dis(), {{"limit", "101"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(ListApps(dis(), {{"limit", "x"}}), 400, "DIS.4200"));
  // Go sends every parameter, empty when unset; Java ends the query with '&'.
  r = dis().Call("GET", dis().V2("/apps") + "?limit=10&start_app_name=&stream_name=&");
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Names(r).size(), 10u);
}

TEST_F(AppTest, ListFiltersByStreamWithCheckpoints) {
  dis().CreateOk("s", 2);
  dis().CreateOk("t", 1);
  dis().PutToPartition("s", 0, 3);
  for (const char* name : {"reader-1", "reader-2", "idle"}) CreateAppOk(dis(), name);
  ASSERT_TRUE(HasStatus(Commit(dis(), "reader-1", "s", "0", "1"), 201));
  ASSERT_TRUE(HasStatus(Commit(dis(), "reader-2", "s", "shardId-0000000001", "0"), 201));
  ASSERT_TRUE(HasStatus(Commit(dis(), "reader-2", "t", "0", "0"), 201));
  DisResponse r = ListApps(dis(), {{"stream_name", "s"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(Names(r), (std::vector<std::string>{"reader-1", "reader-2"}));
  EXPECT_EQ(r.doc["total_number"], 2);
  EXPECT_EQ(Names(ListApps(dis(), {{"stream_name", "t"}})), std::vector<std::string>{"reader-2"});
  EXPECT_TRUE(IsDisError(ListApps(dis(), {{"stream_name", "nope"}}), 400, "DIS.4301"));

  DisResponse d = DescribeApp(dis(), "reader-2");
  EXPECT_EQ(d.doc["commit_checkpoint_stream_names"], json::array({"s", "t"}));
  EXPECT_EQ(r.doc["apps"][0]["commit_checkpoint_stream_names"], json::array({"s"}));
}

TEST_F(AppTest, AnAppIsInUseWhileItsConsumerGroupHasMembers) {
  dis().CreateOk("s", 1);
  CreateAppOk(dis(), "group");
  DisResponse joined = Join(dis(), "group", "c1", {{"interestedStream", json::array({"s"})}});
  ASSERT_TRUE(HasStatus(joined, 200));
  ASSERT_EQ(joined.doc["state"], "OK");
  EXPECT_TRUE(IsDisError(DeleteApp(dis(), "group"), 400, "DIS.4331"));
  EXPECT_TRUE(HasStatus(DescribeApp(dis(), "group"), 200));
  ASSERT_TRUE(HasStatus(Leave(dis(), "group", "c1"), 204));
  EXPECT_TRUE(HasStatus(DeleteApp(dis(), "group"), 204));
}

TEST_F(AppTest, ExpiredMembersDoNotKeepAnAppInUse) {
  dis().CreateOk("s", 1);
  CreateAppOk(dis(), "group");
  ASSERT_TRUE(HasStatus(
      Join(dis(), "group", "c1", {{"interestedStream", json::array({"s"})}}, 10000), 200));
  dis().AdvanceClock(9999);
  EXPECT_TRUE(IsDisError(DeleteApp(dis(), "group"), 400, "DIS.4331"));
  dis().AdvanceClock(1);
  EXPECT_TRUE(HasStatus(DeleteApp(dis(), "group"), 204));
}

TEST_F(AppTest, VersionThreePathsAndUrlQuirks) {
  const std::string v3 = "/v3/" + dis().project() + "/apps";
  ASSERT_TRUE(HasStatus(dis().CallJson("POST", v3, {{"app_name", "three"}}), 201));
  DisResponse list = dis().Call("GET", v3);
  ASSERT_TRUE(HasStatus(list, 200));
  EXPECT_EQ(Names(list), std::vector<std::string>{"three"});
  EXPECT_TRUE(HasStatus(dis().Call("GET", v3 + "/three"), 200));
  // Python creates with a trailing slash and deletes with one; Java adds them everywhere.
  ASSERT_TRUE(HasStatus(dis().CallJson("POST", dis().V2("/apps/"), {{"app_name", "py"}}), 201));
  EXPECT_TRUE(HasStatus(dis().Call("GET", dis().V2("/apps/py/")), 200));
  EXPECT_TRUE(HasStatus(dis().Call("DELETE", dis().V2("/apps/py/")), 204));
  EXPECT_TRUE(HasStatus(dis().Call("DELETE", v3 + "/three"), 204));
  EXPECT_TRUE(IsDisError(dis().Call("PUT", dis().V2("/apps/x")), 405, "DIS.4200"));
}

TEST_F(AppTest, AppsSurviveARestart) {
  CreateAppOk(dis(), "kept");
  json before = DescribeApp(dis(), "kept").doc;
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(DescribeApp(dis(), "kept").doc, before);
  EXPECT_TRUE(IsDisError(CreateApp(dis(), "kept"), 400, "DIS.4330"));
}

}  // namespace
}  // namespace disd::test
