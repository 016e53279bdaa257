// The S3 object store against a real, signature-verifying S3 server (Ceph RGW, started by
// tests/support/rgw_fixture.h): signed PUT/GET/LIST of keys that stress the encoding rules,
// both payload modes, atomic replacement, and the error mapping (wrong secret -> 403
// kObsAccessError, missing bucket -> kBucketNotFound, unreachable -> kObsAccessError).
// Objects are also read back with curl's independent SigV4 client.
#include <gtest/gtest.h>

#include "disd/common/clock.h"
#include "disd/dump/object_store.h"
#include "support/rgw_fixture.h"

namespace disd::dump {
namespace {

using test::RgwServer;

ObjectStoreConfig RgwConfig(const RgwServer& rgw) {
  ObjectStoreConfig config;
  config.name = "rgw";
  config.kind = ObjectStoreKind::kS3;
  config.endpoint = rgw.endpoint();
  config.region = RgwServer::kRegion;
  config.access_key = RgwServer::kAccessKey;
  config.secret_key = RgwServer::kSecretKey;
  config.timeout_ms = 20000;
  return config;
}

std::unique_ptr<ObjectStore> Make(const ObjectStoreConfig& config, const Clock& clock) {
  auto store = MakeObjectStore(config, "", clock);
  EXPECT_TRUE(store.ok()) << store.error().detail;
  return store.ok() ? std::move(*store) : nullptr;
}

TEST(S3ObjectStoreRgwTest, SignedRequestsRoundTripTrickyKeys) {
  DISD_REQUIRE_RGW(rgw);
  SystemClock clock;
  for (bool unsigned_payload : {true, false}) {
    SCOPED_TRACE(unsigned_payload ? "UNSIGNED-PAYLOAD" : "signed payload");
    ObjectStoreConfig config = RgwConfig(*rgw);
    config.unsigned_payload = unsigned_payload;
    auto store = Make(config, clock);
    ASSERT_TRUE(store);
    const std::string bucket = unsigned_payload ? "tricky-unsigned" : "tricky-signed";
    EXPECT_FALSE(*store->BucketExists(bucket));
    ASSERT_TRUE(store->CreateBucket(bucket).ok());
    ASSERT_TRUE(store->CreateBucket(bucket).ok()) << "creating an owned bucket again is fine";
    EXPECT_TRUE(*store->BucketExists(bucket));

    const std::vector<std::string> keys = {
        "dump/s1/2026/11/21/a b+c=d&\xC3\xA9~.txt",  // space, plus, equals, ampersand, UTF-8, tilde
        "dump/s1/%41 literal percent",
        "dump/s1/semi;colon:comma,star*(paren)!'quote'$dollar@at",
        "dump/s1/\xE4\xB8\xAD\xE6\x96\x87/\xF0\x9F\x98\x80",
        "dump/s2/plain.txt",
    };
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const std::string body = "body " + std::to_string(i) + std::string("\0\n\xff", 3);
      ASSERT_TRUE(store->Put(bucket, keys[i], body, "text/plain").ok()) << keys[i];
      auto got = store->Get(bucket, keys[i]);
      ASSERT_TRUE(got.ok() && got->has_value()) << keys[i];
      EXPECT_EQ(**got, body) << keys[i];
      EXPECT_EQ(rgw->Get(bucket, keys[i]), body) << "curl reads " << keys[i];
    }
    std::vector<std::string> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(*store->List(bucket, ""), sorted);
    EXPECT_EQ(*store->List(bucket, "dump/s2/"), std::vector<std::string>{"dump/s2/plain.txt"});
    EXPECT_TRUE(store->List(bucket, "nothing/")->empty());
    EXPECT_FALSE(store->Get(bucket, "dump/missing")->has_value());

    // Replacement: the new bytes, under the same single key.
    ASSERT_TRUE(store->Put(bucket, keys.back(), "second", "text/plain").ok());
    EXPECT_EQ(**store->Get(bucket, keys.back()), "second");
    EXPECT_EQ(store->List(bucket, "dump/s2/")->size(), 1u);
  }
}

TEST(S3ObjectStoreRgwTest, ListFollowsContinuationTokens) {
  DISD_REQUIRE_RGW(rgw);
  SystemClock clock;
  auto store = Make(RgwConfig(*rgw), clock);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->CreateBucket("many-keys").ok());
  std::vector<std::string> expected;
  for (int i = 0; i < 1005; ++i) {  // one page holds 1000
    expected.push_back("k/" + std::to_string(100000 + i));
    ASSERT_TRUE(store->Put("many-keys", expected.back(), "x", "").ok());
  }
  EXPECT_EQ(*store->List("many-keys", "k/"), expected);
}

TEST(S3ObjectStoreRgwTest, ErrorsMapToDisCodes) {
  DISD_REQUIRE_RGW(rgw);
  SystemClock clock;
  auto store = Make(RgwConfig(*rgw), clock);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->CreateBucket("errors-bucket").ok());

  // Missing bucket.
  EXPECT_FALSE(*store->BucketExists("no-such-bucket"));
  Status put = store->Put("no-such-bucket", "k", "x", "");
  EXPECT_EQ(put.code(), ErrorCode::kBucketNotFound) << put.error().detail;
  EXPECT_EQ(store->Get("no-such-bucket", "k").error().code, ErrorCode::kBucketNotFound);
  EXPECT_EQ(store->List("no-such-bucket", "").error().code, ErrorCode::kBucketNotFound);

  // A wrong secret: the server verifies the signature and refuses.
  ObjectStoreConfig wrong = RgwConfig(*rgw);
  wrong.secret_key = "NOT-THE-SECRET";
  auto bad = Make(wrong, clock);
  ASSERT_TRUE(bad);
  put = bad->Put("errors-bucket", "k", "x", "text/plain");
  ASSERT_EQ(put.code(), ErrorCode::kObsAccessError);
  EXPECT_NE(put.error().detail.find("403"), std::string::npos) << put.error().detail;
  EXPECT_NE(put.error().detail.find("SignatureDoesNotMatch"), std::string::npos)
      << put.error().detail;
  EXPECT_EQ(bad->Get("errors-bucket", "k").error().code, ErrorCode::kObsAccessError);
  EXPECT_EQ(bad->List("errors-bucket", "").error().code, ErrorCode::kObsAccessError);
  EXPECT_EQ(bad->BucketExists("errors-bucket").error().code, ErrorCode::kObsAccessError);
  EXPECT_FALSE(rgw->Get("errors-bucket", "k").has_value()) << "nothing was written";

  // An unknown access key, and a request dated an hour off (servers allow 15 minutes).
  ObjectStoreConfig unknown = RgwConfig(*rgw);
  unknown.access_key = "NOBODY";
  EXPECT_EQ(Make(unknown, clock)->Put("errors-bucket", "k", "x", "").code(),
            ErrorCode::kObsAccessError);
  ManualClock skewed(clock.NowMs() - 3600 * 1000);
  Status late = Make(RgwConfig(*rgw), skewed)->Put("errors-bucket", "k", "x", "");
  EXPECT_EQ(late.code(), ErrorCode::kObsAccessError) << "RequestTimeTooSkewed";

  // Nobody listening.
  ObjectStoreConfig nowhere = RgwConfig(*rgw);
  nowhere.endpoint = "http://127.0.0.1:1";
  Status refused = Make(nowhere, clock)->Put("errors-bucket", "k", "x", "");
  EXPECT_EQ(refused.code(), ErrorCode::kObsAccessError);
  EXPECT_NE(refused.error().detail.find("cannot reach 127.0.0.1:1"), std::string::npos)
      << refused.error().detail;
}

TEST(S3ObjectStoreRgwTest, VirtualHostedAddressingPutsTheBucketInTheHost) {
  DISD_REQUIRE_RGW(rgw);
  // The fixture's gateway knows "localhost" as its DNS name, so Host "bucket.localhost:PORT"
  // names the bucket (the connection still goes to the endpoint's own address).
  SystemClock clock;
  ObjectStoreConfig config = RgwConfig(*rgw);
  config.path_style = false;
  config.endpoint = "http://localhost:" + rgw->endpoint().substr(rgw->endpoint().rfind(':') + 1);
  auto store = Make(config, clock);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->CreateBucket("vhost-bucket").ok());
  EXPECT_TRUE(*store->BucketExists("vhost-bucket"));
  ASSERT_TRUE(store->Put("vhost-bucket", "a b/c+d.txt", "virtual", "text/plain").ok());
  EXPECT_EQ(**store->Get("vhost-bucket", "a b/c+d.txt"), "virtual");
  EXPECT_EQ(*store->List("vhost-bucket", "a b/"), std::vector<std::string>{"a b/c+d.txt"});
  EXPECT_EQ(rgw->Get("vhost-bucket", "a b/c+d.txt"), "virtual") << "path-style read by curl";
}

}  // namespace
}  // namespace disd::dump
