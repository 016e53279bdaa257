// RocksCatalog through the public Catalog interface of a real store in a temp dir.
#include <gtest/gtest.h>

#include <set>

#include "unit/engine/engine_test_util.h"

namespace disd::engine::testing {
namespace {

class RocksCatalogTest : public EngineFixture {};

TEST_F(RocksCatalogTest, CreateGetListMutateDelete) {
  StreamMeta meta = MakeMeta("proj", "orders", 2);
  meta.internal_id = 999;  // ignored
  meta.tags = {{"team", "a"}};
  auto created = catalog().CreateStream(meta);
  ASSERT_TRUE(created.ok()) << created.error().detail;
  EXPECT_NE((*created)->internal_id, 999u);
  EXPECT_EQ((*created)->name, "orders");
  EXPECT_EQ((*created)->tags, meta.tags);

  auto got = catalog().GetStream("proj", "orders");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->get(), created->get());  // the cached snapshot itself
  auto by_id = catalog().GetStreamById(meta.stream_id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ((*by_id)->name, "orders");

  auto mutated = catalog().MutateStream("proj", "orders", [](StreamMeta& m) {
    m.retention_hours = 72;
    m.partitions[1].status = PartitionStatus::kDeleted;
    return Status::Ok();
  });
  ASSERT_TRUE(mutated.ok());
  EXPECT_EQ((*mutated)->retention_hours, 72);
  EXPECT_EQ((*created)->retention_hours, 24);  // old snapshots never change
  EXPECT_EQ((*catalog().GetStream("proj", "orders"))->retention_hours, 72);
  EXPECT_EQ((*catalog().GetStreamById(meta.stream_id))->retention_hours, 72);

  ASSERT_EQ(catalog().ListStreams("proj").size(), 1u);
  ASSERT_TRUE(catalog().DeleteStream("proj", "orders").ok());
  EXPECT_EQ(catalog().GetStream("proj", "orders").error().code, ErrorCode::kStreamNotFound);
  EXPECT_EQ(catalog().GetStreamById(meta.stream_id).error().code, ErrorCode::kStreamNotFound);
  EXPECT_TRUE(catalog().ListStreams("proj").empty());
  EXPECT_EQ(catalog().DeleteStream("proj", "orders").code(), ErrorCode::kStreamNotFound);
  auto missing = catalog().MutateStream("proj", "orders", [](StreamMeta&) { return Status(); });
  EXPECT_EQ(missing.error().code, ErrorCode::kStreamNotFound);
}

TEST_F(RocksCatalogTest, NamesAreUniquePerProject) {
  ASSERT_NE(Create("s1", 1, "p1"), nullptr);
  auto dup = catalog().CreateStream(MakeMeta("p1", "s1"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, ErrorCode::kStreamExists);
  EXPECT_NE(Create("s1", 1, "p2"), nullptr);  // another project may use the name
  EXPECT_EQ(catalog().ListAllStreams().size(), 2u);
}

TEST_F(RocksCatalogTest, ListsByProjectInNameOrder) {
  for (const char* name : {"b", "a", "c", "a-1", "B"}) Create(name, 1, "p1");
  Create("a", 1, "p0");
  Create("z", 1, "p2");
  std::vector<std::string> names;
  for (const auto& s : catalog().ListStreams("p1")) names.push_back(s->name);
  EXPECT_EQ(names, (std::vector<std::string>{"B", "a", "a-1", "b", "c"}));
  EXPECT_EQ(catalog().ListStreams("p").size(), 0u);
  EXPECT_EQ(catalog().ListAllStreams().size(), 7u);
}

TEST_F(RocksCatalogTest, InternalIdsAreNeverReused) {
  std::set<std::uint64_t> seen;
  std::uint64_t last = 0;
  auto create = [&](const std::string& name) {
    auto s = Create(name);
    ASSERT_NE(s, nullptr);
    EXPECT_GT(s->internal_id, last);
    EXPECT_TRUE(seen.insert(s->internal_id).second);
    last = s->internal_id;
  };
  create("a");
  create("b");
  ASSERT_TRUE(catalog().DeleteStream("proj", "b").ok());
  create("b");  // same name, new id
  ASSERT_TRUE(catalog().DeleteStream("proj", "b").ok());
  ASSERT_TRUE(catalog().DeleteStream("proj", "a").ok());
  Reopen();  // the newest ids belong to deleted streams; the counter remembers them
  create("a");
  create("c");
}

TEST_F(RocksCatalogTest, FailedMutationWritesNothing) {
  Create("s");
  auto failed = catalog().MutateStream("proj", "s", [](StreamMeta& m) -> Status {
    m.retention_hours = 1;
    return MakeError(ErrorCode::kInvalidRequest, "nope");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidRequest);
  EXPECT_EQ((*catalog().GetStream("proj", "s"))->retention_hours, 24);

  auto renamed = catalog().MutateStream("proj", "s", [](StreamMeta& m) {
    m.name = "other";
    return Status::Ok();
  });
  EXPECT_FALSE(renamed.ok());
  EXPECT_TRUE(catalog().GetStream("proj", "s").ok());
  EXPECT_FALSE(catalog().GetStream("proj", "other").ok());
  Reopen();
  EXPECT_EQ((*catalog().GetStream("proj", "s"))->retention_hours, 24);
}

TEST_F(RocksCatalogTest, MetasSurviveRestart) {
  StreamMeta meta = MakeMeta("proj", "kept", 4);
  meta.data_type = DataType::kJson;
  meta.csv_delimiter = ",";
  meta.sys_tags = {{"x", "y"}};
  meta.scaling_log = {{kStartMs, 1, 4, 0, "", true}};
  auto created = catalog().CreateStream(meta);
  ASSERT_TRUE(created.ok());
  ASSERT_TRUE(catalog()
                  .MutateStream("proj", "kept",
                                [](StreamMeta& m) {
                                  m.partitions[3].status = PartitionStatus::kDeleted;
                                  return Status::Ok();
                                })
                  .ok());
  StreamMeta expected = **catalog().GetStream("proj", "kept");
  Reopen();
  auto reloaded = catalog().GetStream("proj", "kept");
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(**reloaded, expected);
  EXPECT_EQ((*catalog().GetStreamById(meta.stream_id))->internal_id, expected.internal_id);
}

TEST_F(RocksCatalogTest, DeleteAndRecreateStartsEmpty) {
  auto old_stream = Create("s", 2);
  const PartitionRef old_p0{old_stream->internal_id, 0};
  AppendTo(old_p0, {"a", "b", "c"});
  AppendTo({old_stream->internal_id, 1}, {"d"});
  ASSERT_TRUE(catalog().DeleteStream("proj", "s").ok());

  // The old id is gone for good, in memory...
  EXPECT_EQ(log().Range(old_p0).error().code, ErrorCode::kStreamNotFound);
  RecordBatch late({"late"});
  PartitionAppend part{old_p0, late.records};
  EXPECT_EQ(log().Append(std::span(&part, 1)).error().code, ErrorCode::kStreamNotFound);

  auto fresh = Create("s", 2);
  ASSERT_NE(fresh->internal_id, old_stream->internal_id);
  for (int p = 0; p < 2; ++p) {
    auto range = log().Range({fresh->internal_id, p});
    ASSERT_TRUE(range.ok());
    EXPECT_EQ(range->first_valid, 0);
    EXPECT_EQ(range->next, 0);
    EXPECT_TRUE(ReadAll({fresh->internal_id, p}).empty());
  }
  EXPECT_EQ(AppendTo({fresh->internal_id, 0}, {"new"}), 0);

  // ...and on disk, also after a restart.
  Close();
  EXPECT_EQ(CountRecordKeys(dir_.path(), old_stream->internal_id), 0u);
  EXPECT_EQ(CountRecordKeys(dir_.path(), fresh->internal_id), 1u);
  Open();
  EXPECT_EQ(log().Range(old_p0).error().code, ErrorCode::kStreamNotFound);
  EXPECT_EQ(ReadAll({fresh->internal_id, 0}), std::vector<std::string>{"new"});
}

}  // namespace
}  // namespace disd::engine::testing
