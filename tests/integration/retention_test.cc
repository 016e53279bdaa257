// Retention driven by the manual clock: records older than data_duration disappear, the
// valid window (sequence_number_range, TRIM_HORIZON, the DIS.4224 bounds) moves up, a held
// cursor pointing at an expired record is DIS.4226, and sequence numbers are never reused
// (dis-behaviour.md 2.2 and edge cases 18, 27, 28).
#include <string>

#include "support/disd_test.h"

namespace disd::test {
namespace {

class RetentionTest : public DisdTest {
 protected:
  std::string Range(const std::string& stream) {
    return dis().Partition(stream, 0).value("sequence_number_range", "<none>");
  }
};

TEST_F(RetentionTest, ExpiredRecordsDisappearAndTheWindowMovesUp) {
  dis().CreateOk("s", 1);
  dis().PutToPartition("s", 0, 3, "early");  // sn 0..2 at t0
  dis().AdvanceClock(kHourMs);
  dis().PutToPartition("s", 0, 2, "late");   // sn 3..4 at t0 + 1 h
  dis().AdvanceClock(kDayMs - kHourMs - 1);  // t0 + 24 h - 1 ms: nothing has expired
  EXPECT_EQ(Range("s"), "[0 : 5]");
  EXPECT_EQ(dis().ReadPartition("s", 0).size(), 5u);

  dis().AdvanceClock(2);  // t0 + 24 h + 1 ms
  EXPECT_EQ(Range("s"), "[3 : 5]");
  EXPECT_EQ(dis().Partition("s", 0)["status"], "ACTIVE");
  auto records = dis().ReadPartition("s", 0);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].sequence_number, 3);
  EXPECT_EQ(records[0].data, "late0");

  DisResponse r = dis().GetCursor({{"stream-name", "s"},
                                   {"partition-id", "0"},
                                   {"cursor-type", "AT_SEQUENCE_NUMBER"},
                                   {"starting-sequence-number", "0"}});
  ASSERT_TRUE(IsDisError(r, 400, "DIS.4224"));
  EXPECT_NE(r.doc["message"].get<std::string>().find("[0][ should be within ][3][ ][5]"),
            std::string::npos)
      << r.body;
  r = dis().GetCursor({{"stream-name", "s"},
                       {"partition-id", "0"},
                       {"starting-sequence-number", "2"}});  // the oldest valid minus one
  ASSERT_TRUE(IsDisError(r, 400, "DIS.4224"));
  EXPECT_NE(r.doc["message"].get<std::string>().find("[2][ should be within ][3][ ][5]"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(dis().ReadAll(dis().Cursor("s", "0", "AT_SEQUENCE_NUMBER", "3")).size(), 2u);
  auto after = dis().ReadAll(dis().Cursor("s", "0", "AFTER_SEQUENCE_NUMBER", "2"));
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].sequence_number, 3);
  EXPECT_TRUE(IsDisError(dis().GetCursor({{"stream-name", "s"},
                                          {"partition-id", "0"},
                                          {"cursor-type", "AFTER_SEQUENCE_NUMBER"},
                                          {"starting-sequence-number", "1"}}),
                         400, "DIS.4224"));

  dis().AdvanceClock(kHourMs);  // everything has expired
  EXPECT_EQ(Range("s"), "[5 : 5]");
  std::string trim = dis().Cursor("s", "0", "TRIM_HORIZON");
  EXPECT_TRUE(dis().ReadAll(trim).empty());
  EXPECT_EQ(DecodeCursor(trim)["getIteratorParam"].value("starting-sequence-number", ""), "5");
  // Numbers are never reused.
  EXPECT_EQ(dis().PutToPartition("s", 0, 2, "again"), std::vector<std::int64_t>({5, 6}));
  EXPECT_EQ(Range("s"), "[5 : 7]");
  auto fresh = dis().ReadAll(trim);
  ASSERT_EQ(fresh.size(), 2u);
  EXPECT_EQ(fresh[0].data, "again0");
}

TEST_F(RetentionTest, HeldCursorOnAnExpiredRecordIsDis4226) {
  dis().CreateOk("s", 1);
  dis().PutToPartition("s", 0, 2, "a");
  dis().AdvanceClock(kHourMs);
  dis().PutToPartition("s", 0, 1, "b");
  dis().AdvanceClock(kDayMs - kHourMs - 2 * 60 * 1000);
  std::string held = dis().Cursor("s", "0", "TRIM_HORIZON");  // points at sn 0
  std::string held_page;
  DisResponse first = dis().GetRecords(held, {{"limit", "1"}});
  ASSERT_TRUE(HasStatus(first, 200));
  held_page = first.doc["next_partition_cursor"];  // points at sn 1
  dis().AdvanceClock(2 * 60 * 1000 + 1);           // sn 0 and 1 expire; the cursors are 2 min old
  EXPECT_TRUE(IsDisError(dis().GetRecords(held), 400, "DIS.4226"));
  EXPECT_TRUE(IsDisError(dis().GetRecords(held_page), 400, "DIS.4226"));
  auto records = dis().ReadPartition("s", 0);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].sequence_number, 2);
  EXPECT_EQ(records[0].data, "b0");
}

TEST_F(RetentionTest, EachStreamKeepsItsOwnRetention) {
  dis().CreateOk("day", 1);
  dis().CreateOk("three_days", 1, {{"data_duration", 72}});
  dis().PutToPartition("day", 0, 1);
  dis().PutToPartition("three_days", 0, 1);
  dis().AdvanceClock(kDayMs + 1);
  EXPECT_EQ(Range("day"), "[1 : 1]");
  EXPECT_EQ(Range("three_days"), "[0 : 1]");
  dis().AdvanceClock(2 * kDayMs - 2);
  EXPECT_EQ(Range("three_days"), "[0 : 1]");
  dis().AdvanceClock(2);
  EXPECT_EQ(Range("three_days"), "[1 : 1]");
  EXPECT_TRUE(dis().ReadPartition("three_days", 0).empty());
}

TEST_F(RetentionTest, ExpiryUsesArrivalTimeNotTheProducerTimestamp) {
  dis().CreateOk("s", 1);
  Record old_stamp = ToPartition("stamped-long-ago", "0");
  old_stamp.timestamp = 1000;
  dis().PutOk("s", {old_stamp});
  dis().AdvanceClock(kHourMs);
  auto records = dis().ReadPartition("s", 0);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].timestamp, 1000);
  dis().AdvanceClock(kDayMs - kHourMs + 1);
  EXPECT_TRUE(dis().ReadPartition("s", 0).empty());
}

}  // namespace
}  // namespace disd::test
