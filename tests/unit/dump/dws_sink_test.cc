// The DWS sink against a real PostgreSQL 15 (tests/support/postgres_fixture.h), called
// directly: the same batch written twice (by the same sink, and by a new sink as after a
// restart) lands once and reports the same rejected records; a broken connection is
// replaced on the next write; the password never shows in an error.
#include <gtest/gtest.h>

#include <map>

#include "disd/dump/secret_box.h"
#include "dump/sink.h"
#include "support/postgres_fixture.h"

namespace disd::dump {
namespace {

using test::PostgresServer;

constexpr char kKeyHex[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr char kPassword[] = "Unit-Pw-9";

// Objects in memory: enough for the staging writes.
class MemoryStore final : public ObjectStore {
 public:
  Result<bool> BucketExists(std::string_view) override { return true; }
  Status CreateBucket(std::string_view) override { return Status::Ok(); }
  Status Put(std::string_view bucket, std::string_view key, std::string_view bytes,
             std::string_view) override {
    objects[std::string(bucket) + "/" + std::string(key)] = std::string(bytes);
    return Status::Ok();
  }
  Result<std::optional<std::string>> Get(std::string_view bucket, std::string_view key) override {
    auto it = objects.find(std::string(bucket) + "/" + std::string(key));
    if (it == objects.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Result<std::vector<std::string>> List(std::string_view, std::string_view) override {
    return std::vector<std::string>();
  }
  std::map<std::string, std::string> objects;
};

class DwsSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pg_ = PostgresServer::Shared(&why_);
    if (pg_ == nullptr) return;
    Admin(
        "DROP SCHEMA IF EXISTS unit CASCADE; DROP ROLE IF EXISTS unitloader;"
        "CREATE ROLE unitloader LOGIN PASSWORD '" +
        std::string(kPassword) +
        "'; CREATE SCHEMA unit AUTHORIZATION unitloader;"
        "CREATE TABLE unit.t (id integer, name text); ALTER TABLE unit.t OWNER TO unitloader");
  }
  void Admin(const std::string& sql) {
    auto a = pg_->Sql(sql);
    ASSERT_TRUE(a.ok) << a.error;
  }
  std::vector<std::string> Rows(const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& row : pg_->Sql(sql).rows) out.push_back(row[0].value_or("NULL"));
    return out;
  }
  Result<std::unique_ptr<Sink>> MakeSink(const std::string& password = kPassword) {
    TaskSpec spec;
    spec.destination_type = engine::DestinationType::kDws;
    spec.common.obs_bucket_path = "stage";
    DwsSpec dws;
    dws.database_name = "postgres";
    dws.schema = "unit";
    dws.table_name = "t";
    dws.user_name = "unitloader";
    dws.options.reject_limit = -1;
    auto sealed = SealSecret(*SecretKeyFromHex(kKeyHex), password);
    dws.user_password_sealed = *sealed;
    spec.dws = dws;
    DwsClusterConfig cluster;
    cluster.name = "c";
    cluster.port = pg_->port();
    KmsKeyConfig key;
    key.name = "k";
    key.key_hex = kKeyHex;
    return MakeDwsSink(store_, spec, engine::StreamMeta{}, cluster, key, "task-1");
  }
  DeliveryBatch Batch(const std::vector<engine::LogRecord>& records) {
    DeliveryBatch batch;
    batch.stream_name = "s1";
    batch.partition = 0;
    batch.first_sequence = records.front().sequence_number;
    batch.last_sequence = records.back().sequence_number;
    batch.records = &records;
    return batch;
  }
  static std::vector<engine::LogRecord> Records(std::int64_t first,
                                                const std::vector<std::string>& data) {
    std::vector<engine::LogRecord> out;
    for (const auto& d : data) {
      engine::LogRecord r;
      r.sequence_number = first++;
      r.data = d;
      out.push_back(r);
    }
    return out;
  }

  std::string why_;
  PostgresServer* pg_ = nullptr;
  MemoryStore store_;
};

TEST_F(DwsSinkTest, TheSameBatchWrittenTwiceLandsOnce) {
  ASSERT_NE(pg_, nullptr) << "the PostgreSQL test server could not start: " << why_;
  auto sink = MakeSink();
  ASSERT_TRUE(sink.ok()) << sink.error().detail;
  const auto records = Records(10, {"1,a", "x,b", "3,c"});
  const DeliveryBatch batch = Batch(records);
  auto first = (*sink)->Write(batch);
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first->rejected, (std::vector<std::size_t>{1}));
  EXPECT_EQ(first->files_written, 1);
  EXPECT_EQ(store_.objects["stage/s1_0_10_12.txt"], "1,a\nx,b\n3,c");

  auto again = (*sink)->Write(batch);
  ASSERT_TRUE(again.ok()) << again.error().detail;
  EXPECT_EQ(again->rejected, (std::vector<std::size_t>{1}));
  EXPECT_EQ(again->rejected_reason, first->rejected_reason);
  auto other = MakeSink();  // a new connection, as after a restart
  ASSERT_TRUE(other.ok());
  auto third = (*other)->Write(batch);
  ASSERT_TRUE(third.ok()) << third.error().detail;
  EXPECT_EQ(third->rejected, (std::vector<std::size_t>{1}));
  EXPECT_EQ(Rows("SELECT id FROM unit.t ORDER BY id"), (std::vector<std::string>{"1", "3"}));

  const auto next = Records(13, {"4,d"});
  auto later = (*other)->Write(Batch(next));
  ASSERT_TRUE(later.ok()) << later.error().detail;
  EXPECT_TRUE(later->rejected.empty());
  EXPECT_EQ(Rows("SELECT count(*) FROM unit.t"), std::vector<std::string>{"3"});
}

TEST_F(DwsSinkTest, ABrokenConnectionFailsOneWriteThenReconnects) {
  ASSERT_NE(pg_, nullptr) << "the PostgreSQL test server could not start: " << why_;
  auto sink = MakeSink();
  ASSERT_TRUE(sink.ok());
  const auto one = Records(0, {"1,a"});
  ASSERT_TRUE((*sink)->Write(Batch(one)).ok());
  std::string why;
  ASSERT_TRUE(pg_->Stop(&why)) << why;
  const auto two = Records(1, {"2,b"});
  auto down = (*sink)->Write(Batch(two));
  EXPECT_FALSE(down.ok());
  auto again = (*sink)->Write(Batch(two));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidDwsCluster) << again.error().detail;
  ASSERT_TRUE(pg_->Start(&why)) << why;
  auto up = (*sink)->Write(Batch(two));
  ASSERT_TRUE(up.ok()) << up.error().detail;
  EXPECT_EQ(Rows("SELECT id FROM unit.t ORDER BY id"), (std::vector<std::string>{"1", "2"}));
}

TEST_F(DwsSinkTest, AWrongPasswordIsTheServersRefusalWithoutThePassword) {
  ASSERT_NE(pg_, nullptr) << "the PostgreSQL test server could not start: " << why_;
  auto sink = MakeSink("Not-The-Pw-3");
  ASSERT_TRUE(sink.ok());
  const auto one = Records(0, {"1,a"});
  auto written = (*sink)->Write(Batch(one));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code, ErrorCode::kInvalidDwsCluster);
  EXPECT_NE(written.error().detail.find("password authentication failed"), std::string::npos)
      << written.error().detail;
  EXPECT_EQ(written.error().detail.find("Not-The-Pw-3"), std::string::npos);
}

}  // namespace
}  // namespace disd::dump
