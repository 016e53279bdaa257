// Transfer tasks in RocksCatalog (a real store in a temp dir): create, duplicate names,
// the per-stream quota, list order, mutate, delete, per-partition delivery state, the
// stream-delete cascade, restart persistence and the codecs they are stored with.
#include <gtest/gtest.h>

#include "engine/key_codec.h"
#include "engine/transfer_task_codec.h"
#include "unit/engine/engine_test_util.h"

namespace disd::engine::testing {
namespace {

TransferTaskMeta MakeTask(const StreamSnapshot& stream, const std::string& name) {
  TransferTaskMeta task;
  task.task_id = "task-" + stream->name + "-" + name;
  task.project_id = stream->project_id;
  task.stream_internal_id = stream->internal_id;
  task.stream_name = stream->name;
  task.task_name = name;
  task.destination_type = DestinationType::kObs;
  task.create_time_ms = kStartMs;
  task.last_modified_ms = kStartMs;
  task.descriptor_json = R"({"task_name":")" + name + R"("})";
  return task;
}

PartitionDelivery Delivery(std::int32_t partition, std::int64_t next) {
  PartitionDelivery d;
  d.partition = partition;
  d.next_sequence = next;
  d.last_transfer_timestamp_ms = kStartMs + next;
  d.discarded_records = partition;
  d.state = TransferTaskState::kRunning;
  return d;
}

class TransferTaskCatalogTest : public EngineFixture {
 protected:
  TransferTaskMeta CreateTask(const StreamSnapshot& stream, const std::string& name,
                              std::size_t quota = 5) {
    auto task = catalog().CreateTransferTask(MakeTask(stream, name), quota);
    EXPECT_TRUE(task.ok()) << task.error().detail;
    return task.ok() ? *task : TransferTaskMeta{};
  }
  std::vector<std::string> Names(const StreamSnapshot& stream) {
    std::vector<std::string> out;
    for (const auto& t : catalog().ListTransferTasks(stream->project_id, stream->internal_id)) {
      out.push_back(t.task_name);
    }
    return out;
  }
};

TEST_F(TransferTaskCatalogTest, CreateGetListAssignsIncreasingIds) {
  StreamSnapshot s = Create("s1");
  TransferTaskMeta b = CreateTask(s, "b-task");
  TransferTaskMeta a = CreateTask(s, "a-task");
  EXPECT_GT(b.internal_id, 0u);
  EXPECT_GT(a.internal_id, b.internal_id);
  auto got = catalog().GetTransferTask("proj", s->internal_id, "b-task");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, b);
  auto by_id = catalog().GetTransferTaskById(a.task_id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(*by_id, a);
  EXPECT_EQ(Names(s), (std::vector<std::string>{"a-task", "b-task"}));
  // Another project with the same internal stream id sees nothing.
  EXPECT_TRUE(catalog().ListTransferTasks("other", s->internal_id).empty());
  EXPECT_EQ(catalog().GetTransferTask("other", s->internal_id, "b-task").error().code,
            ErrorCode::kTransferTaskNotFound);
  EXPECT_EQ(catalog().GetTransferTaskById("nope").error().code, ErrorCode::kTransferTaskNotFound);
  auto all = catalog().ListAllTransferTasks();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].task_name, "b-task");  // by internal id
}

TEST_F(TransferTaskCatalogTest, DuplicateNameIsPerStream) {
  StreamSnapshot s1 = Create("s1");
  StreamSnapshot s2 = Create("s2");
  CreateTask(s1, "t");
  TransferTaskMeta dup = MakeTask(s1, "t");
  dup.task_id = "another-id";
  EXPECT_EQ(catalog().CreateTransferTask(dup, 5).error().code, ErrorCode::kTransferTaskExists);
  EXPECT_TRUE(catalog().CreateTransferTask(MakeTask(s2, "t"), 5).ok());
  // The same public id twice is an internal error, never a silent overwrite.
  TransferTaskMeta same_id = MakeTask(s1, "other");
  same_id.task_id = MakeTask(s1, "t").task_id;
  EXPECT_EQ(catalog().CreateTransferTask(same_id, 5).error().code, ErrorCode::kInternal);
}

TEST_F(TransferTaskCatalogTest, QuotaIsPerStream) {
  StreamSnapshot s1 = Create("s1");
  StreamSnapshot s2 = Create("s2");
  CreateTask(s1, "t1", 2);
  CreateTask(s1, "t2", 2);
  EXPECT_EQ(catalog().CreateTransferTask(MakeTask(s1, "t3"), 2).error().code,
            ErrorCode::kTransferTaskQuota);
  EXPECT_TRUE(catalog().CreateTransferTask(MakeTask(s2, "t3"), 2).ok());
  ASSERT_TRUE(catalog().DeleteTransferTask(MakeTask(s1, "t1").task_id).ok());
  EXPECT_TRUE(catalog().CreateTransferTask(MakeTask(s1, "t3"), 2).ok());
}

TEST_F(TransferTaskCatalogTest, CreateOnMissingStreamFails) {
  StreamSnapshot s = Create("s1");
  TransferTaskMeta task = MakeTask(s, "t");
  task.stream_internal_id = s->internal_id + 100;
  EXPECT_EQ(catalog().CreateTransferTask(task, 5).error().code, ErrorCode::kStreamNotFound);
  task = MakeTask(s, "t");
  task.project_id = "other";
  EXPECT_EQ(catalog().CreateTransferTask(task, 5).error().code, ErrorCode::kStreamNotFound);
}

TEST_F(TransferTaskCatalogTest, MutateUpdatesAndGuardsIdentity) {
  StreamSnapshot s = Create("s1");
  TransferTaskMeta t = CreateTask(s, "t");
  auto updated = catalog().MutateTransferTask(t.task_id, [](TransferTaskMeta& m) {
    m.state = TransferTaskState::kAbnormal;
    m.state_reason = "sink down";
    return Status::Ok();
  });
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->state, TransferTaskState::kAbnormal);
  EXPECT_EQ(catalog().GetTransferTaskById(t.task_id)->state_reason, "sink down");

  auto renamed = catalog().MutateTransferTask(t.task_id, [](TransferTaskMeta& m) {
    m.task_name = "other";
    return Status::Ok();
  });
  EXPECT_EQ(renamed.error().code, ErrorCode::kInternal);
  auto refused = catalog().MutateTransferTask(t.task_id, [](TransferTaskMeta& m) -> Status {
    m.state = TransferTaskState::kPaused;
    return MakeError(ErrorCode::kInvalidRequest, "no");
  });
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidRequest);
  EXPECT_EQ(catalog().GetTransferTaskById(t.task_id)->state, TransferTaskState::kAbnormal);
  EXPECT_EQ(catalog()
                .MutateTransferTask("nope", [](TransferTaskMeta&) { return Status::Ok(); })
                .error()
                .code,
            ErrorCode::kTransferTaskNotFound);
}

TEST_F(TransferTaskCatalogTest, DeliveriesArePerTaskAndOrderedByPartition) {
  StreamSnapshot s = Create("s1");
  TransferTaskMeta a = CreateTask(s, "a");
  TransferTaskMeta b = CreateTask(s, "b");
  auto none = catalog().ListDeliveries(a.task_id);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  ASSERT_TRUE(catalog().PutDelivery(a.task_id, Delivery(2, 10)).ok());
  ASSERT_TRUE(catalog().PutDelivery(a.task_id, Delivery(0, 5)).ok());
  ASSERT_TRUE(catalog().PutDelivery(a.task_id, Delivery(0, 7)).ok());  // replaces
  ASSERT_TRUE(catalog().PutDelivery(b.task_id, Delivery(1, 3)).ok());
  auto got = catalog().ListDeliveries(a.task_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, (std::vector<PartitionDelivery>{Delivery(0, 7), Delivery(2, 10)}));
  EXPECT_EQ(catalog().ListDeliveries(b.task_id)->size(), 1u);
  EXPECT_EQ(catalog().ListDeliveries("nope").error().code, ErrorCode::kTransferTaskNotFound);
  EXPECT_EQ(catalog().PutDelivery(a.task_id, Delivery(-1, 0)).code(), ErrorCode::kInternal);
}

TEST_F(TransferTaskCatalogTest, DeleteRemovesTaskAndDeliveriesAndRefusesLateDeliveries) {
  StreamSnapshot s = Create("s1");
  TransferTaskMeta t = CreateTask(s, "t");
  ASSERT_TRUE(catalog().PutDelivery(t.task_id, Delivery(0, 5)).ok());
  ASSERT_TRUE(catalog().DeleteTransferTask(t.task_id).ok());
  EXPECT_EQ(catalog().DeleteTransferTask(t.task_id).code(), ErrorCode::kTransferTaskNotFound);
  EXPECT_EQ(catalog().PutDelivery(t.task_id, Delivery(0, 6)).code(),
            ErrorCode::kTransferTaskNotFound);
  EXPECT_TRUE(Names(s).empty());
  // A task of the same name starts from scratch, with a new internal id.
  TransferTaskMeta again = CreateTask(s, "t");
  EXPECT_GT(again.internal_id, t.internal_id);
  EXPECT_TRUE(catalog().ListDeliveries(again.task_id)->empty());
}

TEST_F(TransferTaskCatalogTest, StreamDeleteCascadesToTasksAndDeliveries) {
  StreamSnapshot s1 = Create("s1");
  StreamSnapshot s2 = Create("s2");
  TransferTaskMeta t1 = CreateTask(s1, "t");
  TransferTaskMeta t2 = CreateTask(s2, "t");
  ASSERT_TRUE(catalog().PutDelivery(t1.task_id, Delivery(0, 5)).ok());
  ASSERT_TRUE(catalog().PutDelivery(t2.task_id, Delivery(0, 9)).ok());
  ASSERT_TRUE(catalog().DeleteStream("proj", "s1").ok());
  EXPECT_EQ(catalog().GetTransferTaskById(t1.task_id).error().code,
            ErrorCode::kTransferTaskNotFound);
  EXPECT_EQ(catalog().PutDelivery(t1.task_id, Delivery(0, 6)).code(),
            ErrorCode::kTransferTaskNotFound);
  EXPECT_EQ(catalog().ListAllTransferTasks().size(), 1u);
  Reopen();
  EXPECT_EQ(catalog().ListAllTransferTasks().size(), 1u);
  EXPECT_EQ(catalog().ListDeliveries(t2.task_id)->size(), 1u);
  // Nothing of the deleted task is left on disk.
  Close();
  RocksDbOptions options;
  options.read_only = true;
  auto db = RocksDb::Open(dir_.path(), options);
  ASSERT_TRUE(db.ok());
  std::string value;
  EXPECT_TRUE((*db)
                  ->db()
                  ->Get(rocksdb::ReadOptions(), (*db)->catalog(),
                        EncodeTransferDeliveryKey(t1.internal_id, 0), &value)
                  .IsNotFound());
  EXPECT_TRUE((*db)
                  ->db()
                  ->Get(rocksdb::ReadOptions(), (*db)->catalog(),
                        EncodeTransferTaskKey(s1->internal_id, t1.internal_id), &value)
                  .IsNotFound());
}

TEST_F(TransferTaskCatalogTest, TasksDeliveriesAndIdsSurviveReopen) {
  StreamSnapshot s = Create("s1");
  TransferTaskMeta a = CreateTask(s, "a");
  TransferTaskMeta b = CreateTask(s, "b");
  ASSERT_TRUE(catalog().PutDelivery(a.task_id, Delivery(1, 42)).ok());
  ASSERT_TRUE(catalog().DeleteTransferTask(b.task_id).ok());
  Reopen();
  auto got = catalog().GetTransferTaskById(a.task_id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, a);
  EXPECT_EQ(*catalog().ListDeliveries(a.task_id),
            (std::vector<PartitionDelivery>{Delivery(1, 42)}));
  EXPECT_EQ(catalog().GetTransferTaskById(b.task_id).error().code,
            ErrorCode::kTransferTaskNotFound);
  // Ids are never reused, not even those of deleted tasks.
  TransferTaskMeta c = CreateTask(s, "c");
  EXPECT_GT(c.internal_id, b.internal_id);
}

TEST(TransferTaskCodecTest, RoundTripsEveryField) {
  TransferTaskMeta t;
  t.internal_id = 77;
  t.task_id = "id";
  t.project_id = "p";
  t.stream_internal_id = 1ull << 40;
  t.stream_name = "s";
  t.task_name = "n";
  t.destination_type = DestinationType::kCloudTable;
  t.state = TransferTaskState::kError;
  t.origin = TransferTaskOrigin::kDmsSinkTask;
  t.connector_id = "c";
  t.create_time_ms = -5;
  t.last_modified_ms = kStartMs;
  t.descriptor_json = "{\"a\":1}";
  t.state_reason = "why";
  auto back = DecodeTransferTaskMeta(EncodeTransferTaskMeta(t));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, t);

  PartitionDelivery d = Delivery(3, 99);
  d.state_reason = "r";
  d.pending_last_sequence = 120;
  d.pending_time_ms = kStartMs;
  auto d_back = DecodePartitionDelivery(EncodePartitionDelivery(d));
  ASSERT_TRUE(d_back.has_value());
  EXPECT_EQ(*d_back, d);
}

TEST(TransferTaskCodecTest, RejectsCorruptInput) {
  TransferTaskMeta t;
  t.task_id = "id";
  const std::string bytes = EncodeTransferTaskMeta(t);
  EXPECT_FALSE(DecodeTransferTaskMeta(bytes.substr(0, bytes.size() - 1)).has_value());
  EXPECT_FALSE(DecodeTransferTaskMeta(bytes + "x").has_value());
  std::string newer = bytes;
  newer[0] = static_cast<char>(kTransferTaskCodecVersion + 1);
  EXPECT_FALSE(DecodeTransferTaskMeta(newer).has_value());
  EXPECT_FALSE(DecodeTransferTaskMeta("").has_value());

  const std::string d = EncodePartitionDelivery(Delivery(0, 1));
  std::string bad_state = d;
  bad_state[bad_state.size() - 4] = 9;  // state byte (before the empty reason and pending)
  EXPECT_FALSE(DecodePartitionDelivery(bad_state).has_value());
  EXPECT_FALSE(DecodePartitionDelivery(d + "x").has_value());
}

TEST(TransferTaskKeysTest, DeliveryKeysRoundTripAndNest) {
  const std::string key = EncodeTransferDeliveryKey(5, 7);
  auto decoded = DecodeTransferDeliveryKey(key);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, (TransferDeliveryKey{5, 7}));
  EXPECT_FALSE(DecodeTransferDeliveryKey(key.substr(1)).has_value());
  EXPECT_EQ(key.rfind(TransferDeliveryTaskPrefix(5), 0), 0u);
  EXPECT_LT(key, PrefixEnd(TransferDeliveryTaskPrefix(5)));
  EXPECT_EQ(EncodeTransferTaskKey(1, 2).size(), kTransferTaskKeySize);
  EXPECT_EQ(EncodeTransferTaskKey(1, 2).rfind(TransferTaskStreamPrefix(1), 0), 0u);
  EXPECT_LT(EncodeTransferTaskKey(1, ~0ull), EncodeTransferTaskKey(2, 0));
}

}  // namespace
}  // namespace disd::engine::testing
