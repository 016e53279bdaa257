// The transfer-task contracts the service layer implements for the delivery workers:
// ParseTaskSpec over the normalised descriptors the validation writes (a round trip per
// destination type), SecretBox sealing, and the destinations registry's lookups.
#include "disd/dump/task_spec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "disd/dump/secret_box.h"
#include "service/transfer_task_validation.h"

namespace disd::dump {
namespace {

using nlohmann::json;
using service::Json;

constexpr char kKeyHex[] = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

class TaskSpecTest : public ::testing::Test {
 protected:
  TaskSpecTest() : registry_(Config(), *SecretKeyFromHex(kKeyHex)) {
    stream_.data_type = engine::DataType::kJson;
  }
  static DestinationsConfig Config() {
    DestinationsConfig d = DefaultDestinations();
    d.dli_tables.push_back({"db", "t", "local", "obsbucket", "w/db/t", DliFileFormat::kCsv, ","});
    return d;
  }
  service::ValidationEnv Env() {
    return {registry_, stream_,
            [](const ObjectStoreConfig&, std::string_view) { return Status::Ok(); }};
  }
  DestinationRegistry registry_;
  engine::StreamMeta stream_;
};

TEST_F(TaskSpecTest, ObsRoundTripKeepsEverySetting) {
  Json in = {{"task_name", "t1"},
             {"agency_name", "dis_admin_agency"},
             {"deliver_time_interval", 45},
             {"consumer_strategy", "TRIM_HORIZON"},
             {"obs_bucket_path", "obsbucket"},
             {"file_prefix", "a/b"},
             {"partition_format", "yyyy/MM/dd"},
             {"record_delimiter", "|"},
             {"destination_file_type", "parquet"},
             {"retry_duration", 0},
             {"processing_schema",
              {{"timestamp_name", "ts"},
               {"timestamp_type", "String"},
               {"timestamp_format", "yyyy-MM-dd HH:mm:ss"}}}};
  auto normalised = service::NormaliseObs(in, Env());
  ASSERT_TRUE(normalised.ok()) << normalised.error().detail;
  auto spec = ParseTaskSpec(engine::DestinationType::kObs, normalised->dump());
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  const CommonSpec& c = spec->common;
  EXPECT_EQ(c.task_name, "t1");
  EXPECT_EQ(c.agency_name, "dis_admin_agency");
  EXPECT_EQ(c.deliver_time_interval_s, 45);
  EXPECT_EQ(c.consumer_strategy, ConsumerStrategy::kTrimHorizon);
  EXPECT_EQ(c.obs_bucket_path, "obsbucket");
  EXPECT_EQ(c.file_prefix, "a/b");
  EXPECT_EQ(c.partition_format, "yyyy/MM/dd");
  EXPECT_EQ(c.record_delimiter, "|");
  EXPECT_EQ(c.destination_file_type, FileType::kParquet);
  EXPECT_EQ(c.retry_duration_s, 0);
  ASSERT_TRUE(c.processing_schema.has_value());
  EXPECT_EQ(c.processing_schema->timestamp_name, "ts");
  EXPECT_EQ(c.processing_schema->timestamp_type, "String");
  EXPECT_EQ(c.processing_schema->timestamp_format, "yyyy-MM-dd HH:mm:ss");
  EXPECT_FALSE(spec->dli.has_value());
  EXPECT_FALSE(spec->dms.has_value());
  EXPECT_EQ(spec->descriptor_json, normalised->dump());
}

TEST_F(TaskSpecTest, DefaultsSurviveTheRoundTrip) {
  Json in = {
      {"task_name", "t"}, {"agency_name", "dis_admin_agency"}, {"obs_bucket_path", "obsbucket"}};
  auto normalised = service::NormaliseObs(in, Env());
  ASSERT_TRUE(normalised.ok());
  auto spec = ParseTaskSpec(engine::DestinationType::kObs, normalised->dump());
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->common.deliver_time_interval_s, 300);
  EXPECT_EQ(spec->common.consumer_strategy, ConsumerStrategy::kLatest);
  EXPECT_EQ(spec->common.record_delimiter, "\n");
  EXPECT_EQ(spec->common.partition_format, "");
  EXPECT_EQ(spec->common.file_prefix, "");
  EXPECT_EQ(spec->common.destination_file_type, FileType::kText);
  EXPECT_EQ(spec->common.retry_duration_s, 1800);
  EXPECT_FALSE(spec->common.processing_schema.has_value());
}

TEST_F(TaskSpecTest, DliRoundTrip) {
  Json in = {{"task_name", "d"},
             {"agency_name", "dis_admin_agency"},
             {"obs_bucket_path", "obsbucket"},
             {"dli_database_name", "db"},
             {"dli_table_name", "t"},
             {"retry_duration", "300"}};
  auto normalised = service::NormaliseDli(in, Env());
  ASSERT_TRUE(normalised.ok()) << normalised.error().detail;
  auto spec = ParseTaskSpec(engine::DestinationType::kDli, normalised->dump());
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  ASSERT_TRUE(spec->dli.has_value());
  EXPECT_EQ(spec->dli->dli_database_name, "db");
  EXPECT_EQ(spec->dli->dli_table_name, "t");
  EXPECT_EQ(spec->common.retry_duration_s, 300);
  EXPECT_EQ(spec->common.obs_bucket_path, "obsbucket");
}

TEST_F(TaskSpecTest, CloudTableUsesTheBackupBucket) {
  json stored = {{"task_name", "c"},
                 {"agency_name", "dis_admin_agency"},
                 {"deliver_time_interval", 60},
                 {"consumer_strategy", "LATEST"},
                 {"retry_duration", 10},
                 {"destination_file_type", "text"},
                 {"partition_format", ""},
                 {"record_delimiter", "\n"},
                 {"obs_backup_bucket_path", "backup"},
                 {"backup_file_prefix", "p"},
                 {"cloudtable_cluster_name", "ct"},
                 {"cloudtable_cluster_id", "ct-id"},
                 {"cloudtable_row_key_delimiter", "|"},
                 {"opentsdb_schema", json::array({json::object()})}};
  auto spec = ParseTaskSpec(engine::DestinationType::kCloudTable, stored.dump());
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  EXPECT_EQ(spec->common.obs_bucket_path, "backup");
  EXPECT_EQ(spec->common.file_prefix, "p");
}

TEST_F(TaskSpecTest, DmsSecretOpensOnlyWithTheRegistry) {
  auto sealed = SealSecret(registry_.secrets_key(), "the-secret");
  ASSERT_TRUE(sealed.ok());
  json stored = {{"task_name", "m"},
                 {"agency_name", "dis_admin_agency"},
                 {"deliver_time_interval", 60},
                 {"consumer_strategy", "LATEST"},
                 {"retry_duration", 1800},
                 {"obs_bucket_path", "obsbucket"},
                 {"file_prefix", ""},
                 {"access_key", "AK"},
                 {"secret_key_encrypted", *sealed},
                 {"dms_task_id", "x"}};
  auto plain = ParseTaskSpec(engine::DestinationType::kObs, stored.dump());
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE(plain->dms.has_value());
  EXPECT_EQ(plain->dms->access_key, "AK");
  EXPECT_EQ(plain->dms->secret_key, *sealed);  // still sealed
  auto opened = ParseTaskSpec(engine::DestinationType::kObs, stored.dump(), registry_);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->dms->secret_key, "the-secret");
  DestinationRegistry other(Config(), std::string(32, 'k'));
  EXPECT_EQ(ParseTaskSpec(engine::DestinationType::kObs, stored.dump(), other).error().code,
            ErrorCode::kInternal);
}

TEST_F(TaskSpecTest, CorruptDescriptorsAreInternalErrors) {
  EXPECT_EQ(ParseTaskSpec(engine::DestinationType::kObs, "not json").error().code,
            ErrorCode::kInternal);
  EXPECT_EQ(ParseTaskSpec(engine::DestinationType::kObs, "{}").error().code, ErrorCode::kInternal);
  json bad = {{"task_name", "t"},
              {"agency_name", "a"},
              {"deliver_time_interval", 60},
              {"consumer_strategy", "SOMETIMES"},
              {"retry_duration", 1},
              {"obs_bucket_path", "b"}};
  EXPECT_EQ(ParseTaskSpec(engine::DestinationType::kObs, bad.dump()).error().code,
            ErrorCode::kInternal);
  bad["consumer_strategy"] = "LATEST";
  EXPECT_TRUE(ParseTaskSpec(engine::DestinationType::kObs, bad.dump()).ok());
  EXPECT_FALSE(ParseTaskSpec(engine::DestinationType::kDli, bad.dump()).ok());  // no DLI fields
  bad["destination_file_type"] = "orc";
  EXPECT_FALSE(ParseTaskSpec(engine::DestinationType::kObs, bad.dump()).ok());
}

TEST(SecretBoxTest, SealsAndOpens) {
  auto key = GenerateSecretKey();
  ASSERT_TRUE(key.ok());
  ASSERT_EQ(key->size(), kSecretKeyBytes);
  auto a = SealSecret(*key, "password");
  auto b = SealSecret(*key, "password");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);  // random nonces
  EXPECT_EQ(*OpenSecret(*key, *a), "password");
  EXPECT_EQ(*OpenSecret(*key, *SealSecret(*key, "")), "");
  // Another key, a flipped byte, garbage: never opens.
  auto other = GenerateSecretKey();
  EXPECT_FALSE(OpenSecret(*other, *a).ok());
  std::string tampered = *a;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(OpenSecret(*key, tampered).ok());
  EXPECT_FALSE(OpenSecret(*key, "AAAA").ok());
  EXPECT_FALSE(SealSecret("short", "x").ok());
}

TEST(SecretBoxTest, HexKeys) {
  auto key = SecretKeyFromHex(kKeyHex);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(SecretKeyToHex(*key), kKeyHex);
  EXPECT_TRUE(SecretKeyFromHex(std::string(64, 'A')).ok());
  EXPECT_FALSE(SecretKeyFromHex(std::string(63, 'a')).ok());
  EXPECT_FALSE(SecretKeyFromHex(std::string(65, 'a')).ok());
  EXPECT_FALSE(SecretKeyFromHex(std::string(63, 'a') + "g").ok());
}

TEST(DestinationRegistryTest, DefaultsAndLookups) {
  DestinationsConfig d = DefaultDestinations();
  ASSERT_EQ(d.object_stores.size(), 1u);
  EXPECT_EQ(d.object_stores[0].name, "local");
  EXPECT_EQ(d.object_stores[0].kind, ObjectStoreKind::kLocal);
  EXPECT_EQ(d.object_stores[0].root_dir, "dump");
  EXPECT_EQ(d.object_stores[0].create_buckets,
            (std::vector<std::string>{"obs-bucket", "obsbucket", "obsbackupbucket"}));
  d.dws_clusters.push_back({"c", "c-id", "h", 1, "db", "disable"});
  d.kms_keys.push_back({"k", "", kKeyHex});
  d.dli_tables.push_back({"db", "t", "local", "obsbucket", "", DliFileFormat::kJsonLines, ","});
  DestinationRegistry r(d);
  ASSERT_NE(r.FindAgencyStore("dis_admin_agency"), nullptr);
  EXPECT_EQ(r.FindAgencyStore("dis_admin_agency")->name, "local");
  EXPECT_EQ(r.FindAgencyStore("other"), nullptr);
  EXPECT_EQ(r.FindDwsCluster("c"), r.FindDwsCluster("c-id"));
  EXPECT_NE(r.FindDwsCluster("c"), nullptr);
  EXPECT_EQ(r.FindDwsCluster(""), nullptr);
  EXPECT_NE(r.FindKmsKey("k"), nullptr);
  EXPECT_EQ(r.FindKmsKey(""), nullptr);  // an empty id never matches
  EXPECT_TRUE(r.HasDliDatabase("db"));
  EXPECT_FALSE(r.HasDliDatabase("t"));
  EXPECT_NE(r.FindDliTable("db", "t"), nullptr);
  EXPECT_EQ(r.FindDliTable("db", "u"), nullptr);
  EXPECT_EQ(r.FindMrsCluster("c"), nullptr);
}

}  // namespace
}  // namespace disd::dump
