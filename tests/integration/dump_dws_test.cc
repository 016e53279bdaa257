// DWS transfer tasks against a real PostgreSQL 15 (tests/support/postgres_fixture.h): the
// task is created and records are put over the DIS API, the manual clock runs delivery
// rounds, and the rows are read back from the server with libpq. Covers JSON and delimited
// records, column subsets, each fault-tolerance option, reject_limit within and over the
// limit with and without an error table, a wrong password, the server down and back, the
// retry_duration running out (dws_error), and a crash between the load and disd's commit.
#include <string>
#include <vector>

#include "integration/dump_calls.h"
#include "integration/transfer_task_calls.h"
#include "support/disd_test.h"
#include "support/postgres_fixture.h"

namespace disd::test {
namespace {

namespace fs = std::filesystem;
using Files = std::map<std::string, std::string>;

constexpr char kPassword[] = "Dws-Test-Pw-42";

class DumpDwsTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    PostgresServer* pg = PostgresServer::Shared(nullptr);
    json config = {{"destinations",
                    {{"dws_clusters",
                      {{{"name", "dwscluster"},
                        {"id", "f82dc227-3691-47eb-bca7-e7851f509b2a"},
                        {"host", "127.0.0.1"},
                        {"port", pg != nullptr ? pg->port() : 9},
                        {"database", "postgres"}}}},
                     {"kms_keys",
                      {{{"name", "kmskey"},
                        {"id", "1e759f06-9188-4d21-afab-a75e57c04d2b"},
                        {"key_hex", tasks::kKmsKeyHex}}}}}}};
    ServerOptions options;
    options.config = config.dump(2);
    return options;
  }

  void SetUp() override {
    DisdTest::SetUp();
    pg_ = PostgresServer::Shared(nullptr);
    if (pg_ == nullptr) return;  // each test fails with the reason (DISD_REQUIRE_POSTGRES)
    if (!pg_->running()) {
      std::string why;
      ASSERT_TRUE(pg_->Start(&why)) << why;
    }
    // A fresh schema owned by the loading user, whose password is the tasks' one.
    Admin(std::string("DROP SCHEMA IF EXISTS dbadmin CASCADE;"
                      "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dbadmin')"
                      " THEN CREATE ROLE dbadmin LOGIN; END IF; END$$;"
                      "ALTER ROLE dbadmin PASSWORD '") +
          kPassword + "'; CREATE SCHEMA dbadmin AUTHORIZATION dbadmin");
  }

  void Admin(const std::string& sql) {
    PostgresServer::Answer a = pg_->Sql(sql);
    ASSERT_TRUE(a.ok) << sql << ": " << a.error;
  }
  // A table of the loading user.
  void CreateTable(const std::string& ddl) { Admin("SET ROLE dbadmin; CREATE TABLE " + ddl); }
  // The rows of a query, columns joined by '|', NULL as "NULL".
  std::vector<std::string> Rows(const std::string& sql) {
    PostgresServer::Answer a = pg_->Sql(sql);
    EXPECT_TRUE(a.ok) << sql << ": " << a.error;
    std::vector<std::string> out;
    for (const auto& row : a.rows) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) line += "|";
        line += row[i].value_or("NULL");
      }
      out.push_back(line);
    }
    return out;
  }

  // A DWS task on stream s1 into dbadmin.`table`, staged under obsbucket/stage.
  void CreateDwsTask(const std::string& name, const std::string& table,
                     const json& overrides = json::object()) {
    json d = {{"dws_table_name", table},
              {"user_password", kPassword},
              {"file_prefix", "stage"},
              {"consumer_strategy", "TRIM_HORIZON"}};
    for (const auto& [k, v] : overrides.items()) d[k] = v;
    CreateTaskOk(dis(), "s1", tasks::DwsBody(name, d));
  }
  Files Staging() { return FilesUnder(server().data_dir() / "dump" / "obsbucket" / "stage"); }
  json Partition0(const std::string& task) {
    return TaskPartition(DescribeTask(dis(), "s1", task), 0);
  }
  std::int64_t Offset(const std::string& task) {
    return AsInt(Partition0(task)["last_transfer_offset"]);
  }

  PostgresServer* pg_ = nullptr;
};

TEST_F(DumpDwsTest, JsonAndDelimitedRecordsBecomeExactRows) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.people (id integer, name text, city text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "people");
  const std::vector<std::string> records = {
      R"({"id":1,"name":"alice","city":"Xi'an"})", R"(2,bob,"Wu,han")", R"(3,"say ""hi""",)",
      "{\"city\":null,\"name\":\"two\\nlines\",\"id\":4,\"x\":1}"};
  std::vector<Record> put;
  for (const auto& r : records) put.push_back(Plain(r));
  dis().PutOk("s1", put);
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name, city FROM dbadmin.people ORDER BY id"),
            (std::vector<std::string>{"1|alice|Xi'an", "2|bob|Wu,han", "3|say \"hi\"|NULL",
                                      "4|two\nlines|NULL"}));
  EXPECT_EQ(Staging(), (Files{{"s1_0_0_3.txt", records[0] + "\n" + records[1] + "\n" + records[2] +
                                                   "\n" + records[3]}}))
      << "the batch is staged as a text object first";
  const std::string id = TaskId(dis(), "s1", "t1");
  EXPECT_EQ(Rows("SELECT task_id, partition_id, first_sequence, last_sequence, "
                 "rejected_sequences FROM dbadmin.disd_dws_progress"),
            (std::vector<std::string>{id + "|0|0|3|"}));
  EXPECT_EQ(Offset("t1"), 3);
  EXPECT_EQ(Partition0("t1").value("state", ""), "RUNNING");

  dis().PutOk("s1", {Plain("5,eve,Chengdu"), Plain(R"({"id":6,"name":"","city":"Lhasa"})")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name, city FROM dbadmin.people WHERE id > 4 ORDER BY id"),
            (std::vector<std::string>{"5|eve|Chengdu", "6||Lhasa"}));
  EXPECT_EQ(Rows("SELECT count(*) FROM dbadmin.people"), std::vector<std::string>{"6"});
  EXPECT_EQ(Offset("t1"), 5);
}

TEST_F(DumpDwsTest, ColumnSubsetAndDelimiter) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.notes (id bigint, note text, kind text DEFAULT 'd', at date)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "notes", {{"dws_table_columns", "id, note,at"}, {"dws_delimiter", "|"}});
  dis().PutOk("s1", {Plain("1|a,b|2024-02-29"),
                     Plain(R"({"note":"n","id":2,"kind":"ignored","at":"2020-01-01"})")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, note, kind, at FROM dbadmin.notes ORDER BY id"),
            (std::vector<std::string>{"1|a,b|d|2024-02-29", "2|n|d|2020-01-01"}));
  EXPECT_EQ(Offset("t1"), 1);
}

TEST_F(DumpDwsTest, FillMissingFieldsAndIgnoreExtraData) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (a integer, b text, c text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t",
                {{"options", {{"fill_missing_fields", "true"}, {"ignore_extra_data", "on"}}}});
  dis().PutOk("s1", {Plain("1,x"), Plain("2,y,z,w"), Plain(R"({"a":3})")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT a, b, c FROM dbadmin.t ORDER BY a"),
            (std::vector<std::string>{"1|x|NULL", "2|y|z", "3|NULL|NULL"}));
  EXPECT_EQ(Staging().size(), 1u) << "nothing in dws_error";
}

TEST_F(DumpDwsTest, WithoutTheOptionsAFormatErrorRejectsTheBatchAtLimitZero) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (a integer, b text, c text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t");  // reject_limit 0 (the default)
  dis().PutOk("s1", {Plain("1,x,y"), Plain("2,x"), Plain("3,x,y,z")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT count(*) FROM dbadmin.t"), std::vector<std::string>{"0"});
  EXPECT_EQ(Staging()["dws_error/s1_0_0_2.txt"], "1,x,y\n2,x\n3,x,y,z")
      << "two format errors exceed reject_limit 0: the whole batch goes to dws_error";
  EXPECT_EQ(Offset("t1"), 2);
}

TEST_F(DumpDwsTest, IllegalCharactersConvertedOrRejected) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.conv (a integer, b text, c text)");
  CreateTable("dbadmin.strict (a integer, b text, c text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("conv", "conv", {{"options", {{"compatible_illegal_chars", "true"}}}});
  CreateDwsTask("strict", "strict",
                {{"file_prefix", "strict"}, {"options", {{"reject_limit", "unlimited"}}}});
  const std::string bad("1,caf\xC3,a\0b", 10);
  dis().PutOk("s1", {Plain(bad), Plain("2,ok,\xE4\xB8\xAD")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT a, b, c FROM dbadmin.conv ORDER BY a"),
            (std::vector<std::string>{"1|caf?|a b", "2|ok|\xE4\xB8\xAD"}));
  EXPECT_EQ(Rows("SELECT a, b, c FROM dbadmin.strict ORDER BY a"),
            (std::vector<std::string>{"2|ok|\xE4\xB8\xAD"}));
  EXPECT_EQ(
      FilesUnder(server().data_dir() / "dump" / "obsbucket" / "strict")["dws_error/s1_0_0_1.txt"],
      bad)
      << "the record as it was, bytes unchanged";
}

TEST_F(DumpDwsTest, RejectLimitWithinTheLimitRecordsErrorsInTheErrorTable) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (id integer, name text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t",
                {{"options", {{"reject_limit", "2"}, {"error_table_name", "load_errors"}}}});
  dis().PutOk("s1", {Plain("1,a"), Plain("x,b"), Plain("3,c,extra"), Plain("4,d")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.t ORDER BY id"),
            (std::vector<std::string>{"1|a", "4|d"}));
  const std::string id = TaskId(dis(), "s1", "t1");
  EXPECT_EQ(Rows("SELECT task_id, stream_name, partition_id, sequence_number, raw_record,"
                 " detail LIKE '22P02: invalid input syntax for type integer%(column id)',"
                 " detail LIKE 'extra data%' FROM dbadmin.load_errors ORDER BY sequence_number"),
            (std::vector<std::string>{id + "|s1|0|1|x,b|t|f", id + "|s1|0|2|3,c,extra|f|t"}));
  EXPECT_EQ(Staging().size(), 1u) << "no dws_error: the error table holds them";
  EXPECT_EQ(Offset("t1"), 3);
}

TEST_F(DumpDwsTest, RejectLimitExceededLoadsNothingOfTheBatch) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (id integer, name text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t",
                {{"options", {{"reject_limit", 1}, {"error_table_name", "load_errors"}}}});
  dis().PutOk("s1", {Plain("1,a"), Plain("x,b"), Plain("y,c"), Plain("4,d")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT count(*) FROM dbadmin.t"), std::vector<std::string>{"0"});
  EXPECT_EQ(Rows("SELECT count(*) FROM dbadmin.load_errors"), std::vector<std::string>{"0"});
  EXPECT_EQ(Staging()["dws_error/s1_0_0_3.txt"], "1,a\nx,b\ny,c\n4,d");
  EXPECT_EQ(Offset("t1"), 3);

  // The next batch is within the limit again.
  dis().PutOk("s1", {Plain("5,e"), Plain("z,f")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.t"), std::vector<std::string>{"5|e"});
  EXPECT_EQ(Rows("SELECT sequence_number, raw_record FROM dbadmin.load_errors"),
            std::vector<std::string>{"5|z,f"});
}

TEST_F(DumpDwsTest, ServerFoundErrorsWithoutErrorTableGoToDwsError) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (id integer NOT NULL, name varchar(3))");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t", {{"options", {{"reject_limit", "unlimited"}}}});
  dis().PutOk("s1", {Plain("1,a"), Plain("x,b"), Plain(",c"), Plain("4,long"), Plain("5,e")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.t ORDER BY id"),
            (std::vector<std::string>{"1|a", "5|e"}));
  EXPECT_EQ(Staging()["dws_error/s1_0_0_4.txt"], "x,b\n,c\n4,long")
      << "a bad integer, a NULL into NOT NULL, a value too long";
  EXPECT_EQ(Rows("SELECT last_sequence, rejected_sequences FROM dbadmin.disd_dws_progress"),
            std::vector<std::string>{"4|1,2,3"});
}

TEST_F(DumpDwsTest, WrongPasswordMakesTheTaskAbnormalUntilItIsRight) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (id integer, name text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t", {{"user_password", "Other-Pw-7"}, {"retry_duration", 60}});
  ASSERT_NE(pg->TryLogin("dbadmin", "Other-Pw-7"), "") << "the password must be wrong for real";
  dis().PutOk("s1", {Plain("1,a"), Plain("2,b")});
  dis().AdvanceClock(60000);  // refused, retried within retry_duration
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
  EXPECT_EQ(Offset("t1"), -1);
  dis().AdvanceClock(61000);  // past retry_duration
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  const std::string reason = task.value("state_reason", "");
  EXPECT_NE(reason.find("DIS.4350"), std::string::npos) << reason;
  EXPECT_NE(reason.find("password authentication failed for user \"dbadmin\""), std::string::npos)
      << reason;
  EXPECT_EQ(reason.find("Other-Pw-7"), std::string::npos) << "never the password";
  EXPECT_EQ(Staging()["dws_error/s1_0_0_1.txt"], "1,a\n2,b");
  EXPECT_EQ(Offset("t1"), 1);

  Admin("ALTER ROLE dbadmin PASSWORD 'Other-Pw-7'");  // the database side is fixed
  dis().PutOk("s1", {Plain("3,c")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.t"), std::vector<std::string>{"3|c"});
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
}

TEST_F(DumpDwsTest, ServerDownThenBackLosesNothingAndLoadsNothingTwice) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (id integer, name text)");
  dis().CreateOk("s1", 2);
  CreateDwsTask("t1", "t");
  dis().PutOk("s1", {ToPartition("1,a", "0"), ToPartition("2,b", "1")});
  dis().AdvanceClock(60000);  // delivered while the server is up: the connection is open
  EXPECT_EQ(Rows("SELECT count(*) FROM dbadmin.t"), std::vector<std::string>{"2"});

  std::string why;
  ASSERT_TRUE(pg->Stop(&why)) << why;
  dis().PutOk("s1", {ToPartition("3,c", "0"), ToPartition("4,d", "0"), ToPartition("5,e", "1")});
  for (int i = 0; i < 4; ++i) dis().AdvanceClock(60000);  // keeps failing, keeps retrying
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 0) << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 1)["last_transfer_offset"]), 0) << task.dump();
  EXPECT_EQ(task.value("state", ""), "RUNNING") << "within retry_duration (1800 s)";

  ASSERT_TRUE(pg->Start(&why)) << why;
  dis().AdvanceClock(60000);  // the next retry reconnects and loads
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.t ORDER BY id"),
            (std::vector<std::string>{"1|a", "2|b", "3|c", "4|d", "5|e"}));
  dis().PutOk("s1", {ToPartition("6,f", "1")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT count(*), count(DISTINCT id) FROM dbadmin.t"),
            std::vector<std::string>{"6|6"});
  task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(AsInt(TaskPartition(task, 0)["last_transfer_offset"]), 2) << task.dump();
  EXPECT_EQ(AsInt(TaskPartition(task, 1)["last_transfer_offset"]), 2) << task.dump();
  EXPECT_EQ(task.value("state", ""), "RUNNING");
  EXPECT_EQ(Staging().count("dws_error/s1_0_1_2.txt"), 0u);
}

TEST_F(DumpDwsTest, PastRetryDurationTheBatchGoesToDwsErrorThenDeliveryResumes) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (id integer, name text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t", {{"retry_duration", 30}});
  std::string why;
  ASSERT_TRUE(pg->Stop(&why)) << why;
  dis().PutOk("s1", {Plain("1,a"), Plain("2,b")});
  dis().AdvanceClock(60000);  // fails
  EXPECT_EQ(Staging().count("dws_error/s1_0_0_1.txt"), 0u);
  dis().AdvanceClock(31000);  // past retry_duration
  EXPECT_EQ(Staging()["dws_error/s1_0_0_1.txt"], "1,a\n2,b");
  json task = DescribeTask(dis(), "s1", "t1");
  EXPECT_EQ(task.value("state", ""), "ABNORMAL") << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("DIS.4350"), std::string::npos) << task.dump();
  EXPECT_NE(task.value("state_reason", "").find("dws_error"), std::string::npos) << task.dump();
  EXPECT_EQ(Offset("t1"), 1);

  ASSERT_TRUE(pg->Start(&why)) << why;
  dis().PutOk("s1", {Plain("3,c")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.t"), std::vector<std::string>{"3|c"});
  EXPECT_EQ(DescribeTask(dis(), "s1", "t1").value("state", ""), "RUNNING");
}

TEST_F(DumpDwsTest, AMissingTableIsAFailureNotAReject) {
  DISD_REQUIRE_POSTGRES(pg);
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "later", {{"retry_duration", 120}});
  dis().PutOk("s1", {Plain("1,a")});
  dis().AdvanceClock(60000);
  EXPECT_EQ(Offset("t1"), -1) << "kept pending";
  EXPECT_EQ(Staging().count("dws_error/s1_0_0_0.txt"), 0u);
  CreateTable("dbadmin.later (id integer, name text)");
  dis().AdvanceClock(60000);
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.later"), std::vector<std::string>{"1|a"});
  EXPECT_EQ(Offset("t1"), 0);
}

// A crash after the load's COMMIT and before disd's offset commit: the rerun finds the
// progress mark and loads nothing again, and returns the same rejected records.
class DumpDwsCrashTest : public DumpDwsTest {
 protected:
  void SetUp() override {
    ::setenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE", "1", 1);
    DumpDwsTest::SetUp();
    ::unsetenv("DISD_FAULT_CRASH_AFTER_SINK_WRITE");  // the restart runs without the fault
  }
};

TEST_F(DumpDwsCrashTest, ACrashBetweenLoadAndCommitLoadsTheBatchOnce) {
  DISD_REQUIRE_POSTGRES(pg);
  CreateTable("dbadmin.t (id integer, name text)");
  dis().CreateOk("s1", 1);
  CreateDwsTask("t1", "t", {{"options", {{"reject_limit", "unlimited"}}}});
  dis().PutOk("s1", {Plain("1,a"), Plain("x,b"), Plain("3,c")});
  DisResponse crashed = dis().CallJson("POST", "/_disd/clock/advance", {{"advance_ms", 60000}});
  EXPECT_EQ(crashed.status, 0) << "the fault should have ended the server: " << crashed.body;
  EXPECT_EQ(Rows("SELECT id FROM dbadmin.t ORDER BY id"), (std::vector<std::string>{"1", "3"}));

  ASSERT_TRUE(RestartServer(/*crash=*/true));
  dis().PutOk("s1", {Plain("4,d")});
  dis().AdvanceClock(2 * 60000);
  EXPECT_EQ(Rows("SELECT id, name FROM dbadmin.t ORDER BY id"),
            (std::vector<std::string>{"1|a", "3|c", "4|d"}))
      << "the rewritten batch is not loaded twice";
  EXPECT_EQ(Staging()["dws_error/s1_0_0_2.txt"], "x,b") << "the same rejected record";
  EXPECT_EQ(Offset("t1"), 3);
}

}  // namespace
}  // namespace disd::test
