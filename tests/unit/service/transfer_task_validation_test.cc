// Transfer-task descriptor validation, the fields every destination shares and the OBS, MRS
// and DLI descriptors (seed 004 5.5.1, 5.5.8, 5.5.9): every rule at its boundaries, the
// defaults the normalised descriptor gets, and the resource error codes.
#include <gtest/gtest.h>

#include "unit/service/transfer_task_validation_fixture.h"

namespace disd::service::testing {
namespace {

TEST_F(ValidationTest, ObsDefaultsAreFilledIn) {
  Json out = NormalisedObs(Obs());
  EXPECT_EQ(out, (Json{{"task_name", "task"},
                       {"agency_name", "dis_admin_agency"},
                       {"deliver_time_interval", 30},
                       {"consumer_strategy", "LATEST"},
                       {"retry_duration", 1800},
                       {"destination_file_type", "text"},
                       {"partition_format", ""},
                       {"record_delimiter", "\n"},
                       {"file_prefix", ""},
                       {"obs_bucket_path", "obsbucket"}}));
  Json no_interval = Obs();
  no_interval.erase("deliver_time_interval");
  EXPECT_EQ(NormalisedObs(no_interval)["deliver_time_interval"], 300);
}

TEST_F(ValidationTest, TaskNameRule) {
  EXPECT_EQ(ObsWith("task_name", "a"), kOk);
  EXPECT_EQ(ObsWith("task_name", std::string(64, 'x')), kOk);
  EXPECT_EQ(ObsWith("task_name", "A-z_09"), kOk);
  EXPECT_EQ(ObsWith("task_name", std::string(65, 'x')), kBad);
  EXPECT_EQ(ObsWith("task_name", ""), kBad);
  EXPECT_EQ(ObsWith("task_name", nullptr), kBad);
  EXPECT_EQ(ObsWith("task_name", "a.b"), kBad);
  EXPECT_EQ(ObsWith("task_name", "a b"), kBad);
  EXPECT_EQ(ObsWith("task_name", 5), kBad);
}

TEST_F(ValidationTest, IntervalBounds) {
  EXPECT_EQ(ObsWith("deliver_time_interval", 29), kBad);
  EXPECT_EQ(ObsWith("deliver_time_interval", 30), kOk);
  EXPECT_EQ(ObsWith("deliver_time_interval", 900), kOk);
  EXPECT_EQ(ObsWith("deliver_time_interval", 901), kBad);
  EXPECT_EQ(ObsWith("deliver_time_interval", "60"), kOk);  // Jackson-style string
  EXPECT_EQ(ObsWith("deliver_time_interval", "soon"), kBad);
  EXPECT_EQ(ObsWith("deliver_time_interval", 1.5), kBad);
}

TEST_F(ValidationTest, ConsumerStrategyValues) {
  EXPECT_EQ(ObsWith("consumer_strategy", "LATEST"), kOk);
  EXPECT_EQ(ObsWith("consumer_strategy", "TRIM_HORIZON"), kOk);
  EXPECT_EQ(ObsWith("consumer_strategy", "latest"), kBad);
  EXPECT_EQ(ObsWith("consumer_strategy", "EARLIEST"), kBad);
}

TEST_F(ValidationTest, FilePrefixRules) {
  EXPECT_EQ(ObsWith("file_prefix", "a/b_c/D9"), kOk);
  EXPECT_EQ(ObsWith("file_prefix", std::string(50, 'p')), kOk);
  EXPECT_EQ(ObsWith("file_prefix", std::string(51, 'p')), kBad);
  EXPECT_EQ(ObsWith("file_prefix", "/abs"), kBad);
  EXPECT_EQ(ObsWith("file_prefix", "a-b"), kBad);
  EXPECT_EQ(ObsWith("file_prefix", "a.b"), kBad);
  EXPECT_EQ(ObsWith("file_prefix", "a//b"), kBad);
  EXPECT_EQ(ObsWith("file_prefix", "a/"), kBad);
  Json in = Obs();
  in["file_prefix"] = "dir/sub";
  EXPECT_EQ(NormalisedObs(in)["file_prefix"], "dir/sub");
}

TEST_F(ValidationTest, PartitionFormatEnum) {
  for (const char* f : {"yyyy", "yyyy/MM", "yyyy/MM/dd", "yyyy/MM/dd/HH", "yyyy/MM/dd/HH/mm"}) {
    EXPECT_EQ(ObsWith("partition_format", f), kOk) << f;
  }
  EXPECT_EQ(ObsWith("partition_format", "yyyy/MM/dd/HH/mm/ss"), kBad);
  EXPECT_EQ(ObsWith("partition_format", "MM"), kBad);
  Json in = Obs();
  in["partition_format"] = "N/A";
  EXPECT_EQ(NormalisedObs(in)["partition_format"], "");
}

TEST_F(ValidationTest, RecordDelimiterValues) {
  for (const char* d : {",", ";", "|", "\n"}) EXPECT_EQ(ObsWith("record_delimiter", d), kOk);
  EXPECT_EQ(ObsWith("record_delimiter", "\t"), kBad);
  EXPECT_EQ(ObsWith("record_delimiter", "||"), kBad);
}

TEST_F(ValidationTest, ParquetAndCarbonOnlyForJsonStreamsOnObs) {
  EXPECT_EQ(ObsWith("destination_file_type", "text"), kOk);
  EXPECT_EQ(ObsWith("destination_file_type", "parquet"), kOk);
  EXPECT_EQ(ObsWith("destination_file_type", "carbon"), kOk);
  EXPECT_EQ(ObsWith("destination_file_type", "csv"), kBad);
  stream_.data_type = engine::DataType::kBlob;
  EXPECT_EQ(ObsWith("destination_file_type", "parquet"), kBad);
  EXPECT_EQ(ObsWith("destination_file_type", "carbon"), kBad);
  EXPECT_EQ(ObsWith("destination_file_type", "text"), kOk);
  stream_.data_type = engine::DataType::kJson;
  Json mrs = Obs();
  mrs.update({{"mrs_cluster_name", "mrscluster"},
              {"mrs_cluster_id", "mrs-id"},
              {"mrs_hdfs_path", "/user"},
              {"destination_file_type", "parquet"}});
  EXPECT_EQ(Code(DestinationType::kMrs, mrs), kBad);
}

TEST_F(ValidationTest, ProcessingSchema) {
  Json ts = {{"timestamp_name", "ts"}, {"timestamp_type", "Timestamp"}};
  EXPECT_EQ(ObsWith("processing_schema", ts), kOk);
  Json in = Obs();
  in["processing_schema"] = ts;
  in["processing_schema"]["timestamp_format"] = "ignored";
  EXPECT_EQ(NormalisedObs(in)["processing_schema"],
            (Json{{"timestamp_name", "ts"}, {"timestamp_type", "Timestamp"}}));
  for (const char* f : {"yyyy/MM/dd HH:mm:ss", "MM/dd/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm:ss",
                        "yyyy-MM-dd HH:mm:ss", "MM-dd-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm:ss"}) {
    Json s = {{"timestamp_name", "ts"}, {"timestamp_type", "String"}, {"timestamp_format", f}};
    EXPECT_EQ(ObsWith("processing_schema", s), kOk) << f;
  }
  EXPECT_EQ(ObsWith("processing_schema", {{"timestamp_name", "ts"}, {"timestamp_type", "String"}}),
            kBad);
  EXPECT_EQ(ObsWith("processing_schema", {{"timestamp_name", "ts"},
                                          {"timestamp_type", "String"},
                                          {"timestamp_format", "yyyyMMdd"}}),
            kBad);
  EXPECT_EQ(ObsWith("processing_schema", {{"timestamp_type", "Timestamp"}}), kBad);
  EXPECT_EQ(ObsWith("processing_schema", {{"timestamp_name", "ts"}, {"timestamp_type", "Long"}}),
            kBad);
  EXPECT_EQ(ObsWith("processing_schema", "ts"), kBad);
}

TEST_F(ValidationTest, RetryDurationBounds) {
  EXPECT_EQ(ObsWith("retry_duration", 0), kOk);
  EXPECT_EQ(ObsWith("retry_duration", 7200), kOk);
  EXPECT_EQ(ObsWith("retry_duration", "7200"), kOk);  // the seed types it String
  EXPECT_EQ(ObsWith("retry_duration", 7201), kBad);
  EXPECT_EQ(ObsWith("retry_duration", -1), kBad);
}

TEST_F(ValidationTest, AgencyAndBucket) {
  EXPECT_EQ(ObsWith("agency_name", "nobody"), ErrorCode::kInvalidAgency);
  EXPECT_EQ(ObsWith("agency_name", std::string(65, 'a')), kBad);
  EXPECT_EQ(ObsWith("agency_name", ""), kBad);
  EXPECT_EQ(ObsWith("obs_bucket_path", "missing"), ErrorCode::kBucketNotFound);
  EXPECT_EQ(ObsWith("obs_bucket_path", nullptr), kBad);
  // The agency is checked before the bucket.
  Json in = Obs();
  in["agency_name"] = "nobody";
  in["obs_bucket_path"] = "missing";
  EXPECT_EQ(Code(DestinationType::kObs, in), ErrorCode::kInvalidAgency);
}

TEST_F(ValidationTest, MrsRules) {
  Json mrs = Obs();
  mrs.update({{"mrs_cluster_name", "mrscluster"},
              {"mrs_cluster_id", "mrs-id"},
              {"mrs_hdfs_path", "/user"},
              {"hdfs_prefix_folder", std::string(50, 'h')}});
  EXPECT_EQ(Code(DestinationType::kMrs, mrs), kOk);
  auto with = [&](const std::string& key, const Json& value) {
    Json in = mrs;
    in[key] = value;
    return Code(DestinationType::kMrs, in);
  };
  EXPECT_EQ(with("mrs_cluster_name", "nope"), kOk);  // the id still names it
  EXPECT_EQ(with("mrs_cluster_id", "other-id"), ErrorCode::kInvalidMrsCluster);
  Json unknown = mrs;
  unknown["mrs_cluster_name"] = "nope";
  unknown["mrs_cluster_id"] = "nope-id";
  EXPECT_EQ(Code(DestinationType::kMrs, unknown), ErrorCode::kInvalidMrsCluster);
  EXPECT_EQ(with("mrs_cluster_id", nullptr), kBad);
  EXPECT_EQ(with("mrs_hdfs_path", nullptr), ErrorCode::kInvalidHdfsPath);
  EXPECT_EQ(with("mrs_hdfs_path", "relative"), ErrorCode::kInvalidHdfsPath);
  EXPECT_EQ(with("hdfs_prefix_folder", std::string(51, 'h')), kBad);
  EXPECT_EQ(with("obs_bucket_path", nullptr), kBad);
  EXPECT_EQ(with("obs_bucket_path", "missing"), ErrorCode::kBucketNotFound);
}

TEST_F(ValidationTest, DliRules) {
  Json dli = Obs();
  dli.update({{"dli_database_name", "db"}, {"dli_table_name", "t"}});
  auto out = NormaliseDli(dli, Env());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)["dli_table_name"], "t");
  EXPECT_EQ((*out)["file_prefix"], "");
  dli["dli_database_name"] = "nodb";
  EXPECT_EQ(Code(DestinationType::kDli, dli), ErrorCode::kDliDatabaseNotFound);
  dli["dli_database_name"] = "db";
  dli["dli_table_name"] = "not";
  EXPECT_EQ(Code(DestinationType::kDli, dli), ErrorCode::kDliTableNotFound);
  dli.erase("dli_table_name");
  EXPECT_EQ(Code(DestinationType::kDli, dli), kBad);
}

TEST(DestinationTypeTest, SpellingsAndKeys) {
  EXPECT_EQ(*ParseDestinationType("obs"), engine::DestinationType::kObs);
  EXPECT_EQ(*ParseDestinationType("CLOUDBASE"), engine::DestinationType::kCloudTable);
  EXPECT_EQ(*ParseDestinationType("CLOUTABLE"), engine::DestinationType::kCloudTable);
  EXPECT_FALSE(ParseDestinationType("NOWHERE").ok());
  EXPECT_EQ(DescriptorKey(engine::DestinationType::kCloudTable),
            "cloudtable_destination_descriptor");
  EXPECT_EQ(engine::ToString(engine::DestinationType::kDws), "DWS");
}

}  // namespace
}  // namespace disd::service::testing
