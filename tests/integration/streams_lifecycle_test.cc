// Stream lifecycle: delete (both API versions; everything goes, a re-created stream starts
// empty and old cursors stop working), project isolation, UpdateStream (PUT v3 and the Java
// SDK's PUT v2 .../update) with the create-time validation, and the CREATING phase
// (seed 004 5.1.3, 5.1.6; dis-behaviour.md edge cases 1, 3).
#include <string>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class StreamsDeleteTest : public DisdTest {};

TEST_F(StreamsDeleteTest, DeleteIs204AndTheStreamIsGoneEverywhere) {
  dis().CreateOk("s", 2);
  dis().PutToPartition("s", 0, 3);
  DisResponse r = dis().DeleteStream("s");
  ASSERT_TRUE(HasStatus(r, 204));
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(IsDisError(dis().Describe("s"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(dis().DeleteStream("s"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(dis().PutRecords("s", {ToPartition("x", "0")}), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(
      dis().GetCursor({{"stream-name", "s"}, {"partition-id", "0"}, {"cursor-type", "LATEST"}}),
      400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(dis().UpdatePartitionCount("s", 3), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(dis().UpdateStream("s", {{"stream_name", "s"}, {"data_duration", 48}}),
                         400, "DIS.4301"));
  DisResponse list = dis().ListStreams();
  EXPECT_EQ(list.doc["total_number"], 0);
  EXPECT_EQ(list.doc["stream_names"], json::array());
}

TEST_F(StreamsDeleteTest, V3PathAndJavaQueryFormDelete) {
  dis().CreateOk("a", 1);
  dis().CreateOk("b", 1);
  EXPECT_TRUE(HasStatus(dis().Call("DELETE", "/v3/" + dis().project() + "/streams/a"), 204));
  EXPECT_TRUE(HasStatus(dis().Call("DELETE", dis().V2("/streams/b/?stream_name=b&")), 204));
  EXPECT_TRUE(
      IsDisError(dis().Call("DELETE", "/v3/" + dis().project() + "/streams/a"), 400, "DIS.4301"));
  EXPECT_EQ(dis().ListStreams().doc["total_number"], 0);
}

TEST_F(StreamsDeleteTest, RecreatedStreamStartsEmpty) {
  dis().CreateOk("s", 2);
  dis().PutToPartition("s", 0, 5);
  dis().PutToPartition("s", 1, 2);
  std::string old_id = dis().DescribeOk("s")["stream_id"];
  std::string old_cursor = dis().Cursor("s", "0", "TRIM_HORIZON");
  ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  dis().CreateOk("s", 1);
  json d = dis().DescribeOk("s");
  EXPECT_NE(d["stream_id"], old_id);
  EXPECT_EQ(d["partitions"].size(), 1u);
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"], "[0 : 0]");
  EXPECT_TRUE(dis().ReadPartition("s", 0).empty());
  EXPECT_TRUE(IsDisError(dis().GetRecords(old_cursor), 400, "DIS.4217"));
  EXPECT_EQ(dis().PutToPartition("s", 0, 1), std::vector<std::int64_t>({0}));
  auto records = dis().ReadPartition("s", 0);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].data, "r0");
}

TEST_F(StreamsDeleteTest, ProjectsNeverSeeEachOthersStreams) {
  auto other = MakeClient(kOtherProject);
  dis().CreateOk("s", 2);
  dis().PutToPartition("s", 0, 3);
  std::string cursor_a = dis().Cursor("s", "0", "TRIM_HORIZON");

  EXPECT_EQ(other->ListStreams().doc["total_number"], 0);
  EXPECT_TRUE(IsDisError(other->Describe("s"), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(other->PutRecords("s", {ToPartition("x", "0")}), 400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(
      other->GetCursor({{"stream-name", "s"}, {"partition-id", "0"}, {"cursor-type", "LATEST"}}),
      400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(other->DeleteStream("s"), 400, "DIS.4301"));
  // A cursor minted for one project reads nothing through another project's path.
  DisResponse stolen = other->GetRecords(cursor_a);
  EXPECT_EQ(stolen.status, 400) << stolen.body;
  EXPECT_EQ(stolen.body.find(Base64("r0")), std::string::npos);

  // The other project may use the same name for a different stream.
  ASSERT_TRUE(HasStatus(other->CreateStream("s", 1, {{"stream_type", "ADVANCED"}}), 201));
  EXPECT_EQ(other->PutToPartition("s", 0, 1, "b"), std::vector<std::int64_t>({0}));
  json mine = dis().DescribeOk("s");
  EXPECT_EQ(mine["stream_type"], "COMMON");
  EXPECT_EQ(mine["partitions"].size(), 2u);
  EXPECT_NE(mine["stream_id"], other->DescribeOk("s")["stream_id"]);
  ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  auto theirs = other->ReadPartition("s", 0);
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_EQ(theirs[0].data, "b0");
}

class StreamsUpdateTest : public DisdTest {};

TEST_F(StreamsUpdateTest, V3UpdateChangesRetentionTypeAndSchema) {
  dis().CreateOk("s", 2);
  std::int64_t now = dis().AdvanceClock(5000);
  DisResponse r = dis().UpdateStream("s", {{"stream_name", "s"}, {"data_duration", 48}});
  ASSERT_TRUE(HasStatus(r, 204));
  EXPECT_TRUE(r.body.empty());
  json d = dis().DescribeOk("s");
  EXPECT_EQ(d["retention_period"], 48);
  EXPECT_EQ(d["last_modified_time"], now);
  EXPECT_LT(d["create_time"].get<std::int64_t>(), now);

  const std::string schema =
      R"({"type":"record","name":"x","fields":[{"name":"f","type":"string"}]})";
  ASSERT_TRUE(
      HasStatus(dis().UpdateStream(
                    "s", {{"stream_name", "s"}, {"data_type", "JSON"}, {"data_schema", schema}}),
                204));
  d = dis().DescribeOk("s");
  EXPECT_EQ(d["data_type"], "JSON");
  EXPECT_EQ(json::parse(d.value("data_schema", "null")), json::parse(schema));
  EXPECT_EQ(d["retention_period"], 48);

  ASSERT_TRUE(HasStatus(dis().UpdateStream("s", {{"stream_name", "s"},
                                                 {"auto_scale_enabled", true},
                                                 {"auto_scale_min_partition_count", 1},
                                                 {"auto_scale_max_partition_count", 4}}),
                        204));
  d = dis().DescribeOk("s");
  EXPECT_EQ(d["auto_scale_enabled"], true);
  EXPECT_EQ(d["auto_scale_min_partition_count"], 1);
  EXPECT_EQ(d["auto_scale_max_partition_count"], 4);
}

TEST_F(StreamsUpdateTest, JavaSdkUpdatePathIsTheSameOperation) {
  dis().CreateOk("s", 1);
  DisResponse r =
      dis().CallJson("PUT", dis().V2("/streams/s/update/"),
                     {{"update_type", "DATA_TYPE"}, {"stream_name", "s"}, {"data_type", "CSV"}});
  ASSERT_TRUE(HasStatus(r, 204));
  EXPECT_EQ(dis().DescribeOk("s")["data_type"], "CSV");
  r = dis().CallJson("PUT", dis().V2("/streams/s/update"),
                     {{"stream_name", "s"}, {"data_duration", 73}});
  EXPECT_TRUE(IsDisError(r, 400, "DIS.4200"));
  EXPECT_EQ(dis().DescribeOk("s")["retention_period"], 24);
}

TEST_F(StreamsUpdateTest, UpdateUsesTheCreateTimeValidation) {
  dis().CreateOk("s", 2);
  auto update = [&](json changes) {
    changes["stream_name"] = "s";
    return dis().UpdateStream("s", changes);
  };
  EXPECT_TRUE(IsDisError(update({{"data_duration", 23}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(update({{"data_duration", 73}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(update({{"data_type", "XML"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(update({{"data_schema", "not avro"}}), 400, "DIS.4360"));
  EXPECT_TRUE(IsDisError(update({{"auto_scale_enabled", true},
                                 {"auto_scale_min_partition_count", 3},
                                 {"auto_scale_max_partition_count", 4}}),
                         400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(update({{"auto_scale_enabled", true},
                                 {"auto_scale_min_partition_count", 0},
                                 {"auto_scale_max_partition_count", 4}}),
                         400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(dis().Call("PUT", "/v3/" + dis().project() + "/streams/s", "{"), 400, "DIS.4200"));
  EXPECT_TRUE(
      IsDisError(dis().UpdateStream("missing", {{"stream_name", "missing"}, {"data_duration", 48}}),
                 400, "DIS.4301"));
  json d = dis().DescribeOk("s");
  EXPECT_EQ(d["retention_period"], 24);
  EXPECT_EQ(d["data_type"], "BLOB");
  EXPECT_EQ(d.value("auto_scale_enabled", false), false);
}

TEST_F(StreamsUpdateTest, LongerRetentionKeepsRecordsLonger) {
  dis().CreateOk("s", 1);
  dis().PutToPartition("s", 0, 2);
  ASSERT_TRUE(
      HasStatus(dis().UpdateStream("s", {{"stream_name", "s"}, {"data_duration", 48}}), 204));
  dis().AdvanceClock(kDayMs + 1);
  EXPECT_EQ(dis().ReadPartition("s", 0).size(), 2u);
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"], "[0 : 2]");
  dis().AdvanceClock(kDayMs);
  EXPECT_TRUE(dis().ReadPartition("s", 0).empty());
  EXPECT_EQ(dis().Partition("s", 0)["sequence_number_range"], "[2 : 2]");
}

class CreatingDelayTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return WithConfig({{"creating_delay_ms", 1000}}); }
};

TEST_F(CreatingDelayTest, StreamIsCreatingUntilTheDelayPassesAndRefusesData) {
  ASSERT_TRUE(HasStatus(dis().CreateStream("s", 1), 201));
  EXPECT_EQ(dis().DescribeOk("s")["status"], "CREATING");
  DisResponse list = dis().ListStreams();
  ASSERT_EQ(list.doc["stream_info_list"].size(), 1u) << list.body;
  EXPECT_EQ(list.doc["stream_info_list"][0]["status"], "CREATING");
  EXPECT_TRUE(IsDisError(dis().PutRecords("s", {ToPartition("x", "0")}), 400, "DIS.4205"));
  EXPECT_TRUE(IsDisError(
      dis().GetCursor(
          {{"stream-name", "s"}, {"partition-id", "0"}, {"cursor-type", "TRIM_HORIZON"}}),
      400, "DIS.4205"));
  dis().AdvanceClock(999);
  EXPECT_EQ(dis().DescribeOk("s")["status"], "CREATING");
  EXPECT_TRUE(IsDisError(dis().PutRecords("s", {ToPartition("x", "0")}), 400, "DIS.4205"));
  dis().AdvanceClock(2);
  EXPECT_EQ(dis().DescribeOk("s")["status"], "RUNNING");
  EXPECT_EQ(dis().PutToPartition("s", 0, 1), std::vector<std::int64_t>({0}));
  EXPECT_EQ(dis().ReadPartition("s", 0).size(), 1u);
}

}  // namespace
}  // namespace disd::test
