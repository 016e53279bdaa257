// CloudTable HBase transfer tasks against a strict HBase REST gateway fake
// (tests/support/hbase_rest_fake.h), through the full path: stream, task, worker, sink,
// offsets. Rows are read back from the fake over HTTP (GET /<table>/<row>, Accept JSON,
// Base64 decoded here); creation checks the table and families (DIS.4342/4343); rejected
// records and given-up batches land in {obs_backup_bucket_path}/{backup_file_prefix}/
// cloudtable_error; a gateway that is down, failing, or has lost the table is retried
// without loss or duplicates. An opt-in test runs against a real gateway named by
// DISD_TEST_HBASE_REST_URL.
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "disd/common/base64.h"
#include "integration/dump_calls.h"
#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"
#include "support/hbase_rest_fake.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;

constexpr char kTable[] = "cloudtabletable";
constexpr char kClusterId[] = "b8c095e2-db5f-4732-8a1d-eacd662e35dc";

ServerOptions HBaseOptions(const std::string& rest_url) {
  json config = {
      {"destinations",
       {{"cloudtable_clusters",
         {{{"name", "cloudtablecluster"}, {"id", kClusterId}, {"hbase_rest_url", rest_url}}}}}}};
  ServerOptions options;
  options.config = "// HBase sink test settings\n" + config.dump(2) + "\n";
  return options;
}

// The reference's HBase example (row key "datavalue", cfname1:ID, cfname2:VALUE) with the
// emulator's backup bucket, a 30 s interval and `overrides`.
json HBaseTask(const std::string& name, const json& overrides = json::object()) {
  json base = {{"obs_backup_bucket_path", "obs-bucket"},
               {"backup_file_prefix", "bk"},
               {"deliver_time_interval", 30}};
  for (const auto& [k, v] : overrides.items()) base[k] = v;
  return tasks::HBaseBody(name, base);
}

// One column per declared type; row key id|name.
json TypedSchema() {
  auto column = [](const std::string& family, const std::string& name, const std::string& field,
                   const std::string& type) {
    return json{
        {"column_family_name", family}, {"column_name", name}, {"value", field}, {"type", type}};
  };
  return {
      {"row_key", {{{"value", "id"}, {"type", "Bigint"}}, {{"value", "name"}, {"type", "String"}}}},
      {"columns",
       {column("cfname1", "NAME", "name", "String"), column("cfname1", "ID", "id", "Bigint"),
        column("cfname2", "SCORE", "score", "Double"), column("cfname2", "OK", "ok", "Boolean"),
        column("cfname2", "AT", "at", "Timestamp"),
        column("cfname2", "PRICE", "price", "Decimal")}}};
}

// column → {value, timestamp} of a row as the gateway answers it; empty when 404.
using ReadRow = std::map<std::string, std::pair<std::string, std::int64_t>>;

ReadRow GetRow(const std::string& host, std::uint16_t port, const std::string& table,
               const std::string& row) {
  HttpClient http(host, port);
  HttpResponse r = http.Request("GET", "/" + UrlEncode(table) + "/" + UrlEncode(row), {},
                                {{"Accept", "application/json"}});
  ReadRow out;
  if (r.status == 404) return out;
  EXPECT_EQ(r.status, 200) << r.body;
  json doc = json::parse(r.body, nullptr, false);
  for (const json& cells : doc.value("Row", json::array())) {
    EXPECT_EQ(Base64Decode(cells.value("key", "")).value_or("?"), row);
    for (const json& cell : cells.value("Cell", json::array())) {
      out[Base64Decode(cell.value("column", "")).value_or("?")] = {
          Base64Decode(cell.value("$", "")).value_or("?"), cell.value("timestamp", -1LL)};
    }
  }
  return out;
}

class DumpHBaseTest : public DisdTest {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(fake_.Start(&why)) << why;
    fake_.CreateTable(kTable, {"cfname1", "cfname2"});
    DisdTest::SetUp();
  }
  ServerOptions Options() const override { return HBaseOptions(fake_.url()); }

  ReadRow Row(const std::string& key) { return GetRow("127.0.0.1", fake_.port(), kTable, key); }
  std::map<std::string, std::string> Backups() {
    return FilesUnder(server().data_dir() / "dump" / "obs-bucket");
  }
  json Partition0(const std::string& task) {
    return TaskPartition(DescribeTask(dis(), "s1", task), 0);
  }
  // Every cell of the table has exactly one version (nothing written twice).
  void ExpectOneVersionPerCell() {
    for (const std::string& row : fake_.Rows(kTable)) {
      for (const auto& [column, versions] : fake_.Versions(kTable, row)) {
        EXPECT_EQ(versions.size(), 1u) << row << " " << column;
      }
    }
  }
  // The cell PUTs the fake received, in order.
  std::vector<HBaseRestFake::Request> CellPuts() {
    std::vector<HBaseRestFake::Request> out;
    for (const auto& r : fake_.Requests()) {
      if (r.method == "PUT" && r.target.find("/schema") == std::string::npos) out.push_back(r);
    }
    return out;
  }

  HBaseRestFake fake_;
};

TEST_F(DumpHBaseTest, CreationChecksTheTableAndItsFamilies) {
  dis().CreateOk("s1", 1);
  DisResponse no_table =
      tasks::CreateTask(dis(), "s1", HBaseTask("t1", {{"cloudtable_table_name", "missing"}}));
  EXPECT_TRUE(IsDisError(no_table, 400, "DIS.4342"));
  json schema = TypedSchema();
  schema["columns"][0]["column_family_name"] = "cfname3";
  DisResponse no_family =
      tasks::CreateTask(dis(), "s1", HBaseTask("t1", {{"cloudtable_schema", schema}}));
  EXPECT_TRUE(IsDisError(no_family, 400, "DIS.4343"));
  EXPECT_NE(no_family.body.find("cfname3"), std::string::npos) << no_family.body;
  const auto probe = fake_.Requests().back();
  EXPECT_EQ(probe.method, "GET");
  EXPECT_EQ(probe.target, "/cloudtabletable/schema");
  EXPECT_EQ(probe.accept, "application/json");

  CreateTaskOk(dis(), "s1", HBaseTask("t1", {{"cloudtable_schema", TypedSchema()}}));
  fake_.Stop();  // a gateway that cannot be asked does not stop the task
  CreateTaskOk(dis(), "s1", HBaseTask("t2", {{"cloudtable_table_name", "unknown_yet"}}));
  EXPECT_EQ(tasks::ListTasks(dis(), "s1").doc.value("tasks", json::array()).size(), 2u);
}

TEST_F(DumpHBaseTest, JsonRecordsBecomeRowsAndMisfitsGoToCloudtableError) {
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}});
  CreateTaskOk(dis(), "s1", HBaseTask("t1", {{"cloudtable_schema", TypedSchema()}}));
  dis().AdvanceClock(1);
  const std::int64_t put_at = dis().Now();
  const std::string bad_type = R"({"id":3,"name":"c","ok":"yes"})";
  dis().PutOk("s1", {Plain(R"({"id":1,"name":"Xi'an","score":9.5,"ok":true,"at":1510325345000,)"
                           R"("price":"12.30","extra":"ignored"})"),
                     Plain("not json"), Plain(bad_type),
                     Plain(R"({"id":"2","name":"b","score":"3","price":4})"),
                     Plain(R"({"name":"no id","score":1})")});
  dis().AdvanceClock(30000);

  EXPECT_EQ(fake_.Rows(kTable), (std::vector<std::string>{"1|Xi'an", "2|b"}));
  EXPECT_EQ(Row("1|Xi'an"), (ReadRow{{"cfname1:ID", {"1", put_at}},
                                     {"cfname1:NAME", {"Xi'an", put_at}},
                                     {"cfname2:AT", {"1510325345000", put_at}},
                                     {"cfname2:OK", {"true", put_at}},
                                     {"cfname2:PRICE", {"12.30", put_at}},
                                     {"cfname2:SCORE", {"9.5", put_at}}}));
  EXPECT_EQ(Row("2|b"), (ReadRow{{"cfname1:ID", {"2", put_at}},
                                 {"cfname1:NAME", {"b", put_at}},
                                 {"cfname2:PRICE", {"4", put_at}},
                                 {"cfname2:SCORE", {"3.0", put_at}}}))
      << "missing columns have no cell";
  EXPECT_EQ(Backups(), (std::map<std::string, std::string>{
                           {"bk/cloudtable_error/s1_0_0_4.txt",
                            "not json\n" + bad_type + "\n" + R"({"name":"no id","score":1})"}}));
  json partition = Partition0("t1");
  EXPECT_EQ(AsInt(partition["last_transfer_offset"]), 4) << partition.dump();
  EXPECT_EQ(partition.value("state", ""), "RUNNING") << partition.dump();

  const auto puts = CellPuts();
  ASSERT_EQ(puts.size(), 1u) << "one multi-row PUT per batch";
  EXPECT_EQ(puts[0].target, "/cloudtabletable/batch");
  EXPECT_EQ(puts[0].content_type, "application/json");
  EXPECT_EQ(puts[0].status, 200);
}

TEST_F(DumpHBaseTest, GatewayDownThenBackDeliversEveryRecordOnce) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", HBaseTask("t1"));
  dis().AdvanceClock(1);
  fake_.Stop();
  dis().PutOk("s1", {Plain(R"({"datavalue":"a","datavalue1":"1","datavalue2":"x"})"),
                     Plain(R"({"datavalue":"b","datavalue1":"2"})"),
                     Plain(R"({"datavalue":"c","datavalue2":"z"})")});
  dis().AdvanceClock(30000);
  dis().AdvanceClock(60000);
  json partition = Partition0("t1");
  EXPECT_EQ(AsInt(partition["last_transfer_offset"]), -1) << "nothing committed while down";
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING") << "still retrying";
  dis().PutOk("s1", {Plain(R"({"datavalue":"d","datavalue1":"4"})")});

  std::string why;
  ASSERT_TRUE(fake_.Start(&why)) << why;
  dis().AdvanceClock(60000);  // the next retry (backoff at most 60 s) and the next batch
  EXPECT_EQ(fake_.Rows(kTable), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(Row("a").at("cfname2:VALUE").first, "x");
  EXPECT_EQ(Row("c").size(), 1u);
  EXPECT_EQ(Row("d").at("cfname1:ID").first, "4");
  ExpectOneVersionPerCell();
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), 3);
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
  EXPECT_TRUE(Backups().empty());
}

TEST_F(DumpHBaseTest, PastRetryDurationTheBatchGoesToCloudtableError) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", HBaseTask("t1", {{"retry_duration", 60}}));
  dis().AdvanceClock(1);
  fake_.FailWith(503);
  const std::string r0 = R"({"datavalue":"a","datavalue1":"1"})";
  const std::string r1 = R"({"datavalue":"b","datavalue1":"2"})";
  dis().PutOk("s1", {Plain(r0), Plain(r1)});
  dis().AdvanceClock(30000);  // first failure
  dis().AdvanceClock(30000);  // retried, still failing
  EXPECT_TRUE(Backups().empty());
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), -1);
  dis().AdvanceClock(31000);  // 61 s after the first failure: given up
  EXPECT_EQ(
      Backups(),
      (std::map<std::string, std::string>{{"bk/cloudtable_error/s1_0_0_1.txt", r0 + "\n" + r1}}));
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("503"), std::string::npos) << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("cloudtable_error"), std::string::npos);
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 1);

  fake_.FailWith(0);
  dis().PutOk("s1", {Plain(R"({"datavalue":"c","datavalue1":"3"})")});
  dis().AdvanceClock(30000);
  EXPECT_EQ(fake_.Rows(kTable), (std::vector<std::string>{"c"})) << "a and b went to the backup";
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
}

TEST_F(DumpHBaseTest, ATableOrFamilyLostAfterCreationShowsDis4342AndDis4343) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", HBaseTask("t1", {{"retry_duration", 0}}));
  dis().AdvanceClock(1);
  dis().PutOk("s1", {Plain(R"({"datavalue":"a","datavalue2":"1"})")});
  dis().AdvanceClock(30000);
  ASSERT_EQ(fake_.Rows(kTable).size(), 1u);

  fake_.DropTable(kTable);
  dis().PutOk("s1", {Plain(R"({"datavalue":"b","datavalue2":"2"})")});
  dis().AdvanceClock(30000);
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(TaskPartition(task, 0).value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_NE(TaskPartition(task, 0).value("state_reason", "").find("DIS.4342"), std::string::npos)
      << task.dump();

  fake_.CreateTable(kTable, {"cfname1"});
  dis().PutOk("s1", {Plain(R"({"datavalue":"c","datavalue2":"3"})")});
  dis().AdvanceClock(30000);
  task = DescribeTask(dis(), "s1", "t1");
  EXPECT_NE(TaskPartition(task, 0).value("state_reason", "").find("DIS.4343"), std::string::npos)
      << task.dump();
  EXPECT_NE(TaskPartition(task, 0).value("state_reason", "").find("cfname2"), std::string::npos);
  EXPECT_EQ(Backups(),
            (std::map<std::string, std::string>{
                {"bk/cloudtable_error/s1_0_1_1.txt", R"({"datavalue":"b","datavalue2":"2"})"},
                {"bk/cloudtable_error/s1_0_2_2.txt", R"({"datavalue":"c","datavalue2":"3"})"}}));

  fake_.CreateTable(kTable, {"cfname1", "cfname2"});
  dis().PutOk("s1", {Plain(R"({"datavalue":"d","datavalue2":"4"})")});
  dis().AdvanceClock(30000);
  EXPECT_EQ(fake_.Rows(kTable), (std::vector<std::string>{"d"}));
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), 3);
}

// A crash after the sink write and before the offset commit: the rerun rewrites the same
// rows with the same versions, so every cell still has one version.
class DumpHBaseCrashTest : public DumpHBaseTest {
 protected:
  void SetUp() override {
    ::setenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE", "1", 1);
    DumpHBaseTest::SetUp();
    ::unsetenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE");  // the restart runs without the fault
  }
};

TEST_F(DumpHBaseCrashTest, ARewrittenBatchLandsOnce) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(dis(), "s1", HBaseTask("t1"));
  dis().AdvanceClock(1);
  dis().PutOk("s1", {Plain(R"({"datavalue":"a","datavalue1":"1","datavalue2":"x"})"),
                     Plain(R"({"datavalue":"b","datavalue1":"2","datavalue2":"y"})")});
  DisResponse crashed = dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", 30000}});
  EXPECT_EQ(crashed.status, 0) << "the fault should have ended the server: " << crashed.body;
  ASSERT_EQ(fake_.Rows(kTable), (std::vector<std::string>{"a", "b"}));
  const ReadRow before = Row("a");

  ASSERT_TRUE(RestartServer(/*crash=*/true));
  dis().AdvanceClock(60000);
  const auto puts = CellPuts();
  ASSERT_EQ(puts.size(), 2u) << "the pending batch was written again";
  EXPECT_EQ(puts[0].body, puts[1].body) << "the same rows, cells and versions";
  EXPECT_EQ(Row("a"), before);
  ExpectOneVersionPerCell();
  EXPECT_EQ(fake_.Rows(kTable).size(), 2u);
  EXPECT_EQ(AsInt(Partition0("t1")["last_transfer_offset"]), 1);
}

// The fake refuses what the real gateway refuses (so the sink's passing tests mean
// something): wrong media type, bad Base64, unknown table or family; and reads back JSON.
TEST(HBaseRestFakeTest, RefusesWhatTheGatewayRefuses) {
  HBaseRestFake fake;
  std::string why;
  ASSERT_TRUE(fake.Start(&why)) << why;
  HttpClient http("127.0.0.1", fake.port());
  const HttpHeaders json_type = {{"Content-Type", "application/json"}};
  EXPECT_EQ(
      http.Request("PUT", "/t/schema", R"({"name":"t","ColumnSchema":[{"name":"cf"}]})", json_type)
          .status,
      201);
  const std::string cell = R"({"Row":[{"key":"cm93MQ==","Cell":[{"column":"Y2Y6YQ==",)"
                           R"("timestamp":5,"$":"dmFsdWU="}]}]})";
  EXPECT_EQ(http.Request("PUT", "/t/x", cell, {{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(
      http.Request("PUT", "/t/x", R"({"Row":[{"key":"cm93MQ","Cell":[]}]})", json_type).status, 400)
      << "unpadded Base64";
  EXPECT_EQ(http.Request("PUT", "/nope/x", cell, json_type).status, 404);
  HttpResponse family =
      http.Request("PUT", "/t/x",
                   R"({"Row":[{"key":"cm93MQ==","Cell":[{"column":"eDph","$":""}]}]})", json_type);
  EXPECT_EQ(family.status, 404);
  EXPECT_NE(family.body.find("NoSuchColumnFamilyException"), std::string::npos);
  EXPECT_EQ(http.Request("PUT", "/t/x", cell, json_type).status, 200);
  EXPECT_EQ(GetRow("127.0.0.1", fake.port(), "t", "row1"), (ReadRow{{"cf:a", {"value", 5}}}));
  EXPECT_EQ(http.Request("GET", "/t/row1", {}, {{"Accept", "text/xml"}}).status, 406);
  EXPECT_EQ(http.Request("GET", "/t/row2", {}, {{"Accept", "application/json"}}).status, 404);
  fake.FailWith(500);
  EXPECT_EQ(http.Request("GET", "/t/schema", {}, {{"Accept", "application/json"}}).status, 500);
}

// Opt-in: a real HBase REST gateway (`hbase rest start`), e.g.
// DISD_TEST_HBASE_REST_URL=http://127.0.0.1:8080. The test makes its own table.
class DumpHBaseRealTest : public DisdTest {
 protected:
  void SetUp() override {
    const char* url = std::getenv("DISD_TEST_HBASE_REST_URL");
    if (url == nullptr || *url == '\0') {
      GTEST_SKIP() << "DISD_TEST_HBASE_REST_URL is not set: no real HBase REST gateway";
    }
    url_ = url;
    const std::string rest = url_.substr(url_.find("//") + 2);
    host_ = rest.substr(0, rest.find(':'));
    port_ = static_cast<std::uint16_t>(std::stoi(rest.substr(rest.find(':') + 1)));
    table_ = "disd_test_" + std::to_string(::getpid());
    HttpClient http(host_, port_);
    HttpResponse made = http.Request(
        "PUT", "/" + table_ + "/schema",
        json{{"name", table_}, {"ColumnSchema", {{{"name", "cfname1"}}, {{"name", "cfname2"}}}}}
            .dump(),
        {{"Content-Type", "application/json"}, {"Accept", "application/json"}});
    ASSERT_TRUE(made.status == 200 || made.status == 201) << made.status << " " << made.body;
    DisdTest::SetUp();
  }
  void TearDown() override {
    DisdTest::TearDown();
    if (!table_.empty()) HttpClient(host_, port_).Request("DELETE", "/" + table_ + "/schema");
  }
  ServerOptions Options() const override { return HBaseOptions(url_); }

  std::string url_, host_, table_;
  std::uint16_t port_ = 0;
};

TEST_F(DumpHBaseRealTest, DeliversToARealGateway) {
  dis().CreateOk("s1", 1);
  EXPECT_TRUE(IsDisError(
      tasks::CreateTask(dis(), "s1",
                        HBaseTask("t0", {{"cloudtable_table_name", table_ + "_missing"}})),
      400, "DIS.4342"));
  CreateTaskOk(dis(), "s1", HBaseTask("t1", {{"cloudtable_table_name", table_}}));
  dis().AdvanceClock(1);
  const std::int64_t put_at = dis().Now();
  dis().PutOk("s1", {Plain(R"({"datavalue":"k1","datavalue1":"one","datavalue2":"two"})")});
  dis().AdvanceClock(30000);
  EXPECT_EQ(GetRow(host_, port_, table_, "k1"),
            (ReadRow{{"cfname1:ID", {"one", put_at}}, {"cfname2:VALUE", {"two", put_at}}}));
  EXPECT_EQ(AsInt(TaskPartition(DescribeTask(dis(), "s1", "t1"), 0)["last_transfer_offset"]), 0);
}

}  // namespace
}  // namespace disd::test
