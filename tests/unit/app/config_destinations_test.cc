// The "destinations" and "dump" config sections: parsing (lists replace the defaults,
// unknown keys rejected), validation (names, references, URLs, keys, ranges), and the
// dump secrets key generated into the data directory.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/dump_setup.h"
#include "disd/app/config.h"
#include "disd/dump/secret_box.h"

namespace disd::app {
namespace {

constexpr char kKeyHex[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

Result<Config> Parse(const std::string& text) {
  return ApplyConfigText(Config{}, text, "test.jsonc");
}

Config ParseOk(const std::string& text) {
  auto c = Parse(text);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().detail);
  return c.ok() ? *c : Config{};
}

// The validation error of `text` applied to the defaults ("" when valid).
std::string Invalid(const std::string& text) {
  auto c = Parse(text);
  if (!c.ok()) return "parse: " + c.error().detail;
  Status s = ValidateConfig(*c);
  return s.ok() ? "" : s.error().detail;
}

TEST(ConfigDestinationsTest, DefaultsWorkOutOfTheBox) {
  Config c;
  EXPECT_TRUE(ValidateConfig(c).ok());
  ASSERT_EQ(c.destinations.agencies.size(), 1u);
  EXPECT_EQ(c.destinations.agencies[0].name, "dis_admin_agency");
  EXPECT_EQ(c.destinations.agencies[0].object_store, "local");
  EXPECT_EQ(c.dump.max_tasks_per_stream, 5);
  EXPECT_EQ(c.dump.delivery.interval_divisor, 1);
  EXPECT_EQ(c.dump.delivery.max_records_per_file, 100000);
  EXPECT_EQ(c.dump.delivery.max_bytes_per_file, 64ll << 20);
  EXPECT_EQ(c.dump.delivery.initial_backoff_ms, 1000);
  EXPECT_EQ(c.dump.delivery.max_backoff_ms, 60000);
  EXPECT_EQ(c.dump.secrets_key_hex, "");
}

TEST(ConfigDestinationsTest, ParsesEveryKey) {
  Config c = ParseOk(R"({
    "destinations": {
      "object_stores": [
        {"name": "local", "kind": "local", "root_dir": "/srv/dump", "create_buckets": ["bk1"]},
        {"name": "rgw", "kind": "s3", "endpoint": "http://127.0.0.1:7480", "region": "r1",
         "access_key": "AK", "secret_key": "SK", "path_style": false,
         "unsigned_payload": false, "timeout_ms": 5000, "create_buckets": ["bk2", "bk3"]}],
      "agencies": [{"name": "a1", "object_store": "rgw"}],
      "dli_tables": [{"database": "db", "table": "t", "object_store": "rgw", "bucket": "bk2",
                      "prefix": "warehouse/db/t", "format": "csv", "csv_delimiter": ";"}],
      "dws_clusters": [{"name": "d", "id": "d-id", "host": "db.local", "port": 6432,
                        "database": "dw", "sslmode": "require"}],
      "mrs_clusters": [{"name": "m", "id": "m-id", "webhdfs_url": "http://nn:9870",
                        "user": "hdfs"}],
      "cloudtable_clusters": [{"name": "c", "id": "c-id", "hbase_rest_url": "http://h:8080",
                               "opentsdb_url": "http://t:4242"}],
      "kms_keys": [{"name": "k", "id": "k-id", "key_hex": ")" +
                     std::string(kKeyHex) + R"("}]
    },
    "dump": {"interval_divisor": 30, "max_records_per_file": 10, "max_bytes_per_file": 4096,
             "initial_backoff_ms": 5, "max_backoff_ms": 50, "max_tasks_per_stream": 7,
             "secrets_key_hex": ")" +
                     std::string(kKeyHex) + R"("}
  })");
  EXPECT_TRUE(ValidateConfig(c).ok()) << ValidateConfig(c).error().detail;
  const auto& d = c.destinations;
  ASSERT_EQ(d.object_stores.size(), 2u);
  EXPECT_EQ(d.object_stores[0].root_dir, "/srv/dump");
  const auto& rgw = d.object_stores[1];
  EXPECT_EQ(rgw.kind, dump::ObjectStoreKind::kS3);
  EXPECT_EQ(rgw.endpoint, "http://127.0.0.1:7480");
  EXPECT_EQ(rgw.region, "r1");
  EXPECT_EQ(rgw.access_key, "AK");
  EXPECT_EQ(rgw.secret_key, "SK");
  EXPECT_FALSE(rgw.path_style);
  EXPECT_FALSE(rgw.unsigned_payload);
  EXPECT_EQ(rgw.timeout_ms, 5000);
  EXPECT_EQ(rgw.create_buckets, (std::vector<std::string>{"bk2", "bk3"}));
  ASSERT_EQ(d.agencies.size(), 1u);  // the list replaced the default agency
  EXPECT_EQ(d.agencies[0].object_store, "rgw");
  ASSERT_EQ(d.dli_tables.size(), 1u);
  EXPECT_EQ(d.dli_tables[0].format, dump::DliFileFormat::kCsv);
  EXPECT_EQ(d.dli_tables[0].csv_delimiter, ";");
  EXPECT_EQ(d.dws_clusters.at(0).port, 6432);
  EXPECT_EQ(d.dws_clusters.at(0).sslmode, "require");
  EXPECT_EQ(d.mrs_clusters.at(0).user, "hdfs");
  EXPECT_EQ(d.cloudtable_clusters.at(0).opentsdb_url, "http://t:4242");
  EXPECT_EQ(d.kms_keys.at(0).key_hex, kKeyHex);
  EXPECT_EQ(c.dump.delivery.interval_divisor, 30);
  EXPECT_EQ(c.dump.delivery.max_records_per_file, 10);
  EXPECT_EQ(c.dump.delivery.max_bytes_per_file, 4096);
  EXPECT_EQ(c.dump.delivery.initial_backoff_ms, 5);
  EXPECT_EQ(c.dump.delivery.max_backoff_ms, 50);
  EXPECT_EQ(c.dump.max_tasks_per_stream, 7);
  EXPECT_EQ(c.dump.secrets_key_hex, kKeyHex);
}

TEST(ConfigDestinationsTest, AbsentListsKeepTheDefaults) {
  Config c = ParseOk(R"({"destinations": {"kms_keys": []}})");
  EXPECT_EQ(c.destinations.object_stores.size(), 1u);
  EXPECT_EQ(c.destinations.agencies.size(), 1u);
}

TEST(ConfigDestinationsTest, UnknownKeysAndBadTypesAreRejected) {
  EXPECT_FALSE(Parse(R"({"destinations": {"buckets": []}})").ok());
  EXPECT_FALSE(Parse(R"({"destinations": {"agencies": [{"name": "a", "store": "x"}]}})").ok());
  EXPECT_FALSE(Parse(R"({"dump": {"interval": 3}})").ok());
  EXPECT_FALSE(Parse(R"({"dump": {"max_tasks_per_stream": "5"}})").ok());
  EXPECT_FALSE(
      Parse(R"({"destinations": {"object_stores": [{"name": "x", "kind": "ftp"}]}})").ok());
  EXPECT_FALSE(Parse(R"({"destinations": {"dli_tables": [{"format": "orc"}]}})").ok());
}

TEST(ConfigDestinationsTest, ValidationNamesTheProblem) {
  EXPECT_NE(Invalid(R"({"destinations": {"agencies": [{"name": "a", "object_store": "nope"}]}})")
                .find("is not a defined object store"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"destinations": {"agencies": [
                {"name": "a", "object_store": "local"}, {"name": "a", "object_store": "local"}]}})")
                .find("defined twice"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"destinations": {"object_stores": [
                {"name": "s", "kind": "s3", "endpoint": "127.0.0.1:7480"}], "agencies": []}})")
                .find("endpoint"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"destinations": {"object_stores": [
                {"name": "s", "kind": "s3", "endpoint": "http://h", "access_key": "AK"}],
                "agencies": []}})")
                .find("set together"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"destinations": {"object_stores": [
                {"name": "local", "kind": "local", "root_dir": "d", "create_buckets": ["Bad_Name"]}]}})")
                .find("create_buckets"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"destinations": {"kms_keys": [{"name": "k", "key_hex": "abc"}]}})")
                .find("key_hex"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"destinations": {"dli_tables": [{"database": "d", "table": "t",
                "object_store": "missing", "bucket": "bucket"}]}})")
                .find("object_store"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"destinations": {"mrs_clusters": [{"name": "m"}]}})").find("webhdfs_url"),
            std::string::npos);
  EXPECT_NE(
      Invalid(R"({"destinations": {"dws_clusters": [{"name": "d", "port": 0}]}})").find("port"),
      std::string::npos);
  EXPECT_NE(Invalid(R"({"dump": {"max_tasks_per_stream": 0}})").find("max_tasks_per_stream"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"dump": {"interval_divisor": 0}})").find("interval_divisor"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"dump": {"initial_backoff_ms": 100, "max_backoff_ms": 10}})")
                .find("max_backoff_ms"),
            std::string::npos);
  EXPECT_NE(Invalid(R"({"dump": {"secrets_key_hex": "xyz"}})").find("secrets_key_hex"),
            std::string::npos);
  // Secrets never appear in messages.
  EXPECT_EQ(Invalid(R"({"destinations": {"object_stores": [
                {"name": "s", "kind": "s3", "endpoint": "nope", "access_key": "AK",
                 "secret_key": "TOPSECRET"}], "agencies": []}})")
                .find("TOPSECRET"),
            std::string::npos);
}

class SecretsKeyTest : public ::testing::Test {
 protected:
  SecretsKeyTest() {
    std::string templ = (std::filesystem::temp_directory_path() / "disd-keys-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) std::abort();
    dir_ = templ;
  }
  ~SecretsKeyTest() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(SecretsKeyTest, GeneratedOnceThenReused) {
  auto first = LoadOrCreateSecretsKey(dir_, "");
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first->size(), dump::kSecretKeyBytes);
  const auto path = std::filesystem::path(dir_) / kSecretsKeyFile;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto second = LoadOrCreateSecretsKey(dir_, "");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*first, *second);
  // A configured key wins and leaves the file alone.
  auto configured = LoadOrCreateSecretsKey(dir_, kKeyHex);
  ASSERT_TRUE(configured.ok());
  EXPECT_EQ(dump::SecretKeyToHex(*configured), kKeyHex);
  EXPECT_EQ(*LoadOrCreateSecretsKey(dir_, ""), *first);
}

TEST_F(SecretsKeyTest, CorruptFileIsAnError) {
  std::ofstream(std::filesystem::path(dir_) / kSecretsKeyFile) << "not a key\n";
  EXPECT_EQ(LoadOrCreateSecretsKey(dir_, "").error().code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace disd::app
