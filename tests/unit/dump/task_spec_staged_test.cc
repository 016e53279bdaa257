// ParseTaskSpec for the DWS, MRS and CloudTable descriptors: what the validation stores
// (NormaliseDws/Mrs/CloudTable) comes back as the typed DwsSpec, MrsSpec and
// CloudTableSpec the sinks run on, with the DWS password still sealed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "disd/dump/secret_box.h"
#include "disd/dump/task_spec.h"
#include "service/transfer_task_validation.h"

namespace disd::dump {
namespace {

using service::Json;

constexpr char kSecretsHex[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr char kKmsHex[] = "0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000";

class StagedTaskSpecTest : public ::testing::Test {
 protected:
  StagedTaskSpecTest() : registry_(Config(), *SecretKeyFromHex(kSecretsHex)) {
    stream_.data_type = engine::DataType::kJson;
  }
  static DestinationsConfig Config() {
    DestinationsConfig d = DefaultDestinations();
    d.dws_clusters.push_back({"dws1", "dws-id", "127.0.0.1", 5432, "postgres", "disable"});
    d.mrs_clusters.push_back({"mrs1", "mrs-id", "http://127.0.0.1:9870", "dis"});
    // Nothing listens on port 1: a reachability probe fails at once.
    d.cloudtable_clusters.push_back({"ct1", "ct-id", "", "http://127.0.0.1:1"});
    d.kms_keys.push_back({"key1", "key-id", kKmsHex});
    return d;
  }
  service::ValidationEnv Env() {
    return {registry_, stream_,
            [](const ObjectStoreConfig&, std::string_view) { return Status::Ok(); }};
  }
  static Json Common(const std::string& name) {
    return {{"task_name", name},
            {"agency_name", "dis_admin_agency"},
            {"obs_bucket_path", "obs-bucket"},
            {"file_prefix", "stage"}};
  }
  DestinationRegistry registry_;
  engine::StreamMeta stream_;
};

TEST_F(StagedTaskSpecTest, DwsRoundTripKeepsEveryFieldAndTheSealedPassword) {
  Json in = Common("d");
  in["dws_cluster_name"] = "dws1";
  in["dws_cluster_id"] = "dws-id";
  in["dws_database_name"] = "db";
  in["dws_schema"] = "public";
  in["dws_table_name"] = "t";
  in["dws_delimiter"] = "|";
  in["user_name"] = "loader";
  in["user_password"] = "pw-secret";
  in["kms_user_key_name"] = "key1";
  in["kms_user_key_id"] = "key-id";
  in["dws_table_columns"] = "c1, c2,c3";
  in["options"] = {{"fill_missing_fields", "on"},
                   {"ignore_extra_data", "true"},
                   {"compatible_illegal_chars", "off"},
                   {"reject_limit", "7"},
                   {"error_table_name", "errs"}};
  auto normalised = service::NormaliseDws(in, Env());
  ASSERT_TRUE(normalised.ok()) << normalised.error().detail;
  EXPECT_EQ(normalised->dump().find("pw-secret"), std::string::npos);
  auto spec = ParseTaskSpec(engine::DestinationType::kDws, normalised->dump(), registry_);
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  ASSERT_TRUE(spec->dws.has_value());
  const DwsSpec& d = *spec->dws;
  EXPECT_EQ(d.cluster_name, "dws1");
  EXPECT_EQ(d.cluster_id, "dws-id");
  EXPECT_EQ(d.database_name, "db");
  EXPECT_EQ(d.schema, "public");
  EXPECT_EQ(d.table_name, "t");
  EXPECT_EQ(d.delimiter, "|");
  EXPECT_EQ(d.user_name, "loader");
  EXPECT_EQ(d.kms_key_name, "key1");
  EXPECT_EQ(d.kms_key_id, "key-id");
  EXPECT_EQ(d.table_columns, (std::vector<std::string>{"c1", "c2", "c3"}));
  EXPECT_TRUE(d.options.fill_missing_fields);
  EXPECT_TRUE(d.options.ignore_extra_data);
  EXPECT_FALSE(d.options.compatible_illegal_chars);
  EXPECT_EQ(d.options.reject_limit, 7);
  EXPECT_EQ(d.options.error_table_name, "errs");
  auto password = OpenSecret(*SecretKeyFromHex(kKmsHex), d.user_password_sealed);
  ASSERT_TRUE(password.ok());
  EXPECT_EQ(*password, "pw-secret");
  EXPECT_EQ(spec->common.obs_bucket_path, "obs-bucket");
  EXPECT_EQ(spec->common.file_prefix, "stage");
}

TEST_F(StagedTaskSpecTest, DwsDefaultsAndUnlimitedRejects) {
  Json in = Common("d");
  for (const char* key : {"dws_cluster_name", "dws_cluster_id"}) in[key] = "dws1";
  in["dws_cluster_id"] = "dws-id";
  in["dws_database_name"] = "db";
  in["dws_schema"] = "s";
  in["dws_table_name"] = "t";
  in["user_name"] = "u";
  in["user_password"] = "p";
  in["kms_user_key_name"] = "key1";
  in["kms_user_key_id"] = "key-id";
  in["options"] = {{"reject_limit", "unlimited"}};
  auto normalised = service::NormaliseDws(in, Env());
  ASSERT_TRUE(normalised.ok()) << normalised.error().detail;
  auto spec = ParseTaskSpec(engine::DestinationType::kDws, normalised->dump());
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  EXPECT_EQ(spec->dws->delimiter, ",");
  EXPECT_TRUE(spec->dws->table_columns.empty());
  EXPECT_FALSE(spec->dws->options.fill_missing_fields);
  EXPECT_EQ(spec->dws->options.reject_limit, -1);
  EXPECT_EQ(spec->dws->options.error_table_name, "");
}

TEST_F(StagedTaskSpecTest, MrsRoundTrip) {
  Json in = Common("m");
  in["mrs_cluster_name"] = "mrs1";
  in["mrs_cluster_id"] = "mrs-id";
  in["mrs_hdfs_path"] = "/user/dis";
  in["hdfs_prefix_folder"] = "in/bound";
  auto normalised = service::NormaliseMrs(in, Env());
  ASSERT_TRUE(normalised.ok()) << normalised.error().detail;
  auto spec = ParseTaskSpec(engine::DestinationType::kMrs, normalised->dump());
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  ASSERT_TRUE(spec->mrs.has_value());
  EXPECT_EQ(spec->mrs->cluster_name, "mrs1");
  EXPECT_EQ(spec->mrs->cluster_id, "mrs-id");
  EXPECT_EQ(spec->mrs->hdfs_path, "/user/dis");
  EXPECT_EQ(spec->mrs->hdfs_prefix_folder, "in/bound");
  EXPECT_FALSE(spec->dws.has_value());
}

TEST_F(StagedTaskSpecTest, OpenTsdbRoundTripKeepsTheSchemaText) {
  Json schema = Json::array({{{"metric", {{{"type", "Constant"}, {"value", "age"}}}},
                              {"timestamp", {{"type", "Timestamp"}, {"value", "ts"}}},
                              {"value", {{"type", "Bigint"}, {"value", "v"}}},
                              {"tags", {{{"name", "host"}, {"type", "String"}, {"value", "h"}}}}}});
  Json in = {{"task_name", "o"},
             {"agency_name", "dis_admin_agency"},
             {"cloudtable_cluster_name", "ct1"},
             {"cloudtable_cluster_id", "ct-id"},
             {"opentsdb_schema", schema}};
  auto normalised = service::NormaliseCloudTable(in, Env());
  ASSERT_TRUE(normalised.ok()) << normalised.error().detail;
  auto spec = ParseTaskSpec(engine::DestinationType::kCloudTable, normalised->dump());
  ASSERT_TRUE(spec.ok()) << spec.error().detail;
  ASSERT_TRUE(spec->cloudtable.has_value());
  EXPECT_EQ(spec->cloudtable->cluster_name, "ct1");
  EXPECT_EQ(spec->cloudtable->row_key_delimiter, ".");
  EXPECT_TRUE(spec->cloudtable->hbase_schema_json.empty());
  EXPECT_EQ(Json::parse(spec->cloudtable->opentsdb_schema_json), schema);
  EXPECT_EQ(spec->common.obs_bucket_path, "");  // no backup bucket
}

TEST_F(StagedTaskSpecTest, MissingDestinationFieldsAreCorruption) {
  Json stored = {{"task_name", "x"},
                 {"agency_name", "dis_admin_agency"},
                 {"deliver_time_interval", 60},
                 {"consumer_strategy", "LATEST"},
                 {"retry_duration", 10},
                 {"obs_bucket_path", "b"}};
  for (auto type : {engine::DestinationType::kDws, engine::DestinationType::kMrs,
                    engine::DestinationType::kCloudTable}) {
    auto spec = ParseTaskSpec(type, stored.dump());
    ASSERT_FALSE(spec.ok());
    EXPECT_EQ(spec.error().code, ErrorCode::kInternal);
  }
}

}  // namespace
}  // namespace disd::dump
