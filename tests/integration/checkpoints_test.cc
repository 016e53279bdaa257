// Checkpoints and consumer state over HTTP (seed 004 5.2.5, 5.3; sdk-wire.md 4.6;
// dis-behaviour.md edge case 39): commit/get/delete in every id form, the range rule
// ([first_valid, next], next included), every documented error, checkpoints vanishing with
// their stream or app, ShowConsumerState paging, and a consumer that resumes from its
// checkpoint after a restart without losing or repeating a record.
#include <set>
#include <string>
#include <vector>

#include "integration/consumer_calls.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

using namespace consumers;  // NOLINT: the calls under test

class CheckpointTest : public DisdTest {
 protected:
  // Stream "s" (3 partitions; 5, 0 and 2 records) and app "app".
  void SetUpStreamAndApp() {
    dis().CreateOk("s", 3);
    dis().PutToPartition("s", 0, 5);
    dis().PutToPartition("s", 2, 2);
    CreateAppOk(dis(), "app");
  }
};

TEST_F(CheckpointTest, CommitGetAndDeleteInBothPartitionIdForms) {
  SetUpStreamAndApp();
  DisResponse c = Commit(dis(), "app", "s", "0", "2");
  ASSERT_TRUE(HasStatus(c, 201));
  EXPECT_TRUE(c.body.empty());
  DisResponse g = GetCheckpoint(dis(), "app", "s", "shardId-0000000000");
  ASSERT_TRUE(HasStatus(g, 200));
  EXPECT_EQ(g.doc["sequence_number"], "2");
  EXPECT_EQ(g.doc["metadata"], "meta");
  EXPECT_EQ(g.doc["metaData"], "meta");  // the key the legacy Python SDK reads

  ASSERT_TRUE(
      HasStatus(Commit(dis(), "app", "s", "shardId-0000000000", "4", {{"metadata", ""}}), 201));
  g = GetCheckpoint(dis(), "app", "s", "0");
  EXPECT_EQ(g.doc["sequence_number"], "4");
  EXPECT_EQ(g.doc["metadata"], "");

  // A partition never committed answers the "none" form the Kafka adapter understands.
  g = GetCheckpoint(dis(), "app", "s", "1");
  ASSERT_TRUE(HasStatus(g, 200));
  EXPECT_EQ(g.doc["sequence_number"], "-1");

  ASSERT_TRUE(HasStatus(Commit(dis(), "app", "s", "2", "1"), 201));
  ASSERT_TRUE(HasStatus(DeleteCheckpoints(dis(), {{"stream_name", "s"},
                                                  {"app_name", "app"},
                                                  {"checkpoint_type", "LAST_READ"},
                                                  {"partition_id", "0"}}),
                        204));
  EXPECT_EQ(CheckpointOf(dis(), "app", "s", "0"), "-1");
  EXPECT_EQ(CheckpointOf(dis(), "app", "s", "2"), "1");
  // The Python SDK deletes with stream and app only: every partition.
  ASSERT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "3"), 201));
  ASSERT_TRUE(
      HasStatus(DeleteCheckpoints(dis(), {{"stream_name", "s"}, {"app_name", "app"}}), 204));
  for (const char* p : {"0", "1", "2"}) EXPECT_EQ(CheckpointOf(dis(), "app", "s", p), "-1");
  // Deleting what is not there is fine.
  EXPECT_TRUE(
      HasStatus(DeleteCheckpoints(dis(), {{"stream_name", "s"}, {"app_name", "app"}}), 204));
}

TEST_F(CheckpointTest, SequenceNumberMustBeWithinFirstValidAndNext) {
  SetUpStreamAndApp();
  EXPECT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "0"), 201));
  EXPECT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "5"), 201));  // next to assign
  DisResponse beyond = Commit(dis(), "app", "s", "0", "6");
  ASSERT_TRUE(IsDisError(beyond, 400, "DIS.4224"));
  EXPECT_NE(beyond.doc["message"].get<std::string>().find("Sequence_number out of range"),
            std::string::npos);
  EXPECT_TRUE(HasStatus(Commit(dis(), "app", "s", "1", "0"), 201));  // empty: [0 : 0]
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "1", "1"), 400, "DIS.4224"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "0", "-1"), 400, "DIS.4216"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "0", "x1"), 400, "DIS.4216"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "0", ""), 400, "DIS.4216"));
  EXPECT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "", {{"sequence_number", 3}}), 201));
  EXPECT_EQ(CheckpointOf(dis(), "app", "s", "0"), "3");

  // After retention the expired numbers are out of range; next stays valid.
  dis().AdvanceClock(25 * kHourMs);
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "0", "4"), 400, "DIS.4224"));
  EXPECT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "5"), 201));
}

TEST_F(CheckpointTest, EveryDocumentedError) {
  SetUpStreamAndApp();
  DisResponse r =
      dis().CallJson("POST", dis().V2("/checkpoints"),
                     {{"stream_name", "s"}, {"partition_id", "0"}, {"sequence_number", "1"}});
  EXPECT_TRUE(IsDisError(r, 400, "DIS.4200"));  // no app_name
  EXPECT_TRUE(IsDisError(dis().Call("POST", dis().V2("/checkpoints")), 400, "DIS.4202"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "nope", "s", "0", "1"), 400, "DIS.4332"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "nope", "0", "1"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "3", "0"), 400, "DIS.4302"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "shardId-x", "0"), 400, "DIS.4201"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "", "0"), 400, "DIS.4201"));
  EXPECT_TRUE(IsDisError(Commit(dis(), "app", "s", "0", "1", {{"checkpoint_type", "LAST_WRITE"}}),
                         400, "DIS.4200"));
  EXPECT_TRUE(
      HasStatus(Commit(dis(), "app", "s", "0", "1", {{"metadata", std::string(1000, 'm')}}), 201));
  EXPECT_TRUE(
      IsDisError(Commit(dis(), "app", "s", "0", "1", {{"metadata", std::string(1001, 'm')}}), 400,
                 "DIS.4200"));
  // 1000 characters, not bytes.
  std::string wide;
  for (int i = 0; i < 1000; ++i) wide += "\xE6\x95\xB0";
  EXPECT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "1", {{"metadata", wide}}), 201));

  EXPECT_TRUE(IsDisError(GetCheckpoint(dis(), {{"stream_name", "s"}, {"app_name", "app"}}), 400,
                         "DIS.4201"));
  EXPECT_TRUE(IsDisError(GetCheckpoint(dis(), "nope", "s", "0"), 400, "DIS.4332"));
  EXPECT_TRUE(IsDisError(GetCheckpoint(dis(), "app", "nope", "0"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(GetCheckpoint(dis(), "app", "s", "9"), 400, "DIS.4302"));
  EXPECT_TRUE(IsDisError(GetCheckpoint(dis(), {{"stream_name", "s"}, {"partition_id", "0"}}), 400,
                         "DIS.4200"));
  EXPECT_TRUE(IsDisError(DeleteCheckpoints(dis(), {{"stream_name", "s"}, {"app_name", "nope"}}),
                         400, "DIS.4332"));
  EXPECT_TRUE(IsDisError(
      DeleteCheckpoints(dis(), {{"stream_name", "s"}, {"app_name", "app"}, {"partition_id", "5"}}),
      400, "DIS.4302"));
  EXPECT_TRUE(IsDisError(DeleteCheckpoints(dis(), {{"app_name", "app"}}), 400, "DIS.4200"));
}

TEST_F(CheckpointTest, StreamIdAndTheSdksQuirks) {
  SetUpStreamAndApp();
  const std::string id = dis().DescribeOk("s")["stream_id"];
  // Go sends every key, empty when unset; the Kafka adapter in assign mode sends stream_id.
  json go = {{"app_name", "app"},
             {"stream_name", ""},
             {"stream_id", id},
             {"partition_id", "0"},
             {"sequence_number", "3"},
             {"metadata", ""},
             {"checkpoint_type", "LAST_READ"},
             {"client_id", ""}};
  ASSERT_TRUE(HasStatus(dis().CallJson("POST", dis().V2("/checkpoints/"), go), 201));
  DisResponse g = GetCheckpoint(dis(), {{"stream_id", id},
                                        {"app_name", "app"},
                                        {"partition_id", "shardId-0000000000"},
                                        {"checkpoint_type", "LAST_READ"},
                                        {"timestamp", "0"}});
  ASSERT_TRUE(HasStatus(g, 200));
  EXPECT_EQ(g.doc["sequence_number"], "3");
  // Java: trailing slash, raw query ending in '&'.
  g = dis().Call("GET",
                 dis().V2("/checkpoints/") +
                     "?app_name=app&stream_name=s&partition_id=0&checkpoint_type=LAST_READ&");
  EXPECT_EQ(g.doc["sequence_number"], "3");
  // Another project cannot reach the stream by its id.
  auto other = MakeClient(kOtherProject);
  CreateAppOk(*other, "app");
  EXPECT_TRUE(
      IsDisError(Commit(*other, "app", "", "0", "0", {{"stream_id", id}}), 400, "DIS.4301"));
}

TEST_F(CheckpointTest, CheckpointsVanishWithTheirStream) {
  SetUpStreamAndApp();
  ASSERT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "2"), 201));
  ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  EXPECT_EQ(DescribeApp(dis(), "app").doc["commit_checkpoint_stream_names"], json::array());
  dis().CreateOk("s", 3);
  EXPECT_EQ(CheckpointOf(dis(), "app", "s", "0"), "-1");
  EXPECT_EQ(ListApps(dis(), {{"stream_name", "s"}}).doc["total_number"], 0);
}

TEST_F(CheckpointTest, CheckpointsVanishWithTheirApp) {
  SetUpStreamAndApp();
  ASSERT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "2"), 201));
  ASSERT_TRUE(HasStatus(DeleteApp(dis(), "app"), 204));
  EXPECT_TRUE(IsDisError(GetCheckpoint(dis(), "app", "s", "0"), 400, "DIS.4332"));
  CreateAppOk(dis(), "app");
  EXPECT_EQ(CheckpointOf(dis(), "app", "s", "0"), "-1");
}

TEST_F(CheckpointTest, ConsumerStatePerPartition) {
  SetUpStreamAndApp();
  ASSERT_TRUE(HasStatus(Commit(dis(), "app", "s", "0", "2", {{"metadata", "m0"}}), 201));
  ASSERT_TRUE(HasStatus(Commit(dis(), "app", "s", "2", "1"), 201));
  DisResponse r = ConsumerState(dis(), "app", "s", {{"checkpoint_type", "LAST_READ"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["stream_name"], "s");
  EXPECT_EQ(r.doc["app_name"], "app");
  EXPECT_EQ(r.doc["has_more"], false);
  const json& states = r.doc["partition_consuming_states"];
  ASSERT_EQ(states.size(), 3u);
  const std::vector<std::string> seqs = {"2", "-1", "1"};
  const std::vector<int> latest = {5, 0, 2};
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(states[i]["partition_id"], std::to_string(i));
    EXPECT_EQ(states[i]["sequence_number"], seqs[i]);
    EXPECT_EQ(states[i]["latest_offset"], latest[i]);
    EXPECT_EQ(states[i]["earliest_offset"], 0);
    EXPECT_EQ(states[i]["checkpoint_type"], "LAST_READ");
    EXPECT_EQ(states[i]["status"], "ACTIVE");
  }
  EXPECT_EQ(states[0]["metadata"], "m0");

  // Paging: start_partition_id is exclusive and takes both forms.
  r = ConsumerState(dis(), "app", "s", {{"limit", "1"}, {"start_partition_id", "0"}});
  ASSERT_EQ(r.doc["partition_consuming_states"].size(), 1u);
  EXPECT_EQ(r.doc["partition_consuming_states"][0]["partition_id"], "1");
  EXPECT_EQ(r.doc["has_more"], true);
  r = ConsumerState(dis(), "app", "s", {{"start_partition_id", "shardId-0000000001"}});
  ASSERT_EQ(r.doc["partition_consuming_states"].size(), 1u);
  EXPECT_EQ(r.doc["has_more"], false);

  // The legacy Python SDK puts the stream id in the path; Java repeats the path in the query.
  const std::string id = dis().DescribeOk("s")["stream_id"];
  r = ConsumerState(dis(), "app", id,
                    {{"start_partition_id", "0"},
                     {"checkpoint_type", "LAST_READ"},
                     {"limit", "10"},
                     {"stream_id", id}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["stream_name"], "s");
  r = dis().Call("GET", dis().V2("/apps/app/streams/s/") +
                            "?app_name=app&stream_name=s&limit=100&checkpoint_type=LAST_READ&");
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.doc["partition_consuming_states"].size(), 3u);

  // Deleting checkpoints resets the state.
  ASSERT_TRUE(
      HasStatus(DeleteCheckpoints(dis(), {{"stream_name", "s"}, {"app_name", "app"}}), 204));
  r = ConsumerState(dis(), "app", "s");
  for (const auto& p : r.doc["partition_consuming_states"]) EXPECT_EQ(p["sequence_number"], "-1");

  EXPECT_TRUE(IsDisError(ConsumerState(dis(), "nope", "s"), 400, "DIS.4332"));
  EXPECT_TRUE(IsDisError(ConsumerState(dis(), "app", "nope"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(ConsumerState(dis(), "app", "s", {{"limit", "0"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(ConsumerState(dis(), "app", "s", {{"limit", "1001"}}), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(ConsumerState(dis(), "app", "s", {{"start_partition_id", "p"}}), 400, "DIS.4201"));
  EXPECT_TRUE(
      IsDisError(ConsumerState(dis(), "app", "s", {{"checkpoint_type", "X"}}), 400, "DIS.4200"));
}

// The whole consumer loop: read part of a partition, commit "the next position to read",
// restart (gracefully, then by SIGKILL), resume from the checkpoint; every record is seen
// exactly once.
TEST_F(CheckpointTest, ConsumerResumesFromItsCheckpointAcrossRestarts) {
  dis().CreateOk("events", 2);
  CreateAppOk(dis(), "consumer");
  std::vector<std::int64_t> written = dis().PutToPartition("events", 1, 10, "e");
  ASSERT_EQ(written.size(), 10u);
  std::vector<std::int64_t> seen;

  auto read_some = [&](int limit) {
    std::string start = CheckpointOf(dis(), "consumer", "events", "1");
    std::string cursor =
        start == "-1" ? dis().Cursor("events", "shardId-0000000001", "TRIM_HORIZON")
                      : dis().Cursor("events", "shardId-0000000001", "AT_SEQUENCE_NUMBER", start);
    DisResponse page = dis().GetRecords(cursor, {{"limit", std::to_string(limit)}});
    EXPECT_TRUE(HasStatus(page, 200));
    auto records = ParseRecords(page);
    for (const auto& r : records) seen.push_back(r.sequence_number);
    if (!records.empty()) {
      const std::string next = std::to_string(records.back().sequence_number + 1);
      EXPECT_TRUE(HasStatus(Commit(dis(), "consumer", "events", "shardId-0000000001", next), 201));
    }
    return records.size();
  };

  EXPECT_EQ(read_some(4), 4u);
  ASSERT_TRUE(RestartServer());
  EXPECT_EQ(CheckpointOf(dis(), "consumer", "events", "1"), "4");
  EXPECT_EQ(read_some(3), 3u);
  dis().PutToPartition("events", 1, 3, "late");
  ASSERT_TRUE(RestartServer(/*crash=*/true));
  EXPECT_EQ(CheckpointOf(dis(), "consumer", "events", "1"), "7");
  EXPECT_EQ(read_some(100), 6u);
  EXPECT_EQ(read_some(100), 0u);  // at the end: nothing more, the checkpoint stays at next
  EXPECT_EQ(CheckpointOf(dis(), "consumer", "events", "1"), "13");

  std::vector<std::int64_t> expected;
  for (int i = 0; i < 13; ++i) expected.push_back(i);
  EXPECT_EQ(seen, expected);
  DisResponse state = ConsumerState(dis(), "consumer", "events");
  EXPECT_EQ(state.doc["partition_consuming_states"][1]["sequence_number"], "13");
  EXPECT_EQ(state.doc["partition_consuming_states"][1]["latest_offset"], 13);
}

}  // namespace
}  // namespace disd::test
