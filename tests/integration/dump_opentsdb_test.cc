// CloudTable OpenTSDB transfer tasks against a real server that speaks OpenTSDB's /api/put
// (VictoriaMetrics, tests/support/victoria_metrics_fixture.h): creation errors, points read
// back exactly, records that do not fit the schema in opentsdb_error, the server down and
// back (nothing lost, nothing twice), a crash between write and commit (the rewrite lands
// once), and retry_duration running out (the batch goes to opentsdb_error).
#include <cstdlib>
#include <string>

#include "integration/dump_calls.h"
#include "support/disd_test.h"
#include "support/victoria_metrics_fixture.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;
using Sample = VictoriaMetricsServer::Sample;
using Samples = std::vector<Sample>;

// 2017-11-10 14:49:05 UTC and the following seconds.
constexpr std::int64_t kT0 = 1510325345000;

// One schema entry: metric "<metric>.<kind field>", timestamp from "at"
// (yyyy-MM-dd HH:mm:ss), value Double from "v", tags host (String) and ok (Boolean).
json Schema(const std::string& metric) {
  return json::parse(R"([{"metric":[{"type":"Constant","value":")" + metric +
                     R"("},{"type":"String","value":"kind"}],
      "timestamp":{"type":"String","value":"at","format":"yyyy-MM-dd HH:mm:ss"},
      "value":{"type":"Double","value":"v"},
      "tags":[{"name":"host","type":"String","value":"host"},
              {"name":"ok","type":"Boolean","value":"ok"}]}])");
}

json TsdbTask(const std::string& name, const json& schema, const json& extra = json::object()) {
  json d = {{"task_name", name},
            {"agency_name", "dis_admin_agency"},
            {"deliver_time_interval", 30},
            {"consumer_strategy", "TRIM_HORIZON"},
            {"cloudtable_cluster_name", "tsdbcluster"},
            {"cloudtable_cluster_id", "6c3b1a52-0d5e-4f8e-9a1e-2f2d6c8b7a10"},
            {"obs_backup_bucket_path", "obs-bucket"},
            {"backup_file_prefix", "backup"},
            {"opentsdb_schema", schema}};
  for (const auto& [k, v] : extra.items()) d[k] = v;
  return {{"destination_type", "CLOUDTABLE"}, {"cloudtable_destination_descriptor", d}};
}

// A record for Schema(): second `i` after kT0.
std::string Rec(const std::string& host, int i, double v, const std::string& kind = "temp") {
  const std::string at =
      "2017-11-10 14:49:" + std::string(i < 5 ? "0" : "") + std::to_string(5 + i);
  return json{{"kind", kind}, {"at", at}, {"v", v}, {"host", host}, {"ok", i % 2 == 0}}.dump();
}
Sample Point(const std::string& host, int i, double v) {
  return {{{"host", host}, {"ok", i % 2 == 0 ? "true" : "false"}}, kT0 + i * 1000, v};
}

class DumpOpenTsdbTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    std::string why;
    VictoriaMetricsServer* vm = VictoriaMetricsServer::Shared(&why);
    // Without the server the tests fail in their body (DISD_REQUIRE_VICTORIA_METRICS).
    const std::string url = vm != nullptr ? vm->opentsdb_url() : "http://127.0.0.1:9";
    json config = {
        {"destinations",
         {{"cloudtable_clusters",
           {{{"name", "tsdbcluster"},
             {"id", "6c3b1a52-0d5e-4f8e-9a1e-2f2d6c8b7a10"},
             {"opentsdb_url", url}},
            {{"name", "hbaseonly"}, {"id", "hbase-only-id"}, {"hbase_rest_url", url}}}}}}};
    ServerOptions options;
    options.config = config.dump(2);
    return options;
  }
  std::map<std::string, std::string> Backup() {
    return FilesUnder(server().data_dir() / "dump" / "obs-bucket");
  }
  json Partition0(const std::string& task) {
    return TaskPartition(DescribeTask(dis(), "s1", task), 0);
  }
  std::string CreateError(const json& body) {
    DisResponse r = dis().CallJson("POST", TasksPath(dis(), "s1"), body);
    EXPECT_EQ(r.status, 400) << r.body;
    return r.doc.is_object() ? r.doc.value("error_code", "") : r.body;
  }
};

TEST_F(DumpOpenTsdbTest, CreationChecksTheSchemaAndTheCluster) {
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}});
  json nine_tags = Schema("m");
  for (int i = 0; i < 7; ++i) {
    nine_tags[0]["tags"].push_back(
        {{"name", "t" + std::to_string(i)}, {"type", "String"}, {"value", "host"}});
  }
  ASSERT_EQ(nine_tags[0]["tags"].size(), 9u);
  EXPECT_EQ(CreateError(TsdbTask("t1", nine_tags)), "DIS.4348") << "OpenTSDB holds 1-8 tags";
  json eight_tags = nine_tags;
  eight_tags[0]["tags"].erase(8);
  CreateTaskOk(dis(), "s1", TsdbTask("eight", eight_tags));

  json same_tag = Schema("m");
  same_tag[0]["tags"][1]["name"] = "host";
  EXPECT_EQ(CreateError(TsdbTask("t2", same_tag)), "DIS.4348") << "tag names are distinct";
  json no_tags = Schema("m");
  no_tags[0]["tags"] = json::array();
  EXPECT_EQ(CreateError(TsdbTask("t3", no_tags)), "DIS.4348");
  json no_format = Schema("m");
  no_format[0]["timestamp"].erase("format");
  EXPECT_EQ(CreateError(TsdbTask("t4", no_format)), "DIS.4348");
  json bad_metric = Schema("m");
  bad_metric[0]["metric"][0]["value"] = "a b";
  EXPECT_EQ(CreateError(TsdbTask("t5", bad_metric)), "DIS.4348");

  EXPECT_EQ(CreateError(
                TsdbTask("t6", Schema("m"),
                         {{"cloudtable_cluster_name", "nope"}, {"cloudtable_cluster_id", "nope"}})),
            "DIS.4341");
  EXPECT_EQ(CreateError(TsdbTask("t7", Schema("m"),
                                 {{"cloudtable_cluster_name", "hbaseonly"},
                                  {"cloudtable_cluster_id", "hbase-only-id"}})),
            "DIS.4341")
      << "a cluster without an OpenTSDB endpoint";
}

TEST_F(DumpOpenTsdbTest, PointsArriveExactlyAndMisfitsGoToOpentsdbError) {
  DISD_REQUIRE_VICTORIA_METRICS(vm);
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}});
  CreateTaskOk(dis(), "s1", TsdbTask("t1", Schema("exact")));
  const std::string no_value = R"({"kind":"temp","at":"2017-11-10 14:49:09","host":"web01"})";
  const std::string bad_tag = Rec("web 01", 6, 1.0);
  dis().PutOk("s1", {Plain(Rec("web01", 0, 21.5)), Plain(Rec("web02", 1, -3)), Plain("not json"),
                     Plain(no_value), Plain(Rec("web01", 2, 22.25)), Plain(bad_tag),
                     Plain(Rec("web01", 3, 7, "load"))});
  dis().AdvanceClock(30000);

  bool ok = false;
  std::string why;
  const Samples temp = vm->Export("exact.temp", &ok, &why);
  ASSERT_TRUE(ok) << why;
  EXPECT_EQ(temp,
            (Samples{Point("web01", 0, 21.5), Point("web01", 2, 22.25), Point("web02", 1, -3)}))
      << DescribeSamples(temp);
  const Samples load = vm->Export("exact.load");
  EXPECT_EQ(load, (Samples{Point("web01", 3, 7)})) << DescribeSamples(load);

  auto files = Backup();
  EXPECT_EQ(files["backup/opentsdb_error/s1_0_0_6.txt"], "not json\n" + no_value + "\n" + bad_tag);
  EXPECT_EQ(files.size(), 1u);
  const json p = Partition0("t1");
  EXPECT_EQ(AsInt(p["last_transfer_offset"]), 6) << p.dump();
  EXPECT_EQ(p.value("state", ""), "RUNNING") << p.dump();
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
}

TEST_F(DumpOpenTsdbTest, ServerDownThenBackDeliversEveryPointOnce) {
  DISD_REQUIRE_VICTORIA_METRICS(vm);
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}});
  CreateTaskOk(dis(), "s1", TsdbTask("t1", Schema("outage")));
  vm->Stop();
  dis().PutOk("s1", {Plain(Rec("a", 0, 1)), Plain(Rec("b", 1, 2)), Plain(Rec("c", 2, 3))});
  dis().AdvanceClock(30000);  // the first attempt: connection refused
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), -1) << "nothing committed";
  dis().AdvanceClock(60000);  // retried with backoff, still down
  dis().AdvanceClock(60000);
  json p = Partition0("t1");
  EXPECT_EQ(AsInt(p["last_transfer_offset"]), -1) << p.dump();
  EXPECT_TRUE(Backup().empty()) << "within retry_duration nothing goes to opentsdb_error";

  std::string why;
  ASSERT_TRUE(vm->Start(&why)) << why;
  dis().AdvanceClock(60000);  // the next retry (backoff at most 60 s) reaches the server
  const Samples got = vm->Export("outage.temp");
  EXPECT_EQ(got, (Samples{Point("a", 0, 1), Point("b", 1, 2), Point("c", 2, 3)}))
      << DescribeSamples(got);
  EXPECT_EQ(vm->PointsReceived(), 3) << "each point sent once since the server came back";
  p = Partition0("t1");
  EXPECT_EQ(AsInt(p["last_transfer_offset"]), 2) << p.dump();
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");

  // Later records follow without resending the earlier ones.
  dis().PutOk("s1", {Plain(Rec("d", 3, 4))});
  dis().AdvanceClock(30000);
  EXPECT_EQ(vm->Export("outage.temp").size(), 4u);
  EXPECT_EQ(vm->PointsReceived(), 4);
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), 3);
  EXPECT_TRUE(Backup().empty());
}

TEST_F(DumpOpenTsdbTest, RetryDurationPassedSendsTheBatchToOpentsdbError) {
  DISD_REQUIRE_VICTORIA_METRICS(vm);
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}});
  CreateTaskOk(dis(), "s1", TsdbTask("t1", Schema("expired"), {{"retry_duration", 60}}));
  vm->Stop();
  const std::string r0 = Rec("a", 0, 1), r1 = Rec("b", 1, 2);
  dis().PutOk("s1", {Plain(r0), Plain(r1)});
  dis().AdvanceClock(30000);  // first failure
  dis().AdvanceClock(30000);  // still within 60 s
  EXPECT_TRUE(Backup().empty());
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), -1);
  dis().AdvanceClock(31000);  // 61 s after the first failure: given up
  EXPECT_EQ(Backup()["backup/opentsdb_error/s1_0_0_1.txt"], r0 + "\n" + r1);
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("opentsdb_error"), std::string::npos)
      << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 1) << task.dump();

  std::string why;
  ASSERT_TRUE(vm->Start(&why)) << why;
  const std::string r2 = Rec("c", 2, 3);
  dis().PutOk("s1", {Plain(r2)});
  dis().AdvanceClock(30000);
  const Samples got = vm->Export("expired.temp");
  EXPECT_EQ(got, (Samples{Point("c", 2, 3)})) << "only the batch after recovery";
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), 2);
  EXPECT_EQ(Backup().size(), 1u);
}

// The server dies after the sink's write and before the offset commit: the restarted
// server rewrites the same batch, which OpenTSDB (and VictoriaMetrics with deduplication)
// holds once.
class DumpOpenTsdbCrashTest : public DumpOpenTsdbTest {
 protected:
  void SetUp() override {
    ::setenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE", "1", 1);
    DumpOpenTsdbTest::SetUp();
    ::unsetenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE");  // the restart runs without the fault
  }
};

TEST_F(DumpOpenTsdbCrashTest, ACrashBetweenWriteAndCommitLandsTheBatchOnce) {
  DISD_REQUIRE_VICTORIA_METRICS(vm);
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}});
  CreateTaskOk(dis(), "s1", TsdbTask("t1", Schema("crash")));
  dis().PutOk("s1", {Plain(Rec("a", 0, 1)), Plain(Rec("b", 1, 2)), Plain(Rec("c", 2, 3))});
  const std::int64_t before = vm->PointsReceived();
  DisResponse crashed = dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", 30000}});
  EXPECT_EQ(crashed.status, 0) << "the fault should have ended the server: " << crashed.body;
  const Samples first = vm->Export("crash.temp");
  ASSERT_EQ(first.size(), 3u) << DescribeSamples(first);

  ASSERT_TRUE(RestartServer(/*crash=*/true));
  dis().PutOk("s1", {Plain(Rec("d", 3, 4))});
  dis().AdvanceClock(2 * 60000);
  const Samples got = vm->Export("crash.temp");
  EXPECT_EQ(got, (Samples{Point("a", 0, 1), Point("b", 1, 2), Point("c", 2, 3), Point("d", 3, 4)}))
      << DescribeSamples(got);
  EXPECT_EQ(vm->PointsReceived() - before, 3 + 3 + 1)
      << "the pending batch was sent again (and is held once)";
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), 3);
  EXPECT_TRUE(Backup().empty());
}

}  // namespace
}  // namespace disd::test
