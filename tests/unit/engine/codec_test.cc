// Engine codecs: byte primitives, storage keys, record values, partition states, metas.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <tuple>

#include "engine/byte_codec.h"
#include "engine/key_codec.h"
#include "engine/record_codec.h"
#include "engine/stream_meta_codec.h"

namespace disd::engine {
namespace {

TEST(ByteCodecTest, VarintsRoundTrip) {
  const std::uint64_t unsigned_values[] = {0, 1, 127, 128, 16383, 16384, 1ull << 35,
                                           std::numeric_limits<std::uint64_t>::max()};
  const std::int64_t signed_values[] = {0, 1, -1, 63, -64, 64, -65, 1ll << 40, -(1ll << 40),
                                        std::numeric_limits<std::int64_t>::max(),
                                        std::numeric_limits<std::int64_t>::min()};
  std::string buf;
  ByteWriter w(buf);
  for (auto v : unsigned_values) w.PutVarint(v);
  for (auto v : signed_values) w.PutSignedVarint(v);
  w.PutFixed32(0xdeadbeef);
  w.PutFixed64(0x0102030405060708ull);
  w.PutString(std::string("a\0b", 3));
  w.PutBool(true);

  ByteReader r(buf);
  for (auto v : unsigned_values) {
    std::uint64_t got = 0;
    ASSERT_TRUE(r.GetVarint(got));
    EXPECT_EQ(got, v);
  }
  for (auto v : signed_values) {
    std::int64_t got = 0;
    ASSERT_TRUE(r.GetSignedVarint(got));
    EXPECT_EQ(got, v);
  }
  std::uint32_t f32 = 0;
  std::uint64_t f64 = 0;
  std::string s;
  bool b = false;
  ASSERT_TRUE(r.GetFixed32(f32) && r.GetFixed64(f64) && r.GetString(s) && r.GetBool(b));
  EXPECT_EQ(f32, 0xdeadbeef);
  EXPECT_EQ(f64, 0x0102030405060708ull);
  EXPECT_EQ(s, std::string("a\0b", 3));
  EXPECT_TRUE(b);
  EXPECT_TRUE(r.AtEnd());
}

TEST(ByteCodecTest, RejectsTruncatedAndOverlongInput) {
  std::string buf;
  ByteWriter(buf).PutVarint(1ull << 40);
  ByteReader truncated(std::string_view(buf).substr(0, buf.size() - 1));
  std::uint64_t v = 0;
  EXPECT_FALSE(truncated.GetVarint(v));
  EXPECT_FALSE(truncated.ok());

  const std::string overlong(11, '\x80');
  ByteReader r2(overlong);
  EXPECT_FALSE(r2.GetVarint(v));

  std::string str;
  ByteWriter(str).PutVarint(100);  // claims 100 bytes, has none
  ByteReader r3(str);
  std::string s;
  EXPECT_FALSE(r3.GetString(s));
  ByteReader r4(str);
  std::size_t n = 0;
  EXPECT_FALSE(r4.GetCount(n));

  const std::string two("\x02", 1);
  ByteReader r5(two);
  bool b = false;
  EXPECT_FALSE(r5.GetBool(b));
}

TEST(KeyCodecTest, RecordKeyRoundTrip) {
  const RecordKey key{42, 7, 123456789};
  const std::string bytes = EncodeRecordKey(key);
  EXPECT_EQ(bytes.size(), kRecordKeySize);
  EXPECT_EQ(DecodeRecordKey(bytes), key);
  EXPECT_FALSE(DecodeRecordKey(bytes.substr(1)).has_value());
  EXPECT_FALSE(DecodeRecordKey(bytes + "x").has_value());
}

TEST(KeyCodecTest, ByteOrderIsNumericOrder) {
  const std::uint64_t ids[] = {0, 1, 255, 256, 65536, 1ull << 32, (1ull << 63) + 5,
                               std::numeric_limits<std::uint64_t>::max() - 1};
  const std::int32_t partitions[] = {0, 1, 127, 128, 255, 256, 65535, 65536, 1 << 24,
                                     std::numeric_limits<std::int32_t>::max()};
  const std::uint64_t seqs[] = {0, 1, 127, 128, 255, 256, 1ull << 31, 1ull << 32,
                                std::numeric_limits<std::int64_t>::max()};
  std::vector<RecordKey> keys;
  for (auto id : ids)
    for (auto p : partitions)
      for (auto s : seqs) keys.push_back({id, p, s});
  std::vector<RecordKey> numeric = keys;
  std::sort(numeric.begin(), numeric.end(), [](const RecordKey& a, const RecordKey& b) {
    return std::tie(a.stream_internal_id, a.partition, a.sequence) <
           std::tie(b.stream_internal_id, b.partition, b.sequence);
  });
  std::vector<std::string> encoded;
  for (const auto& k : keys) encoded.push_back(EncodeRecordKey(k));
  std::sort(encoded.begin(), encoded.end());  // bytewise, as RocksDB's default comparator
  ASSERT_EQ(encoded.size(), numeric.size());
  for (std::size_t i = 0; i < numeric.size(); ++i) {
    EXPECT_EQ(DecodeRecordKey(encoded[i]), numeric[i]) << i;
  }
}

TEST(KeyCodecTest, StreamPrefixBoundsEveryKeyOfTheStream) {
  for (std::uint64_t id : {1ull, 255ull, 256ull, (1ull << 32) - 1}) {
    const std::string begin = StreamKeyPrefix(id);
    const std::string end = StreamKeyPrefix(id + 1);
    const std::string lowest = EncodeRecordKey({id, 0, 0});
    const std::string highest = EncodeRecordKey(
        {id, std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::uint64_t>::max()});
    EXPECT_LE(begin, lowest);
    EXPECT_LT(highest, end);
    EXPECT_LT(EncodeRecordKey({id - 1, std::numeric_limits<std::int32_t>::max(), ~0ull}), begin);
    EXPECT_LE(begin, EncodePartitionStateKey(id, 0));
    EXPECT_LT(EncodePartitionStateKey(id, std::numeric_limits<std::int32_t>::max()), end);
    EXPECT_LT(EncodePartitionStateKey(id, 255), EncodePartitionStateKey(id, 256));
  }
}

TEST(KeyCodecTest, CatalogKindsDoNotOverlap) {
  const std::string stream_key = EncodeStreamMetaKey(~0ull);
  const std::string counter_key = EncodeCounterKey(kInternalIdCounter);
  EXPECT_GE(stream_key, CatalogKindBegin(CatalogKind::kStream));
  EXPECT_LT(stream_key, CatalogKindEnd(CatalogKind::kStream));
  EXPECT_GE(counter_key, CatalogKindBegin(CatalogKind::kCounter));
  EXPECT_LT(counter_key, CatalogKindEnd(CatalogKind::kCounter));
  EXPECT_LT(EncodeStreamMetaKey(1), EncodeStreamMetaKey(256));
}

TEST(RecordCodecTest, RoundTrip) {
  const std::string binary("\0\x01\xff payload", 11);
  const std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  const std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const RecordView cases[] = {
      {1700000000000, 1700000000000, std::nullopt, "hello"},
      {1700000000000, 1699999999000, std::string_view("key-1"), binary},
      {1700000000000, 0, std::string_view(""), ""},
      {0, kMax, std::nullopt, "x"},
      {kMax, kMin, std::string_view("k"), "y"},
      {-5, 5, std::nullopt, ""},
  };
  for (const RecordView& c : cases) {
    const std::string value = EncodeRecordValue(c);
    auto decoded = DecodeRecordValue(value);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->arrival_ms, c.arrival_ms);
    EXPECT_EQ(decoded->timestamp_ms, c.timestamp_ms);
    EXPECT_EQ(decoded->partition_key, c.partition_key);
    EXPECT_EQ(decoded->data, c.data);
    EXPECT_EQ(DecodeRecordArrival(value), c.arrival_ms);
    EXPECT_EQ(EncodeRecordHeader(c.arrival_ms, c.timestamp_ms, c.partition_key) +
                  std::string(c.data),
              value);
  }
  // The common case is compact: flags + arrival varint + data.
  EXPECT_LE(EncodeRecordValue({1700000000000, 1700000000000, std::nullopt, ""}).size(), 8u);
}

TEST(RecordCodecTest, RejectsCorruptValues) {
  EXPECT_FALSE(DecodeRecordValue("").has_value());
  EXPECT_FALSE(DecodeRecordValue(std::string("\x80\x02", 2)).has_value());  // unknown flag
  const std::string value = EncodeRecordValue({1, 2, std::string_view("partition-key"), ""});
  // Cut inside the partition key.
  EXPECT_FALSE(DecodeRecordValue(value.substr(0, value.size() - 3)).has_value());
  EXPECT_FALSE(DecodeRecordArrival(std::string("\x00", 1)).has_value());
}

TEST(RecordCodecTest, PartitionStateRoundTrip) {
  const PartitionState states[] = {{}, {5, 10, 1700000000000}, {0, 0, PartitionState::kNoArrival},
                                   {1ll << 40, (1ll << 40) + 1, -3}};
  for (const auto& s : states) {
    EXPECT_EQ(DecodePartitionState(EncodePartitionState(s)), s);
  }
  EXPECT_FALSE(DecodePartitionState("").has_value());
  std::string bad = EncodePartitionState({10, 5, 0});  // first_valid > next
  EXPECT_FALSE(DecodePartitionState(bad).has_value());
  std::string wrong_version = EncodePartitionState({});
  wrong_version[0] = 9;
  EXPECT_FALSE(DecodePartitionState(wrong_version).has_value());
}

StreamMeta FullMeta() {
  StreamMeta m;
  m.internal_id = 1ull << 40;
  m.project_id = "0123456789abcdef0123456789abcdef";
  m.name = "stream-é-1";
  m.stream_id = "AbCdEfGhIjKlMnOpQrS";
  m.create_time_ms = 1700000000001;
  m.last_modified_ms = 1700000000002;
  m.ready_at_ms = 1700000000003;
  m.stream_type = StreamType::kAdvanced;
  m.data_type = DataType::kCsv;
  m.retention_hours = 168;
  m.data_schema = R"({"type":"record","name":"r","fields":[]})";
  m.compression_format = "snappy";
  m.csv_delimiter = ";";
  m.auto_scale_enabled = true;
  m.auto_scale_min_partitions = 2;
  m.auto_scale_max_partitions = 50;
  m.tags = {{"k1", "v1"}, {"k2", ""}};
  m.sys_tags = {{"_sys_enterprise_project_id", "0"}};
  m.partitions = {
      {0, PartitionStatus::kActive, 0, 4611686018427387903ull, 1700000000000},
      {1, PartitionStatus::kDeleted, 4611686018427387904ull, 9223372036854775807ull, 1700000000500},
      {2, PartitionStatus::kExpired, 7, 8, -1},
  };
  m.scaling_log = {{1700000000100, 1, 3, 0, "", false}, {1700000000200, 3, 2, 1, "failed", true}};
  return m;
}

TEST(StreamMetaCodecTest, RoundTripsEveryField) {
  const StreamMeta meta = FullMeta();
  auto decoded = DecodeStreamMeta(EncodeStreamMeta(meta));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, meta);
}

TEST(StreamMetaCodecTest, RoundTripsDefaults) {
  const StreamMeta meta;
  auto decoded = DecodeStreamMeta(EncodeStreamMeta(meta));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, meta);
  EXPECT_FALSE(decoded->csv_delimiter.has_value());
  StreamMeta empty_csv;
  empty_csv.csv_delimiter = "";
  EXPECT_EQ(DecodeStreamMeta(EncodeStreamMeta(empty_csv)), empty_csv);
}

TEST(StreamMetaCodecTest, RejectsCorruptInput) {
  const std::string bytes = EncodeStreamMeta(FullMeta());
  EXPECT_EQ(static_cast<std::uint8_t>(bytes[0]), kStreamMetaCodecVersion);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeStreamMeta(bytes.substr(0, n)).has_value()) << "prefix of " << n;
  }
  EXPECT_FALSE(DecodeStreamMeta(bytes + "x").has_value());
  std::string future = bytes;
  future[0] = static_cast<char>(kStreamMetaCodecVersion + 1);
  EXPECT_FALSE(DecodeStreamMeta(future).has_value());
  future[0] = 0;
  EXPECT_FALSE(DecodeStreamMeta(future).has_value());

  StreamMeta bad_enum;
  std::string enc = EncodeStreamMeta(bad_enum);
  // version, internal_id 0, three empty strings, three zero times, then stream_type.
  ASSERT_EQ(enc[8], 0);
  enc[8] = 5;
  EXPECT_FALSE(DecodeStreamMeta(enc).has_value());
}

TEST(EngineStreamMetaTest, PartitionCounts) {
  StreamMeta m = FullMeta();
  EXPECT_EQ(m.WritablePartitionCount(), 1);
  EXPECT_EQ(m.ReadablePartitionCount(), 2);
  m.partitions.clear();
  EXPECT_EQ(m.WritablePartitionCount(), 0);
  EXPECT_EQ(m.ReadablePartitionCount(), 0);
}

}  // namespace
}  // namespace disd::engine
