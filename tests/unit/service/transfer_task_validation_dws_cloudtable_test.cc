// Transfer-task descriptor validation for DWS (seed 004 5.5.7: the password sealed under the
// KMS key, cluster, key, delimiter and options rules) and CloudTable (5.5.10: cluster, the
// HBase and OpenTSDB schema shapes, row-key delimiter, backup bucket).
#include <gtest/gtest.h>

#include <functional>

#include "disd/dump/secret_box.h"
#include "unit/service/transfer_task_validation_fixture.h"

namespace disd::service::testing {
namespace {

Json Dws() {
  return {{"task_name", "dwstask"},      {"agency_name", "dis_admin_agency"},
          {"deliver_time_interval", 60}, {"dws_cluster_name", "dwscluster"},
          {"dws_cluster_id", "dws-id"},  {"dws_database_name", "postgres"},
          {"dws_schema", "dbadmin"},     {"dws_table_name", "t"},
          {"dws_delimiter", ""},         {"user_name", "dbadmin"},
          {"user_password", "s3cret"},   {"kms_user_key_name", "kmskey"},
          {"kms_user_key_id", "kms-id"}, {"obs_bucket_path", "obsbucket"}};
}

TEST_F(ValidationTest, DwsPasswordIsSealedUnderTheKmsKey) {
  auto out = NormaliseDws(Dws(), Env());
  ASSERT_TRUE(out.ok()) << out.error().detail;
  EXPECT_FALSE(out->contains("user_password"));
  EXPECT_EQ((*out)["dws_delimiter"], ",");
  EXPECT_EQ((*out)["options"]["fill_missing_fields"], "false");
  EXPECT_EQ((*out)["options"]["reject_limit"], "0");
  auto key = dump::SecretKeyFromHex(kKeyHex);
  auto opened = dump::OpenSecret(*key, (*out)["user_password_encrypted"].get<std::string>());
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "s3cret");
  EXPECT_EQ(out->dump().find("s3cret"), std::string::npos);
  EXPECT_FALSE(PublicDescriptor(*out).contains("user_password_encrypted"));
}

TEST_F(ValidationTest, DwsRules) {
  auto with = [&](const std::string& key, const Json& value) {
    Json in = Dws();
    in[key] = value;
    return Code(DestinationType::kDws, in);
  };
  EXPECT_EQ(with("dws_cluster_name", "x"), kOk);
  Json unknown = Dws();
  unknown["dws_cluster_name"] = "x";
  unknown["dws_cluster_id"] = "y";
  EXPECT_EQ(Code(DestinationType::kDws, unknown), ErrorCode::kInvalidDwsCluster);
  Json no_key = Dws();
  no_key["kms_user_key_name"] = "x";
  no_key["kms_user_key_id"] = "y";
  EXPECT_EQ(Code(DestinationType::kDws, no_key), ErrorCode::kInvalidKmsKey);
  for (const char* key : {"dws_database_name", "dws_schema", "dws_table_name", "user_name",
                          "user_password", "kms_user_key_id", "dws_cluster_id"}) {
    EXPECT_EQ(with(key, nullptr), kBad) << key;
  }
  for (const char* d : {",", ";", "|"}) EXPECT_EQ(with("dws_delimiter", d), kOk);
  EXPECT_EQ(with("dws_delimiter", ":"), kBad);
  EXPECT_EQ(with("options", {{"fill_missing_fields", "on"}, {"reject_limit", "unlimited"}}), kOk);
  EXPECT_EQ(with("options", {{"ignore_extra_data", "yes"}}), kBad);
  EXPECT_EQ(with("options", {{"reject_limit", "-1"}}), kBad);
  EXPECT_EQ(with("options", {{"reject_limit", 10}}), kOk);
}

Json HBase() {
  return {{"task_name", "hbasetask"},
          {"agency_name", "dis_admin_agency"},
          {"deliver_time_interval", 60},
          {"cloudtable_cluster_name", "ct"},
          {"cloudtable_cluster_id", "ct-id"},
          {"cloudtable_table_name", "table"},
          {"cloudtable_row_key_delimiter", "|"},
          {"cloudtable_schema",
           {{"row_key", {{{"value", "id"}, {"type", "String"}}}},
            {"columns",
             {{{"column_family_name", "cf"},
               {"column_name", "ID"},
               {"value", "v"},
               {"type", "Bigint"}}}}}}};
}

Json Tsdb() {
  return {
      {"task_name", "tsdbtask"},
      {"agency_name", "dis_admin_agency"},
      {"deliver_time_interval", 60},
      {"cloudtable_cluster_name", "tsdb"},
      {"cloudtable_cluster_id", "tsdb-id"},
      {"opentsdb_schema",
       {{{"metric", {{{"type", "Constant"}, {"value", "age.x"}}}},
         {"timestamp", {{"value", "date"}, {"type", "String"}, {"format", "yyyy/MM/dd HH:mm:ss"}}},
         {"value", {{"value", "value"}, {"type", "Bigint"}}},
         {"tags", {{{"name", "name"}, {"value", "name"}, {"type", "String"}}}}}}}};
}

TEST_F(ValidationTest, CloudTableHBaseSchema) {
  EXPECT_EQ(Code(DestinationType::kCloudTable, HBase()), kOk);
  auto with = [&](const std::function<void(Json&)>& change) {
    Json in = HBase();
    change(in);
    return Code(DestinationType::kCloudTable, in);
  };
  EXPECT_EQ(with([](Json& j) {
              j["cloudtable_cluster_name"] = "x";
              j["cloudtable_cluster_id"] = "y";
            }),
            ErrorCode::kCloudTableClusterNotFound);
  // The OpenTSDB-only cluster has no HBase REST gateway.
  EXPECT_EQ(with([](Json& j) {
              j["cloudtable_cluster_name"] = "tsdb";
              j["cloudtable_cluster_id"] = "tsdb-id";
            }),
            ErrorCode::kCloudTableClusterNotFound);
  EXPECT_EQ(with([](Json& j) { j.erase("cloudtable_table_name"); }),
            ErrorCode::kInvalidCloudTableSchema);
  EXPECT_EQ(with([](Json& j) { j["cloudtable_schema"]["row_key"] = Json::array(); }),
            ErrorCode::kInvalidCloudTableSchema);
  EXPECT_EQ(with([](Json& j) { j["cloudtable_schema"]["columns"][0]["type"] = "Int"; }),
            ErrorCode::kInvalidCloudTableSchema);
  EXPECT_EQ(with([](Json& j) {
              j["cloudtable_schema"]["columns"][0]["column_name"] = std::string(33, 'c');
            }),
            ErrorCode::kInvalidCloudTableSchema);
  EXPECT_EQ(with([](Json& j) {
              j["cloudtable_schema"]["columns"][0]["column_name"] = std::string(32, 'c');
            }),
            kOk);
  EXPECT_EQ(with([](Json& j) {
              Json keys = Json::array();
              for (int i = 0; i < 65; ++i) keys.push_back({{"value", "k"}, {"type", "String"}});
              j["cloudtable_schema"]["row_key"] = keys;
            }),
            ErrorCode::kInvalidCloudTableSchema);
  EXPECT_EQ(with([](Json& j) { j.erase("cloudtable_schema"); }),
            ErrorCode::kInvalidCloudTableSchema);
  EXPECT_EQ(with([](Json& j) { j["opentsdb_schema"] = Tsdb()["opentsdb_schema"]; }),
            ErrorCode::kInvalidCloudTableSchema);
  EXPECT_EQ(with([](Json& j) { j["cloudtable_row_key_delimiter"] = "#"; }), kBad);
  EXPECT_EQ(with([](Json& j) { j["backup_file_prefix"] = "/x"; }), kBad);
  EXPECT_EQ(with([](Json& j) { j["obs_backup_bucket_path"] = "missing"; }),
            ErrorCode::kBucketNotFound);
  auto out = NormaliseCloudTable(HBase(), Env());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)["obs_backup_bucket_path"], "");
  EXPECT_EQ((*out)["cloudtable_row_key_delimiter"], "|");
}

TEST_F(ValidationTest, CloudTableOpenTsdbSchema) {
  EXPECT_EQ(Code(DestinationType::kCloudTable, Tsdb()), kOk);
  auto with = [&](const std::function<void(Json&)>& change) {
    Json in = Tsdb();
    change(in);
    return Code(DestinationType::kCloudTable, in);
  };
  EXPECT_EQ(with([](Json& j) {
              j["cloudtable_cluster_name"] = "ct";
              j["cloudtable_cluster_id"] = "ct-id";
            }),
            ErrorCode::kCloudTableClusterNotFound);
  EXPECT_EQ(with([](Json& j) { j["opentsdb_schema"][0]["metric"][0]["type"] = "Number"; }),
            ErrorCode::kInvalidOpenTsdbSchema);
  EXPECT_EQ(with([](Json& j) { j["opentsdb_schema"][0]["timestamp"].erase("format"); }),
            ErrorCode::kInvalidOpenTsdbSchema);
  EXPECT_EQ(with([](Json& j) {
              j["opentsdb_schema"][0]["timestamp"] = {{"value", "ts"}, {"type", "Timestamp"}};
            }),
            kOk);
  EXPECT_EQ(with([](Json& j) { j["opentsdb_schema"][0]["value"]["value"] = std::string(33, 'v'); }),
            ErrorCode::kInvalidOpenTsdbSchema);
  EXPECT_EQ(with([](Json& j) { j["opentsdb_schema"][0].erase("tags"); }),
            ErrorCode::kInvalidOpenTsdbSchema);
  EXPECT_EQ(with([](Json& j) { j["opentsdb_schema"] = Json::array(); }),
            ErrorCode::kInvalidOpenTsdbSchema);
}

}  // namespace
}  // namespace disd::service::testing
