// RgwServer: a real, signature-verifying S3 server (Ceph RGW on memstore, started by
// tests/support/start-rgw.sh) for the OBS sink tests. One instance per test binary run,
// started on first use (about 10 s) and stopped when the binary ends (a gtest global
// environment); if the test binary dies, the kernel's parent-death signal stops it too.
//
// Tests take it with DISD_REQUIRE_RGW(rgw): when the server cannot start (Ceph not
// installed, not permitted, ...) the test FAILS with the reason and the bootstrap log.
// Setting DISD_TEST_SKIP_RGW=1 skips these tests instead (local opt-out only; CI runs them).
//
// For checking what landed in the server the fixture also speaks S3 itself, through curl's
// own SigV4 implementation (`curl --aws-sigv4`), a client independent of disd's.
//
// Thread-safety: Shared() may be called from any thread; the S3 helpers spawn a process
// per call and are safe to call concurrently.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace disd::test {

class RgwServer {
 public:
  static constexpr char kAccessKey[] = "DISTESTAK";
  static constexpr char kSecretKey[] = "DISTESTSECRET";
  static constexpr char kRegion[] = "cn-north-4";

  // The shared instance, started on the first call. nullptr when it cannot run; `why`
  // then explains (with the tail of the bootstrap log).
  static RgwServer* Shared(std::string* why);
  // True when DISD_TEST_SKIP_RGW asks to skip the RGW tests.
  static bool SkipRequested();
  // Stops the shared instance if it runs (the global environment calls it at the end).
  static void StopShared();

  // "http://127.0.0.1:PORT".
  const std::string& endpoint() const { return endpoint_; }

  struct Answer {
    int status = 0;  // 0 when curl could not run or reach the server
    std::string body;
  };
  // One signed S3 request through curl. `key` is unencoded ("" for bucket requests);
  // `query` is appended as given ("list-type=2&prefix=a").
  Answer Call(const std::string& method, const std::string& bucket, const std::string& key = {},
              const std::string& query = {}, const std::string& body = {}) const;

  bool CreateBucket(const std::string& bucket) const;
  // Deletes every object of the bucket, then the bucket.
  bool DeleteBucket(const std::string& bucket) const;
  std::optional<std::string> Get(const std::string& bucket, const std::string& key) const;
  // Keys under `prefix` (all pages), sorted.
  std::vector<std::string> List(const std::string& bucket, const std::string& prefix = {}) const;

  ~RgwServer();

 private:
  RgwServer() = default;
  bool Start(std::string* why);
  void Stop();
  std::string LogTail() const;

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::string endpoint_;
};

}  // namespace disd::test

// Declares `RgwServer* var` for the rest of the test body: fails the test when the server
// cannot run, skips it when DISD_TEST_SKIP_RGW is set.
#define DISD_REQUIRE_RGW(var)                                                       \
  if (::disd::test::RgwServer::SkipRequested()) {                                   \
    GTEST_SKIP() << "DISD_TEST_SKIP_RGW is set: Ceph RGW tests skipped";            \
  }                                                                                 \
  std::string var##_why;                                                            \
  ::disd::test::RgwServer* var = ::disd::test::RgwServer::Shared(&var##_why);       \
  if (var == nullptr) {                                                             \
    FAIL() << "the Ceph RGW test server could not start (set DISD_TEST_SKIP_RGW=1 " \
              "to skip these tests locally): "                                      \
           << var##_why;                                                            \
  }
