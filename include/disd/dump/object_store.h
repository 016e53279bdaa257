// ObjectStore: the narrow interface every dump sink writes files through (OBS, and the
// staging bucket of the DWS/MRS/DLI dumps). Two implementations: a local directory (the
// embedded default) and an S3-compatible server signed with SigV4 (object_store_s3.cc).
//
// Contracts:
//  - Put replaces an existing object of the same key atomically (readers see the old or
//    the new bytes, never a mix), so a retried delivery overwrites instead of duplicating.
//  - Errors are values: kBucketNotFound when the bucket does not exist, kObsAccessError
//    for refused credentials or signatures (403) and for transport failures, with a detail
//    naming the server's answer.
//
// Thread-safety: implementations are safe for concurrent use.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/dump/destinations.h"

namespace disd::dump {

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  virtual Result<bool> BucketExists(std::string_view bucket) = 0;
  // Creates the bucket; succeeds when it already exists and is ours.
  virtual Status CreateBucket(std::string_view bucket) = 0;
  virtual Status Put(std::string_view bucket, std::string_view key, std::string_view bytes,
                     std::string_view content_type) = 0;
  // nullopt when the object does not exist.
  virtual Result<std::optional<std::string>> Get(std::string_view bucket,
                                                 std::string_view key) = 0;
  // Keys under `prefix`, sorted bytewise.
  virtual Result<std::vector<std::string>> List(std::string_view bucket,
                                                std::string_view prefix) = 0;
};

// Builds the store `config` describes. `data_dir` resolves a relative kLocal root_dir;
// `clock` dates SigV4 requests (the real clock in production: servers reject skew).
// The clock must outlive the store.
Result<std::unique_ptr<ObjectStore>> MakeObjectStore(const ObjectStoreConfig& config,
                                                     std::string_view data_dir,
                                                     const Clock& clock);

}  // namespace disd::dump
