// Apps, checkpoints and stream policies in RocksCatalog (a real store in a temp dir): CRUD,
// quota, ids never reused, restart persistence, and checkpoints vanishing atomically with
// their stream or app. Plus the codecs and keys they are stored with.
#include <gtest/gtest.h>

#include <set>

#include "engine/consumer_codec.h"
#include "engine/key_codec.h"
#include "engine/stream_meta_codec.h"
#include "unit/engine/engine_test_util.h"

namespace disd::engine::testing {
namespace {

AppMeta MakeApp(const std::string& project, const std::string& name) {
  AppMeta app;
  app.project_id = project;
  app.name = name;
  app.app_id = "app-" + project + "-" + name;
  app.create_time_ms = kStartMs;
  return app;
}

CheckpointRef Ref(const std::string& app, std::uint64_t stream, std::int32_t partition,
                  const std::string& project = "proj") {
  return CheckpointRef{project, app, stream, partition};
}

class ConsumerCatalogTest : public EngineFixture {
 protected:
  AppMeta CreateApp(const std::string& name, const std::string& project = "proj") {
    auto app = catalog().CreateApp(MakeApp(project, name), 100);
    EXPECT_TRUE(app.ok()) << app.error().detail;
    return app.ok() ? *app : AppMeta{};
  }
  void Put(const CheckpointRef& ref, std::int64_t seq, const std::string& metadata = "") {
    Status s = catalog().PutCheckpoint(ref, Checkpoint{seq, metadata, CheckpointType::kLastRead});
    EXPECT_TRUE(s.ok()) << s.error().detail;
  }
  std::optional<std::int64_t> Get(const CheckpointRef& ref) {
    auto c = catalog().GetCheckpoint(ref);
    EXPECT_TRUE(c.ok());
    if (!c.ok() || !c->has_value()) return std::nullopt;
    return (*c)->sequence_number;
  }
};

TEST_F(ConsumerCatalogTest, AppsCreateGetListDelete) {
  AppMeta a = CreateApp("b-app");
  CreateApp("a-app");
  CreateApp("a-app", "other");
  EXPECT_GT(a.internal_id, 0u);
  auto got = catalog().GetApp("proj", "b-app");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, a);
  EXPECT_EQ(catalog().GetApp("proj", "nope").error().code, ErrorCode::kAppNotFound);
  EXPECT_EQ(catalog().GetApp("other", "b-app").error().code, ErrorCode::kAppNotFound);

  auto dup = catalog().CreateApp(MakeApp("proj", "b-app"), 100);
  EXPECT_EQ(dup.error().code, ErrorCode::kAppExists);

  std::vector<std::string> names;
  for (const auto& app : catalog().ListApps("proj")) names.push_back(app.name);
  EXPECT_EQ(names, (std::vector<std::string>{"a-app", "b-app"}));

  ASSERT_TRUE(catalog().DeleteApp("proj", "b-app").ok());
  EXPECT_EQ(catalog().DeleteApp("proj", "b-app").code(), ErrorCode::kAppNotFound);
  EXPECT_EQ(catalog().ListApps("proj").size(), 1u);
  EXPECT_EQ(catalog().ListApps("other").size(), 1u);
}

TEST_F(ConsumerCatalogTest, QuotaIsPerProjectAndAtomic) {
  ASSERT_TRUE(catalog().CreateApp(MakeApp("proj", "a1"), 2).ok());
  ASSERT_TRUE(catalog().CreateApp(MakeApp("proj", "a2"), 2).ok());
  EXPECT_EQ(catalog().CreateApp(MakeApp("proj", "a3"), 2).error().code,
            ErrorCode::kAppQuotaExceeded);
  EXPECT_TRUE(catalog().CreateApp(MakeApp("p2", "a3"), 2).ok());
  ASSERT_TRUE(catalog().DeleteApp("proj", "a1").ok());
  EXPECT_TRUE(catalog().CreateApp(MakeApp("proj", "a3"), 2).ok());
}

TEST_F(ConsumerCatalogTest, AppInternalIdsAreNeverReusedAcrossRestarts) {
  std::set<std::uint64_t> seen;
  std::uint64_t last = 0;
  for (int round = 0; round < 3; ++round) {
    AppMeta app = CreateApp("x");
    EXPECT_GT(app.internal_id, last);
    EXPECT_TRUE(seen.insert(app.internal_id).second);
    last = app.internal_id;
    ASSERT_TRUE(catalog().DeleteApp("proj", "x").ok());
    Reopen();
  }
}

TEST_F(ConsumerCatalogTest, AppsAndCheckpointsSurviveRestart) {
  auto stream = Create("s", 3);
  AppMeta app = CreateApp("reader");
  Put(Ref("reader", stream->internal_id, 0), 5, "meta-0");
  Put(Ref("reader", stream->internal_id, 2), 9);
  Reopen();
  auto got = catalog().GetApp("proj", "reader");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, app);
  auto c = catalog().GetCheckpoint(Ref("reader", stream->internal_id, 0));
  ASSERT_TRUE(c.ok() && c->has_value());
  EXPECT_EQ(**c, (Checkpoint{5, "meta-0", CheckpointType::kLastRead}));
  EXPECT_EQ(Get(Ref("reader", stream->internal_id, 1)), std::nullopt);
  auto listed = catalog().ListCheckpoints("proj", "reader", stream->internal_id);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].partition, 0);
  EXPECT_EQ((*listed)[1].partition, 2);
  EXPECT_EQ((*listed)[1].checkpoint.sequence_number, 9);
}

TEST_F(ConsumerCatalogTest, CheckpointsReplaceAndDelete) {
  auto s1 = Create("s1", 2);
  auto s2 = Create("s2", 1);
  CreateApp("app");
  Put(Ref("app", s1->internal_id, 0), 1);
  Put(Ref("app", s1->internal_id, 0), 4);
  Put(Ref("app", s1->internal_id, 1), 2);
  Put(Ref("app", s2->internal_id, 0), 3);
  EXPECT_EQ(Get(Ref("app", s1->internal_id, 0)), 4);
  auto streams = catalog().CheckpointedStreams("proj", "app");
  ASSERT_TRUE(streams.ok());
  EXPECT_EQ(*streams, (std::vector<std::uint64_t>{s1->internal_id, s2->internal_id}));

  ASSERT_TRUE(catalog().DeleteCheckpoints("proj", "app", s1->internal_id, 0).ok());
  EXPECT_EQ(Get(Ref("app", s1->internal_id, 0)), std::nullopt);
  EXPECT_EQ(Get(Ref("app", s1->internal_id, 1)), 2);
  ASSERT_TRUE(catalog().DeleteCheckpoints("proj", "app", s1->internal_id, 0).ok());  // again
  ASSERT_TRUE(catalog().DeleteCheckpoints("proj", "app", s1->internal_id, std::nullopt).ok());
  EXPECT_EQ(Get(Ref("app", s1->internal_id, 1)), std::nullopt);
  EXPECT_EQ(Get(Ref("app", s2->internal_id, 0)), 3);
  EXPECT_EQ(catalog().DeleteCheckpoints("proj", "nope", s1->internal_id, std::nullopt).code(),
            ErrorCode::kAppNotFound);
}

TEST_F(ConsumerCatalogTest, CheckpointsNeedALiveAppAndStreamOfTheProject) {
  auto stream = Create("s", 1);
  auto foreign = Create("f", 1, "other");
  CreateApp("app");
  EXPECT_EQ(catalog().PutCheckpoint(Ref("nope", stream->internal_id, 0), {}).code(),
            ErrorCode::kAppNotFound);
  EXPECT_EQ(catalog().PutCheckpoint(Ref("app", foreign->internal_id, 0), {}).code(),
            ErrorCode::kStreamNotFound);
  EXPECT_EQ(catalog().PutCheckpoint(Ref("app", 9999, 0), {}).code(), ErrorCode::kStreamNotFound);
  EXPECT_EQ(catalog().GetCheckpoint(Ref("nope", stream->internal_id, 0)).error().code,
            ErrorCode::kAppNotFound);
}

TEST_F(ConsumerCatalogTest, CheckpointsVanishWithTheirStream) {
  auto doomed = Create("doomed", 2);
  auto kept = Create("kept", 1);
  CreateApp("a1");
  CreateApp("a2");
  for (const char* app : {"a1", "a2"}) {
    Put(Ref(app, doomed->internal_id, 0), 1);
    Put(Ref(app, doomed->internal_id, 1), 1);
    Put(Ref(app, kept->internal_id, 0), 7);
  }
  ASSERT_TRUE(catalog().DeleteStream("proj", "doomed").ok());
  Reopen();
  for (const char* app : {"a1", "a2"}) {
    EXPECT_EQ(*catalog().CheckpointedStreams("proj", app),
              std::vector<std::uint64_t>{kept->internal_id});
    EXPECT_TRUE(catalog().ListCheckpoints("proj", app, doomed->internal_id)->empty());
    EXPECT_EQ(Get(Ref(app, kept->internal_id, 0)), 7);
  }
  // A commit for the deleted incarnation is refused, and a re-created stream starts clean.
  EXPECT_EQ(catalog().PutCheckpoint(Ref("a1", doomed->internal_id, 0), {}).code(),
            ErrorCode::kStreamNotFound);
  auto again = Create("doomed", 2);
  EXPECT_TRUE(catalog().ListCheckpoints("proj", "a1", again->internal_id)->empty());
}

TEST_F(ConsumerCatalogTest, CheckpointsVanishWithTheirApp) {
  auto stream = Create("s", 2);
  CreateApp("gone");
  CreateApp("stays");
  Put(Ref("gone", stream->internal_id, 0), 1);
  Put(Ref("gone", stream->internal_id, 1), 2);
  Put(Ref("stays", stream->internal_id, 1), 3);
  ASSERT_TRUE(catalog().DeleteApp("proj", "gone").ok());
  AppMeta again = CreateApp("gone");  // a new incarnation: no checkpoints
  EXPECT_TRUE(catalog().CheckpointedStreams("proj", "gone")->empty());
  Reopen();
  EXPECT_TRUE(catalog().CheckpointedStreams("proj", "gone")->empty());
  EXPECT_EQ(Get(Ref("stays", stream->internal_id, 1)), 3);
  EXPECT_EQ(catalog().GetApp("proj", "gone")->internal_id, again.internal_id);
}

TEST_F(ConsumerCatalogTest, PoliciesAreStoredWithTheStream) {
  Create("s", 1);
  auto updated = catalog().MutateStream("proj", "s", [](StreamMeta& m) {
    m.policies.push_back({"d1.*", "d1", "putRecords", "accept"});
    m.policies.push_back({"d2.u", "d2.u", "getRecords", "deny"});
    return Status::Ok();
  });
  ASSERT_TRUE(updated.ok());
  Reopen();
  auto s = catalog().GetStream("proj", "s");
  ASSERT_TRUE(s.ok());
  ASSERT_EQ((*s)->policies.size(), 2u);
  EXPECT_EQ((*s)->policies[1], (StreamPolicy{"d2.u", "d2.u", "getRecords", "deny"}));
}

TEST(ConsumerCodecTest, AppMetaRoundTripsAndRejectsCorruption) {
  AppMeta app{42, "proj", "reader", "abcDEF0123456789xyz", -5};
  const std::string bytes = EncodeAppMeta(app);
  EXPECT_EQ(DecodeAppMeta(bytes), app);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeAppMeta(bytes.substr(0, n)).has_value()) << n;
  }
  EXPECT_FALSE(DecodeAppMeta(bytes + "x").has_value());
  std::string future = bytes;
  future[0] = static_cast<char>(kAppMetaCodecVersion + 1);
  EXPECT_FALSE(DecodeAppMeta(future).has_value());
}

TEST(ConsumerCodecTest, CheckpointRoundTripsAndRejectsCorruption) {
  Checkpoint c{9223372036854775807LL, std::string(1000, 'm'), CheckpointType::kLastRead};
  const std::string bytes = EncodeCheckpoint(c);
  EXPECT_EQ(DecodeCheckpoint(bytes), c);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeCheckpoint(bytes.substr(0, n)).has_value()) << n;
  }
  std::string bad_type = bytes;
  bad_type[1] = 7;
  EXPECT_FALSE(DecodeCheckpoint(bad_type).has_value());
}

TEST(ConsumerCodecTest, CheckpointKeysSortByAppStreamPartition) {
  const std::string a = EncodeCheckpointKey(1, 2, 3);
  ASSERT_EQ(a.size(), kCheckpointKeySize);
  EXPECT_EQ(DecodeCheckpointKey(a), (CheckpointKey{1, 2, 3}));
  EXPECT_LT(a, EncodeCheckpointKey(1, 2, 256));
  EXPECT_LT(EncodeCheckpointKey(1, 2, 256), EncodeCheckpointKey(1, 3, 0));
  EXPECT_LT(EncodeCheckpointKey(1, 0xffffffffffffffffull, 5), EncodeCheckpointKey(2, 0, 0));
  const std::string prefix = CheckpointStreamPrefix(1, 2);
  EXPECT_EQ(a.substr(0, prefix.size()), prefix);
  EXPECT_LT(a, PrefixEnd(prefix));
  EXPECT_GE(EncodeCheckpointKey(1, 3, 0), PrefixEnd(prefix));
  EXPECT_EQ(PrefixEnd(std::string("\x01\xff\xff", 3)), std::string("\x02"));
  EXPECT_FALSE(DecodeCheckpointKey(EncodeAppKey(1)).has_value());
}

TEST(StreamMetaCodecV2Test, ReadsVersionOneValuesWithoutPolicies) {
  StreamMeta meta = MakeMeta("p", "s", 2);
  std::string v2 = EncodeStreamMeta(meta);
  ASSERT_EQ(v2.back(), 0);  // no policies
  std::string v1 = v2.substr(0, v2.size() - 1);
  v1[0] = 1;
  auto decoded = DecodeStreamMeta(v1);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, meta);
  meta.policies = {{"a.*", "a", "putRecords", "accept"}};
  EXPECT_EQ(DecodeStreamMeta(EncodeStreamMeta(meta)), meta);
}

}  // namespace
}  // namespace disd::engine::testing
