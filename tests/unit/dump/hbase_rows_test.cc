// The CloudTable HBase sink's pure parts: schema parsing, record → row key and cells per
// declared type, rejections, the exact cell-set body, the gateway's schema answer, and the
// errors of a gateway that is not configured or cannot be reached.
#include "dump/hbase_rows.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "disd/common/base64.h"
#include "disd/dump/hbase_probe.h"
#include "dump/sink.h"

namespace disd::dump {
namespace {

HBaseSchema Schema(const std::string& json) {
  auto schema = ParseHBaseSchema(json);
  EXPECT_TRUE(schema.ok()) << (schema.ok() ? "" : schema.error().detail);
  return schema.ok() ? *schema : HBaseSchema{};
}

// Row key from "id" (Bigint) and "city" (String); one column per type.
HBaseSchema AllTypes() {
  return Schema(R"({"row_key":[{"value":"id","type":"Bigint"},{"value":"city","type":"String"}],
    "columns":[
      {"column_family_name":"n","column_name":"big","value":"big","type":"Bigint"},
      {"column_family_name":"n","column_name":"dbl","value":"dbl","type":"Double"},
      {"column_family_name":"f","column_name":"ok","value":"ok","type":"Boolean"},
      {"column_family_name":"f","column_name":"ts","value":"ts","type":"Timestamp"},
      {"column_family_name":"s","column_name":"str","value":"str","type":"String"},
      {"column_family_name":"n","column_name":"dec","value":"dec","type":"Decimal"}]})");
}

std::vector<std::pair<std::string, std::string>> Cells(const HBaseRow& row) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : row.cells) out.emplace_back(c.column, c.value);
  return out;
}

std::string Why(const Result<HBaseRow>& row) { return row.ok() ? "accepted" : row.error().detail; }

TEST(HBaseRowsTest, SchemaListsFamiliesOnceInFirstUseOrder) {
  const HBaseSchema schema = AllTypes();
  EXPECT_EQ(schema.families, (std::vector<std::string>{"n", "f", "s"}));
  ASSERT_EQ(schema.columns.size(), 6u);
  EXPECT_EQ(schema.columns[1].qualifier, "dbl");
  EXPECT_EQ(schema.columns[1].type, HBaseType::kDouble);
  EXPECT_EQ(schema.row_key[0].type, HBaseType::kBigint);
}

TEST(HBaseRowsTest, SchemaWithoutTheValidatedShapeIsDis4345) {
  for (const char* bad : {"[]", R"({"row_key":[],"columns":[{}]})",
                          R"({"row_key":[{"value":"a","type":"Int"}],"columns":[]})",
                          R"({"row_key":[{"value":"a","type":"String"}],
                              "columns":[{"column_family_name":"","column_name":"c",
                                          "value":"v","type":"String"}]})"}) {
    auto schema = ParseHBaseSchema(bad);
    ASSERT_FALSE(schema.ok()) << bad;
    EXPECT_EQ(schema.error().code, ErrorCode::kInvalidCloudTableSchema) << bad;
  }
}

TEST(HBaseRowsTest, EveryTypeRendersAsDocumented) {
  auto row = RecordToHBaseRow(AllTypes(), "|", R"({"id":-42,"city":"Xi'an","big":9007199254740993,
      "dbl":1.5,"ok":true,"ts":1510325345000,"str":"héllo","dec":"12.340","extra":[1]})");
  ASSERT_TRUE(row.ok()) << Why(row);
  EXPECT_EQ(row->key, "-42|Xi'an");
  EXPECT_EQ(Cells(*row),
            (std::vector<std::pair<std::string, std::string>>{{"n:big", "9007199254740993"},
                                                              {"n:dbl", "1.5"},
                                                              {"f:ok", "true"},
                                                              {"f:ts", "1510325345000"},
                                                              {"s:str", "héllo"},
                                                              {"n:dec", "12.340"}}));
}

TEST(HBaseRowsTest, NumericStringsAndJsonNumbersAreNormalised) {
  auto row = RecordToHBaseRow(AllTypes(), ".", R"({"id":"007","city":"a","big":"-3",
      "dbl":3,"ok":"false","ts":"0","dec":2.25})");
  ASSERT_TRUE(row.ok()) << Why(row);
  EXPECT_EQ(row->key, "7.a");
  EXPECT_EQ(
      Cells(*row),
      (std::vector<std::pair<std::string, std::string>>{
          {"n:big", "-3"}, {"n:dbl", "3.0"}, {"f:ok", "false"}, {"f:ts", "0"}, {"n:dec", "2.25"}}))
      << "str is missing: no cell";
  auto exp = RecordToHBaseRow(AllTypes(), ".", R"({"id":1,"city":"a","dbl":"1e3","dec":7})");
  ASSERT_TRUE(exp.ok()) << Why(exp);
  EXPECT_EQ(Cells(*exp), (std::vector<std::pair<std::string, std::string>>{{"n:dbl", "1000.0"},
                                                                           {"n:dec", "7"}}));
}

TEST(HBaseRowsTest, MissingAndNullColumnsDropOnlyTheirCell) {
  auto row = RecordToHBaseRow(AllTypes(), ".", R"({"id":1,"city":"c","str":null,"ok":false})");
  ASSERT_TRUE(row.ok()) << Why(row);
  EXPECT_EQ(Cells(*row), (std::vector<std::pair<std::string, std::string>>{{"f:ok", "false"}}));
}

TEST(HBaseRowsTest, RecordsThatDoNotFitAreRejectedWithTheReason) {
  const HBaseSchema schema = AllTypes();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "not a JSON object"},
      {R"([1,2])", "not a JSON object"},
      {R"({"city":"a","str":"x"})", "row key field id is missing"},
      {R"({"id":null,"city":"a","str":"x"})", "row key field id is missing"},
      {R"({"id":1.5,"city":"a","str":"x"})", "id is not a Bigint"},
      {R"({"id":"12a","city":"a","str":"x"})", "id is not a Bigint"},
      {R"({"id":9223372036854775808,"city":"a","str":"x"})", "id is not a Bigint"},
      {R"({"id":1,"city":5,"str":"x"})", "city is not a String"},
      {R"({"id":1,"city":"a","dbl":"NaN"})", "dbl is not a Double"},
      {R"({"id":1,"city":"a","dbl":true})", "dbl is not a Double"},
      {R"({"id":1,"city":"a","ok":1})", "ok is not a Boolean"},
      {R"({"id":1,"city":"a","ts":-1})", "ts is not a Timestamp"},
      {R"({"id":1,"city":"a","dec":"1e5"})", "dec is not a Decimal"},
      {R"({"id":1,"city":"a","str":{"x":1}})", "str is not a String"},
      {R"({"id":1,"city":"a"})", "no column of the schema is present"},
  };
  for (const auto& [record, why] : cases) {
    auto row = RecordToHBaseRow(schema, ".", record);
    ASSERT_FALSE(row.ok()) << record;
    EXPECT_EQ(row.error().code, ErrorCode::kInvalidRequest);
    EXPECT_NE(row.error().detail.find(why), std::string::npos) << record << ": " << Why(row);
  }
  const HBaseSchema one_key = Schema(R"({"row_key":[{"value":"k","type":"String"}],
      "columns":[{"column_family_name":"f","column_name":"c","value":"v","type":"String"}]})");
  EXPECT_NE(Why(RecordToHBaseRow(one_key, ".", R"({"k":"","v":"x"})")).find("row key is empty"),
            std::string::npos);
}

TEST(HBaseRowsTest, CellSetBodyIsExact) {
  std::vector<HBaseRow> rows(3);
  rows[0] = {"skipped", {{"cf:a", "0"}}, 1};
  rows[1] = {"row1", {{"cf:a", "value"}, {"cf2:b", std::string("\0\xff", 2)}}, 1795253809000};
  rows[2] = {"r|2", {{"cf:a", ""}}, 7};
  EXPECT_EQ(EncodeHBaseCellSet(rows, 1, 3),
            R"({"Row":[{"key":"cm93MQ==","Cell":[)"
            R"({"column":"Y2Y6YQ==","timestamp":1795253809000,"$":"dmFsdWU="},)"
            R"({"column":"Y2YyOmI=","timestamp":1795253809000,"$":"AP8="}]},)"
            R"({"key":"cnwy","Cell":[{"column":"Y2Y6YQ==","timestamp":7,"$":""}]}]})");
  EXPECT_EQ(Base64Decode("Y2YyOmI=").value_or(""), "cf2:b");
  EXPECT_EQ(EncodeHBaseCellSet(rows, 0, 0), R"({"Row":[]})");
}

TEST(HBaseRowsTest, TableSchemaAnswerGivesTheFamilies) {
  auto families = ParseHBaseTableFamilies(
      R"({"name":"t","ColumnSchema":[{"name":"cf1","VERSIONS":"1"},{"name":"cf2"}],"IS_META":"false"})");
  ASSERT_TRUE(families.ok());
  EXPECT_EQ(*families, (std::vector<std::string>{"cf1", "cf2"}));
  auto bad = ParseHBaseTableFamilies("<TableSchema name=\"t\"/>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kRequestError);
}

TEST(HBaseRowsTest, PathSegmentsKeepNamespacesAndEncodeTheRest) {
  EXPECT_EQ(HBasePathSegment("ns:table_1"), "ns:table_1");
  EXPECT_EQ(HBasePathSegment("a b/c?"), "a%20b%2Fc%3F");
}

// A port nothing listens on: bound, then closed.
std::uint16_t ClosedPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

TEST(HBaseRowsTest, ProbeErrorsSayWhetherTheGatewayWasAsked) {
  CloudTableClusterConfig cluster{"ct", "ct-id", "", "http://127.0.0.1:4242"};
  EXPECT_EQ(CheckHBaseTable(cluster, "t", {"cf"}, 1000).code(),
            ErrorCode::kCloudTableClusterNotFound)
      << "no hbase_rest_url";
  cluster.hbase_rest_url = "http://127.0.0.1:" + std::to_string(ClosedPort());
  Status down = CheckHBaseTable(cluster, "t", {"cf"}, 1000);
  EXPECT_EQ(down.code(), ErrorCode::kRequestError);
  EXPECT_NE(down.error().detail.find("unreachable"), std::string::npos) << down.error().detail;
}

TEST(HBaseRowsTest, SinkNeedsTheSchemaAndAGateway) {
  TaskSpec spec;
  spec.destination_type = engine::DestinationType::kCloudTable;
  spec.cloudtable = CloudTableSpec{};
  spec.cloudtable->hbase_schema_json =
      R"({"row_key":[{"value":"k","type":"String"}],
          "columns":[{"column_family_name":"f","column_name":"c","value":"v","type":"String"}]})";
  CloudTableClusterConfig cluster{"ct", "ct-id", "", ""};
  auto no_gateway = MakeHBaseSink(spec, cluster);
  ASSERT_FALSE(no_gateway.ok());
  EXPECT_EQ(no_gateway.error().code, ErrorCode::kCloudTableClusterNotFound);
  cluster.hbase_rest_url = "http://127.0.0.1:" + std::to_string(ClosedPort());
  auto sink = MakeHBaseSink(spec, cluster);
  ASSERT_TRUE(sink.ok()) << "building a sink never contacts the gateway";

  // Only rejected records: nothing is sent, so a gateway that is down does not matter.
  std::vector<engine::LogRecord> records(2);
  records[0].data = "not json";
  records[1].data = R"({"v":"no key"})";
  DeliveryBatch batch{"s1", 0, 0, 1, 0, &records};
  auto written = (*sink)->Write(batch);
  ASSERT_TRUE(written.ok()) << written.error().detail;
  EXPECT_EQ(written->rejected, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(written->files_written, 0);
  // A fitting record needs the gateway: a transport failure is an error (retried).
  records[1].data = R"({"k":"a","v":"b"})";
  auto failed = (*sink)->Write(batch);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kRequestError);
}

}  // namespace
}  // namespace disd::dump
