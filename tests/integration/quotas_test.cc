// GetQuotas (GET /v1/{project_id}/quotas; quota_service.h) over HTTP: the limits are the
// ones the API enforces (defaults and configured), and `used` follows creates, scaling and
// deletes, per project.
#include <map>
#include <string>

#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

struct Quota {
  std::int64_t quota = -1;
  std::int64_t used = -1;
  bool operator==(const Quota&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Quota& q) {
  return os << "{quota " << q.quota << ", used " << q.used << "}";
}

class QuotasTest : public DisdTest {
 protected:
  std::map<std::string, Quota> Quotas(DisClient& client) {
    DisResponse r = client.Call("GET", "/v1/" + client.project() + "/quotas");
    std::map<std::string, Quota> out;
    if (!HasStatus(r, 200)) return out;
    for (const json& q : r.doc["quotas"]["resources"]) {
      out[q["type"].get<std::string>()] = {q["quota"].get<std::int64_t>(),
                                           q["used"].get<std::int64_t>()};
    }
    return out;
  }
  std::map<std::string, Quota> Quotas() { return Quotas(dis()); }
};

TEST_F(QuotasTest, DefaultsAreTheRealServicesAndUsageFollowsResources) {
  EXPECT_EQ(Quotas(), (std::map<std::string, Quota>{{"common_partition", {50, 0}},
                                                    {"advanced_partition", {10, 0}},
                                                    {"app", {100, 0}},
                                                    {"transfer_task", {5, 0}}}));
  dis().CreateOk("c1", 3);
  dis().CreateOk("c2", 2);
  dis().CreateOk("adv", 4, {{"stream_type", "ADVANCED"}});
  ASSERT_TRUE(HasStatus(dis().CallJson("POST", dis().V2("/apps"), {{"app_name", "app1"}}), 201));
  // Transfer tasks: a per-stream limit; `used` is the busiest stream's count.
  ASSERT_TRUE(HasStatus(tasks::CreateTask(dis(), "c1", tasks::ObsBody("t1")), 201));
  ASSERT_TRUE(HasStatus(tasks::CreateTask(dis(), "c1", tasks::ObsBody("t2")), 201));
  ASSERT_TRUE(HasStatus(tasks::CreateTask(dis(), "adv", tasks::ObsBody("t1")), 201));
  auto q = Quotas();
  EXPECT_EQ(q["common_partition"], (Quota{50, 5}));
  EXPECT_EQ(q["advanced_partition"], (Quota{10, 4}));
  EXPECT_EQ(q["app"], (Quota{100, 1}));
  EXPECT_EQ(q["transfer_task"], (Quota{5, 2}));
  // Scaling down releases partitions (DELETED ones do not count), deleting a stream too.
  ASSERT_TRUE(HasStatus(dis().UpdatePartitionCount("c1", 1), 200));
  ASSERT_TRUE(HasStatus(dis().DeleteStream("c2"), 204));
  q = Quotas();
  EXPECT_EQ(q["common_partition"], (Quota{50, 1}));
  // Another project has its own usage.
  auto other = MakeClient(kOtherProject);
  EXPECT_EQ(Quotas(*other)["common_partition"], (Quota{50, 0}));
  EXPECT_EQ(Quotas(*other)["app"], (Quota{100, 0}));
}

class ConfiguredQuotasTest : public QuotasTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"common_partition_quota", 4},
                       {"advanced_partition_quota", 2},
                       {"app_quota_per_project", 1}});
  }
};

class ConfiguredTaskQuotaTest : public QuotasTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions options;
    options.config = R"({"dump": {"max_tasks_per_stream": 1}})";
    return options;
  }
};

TEST_F(ConfiguredTaskQuotaTest, TransferTaskQuotaIsTheDumpSetting) {
  dis().CreateOk("s", 1);
  EXPECT_EQ(Quotas()["transfer_task"], (Quota{1, 0}));
  ASSERT_TRUE(HasStatus(tasks::CreateTask(dis(), "s", tasks::ObsBody("a")), 201));
  EXPECT_EQ(Quotas()["transfer_task"], (Quota{1, 1}));
  EXPECT_TRUE(IsDisError(tasks::CreateTask(dis(), "s", tasks::ObsBody("b")), 400, "DIS.4357"));
}

TEST_F(ConfiguredQuotasTest, ReportsAndEnforcesTheSameSettings) {
  auto q = Quotas();
  EXPECT_EQ(q["common_partition"], (Quota{4, 0}));
  EXPECT_EQ(q["advanced_partition"], (Quota{2, 0}));
  EXPECT_EQ(q["app"], (Quota{1, 0}));
  dis().CreateOk("c", 3);
  EXPECT_EQ(Quotas()["common_partition"], (Quota{4, 3}));
  // What is left is exactly what can still be created.
  EXPECT_TRUE(IsDisError(dis().CreateStream("d", 2), 400, "DIS.4308"));
  dis().CreateOk("d", 1);
  EXPECT_EQ(Quotas()["common_partition"], (Quota{4, 4}));
  ASSERT_TRUE(HasStatus(dis().CallJson("POST", dis().V2("/apps"), {{"app_name", "a"}}), 201));
  EXPECT_EQ(Quotas()["app"], (Quota{1, 1}));
  EXPECT_TRUE(
      IsDisError(dis().CallJson("POST", dis().V2("/apps"), {{"app_name", "b"}}), 400, "DIS.4329"));
}

}  // namespace
}  // namespace disd::test
