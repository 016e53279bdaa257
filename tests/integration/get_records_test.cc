// GetRecords: cursor acceptance (quoted, percent-encoded) and rejection (garbage, too long,
// tampered, deleted stream), the 5-minute lifetime and idle polling with fresh cursors,
// limit and max_fetch_bytes, and paging that never skips, repeats or goes backwards
// (seed 004 5.4.2; dis-behaviour.md edge cases 23-25, 29, 32).
#include <string>

#include "disd/common/base64.h"
#include "support/disd_test.h"

namespace disd::test {
namespace {

constexpr std::int64_t kCursorTtlMs = 5 * 60 * 1000;

class GetRecordsTest : public DisdTest {
 protected:
  // Volumes beyond a partition's traffic budget; limits are traffic_control_test.cc's.
  ServerOptions Options() const override { return WithConfig({{"traffic_control", false}}); }
  void SetUp() override {
    DisdTest::SetUp();
    if (HasFatalFailure()) return;
    dis().CreateOk("s", 1);
  }
  std::string Trim() { return dis().Cursor("s", "0", "TRIM_HORIZON"); }
  static std::string Position(const std::string& cursor) {
    json doc = DecodeCursor(cursor);
    if (!doc.is_object() || !doc.contains("getIteratorParam")) return "<undecodable>";
    return doc["getIteratorParam"].value("starting-sequence-number", "<missing>");
  }
  static std::string Encode(const json& doc) {
    return Base64Encode(doc.dump(), Base64Alphabet::kUrlSafe);
  }
};

TEST_F(GetRecordsTest, CursorInDoubleQuotesIsAccepted) {
  dis().PutToPartition("s", 0, 2);
  std::string cursor = Trim();
  DisResponse r = dis().GetRecords("\"" + cursor + "\"");
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(ParseRecords(r).size(), 2u);
}

TEST_F(GetRecordsTest, FullyPercentEncodedCursorIsAccepted) {
  dis().PutToPartition("s", 0, 2);
  std::string cursor = Trim();
  DisResponse r =
      dis().Call("GET", dis().V2("/records?partition-cursor=") + UrlEncode(cursor) + "&limit=10");
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(ParseRecords(r).size(), 2u);
  // With padding percent-encoded as Python's requests does.
  std::string padded = cursor;
  while (padded.size() % 4 != 0) padded += "=";
  r = dis().Call("GET", dis().V2("/records?partition-cursor=") + UrlEncode(padded));
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(ParseRecords(r).size(), 2u);
}

TEST_F(GetRecordsTest, MalformedCursorsAreDis4217) {
  std::string good = Trim();
  json doc = DecodeCursor(good);
  ASSERT_TRUE(doc.is_object());
  json bad_sn = doc;
  bad_sn["getIteratorParam"]["starting-sequence-number"] = "abc";
  json bad_instance = doc;
  bad_instance["streamInstance"] = "not-this-stream";
  for (const std::string& cursor :
       {std::string("abc"), std::string("!!!!"), Encode(json::object()), Encode("text"),
        Base64Encode("not json", Base64Alphabet::kUrlSafe), Encode(bad_sn), Encode(bad_instance),
        good.substr(0, good.size() / 2), std::string(513, 'A'), good + std::string(600, 'A')}) {
    SCOPED_TRACE(cursor.substr(0, 80));
    EXPECT_TRUE(IsDisError(dis().GetRecords(cursor), 400, "DIS.4217"));
  }
  EXPECT_TRUE(HasStatus(dis().GetRecords(good), 200));
}

TEST_F(GetRecordsTest, CursorOfADeletedStreamNoLongerReads) {
  dis().PutToPartition("s", 0, 1);
  std::string cursor = Trim();
  ASSERT_TRUE(HasStatus(dis().DeleteStream("s"), 204));
  DisResponse r = dis().GetRecords(cursor);
  EXPECT_TRUE(IsDisError(r, 400, "DIS.4301"));
  dis().CreateOk("s", 1);
  EXPECT_TRUE(IsDisError(dis().GetRecords(cursor), 400, "DIS.4217"));
}

TEST_F(GetRecordsTest, CursorExpiresAfterFiveMinutes) {
  dis().PutToPartition("s", 0, 1);
  std::string first = Trim();
  std::string second = Trim();
  dis().AdvanceClock(kCursorTtlMs - 1);
  DisResponse r = dis().GetRecords(first);
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(ParseRecords(r).size(), 1u);
  std::string fresh = r.doc["next_partition_cursor"];
  dis().AdvanceClock(2);
  EXPECT_TRUE(IsDisError(dis().GetRecords(second), 400, "DIS.4225"));
  EXPECT_TRUE(IsDisError(dis().GetRecords(first), 400, "DIS.4225"));
  EXPECT_TRUE(HasStatus(dis().GetRecords(fresh), 200));
}

TEST_F(GetRecordsTest, IdlePollingGetsAFreshCursorEveryTime) {
  std::string cursor = dis().Cursor("s", "0", "LATEST");
  for (int poll = 0; poll < 3; ++poll) {
    std::int64_t now = dis().AdvanceClock(4 * 60 * 1000);
    DisResponse r = dis().GetRecords(cursor);
    ASSERT_TRUE(HasStatus(r, 200)) << "poll " << poll;
    EXPECT_TRUE(r.doc["records"].is_array() && r.doc["records"].empty()) << r.body;
    ASSERT_TRUE(r.doc["next_partition_cursor"].is_string()) << r.body;
    cursor = r.doc["next_partition_cursor"];
    EXPECT_EQ(DecodeCursor(cursor).value("generateTimestamp", json()), now);
    EXPECT_EQ(Position(cursor), "0");
  }
  dis().PutToPartition("s", 0, 1, "finally");
  dis().AdvanceClock(4 * 60 * 1000);
  DisResponse r = dis().GetRecords(cursor);
  ASSERT_TRUE(HasStatus(r, 200));
  auto records = ParseRecords(r);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].data, "finally0");
  EXPECT_EQ(Position(r.doc["next_partition_cursor"]), "1");
}

TEST_F(GetRecordsTest, LimitBoundsAndDefault) {
  for (int i = 0; i < 2; ++i) dis().PutToPartition("s", 0, 500);
  dis().PutToPartition("s", 0, 1);
  std::string cursor = Trim();
  for (const char* bad : {"0", "10001", "-1", "x"}) {
    EXPECT_TRUE(IsDisError(dis().GetRecords(cursor, {{"limit", bad}}), 400, "DIS.4200")) << bad;
  }
  DisResponse two = dis().GetRecords(cursor, {{"limit", "2"}});
  ASSERT_TRUE(HasStatus(two, 200));
  EXPECT_EQ(ParseRecords(two).size(), 2u);
  EXPECT_EQ(Position(two.doc["next_partition_cursor"]), "2");
  DisResponse deflt = dis().GetRecords(cursor);  // the Go SDK never sends limit
  ASSERT_TRUE(HasStatus(deflt, 200));
  EXPECT_EQ(ParseRecords(deflt).size(), 1000u);
  DisResponse max = dis().GetRecords(cursor, {{"limit", "10000"}, {"app_name", "group-1"}});
  ASSERT_TRUE(HasStatus(max, 200));
  EXPECT_EQ(ParseRecords(max).size(), 1001u);
}

TEST_F(GetRecordsTest, MaxFetchBytesLimitsThePageAndAnOversizedRecordNeverComes) {
  std::vector<Record> records;
  for (int i = 0; i < 3; ++i) records.push_back(ToPartition(Bytes(100, i), "0"));
  dis().PutOk("s", records);
  std::string cursor = Trim();
  for (const char* key : {"max_fetch_bytes", "max_fetch_by_bytes"}) {
    SCOPED_TRACE(key);
    DisResponse r = dis().GetRecords(cursor, {{key, "299"}});
    ASSERT_TRUE(HasStatus(r, 200));
    EXPECT_EQ(ParseRecords(r).size(), 2u);
    EXPECT_TRUE(IsDisError(dis().GetRecords(cursor, {{key, "0"}}), 400, "DIS.4200"));
    EXPECT_TRUE(IsDisError(dis().GetRecords(cursor, {{key, "-5"}}), 400, "DIS.4200"));
  }
  std::string current = cursor;
  for (int poll = 0; poll < 3; ++poll) {
    DisResponse r = dis().GetRecords(current, {{"max_fetch_bytes", "50"}});
    ASSERT_TRUE(HasStatus(r, 200));
    EXPECT_TRUE(r.doc["records"].empty()) << r.body.substr(0, 200);
    current = r.doc["next_partition_cursor"];
    EXPECT_EQ(Position(current), "0");
  }
  EXPECT_EQ(dis().ReadAll(current).size(), 3u);
}

TEST_F(GetRecordsTest, PagingNeverSkipsRepeatsOrGoesBackwards) {
  std::vector<Record> records;
  for (int i = 0; i < 100; ++i) records.push_back(ToPartition("rec-" + std::to_string(i), "0"));
  dis().PutOk("s", records);
  std::string cursor = Trim();
  std::int64_t expected = 0;
  int pages = 0;
  for (; pages < 100; ++pages) {
    DisResponse r = dis().GetRecords(cursor, {{"limit", "7"}});
    ASSERT_TRUE(HasStatus(r, 200));
    auto page = ParseRecords(r);
    ASSERT_LE(page.size(), 7u);
    for (const auto& rec : page) {
      ASSERT_EQ(rec.sequence_number, expected);
      EXPECT_EQ(rec.data, "rec-" + std::to_string(expected));
      ++expected;
    }
    cursor = r.doc["next_partition_cursor"];
    EXPECT_EQ(Position(cursor), std::to_string(expected));
    if (page.empty()) break;
  }
  EXPECT_EQ(expected, 100);
  EXPECT_EQ(pages, 15);  // 14 full pages, one of 2, then the empty one
  dis().PutToPartition("s", 0, 1, "tail");
  auto tail = dis().ReadAll(cursor, 7);
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].sequence_number, 100);
}

class GetRecordsLimitsConfigTest : public DisdTest {
 protected:
  ServerOptions Options() const override {
    return WithConfig({{"get_records_max_bytes", 299}, {"cursor_ttl_ms", 1000}});
  }
};

TEST_F(GetRecordsLimitsConfigTest, ServerByteCapAndCursorLifetimeAreConfigurable) {
  dis().CreateOk("s", 1);
  std::vector<Record> records;
  for (int i = 0; i < 3; ++i) records.push_back(ToPartition(Bytes(100, i), "0"));
  dis().PutOk("s", records);
  std::string cursor = dis().Cursor("s", "0", "TRIM_HORIZON");
  for (Query q : {Query{}, Query{{"max_fetch_bytes", "100000"}}}) {
    DisResponse r = dis().GetRecords(cursor, q);
    ASSERT_TRUE(HasStatus(r, 200));
    EXPECT_EQ(ParseRecords(r).size(), 2u);
  }
  dis().AdvanceClock(1000);
  EXPECT_TRUE(HasStatus(dis().GetRecords(cursor), 200));
  dis().AdvanceClock(1);
  EXPECT_TRUE(IsDisError(dis().GetRecords(cursor), 400, "DIS.4225"));
}

}  // namespace
}  // namespace disd::test
