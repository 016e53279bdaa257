// DLI transfer tasks: each batch becomes one file in the configured table's location on
// its object store, in the table's format (JSON lines, CSV, Parquet); records the format
// cannot hold, and batches the table location refuses past retry_duration, go to
// {obs_bucket_path}/{file_prefix}/dli_error.
#include <string>

#include "integration/dump_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;

json DliConfig() {
  json local = {{"name", "local"},
                {"kind", "local"},
                {"root_dir", "dump"},
                {"create_buckets", {"obs-bucket", "warehouse"}}};
  auto table = [](const std::string& name, const std::string& format, const std::string& bucket) {
    return json{{"database", "db1"}, {"table", name},           {"object_store", "local"},
                {"bucket", bucket},  {"prefix", "db1/" + name}, {"format", format}};
  };
  return {{"destinations",
           {{"object_stores", {local}},
            {"agencies", {{{"name", "dis_admin_agency"}, {"object_store", "local"}}}},
            {"dli_tables",
             {table("events_json", "json", "warehouse"), table("events_csv", "csv", "warehouse"),
              table("events_parquet", "parquet", "warehouse")}}}}};
}

class DumpDliTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    ServerOptions options;
    options.config = DliConfig().dump(2);
    return options;
  }
  std::map<std::string, std::string> Warehouse() {
    return FilesUnder(server().data_dir() / "dump" / "warehouse");
  }
  std::map<std::string, std::string> Staging() {
    return FilesUnder(server().data_dir() / "dump" / "obs-bucket");
  }
};

TEST_F(DumpDliTest, JsonAndCsvTablesGetOneFilePerBatchInTheirLocation) {
  const json schema = {
      {"type", "record"},
      {"name", "e"},
      {"fields", {{{"name", "id"}, {"type", "long"}}, {{"name", "city"}, {"type", "string"}}}}};
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}, {"data_schema", schema.dump()}});
  CreateTaskOk(dis(), "s1", DliTask("to_json", "db1", "events_json", {{"file_prefix", "stage"}}));
  CreateTaskOk(dis(), "s1", DliTask("to_csv", "db1", "events_csv"));
  dis().PutOk("s1", {Plain(R"({"id":1,"city":"Xi'an"})"), Plain("not json"),
                     Plain(R"({"city":"a,b","id":2})")});
  dis().AdvanceClock(30000);
  auto files = Warehouse();
  EXPECT_EQ(files["db1/events_json/s1_0_0_2.json"],
            "{\"id\":1,\"city\":\"Xi'an\"}\n{\"city\":\"a,b\",\"id\":2}\n");
  EXPECT_EQ(files["db1/events_csv/s1_0_0_2.csv"], "1,Xi'an\nnot json\n2,\"a,b\"\n")
      << "CSV columns in data_schema order; a non-JSON record is a line as it is";
  EXPECT_EQ(files.size(), 2u);
  EXPECT_EQ(Staging(),
            (std::map<std::string, std::string>{{"stage/dli_error/s1_0_0_2.txt", "not json"}}))
      << "the JSON table cannot hold a non-JSON record";
  EXPECT_EQ(DescribeTask(dis(), "s1", "to_json").value("state", ""), "RUNNING");
  EXPECT_EQ(AsInt(TaskPartition(DescribeTask(dis(), "s1", "to_csv"), 0)["last_transfer_offset"]),
            2);
}

TEST_F(DumpDliTest, ParquetTablesUseTheStreamsSchema) {
  const json schema = {{"type", "record"},
                       {"name", "e"},
                       {"fields",
                        {{{"name", "id"}, {"type", "long"}},
                         {{"name", "city"}, {"type", json::array({"null", "string"})}}}}};
  dis().CreateOk("s1", 1, {{"data_type", "JSON"}, {"data_schema", schema.dump()}});
  CreateTaskOk(dis(), "s1", DliTask("to_parquet", "db1", "events_parquet"));
  dis().PutOk("s1", {Plain(R"({"id":7,"city":null})"), Plain(R"({"id":8,"city":"Wuhan"})")});
  dis().AdvanceClock(30000);
  auto files = Warehouse();
  ASSERT_TRUE(files.count("db1/events_parquet/s1_0_0_1.parquet")) << files.size();
  json read =
      ReadParquet(server().data_dir() / "dump/warehouse/db1/events_parquet/s1_0_0_1.parquet");
  EXPECT_EQ(read["rows"], json::parse(R"([["7",null],["8","Wuhan"]])")) << read.dump();
}

TEST_F(DumpDliTest, ARefusingTableLocationSendsTheBatchToDliErrorAfterRetryDuration) {
  dis().CreateOk("s1", 1);
  CreateTaskOk(
      dis(), "s1",
      DliTask("lost", "db1", "events_json", {{"file_prefix", "stage"}, {"retry_duration", 30}}));
  fs::remove_all(server().data_dir() / "dump" / "warehouse");  // the table's bucket is gone
  dis().PutOk("s1", {Plain(R"({"n":0})"), Plain(R"({"n":1})")});
  dis().AdvanceClock(30000);  // fails
  EXPECT_TRUE(Staging().empty());
  EXPECT_EQ(DescribeTask(dis(), "s1", "lost").value("state", ""), "RUNNING");
  dis().AdvanceClock(30000);  // past retry_duration
  EXPECT_EQ(Staging(), (std::map<std::string, std::string>{
                           {"stage/dli_error/s1_0_0_1.txt", "{\"n\":0}\n{\"n\":1}"}}));
  json task = DescribeTask(dis(), "s1", "lost");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("DIS.4306"), std::string::npos) << task.dump();

  fs::create_directories(server().data_dir() / "dump" / "warehouse");
  dis().PutOk("s1", {Plain(R"({"back":true})")});
  dis().AdvanceClock(30000);
  EXPECT_EQ(Warehouse()["db1/events_json/s1_0_2_2.json"], "{\"back\":true}\n");
  EXPECT_EQ(DescribeTask(dis(), "s1", "lost").value("state", ""), "RUNNING");
}

}  // namespace
}  // namespace disd::test
