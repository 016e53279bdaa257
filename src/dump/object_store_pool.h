// ObjectStorePool: one ObjectStore per configured store (and per inline credential pair,
// for DMS sink tasks that bring their own keys), built on first use and kept for the
// pool's lifetime, so the workers share connections' settings and local roots.
//
// Thread-safety: Get may be called concurrently; stores are safe for concurrent use.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "disd/common/clock.h"
#include "disd/common/status.h"
#include "disd/dump/object_store.h"

namespace disd::dump {

class ObjectStorePool {
 public:
  // `signing_clock` dates SigV4 requests (the real clock); both must outlive the pool.
  ObjectStorePool(std::string data_dir, const Clock& signing_clock)
      : data_dir_(std::move(data_dir)), signing_clock_(signing_clock) {}

  // The store `config` describes; the same pointer for the same name and credentials.
  Result<ObjectStore*> Get(const ObjectStoreConfig& config);

 private:
  const std::string data_dir_;
  const Clock& signing_clock_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<ObjectStore>> stores_;  // guarded by mu_
};

}  // namespace disd::dump
