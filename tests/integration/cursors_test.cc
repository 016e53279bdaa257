// GetCursor: the five cursor types and the default, the valid sequence-number window and
// its DIS.4224 message, AT_TIMESTAMP resolution (arrival time, shared milliseconds, the
// future, expired data), parameter errors, and the cursor's decodable contents that the
// Kafka adapter relies on (seed 004 5.4.3; sdk-wire.md 4.4-4.5; dis-behaviour.md edge
// cases 20-22, 25, 26).
#include <string>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class CursorsTest : public DisdTest {
 protected:
  void SetUp() override {
    DisdTest::SetUp();
    if (HasFatalFailure()) return;
    dis().CreateOk("s", 2);
    dis().PutToPartition("s", 0, 5);  // r0..r4, sequence numbers 0..4
  }
  DisResponse Get(Query q) {
    q.insert(q.begin(), {"stream-name", "s"});
    return dis().GetCursor(q);
  }
  // Sequence number of the first record the cursor reads; -1 for an empty page.
  std::int64_t FirstSn(const std::string& cursor) {
    DisResponse r = dis().GetRecords(cursor, {{"limit", "1"}});
    EXPECT_TRUE(HasStatus(r, 200));
    auto records = ParseRecords(r);
    return records.empty() ? -1 : records[0].sequence_number;
  }
  std::string Sn(const std::string& cursor) {
    json doc = DecodeCursor(cursor);
    if (!doc.is_object() || !doc.contains("getIteratorParam")) return "<undecodable>";
    return doc["getIteratorParam"].value("starting-sequence-number", "<missing>");
  }
};

TEST_F(CursorsTest, AllFiveCursorTypes) {
  std::int64_t now = dis().Now();
  EXPECT_EQ(FirstSn(dis().Cursor("s", "0", "AT_SEQUENCE_NUMBER", "2")), 2);
  EXPECT_EQ(FirstSn(dis().Cursor("s", "0", "AFTER_SEQUENCE_NUMBER", "2")), 3);
  EXPECT_EQ(FirstSn(dis().Cursor("s", "0", "TRIM_HORIZON")), 0);
  DisResponse at_ts = Get(
      {{"partition-id", "0"}, {"cursor-type", "AT_TIMESTAMP"}, {"timestamp", std::to_string(now)}});
  ASSERT_TRUE(HasStatus(at_ts, 200));
  EXPECT_EQ(FirstSn(at_ts.doc["partition_cursor"]), 0);
  std::string latest = dis().Cursor("s", "0", "LATEST");
  DisResponse empty = dis().GetRecords(latest);
  ASSERT_TRUE(HasStatus(empty, 200));
  EXPECT_TRUE(empty.doc["records"].empty());
  dis().PutToPartition("s", 0, 1, "late");
  auto later = dis().ReadAll(latest);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0].sequence_number, 5);
  EXPECT_EQ(later[0].data, "late0");
}

TEST_F(CursorsTest, CursorTypeDefaultsToAtSequenceNumber) {
  DisResponse r = Get({{"partition-id", "0"}, {"starting-sequence-number", "3"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(FirstSn(r.doc["partition_cursor"]), 3);
  EXPECT_TRUE(IsDisError(Get({{"partition-id", "0"}}), 400, "DIS.4216"));
  // The Go SDK always sends timestamp=0; it means nothing for the other types.
  r = Get({{"partition-id", "0"},
           {"cursor-type", "AT_SEQUENCE_NUMBER"},
           {"starting-sequence-number", "1"},
           {"timestamp", "0"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(FirstSn(r.doc["partition_cursor"]), 1);
}

TEST_F(CursorsTest, AtTheNextSequenceNumberIsAnEmptyReadThatLaterSeesNewRecords) {
  std::string cursor = dis().Cursor("s", "0", "AT_SEQUENCE_NUMBER", "5");
  std::string next;
  EXPECT_TRUE(dis().ReadAll(cursor, 1000, &next).empty());
  ASSERT_FALSE(next.empty());
  dis().PutToPartition("s", 0, 2, "n");
  auto records = dis().ReadAll(next);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].sequence_number, 5);
  EXPECT_EQ(records[0].data, "n0");
  // An empty partition accepts 0.
  EXPECT_EQ(FirstSn(dis().Cursor("s", "1", "AT_SEQUENCE_NUMBER", "0")), -1);
}

TEST_F(CursorsTest, AtSequenceNumberOutsideTheWindowIsDis4224) {
  DisResponse r = Get({{"partition-id", "0"},
                       {"cursor-type", "AT_SEQUENCE_NUMBER"},
                       {"starting-sequence-number", "6"}});
  ASSERT_TRUE(IsDisError(r, 400, "DIS.4224"));
  std::string message = r.doc["message"];
  EXPECT_NE(message.find("Sequence_number out of range"), std::string::npos) << message;
  EXPECT_NE(message.find("[6][ should be within ][0][ ][5]"), std::string::npos) << message;
  r = Get({{"partition-id", "0"}, {"starting-sequence-number", "9223372036854775807"}});
  EXPECT_TRUE(IsDisError(r, 400, "DIS.4224"));
  r = Get({{"partition-id", "1"}, {"starting-sequence-number", "1"}});
  ASSERT_TRUE(IsDisError(r, 400, "DIS.4224"));
  EXPECT_NE(r.doc["message"].get<std::string>().find("[1][ should be within ][0][ ][0]"),
            std::string::npos)
      << r.body;
}

TEST_F(CursorsTest, AfterSequenceNumberIsStrictlyAfter) {
  EXPECT_EQ(FirstSn(dis().Cursor("s", "0", "AFTER_SEQUENCE_NUMBER", "0")), 1);
  EXPECT_EQ(FirstSn(dis().Cursor("s", "0", "AFTER_SEQUENCE_NUMBER", "4")), -1);
  auto records = dis().ReadAll(dis().Cursor("s", "0", "AFTER_SEQUENCE_NUMBER", "1"));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records.front().sequence_number, 2);
  for (const char* bad : {"5", "6"}) {
    DisResponse r = Get({{"partition-id", "0"},
                         {"cursor-type", "AFTER_SEQUENCE_NUMBER"},
                         {"starting-sequence-number", bad}});
    ASSERT_TRUE(IsDisError(r, 400, "DIS.4224")) << bad;
    // The same message shape as AT_SEQUENCE_NUMBER: the requested number and the window.
    EXPECT_NE(r.doc["message"].get<std::string>().find("Sequence_number out of range. [" +
                                                       std::string(bad) +
                                                       "][ should be within ][0][ ][5]"),
              std::string::npos)
        << r.body;
  }
  EXPECT_TRUE(IsDisError(Get({{"partition-id", "1"},
                              {"cursor-type", "AFTER_SEQUENCE_NUMBER"},
                              {"starting-sequence-number", "0"}}),
                         400, "DIS.4224"));
}

TEST_F(CursorsTest, UnknownCursorTypeIsDis4215) {
  for (const char* type : {"FOO", "AT_TIME", "TRIM"}) {
    SCOPED_TRACE(type);
    EXPECT_TRUE(IsDisError(
        Get({{"partition-id", "0"}, {"cursor-type", type}, {"starting-sequence-number", "0"}}), 400,
        "DIS.4215"));
  }
}

TEST_F(CursorsTest, MissingOrMalformedSequenceNumberIsDis4216) {
  for (const char* type : {"AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"}) {
    SCOPED_TRACE(type);
    EXPECT_TRUE(IsDisError(Get({{"partition-id", "0"}, {"cursor-type", type}}), 400, "DIS.4216"));
    for (const char* bad : {"abc", "-1", "9223372036854775808", "1.5", "0x1", " 1"}) {
      SCOPED_TRACE(bad);
      EXPECT_TRUE(IsDisError(
          Get({{"partition-id", "0"}, {"cursor-type", type}, {"starting-sequence-number", bad}}),
          400, "DIS.4216"));
    }
  }
}

TEST_F(CursorsTest, PartitionIdFormsAndErrors) {
  dis().PutToPartition("s", 1, 2, "p1-");
  for (const char* id : {"1", "shardId-0000000001"}) {
    auto records = dis().ReadAll(dis().Cursor("s", id, "TRIM_HORIZON"));
    ASSERT_EQ(records.size(), 2u) << id;
    EXPECT_EQ(records[0].data, "p1-0");
  }
  EXPECT_TRUE(IsDisError(Get({{"cursor-type", "TRIM_HORIZON"}}), 400, "DIS.4201"));
  for (const char* bad : {"abc", "shard-1", "-1"}) {
    EXPECT_TRUE(
        IsDisError(Get({{"partition-id", bad}, {"cursor-type", "TRIM_HORIZON"}}), 400, "DIS.4201"))
        << bad;
  }
  for (const char* missing : {"2", "9", "shardId-0000000009"}) {
    EXPECT_TRUE(IsDisError(Get({{"partition-id", missing}, {"cursor-type", "TRIM_HORIZON"}}), 400,
                           "DIS.4302"))
        << missing;
  }
}

TEST_F(CursorsTest, StreamIdWorksInsteadOfStreamName) {
  std::string id = dis().DescribeOk("s")["stream_id"];
  DisResponse r =
      dis().GetCursor({{"stream-id", id}, {"partition-id", "0"}, {"cursor-type", "TRIM_HORIZON"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(dis().ReadAll(r.doc["partition_cursor"]).size(), 5u);
  // The Java SDK sends both when it has both.
  r = dis().GetCursor({{"stream-name", "s"},
                       {"stream-id", id},
                       {"partition-id", "0"},
                       {"cursor-type", "AT_SEQUENCE_NUMBER"},
                       {"starting-sequence-number", "4"}});
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(dis().ReadAll(r.doc["partition_cursor"]).size(), 1u);
  EXPECT_TRUE(IsDisError(
      dis().GetCursor(
          {{"stream-name", "nope"}, {"partition-id", "0"}, {"cursor-type", "TRIM_HORIZON"}}),
      400, "DIS.4301"));
  EXPECT_TRUE(IsDisError(
      dis().GetCursor(
          {{"stream-id", "nope"}, {"partition-id", "0"}, {"cursor-type", "TRIM_HORIZON"}}),
      400, "DIS.4301"));
}

TEST_F(CursorsTest, CursorDecodesToTheResolvedPositionForTheKafkaAdapter) {
  std::int64_t now = dis().AdvanceClock(42);
  struct Case {
    const char* type;
    const char* sn;
    const char* expected;
  };
  for (const Case& c :
       {Case{"TRIM_HORIZON", "", "0"}, Case{"LATEST", "", "5"},
        Case{"AT_SEQUENCE_NUMBER", "2", "2"}, Case{"AFTER_SEQUENCE_NUMBER", "2", "3"}}) {
    SCOPED_TRACE(c.type);
    std::string cursor = dis().Cursor("s", "shardId-0000000000", c.type, c.sn);
    EXPECT_LE(cursor.size(), 512u);
    json doc = DecodeCursor(cursor);
    ASSERT_TRUE(doc.is_object()) << "not base64url JSON: " << cursor;
    const json& p = doc["getIteratorParam"];
    EXPECT_EQ(p.value("stream-name", ""), "s");
    std::string pid = p.value("partition-id", "");
    EXPECT_TRUE(pid == "0" || pid == PartitionId(0)) << pid;
    EXPECT_EQ(p.value("cursor-type", ""), "AT_SEQUENCE_NUMBER");
    EXPECT_EQ(p.value("starting-sequence-number", json()), c.expected);
    EXPECT_EQ(doc.value("generateTimestamp", json()), now);
    EXPECT_TRUE(doc.contains("streamInstance")) << doc;
  }
}

TEST_F(CursorsTest, AtTimestampResolvesByArrivalTime) {
  std::int64_t t0 = dis().Now();
  Record ancient = ToPartition("ancient", "1");
  ancient.timestamp = 1;
  Record future = ToPartition("future", "1");
  future.timestamp = t0 + 1000000000;
  dis().PutOk("s", {ancient, future, ToPartition("plain", "1")});  // sn 0..2 at t0
  std::int64_t t1 = dis().AdvanceClock(10);
  dis().PutToPartition("s", 1, 2, "t1-");  // sn 3, 4 at t1
  dis().AdvanceClock(10);
  auto at = [&](std::int64_t ts) {
    DisResponse r = Get({{"partition-id", "1"},
                         {"cursor-type", "AT_TIMESTAMP"},
                         {"timestamp", std::to_string(ts)}});
    EXPECT_TRUE(HasStatus(r, 200)) << ts;
    return r.doc.value("partition_cursor", "");
  };
  EXPECT_EQ(FirstSn(at(t0)), 0);
  EXPECT_EQ(FirstSn(at(t0 - 100000)), 0);
  EXPECT_EQ(FirstSn(at(t0 + 1)), 3);
  EXPECT_EQ(FirstSn(at(t1)), 3);
  EXPECT_EQ(Sn(at(t1)), "3");
  std::string after_all = at(t1 + 1);
  EXPECT_EQ(Sn(after_all), "5");
  EXPECT_EQ(FirstSn(after_all), -1);
  std::string future_cursor = at(t1 + 3600000);
  EXPECT_EQ(Sn(future_cursor), "5");
  dis().PutToPartition("s", 1, 1, "new");
  auto records = dis().ReadAll(future_cursor);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].data, "new0");
  EXPECT_TRUE(
      IsDisError(Get({{"partition-id", "1"}, {"cursor-type", "AT_TIMESTAMP"}}), 400, "DIS.4200"));
  EXPECT_TRUE(IsDisError(
      Get({{"partition-id", "1"}, {"cursor-type", "AT_TIMESTAMP"}, {"timestamp", "abc"}}), 400,
      "DIS.4200"));
}

TEST_F(CursorsTest, AtTimestampBeforeTheOldestRetainedRecordIsDis4300) {
  dis().CreateOk("r", 1);
  std::int64_t t0 = dis().Now();
  dis().PutToPartition("r", 0, 1, "old");
  std::int64_t t1 = dis().AdvanceClock(kHourMs);
  dis().PutToPartition("r", 0, 1, "young");
  dis().AdvanceClock(kDayMs - kHourMs + 1);  // the first record is now past 24 h
  ASSERT_EQ(dis().Partition("r", 0)["sequence_number_range"], "[1 : 2]");
  for (std::int64_t ts : {t0, t1 - 1}) {
    DisResponse r = dis().GetCursor({{"stream-name", "r"},
                                     {"partition-id", "0"},
                                     {"cursor-type", "AT_TIMESTAMP"},
                                     {"timestamp", std::to_string(ts)}});
    ASSERT_TRUE(IsDisError(r, 400, "DIS.4300")) << ts;
    EXPECT_NE(r.doc["message"].get<std::string>().find(
                  "timestamp is expired, timestamp should be larger than " + std::to_string(t1)),
              std::string::npos)
        << r.body;
  }
  DisResponse ok = dis().GetCursor({{"stream-name", "r"},
                                    {"partition-id", "0"},
                                    {"cursor-type", "AT_TIMESTAMP"},
                                    {"timestamp", std::to_string(t1)}});
  ASSERT_TRUE(HasStatus(ok, 200));
  auto records = dis().ReadAll(ok.doc["partition_cursor"]);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].sequence_number, 1);
}

}  // namespace
}  // namespace disd::test
