// The fixture of the transfer-task validation tests: a fixed destinations registry (a DLI
// table, DWS/MRS/CloudTable clusters, a KMS key), a stream whose data type a test may change,
// and a fake bucket probe that knows the buckets "obsbucket" and "backup".
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "service/transfer_task_validation.h"

namespace disd::service::testing {

inline constexpr char kKeyHex[] =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

inline dump::DestinationsConfig TestDestinations() {
  dump::DestinationsConfig d = dump::DefaultDestinations();
  d.dli_tables.push_back(
      {"db", "t", "local", "obsbucket", "warehouse/db/t", dump::DliFileFormat::kJsonLines, ","});
  d.dws_clusters.push_back({"dwscluster", "dws-id", "127.0.0.1", 5432, "postgres", "disable"});
  d.mrs_clusters.push_back({"mrscluster", "mrs-id", "http://127.0.0.1:9870", "dis"});
  d.mrs_clusters.push_back({"other", "other-id", "http://127.0.0.1:9871", "dis"});
  d.cloudtable_clusters.push_back({"ct", "ct-id", "http://127.0.0.1:8080", ""});
  d.cloudtable_clusters.push_back({"tsdb", "tsdb-id", "", "http://127.0.0.1:4242"});
  d.kms_keys.push_back({"kmskey", "kms-id", kKeyHex});
  return d;
}

class ValidationTest : public ::testing::Test {
 protected:
  ValidationTest() : registry_(TestDestinations()) {
    stream_.name = "s";
    stream_.data_type = engine::DataType::kJson;
  }

  ValidationEnv Env() {
    return ValidationEnv{registry_, stream_,
                         [this](const dump::ObjectStoreConfig&, std::string_view bucket) -> Status {
                           if (buckets_.contains(std::string(bucket))) return Status::Ok();
                           return MakeError(ErrorCode::kBucketNotFound, std::string(bucket));
                         }};
  }

  static Json Obs() {
    return {{"task_name", "task"},
            {"agency_name", "dis_admin_agency"},
            {"deliver_time_interval", 30},
            {"obs_bucket_path", "obsbucket"}};
  }

  // The error code of normalising `in` as `type` (kInternal stands for "ok").
  ErrorCode Code(engine::DestinationType type, const Json& in) {
    auto out = NormaliseDescriptor(type, in, Env());
    return out.ok() ? ErrorCode::kInternal : out.error().code;
  }
  ErrorCode ObsWith(const std::string& key, const Json& value) {
    Json in = Obs();
    in[key] = value;
    return Code(engine::DestinationType::kObs, in);
  }
  Json NormalisedObs(const Json& in) {
    auto out = NormaliseObs(in, Env());
    EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().detail);
    return out.ok() ? *out : Json();
  }

  dump::DestinationRegistry registry_;
  engine::StreamMeta stream_;
  std::set<std::string> buckets_ = {"obsbucket", "backup"};
};

inline constexpr ErrorCode kOk = ErrorCode::kInternal;
inline constexpr ErrorCode kBad = ErrorCode::kInvalidRequest;
using engine::DestinationType;

}  // namespace disd::service::testing
