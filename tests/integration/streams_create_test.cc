// CreateStream: what every SDK sends is accepted and shows up again in describe and list;
// every validation rule of docs/behaviour.md at its boundary; duplicates and the partition
// quota (seed 004 5.1.1; dis-behaviour.md edge cases 2, 4, 5).
#include <algorithm>
#include <cctype>
#include <string>

#include "support/disd_test.h"

namespace disd::test {
namespace {

constexpr char kRecordSchema[] =
    R"({"type":"record","name":"r","fields":[{"name":"a","type":"int"},)"
    R"({"name":"b","type":["null","string"]}]})";
constexpr char kUuid[] = "0b6e4b8e-3c3a-4f2d-9c55-6b0f5e7d9a21";

json Sorted(json array) {
  std::vector<json> items(array.begin(), array.end());
  std::sort(items.begin(), items.end(),
            [](const json& a, const json& b) { return a.dump() < b.dump(); });
  return json(items);
}

class StreamsCreateTest : public DisdTest {
 protected:
  // Expects `body` to be rejected with `code` and no stream to be created.
  void ExpectRejected(const json& body, const char* code = "DIS.4200") {
    SCOPED_TRACE(body.dump().substr(0, 300));
    EXPECT_TRUE(IsDisError(dis().CreateStream(body), 400, code));
    DisResponse list = dis().ListStreams();
    EXPECT_EQ(list.doc.value("total_number", -1), 0) << list.body;
  }
  json Body(const std::string& name = "s", int partitions = 1) {
    return {{"stream_name", name}, {"partition_count", partitions}};
  }
  void ExpectAccepted(const json& body) {
    SCOPED_TRACE(body.dump().substr(0, 300));
    EXPECT_TRUE(HasStatus(dis().CreateStream(body), 201));
    EXPECT_TRUE(HasStatus(dis().DeleteStream(body["stream_name"]), 204));
  }
};

TEST_F(StreamsCreateTest, MinimalCreateIs201WithEmptyBodyAndDefaults) {
  std::int64_t now = dis().Now();
  DisResponse r = dis().CreateStream("s", 3);
  ASSERT_TRUE(HasStatus(r, 201));
  EXPECT_TRUE(r.body.empty()) << r.body;
  json d = dis().DescribeOk("s");
  ASSERT_TRUE(d.is_object());
  EXPECT_EQ(d["stream_name"], "s");
  ASSERT_TRUE(d["stream_id"].is_string()) << d;
  std::string id = d["stream_id"];
  EXPECT_EQ(id.size(), 19u) << id;
  EXPECT_TRUE(std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  })) << id;
  EXPECT_EQ(d["status"], "RUNNING");
  EXPECT_EQ(d["stream_type"], "COMMON");
  EXPECT_EQ(d["data_type"], "BLOB");
  EXPECT_EQ(d["retention_period"], 24);
  EXPECT_EQ(d["create_time"], now);
  EXPECT_EQ(d["last_modified_time"], now);
  EXPECT_EQ(d["writable_partition_count"], 3);
  EXPECT_EQ(d["readable_partition_count"], 3);
  EXPECT_EQ(d["has_more_partitions"], false);
  EXPECT_EQ(d.value("auto_scale_enabled", true), false);
  EXPECT_TRUE(d.value("update_partition_counts", json::array()).empty());
  EXPECT_TRUE(d.value("tags", json::array()).empty());
  ASSERT_EQ(d["partitions"].size(), 3u);
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(d["partitions"][k]["partition_id"], PartitionId(k));
    EXPECT_EQ(d["partitions"][k]["status"], "ACTIVE");
    EXPECT_EQ(d["partitions"][k]["sequence_number_range"], "[0 : 0]");
  }
}

TEST_F(StreamsCreateTest, EveryFieldIsStoredAndShownInDescribeAndList) {
  std::int64_t now = dis().AdvanceClock(1234);
  json tags = json::array({{{"key", "env"}, {"value", "prod.1"}},
                           {{"key", "团队_x-1"}, {"value", "数据_-."}},
                           {{"key", "empty"}, {"value", ""}}});
  json sys_tags = json::array({{{"key", "_sys_enterprise_project_id"}, {"value", kUuid}}});
  json body = {{"stream_name", "full"},
               {"partition_count", 2},
               {"stream_type", "ADVANCED"},
               {"data_type", "JSON"},
               {"data_duration", 72},
               {"auto_scale_enabled", true},
               {"auto_scale_min_partition_count", 1},
               {"auto_scale_max_partition_count", 5},
               {"data_schema", kRecordSchema},
               {"compression_format", "gzip"},
               {"csv_properties", {{"delimiter", "|"}}},
               {"tags", tags},
               {"sys_tags", sys_tags},
               {"private", false},
               {"is_private", false}};
  ASSERT_TRUE(HasStatus(dis().CreateStream(body), 201));
  json d = dis().DescribeOk("full");
  ASSERT_TRUE(d.is_object());
  EXPECT_EQ(d["stream_type"], "ADVANCED");
  EXPECT_EQ(d["data_type"], "JSON");
  EXPECT_EQ(d["retention_period"], 72);
  EXPECT_EQ(d["create_time"], now);
  EXPECT_EQ(d["auto_scale_enabled"], true);
  EXPECT_EQ(d["auto_scale_min_partition_count"], 1);
  EXPECT_EQ(d["auto_scale_max_partition_count"], 5);
  ASSERT_TRUE(d["data_schema"].is_string()) << d;
  EXPECT_EQ(json::parse(d["data_schema"].get<std::string>()), json::parse(kRecordSchema));
  EXPECT_EQ(d["compression_format"], "gzip");
  EXPECT_EQ(d["csv_properties"]["delimiter"], "|");
  EXPECT_EQ(Sorted(d["tags"]), Sorted(tags));
  EXPECT_EQ(d["sys_tags"], sys_tags);
  EXPECT_EQ(d["writable_partition_count"], 2);

  DisResponse list = dis().ListStreams();
  ASSERT_TRUE(HasStatus(list, 200));
  ASSERT_EQ(list.doc["stream_info_list"].size(), 1u) << list.body;
  json info = list.doc["stream_info_list"][0];
  EXPECT_EQ(info["stream_id"], d["stream_id"]);
  EXPECT_EQ(info["stream_name"], "full");
  EXPECT_EQ(info["create_time"], now);
  EXPECT_EQ(info["retention_period"], 72);
  EXPECT_EQ(info["status"], "RUNNING");
  EXPECT_EQ(info["stream_type"], "ADVANCED");
  EXPECT_EQ(info["data_type"], "JSON");
  EXPECT_EQ(info["partition_count"], 2);
  EXPECT_EQ(info["auto_scale_enabled"], true);
  EXPECT_EQ(info["auto_scale_min_partition_count"], 1);
  EXPECT_EQ(info["auto_scale_max_partition_count"], 5);
  EXPECT_EQ(Sorted(info["tags"]), Sorted(tags));
  EXPECT_EQ(info["sys_tags"], sys_tags);
}

TEST_F(StreamsCreateTest, BodiesTheSdksSendAreAccepted) {
  // Java, as observed on the wire.
  EXPECT_TRUE(HasStatus(
      dis().Call("POST", dis().V2("/streams/"),
                 R"({"private":false,"stream_name":"java","stream_type":"COMMON",)"
                 R"("partition_count":1,"data_duration":24,"data_type":"BLOB","is_private":true})"),
      201));
  // Go (no omitempty: empty schema, null tags).
  EXPECT_TRUE(HasStatus(
      dis().Call("POST", dis().V2("/streams"),
                 R"({"stream_name":"go","partition_count":1,"stream_type":"COMMON",)"
                 R"("data_duration":24,"data_type":"BLOB","data_schema":"","tags":null})"),
      201));
  // Python legacy (json.dumps separators).
  EXPECT_TRUE(HasStatus(
      dis().Call("POST", dis().V2("/streams/"),
                 R"({"stream_name": "py", "partition_count": 1, "stream_type": "COMMON", )"
                 R"("data_type": "BLOB", "data_duration": 24})"),
      201));
  // data_duration null means the default.
  EXPECT_TRUE(HasStatus(dis().CreateStream("nulldur", 1, {{"data_duration", nullptr}}), 201));
  EXPECT_EQ(dis().DescribeOk("nulldur")["retention_period"], 24);
  EXPECT_EQ(dis().ListStreams().doc["total_number"], 4);
}

TEST_F(StreamsCreateTest, StreamNameRules) {
  ExpectAccepted(Body(std::string(64, 'a')));
  ExpectAccepted(Body("A-Z_a-z_0-9"));
  ExpectAccepted(Body("_"));
  ExpectRejected(Body(std::string(65, 'a')));
  ExpectRejected(Body(""));
  for (const char* bad : {"a.b", "a b", "a/b", "名字", "a$", "a:b", "a%20b", "a\nb"}) {
    ExpectRejected(Body(bad));
  }
  ExpectRejected({{"partition_count", 1}});
  ExpectRejected({{"stream_name", 123}, {"partition_count", 1}});
  ExpectRejected({{"stream_name", nullptr}, {"partition_count", 1}});
}

TEST_F(StreamsCreateTest, PartitionCountRules) {
  ExpectRejected(Body("s", 0));
  ExpectRejected(Body("s", -1));
  ExpectRejected({{"stream_name", "s"}});
  ExpectRejected({{"stream_name", "s"}, {"partition_count", nullptr}});
  ExpectRejected({{"stream_name", "s"}, {"partition_count", "many"}});
  ExpectAccepted(Body("s", 1));
}

TEST_F(StreamsCreateTest, DataDurationBounds) {
  auto with = [&](json duration) {
    json b = Body();
    b["data_duration"] = duration;
    return b;
  };
  ExpectRejected(with(23));
  ExpectRejected(with(73));
  ExpectRejected(with(0));
  ExpectRejected(with(-24));
  ExpectRejected(with("forever"));
  for (int hours : {24, 72}) {
    ASSERT_TRUE(HasStatus(dis().CreateStream(with(hours)), 201));
    EXPECT_EQ(dis().DescribeOk("s")["retention_period"], hours);
    ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  }
}

TEST_F(StreamsCreateTest, EnumeratedFieldsRejectOtherValues) {
  auto with = [&](const char* key, json value) {
    json b = Body();
    b[key] = value;
    return b;
  };
  ExpectRejected(with("stream_type", "SUPER"));
  ExpectRejected(with("stream_type", "common"));
  ExpectRejected(with("data_type", "XML"));
  ExpectRejected(with("compression_format", "lz4"));
  ExpectRejected(with("csv_properties", {{"delimiter", 5}}));
  ExpectRejected(with("csv_properties", "|"));
  for (const char* type : {"BLOB", "JSON", "CSV"}) ExpectAccepted(with("data_type", type));
  for (const char* f : {"snappy", "gzip", "zip"}) ExpectAccepted(with("compression_format", f));
  ExpectAccepted(with("stream_type", "ADVANCED"));
  ExpectAccepted(with("csv_properties", {{"delimiter", ","}}));
}

TEST_F(StreamsCreateTest, DataSchemaMustBeValidAvro) {
  auto with = [&](const std::string& schema) {
    json b = Body();
    b["data_type"] = "JSON";
    b["data_schema"] = schema;
    return b;
  };
  ExpectAccepted(with(kRecordSchema));
  ExpectAccepted(with(R"({"type":"array","items":"long"})"));
  ExpectAccepted(with(R"({"type":"enum","name":"e","symbols":["A","B"]})"));
  for (const char* bad :
       {"not json", R"({"type":"record","name":"r"})", R"({"type":"nosuchtype"})",
        R"({"type":"record","name":"r","fields":[{"name":"a","type":"integer"}]})",
        R"({"type":"record","name":"r","fields":[{"type":"int"}]})", "{}"}) {
    ExpectRejected(with(bad), "DIS.4360");
  }
}

TEST_F(StreamsCreateTest, AutoScaleBoundsAgainstPartitionCount) {
  auto with = [&](json min, json max) {
    json b = Body("s", 3);
    b["auto_scale_enabled"] = true;
    if (!min.is_null()) b["auto_scale_min_partition_count"] = min;
    if (!max.is_null()) b["auto_scale_max_partition_count"] = max;
    return b;
  };
  ExpectAccepted(with(1, 3));
  ExpectAccepted(with(3, 3));
  ExpectAccepted(with(2, 10));
  ExpectRejected(with(0, 3));
  ExpectRejected(with(4, 5));
  ExpectRejected(with(1, 2));
  ExpectRejected(with(3, 1));
  ExpectRejected(with(nullptr, nullptr));
  json disabled = Body("s", 3);
  disabled["auto_scale_enabled"] = false;
  ExpectAccepted(disabled);
}

TEST_F(StreamsCreateTest, TagRules) {
  auto with = [&](json tags) {
    json b = Body();
    b["tags"] = tags;
    return b;
  };
  auto tag = [](std::string key, std::string value) {
    return json{{"key", std::move(key)}, {"value", std::move(value)}};
  };
  std::string han36;
  for (int i = 0; i < 36; ++i) han36 += "中";
  ExpectAccepted(with({tag(std::string(36, 'k'), "v")}));
  ExpectAccepted(with({tag(han36, "值")}));
  ExpectAccepted(with({tag("k", std::string(43, 'v'))}));
  ExpectAccepted(with({tag("k", "a.b_c-d")}));
  ExpectAccepted(with({tag("k", "")}));
  ExpectRejected(with({tag(std::string(37, 'k'), "v")}));
  ExpectRejected(with({tag(han36 + "中", "v")}));
  ExpectRejected(with({tag("", "v")}));
  ExpectRejected(with({tag("a.b", "v")}));
  ExpectRejected(with({tag("a b", "v")}));
  ExpectRejected(with({tag("k", std::string(44, 'v'))}));
  ExpectRejected(with({tag("k", "a@b")}));
  ExpectRejected(with({tag("k", "a b")}));
  ExpectRejected(with({tag("k", "1"), tag("k", "2")}));

  json ten = json::array();
  for (int i = 0; i < 10; ++i) ten.push_back(tag("k" + std::to_string(i), "v"));
  ExpectAccepted(with(ten));
  json eleven = ten;
  eleven.push_back(tag("k10", "v"));
  ExpectRejected(with(eleven), "DIS.4601");
}

TEST_F(StreamsCreateTest, SysTagRules) {
  auto with = [&](std::string key, std::string value) {
    json b = Body();
    b["sys_tags"] = json::array({{{"key", std::move(key)}, {"value", std::move(value)}}});
    return b;
  };
  ExpectAccepted(with("_sys_enterprise_project_id", kUuid));
  ExpectRejected(with("enterprise_project_id", kUuid));
  ExpectRejected(with("", kUuid));
  ExpectRejected(with("_sys_enterprise_project_id", "0"));
  ExpectRejected(with("_sys_enterprise_project_id", std::string(kUuid) + "0"));
  ExpectRejected(with("_sys_enterprise_project_id", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"));
}

TEST_F(StreamsCreateTest, DuplicateNameIsDis4307) {
  dis().CreateOk("s", 1);
  EXPECT_TRUE(IsDisError(dis().CreateStream("s", 2), 400, "DIS.4307"));
  EXPECT_TRUE(
      IsDisError(dis().CreateStream("s", 1, {{"stream_type", "ADVANCED"}}), 400, "DIS.4307"));
  EXPECT_EQ(dis().DescribeOk("s")["writable_partition_count"], 1);
  // Names are case-sensitive.
  EXPECT_TRUE(HasStatus(dis().CreateStream("S", 1), 201));
}

TEST_F(StreamsCreateTest, PartitionQuotaPerTypeAndProject) {
  dis().CreateOk("c49", 49);
  EXPECT_TRUE(IsDisError(dis().CreateStream("c2", 2), 400, "DIS.4308"));
  dis().CreateOk("c1", 1);
  EXPECT_TRUE(IsDisError(dis().CreateStream("c1b", 1), 400, "DIS.4308"));
  // ADVANCED has its own quota of 10.
  dis().CreateOk("a10", 10, {{"stream_type", "ADVANCED"}});
  EXPECT_TRUE(
      IsDisError(dis().CreateStream("a1", 1, {{"stream_type", "ADVANCED"}}), 400, "DIS.4308"));
  // Another project has its own quota.
  auto other = MakeClient(kOtherProject);
  EXPECT_TRUE(HasStatus(other->CreateStream("c50", 50), 201));
  EXPECT_TRUE(IsDisError(other->CreateStream("one_more", 1), 400, "DIS.4308"));
  // Deleting a stream gives its partitions back.
  ASSERT_TRUE(HasStatus(dis().DeleteStream("c49"), 204));
  EXPECT_TRUE(HasStatus(dis().CreateStream("c49again", 49), 201));
}

TEST_F(StreamsCreateTest, SingleStreamAboveTheQuotaIsDis4308) {
  ExpectRejected(Body("big", 51), "DIS.4308");
  ExpectRejected({{"stream_name", "adv"}, {"partition_count", 11}, {"stream_type", "ADVANCED"}},
                 "DIS.4308");
  ExpectAccepted(Body("max", 50));
}

class RetentionBoundsConfigTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"min_retention_hours", 1}, {"max_retention_hours", 168}});
  }
};

TEST_F(RetentionBoundsConfigTest, DataDurationBoundsFollowTheConfiguration) {
  EXPECT_TRUE(IsDisError(dis().CreateStream("s", 1, {{"data_duration", 169}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(dis().CreateStream("s", 1, {{"data_duration", 0}}), 400, "DIS.4200"));
  ASSERT_TRUE(HasStatus(dis().CreateStream("week", 1, {{"data_duration", 168}}), 201));
  ASSERT_TRUE(HasStatus(dis().CreateStream("hour", 1, {{"data_duration", 1}}), 201));
  EXPECT_EQ(dis().DescribeOk("week")["retention_period"], 168);
  dis().PutToPartition("hour", 0, 1);
  dis().AdvanceClock(kHourMs + 1);
  EXPECT_EQ(dis().Partition("hour", 0)["sequence_number_range"], "[1 : 1]");
}

}  // namespace
}  // namespace disd::test
