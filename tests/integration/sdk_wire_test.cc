// The SDKs' other wire formats over HTTP: protobuf PutRecords/GetRecords (sdk-wire.md 2,
// replaying the observed Python and Java bodies byte for byte) and the Java SDK's request
// body compression (lz4 / snappy / zstd, signatures over the compressed bytes), in open
// and strict mode. Responses are never compressed; errors stay JSON.
#include <gtest/gtest.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zstd.h>

#include "integration/sdk_calls.h"

namespace disd::test {
namespace {

std::string FromHex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string ToHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

// The observed bodies and answer (sdk-wire.md A.2, A.5).
constexpr std::string_view kPythonPut =
    "0a0a6361705f73747265616d120f1a0968656c6c6f2d6469732a026b31121c1a067365636f6e643212736861"
    "726449642d30303030303030303030f20100";
constexpr std::string_view kJavaPut =
    "0a0a6361705f73747265616d120f1a0968656c6c6f2d6469732a026b31121c1a067365636f6e643212736861"
    "726449642d30303030303030303030";
constexpr std::string_view kPutResult =
    "a80100b20119ba0112736861726449642d30303030303030303030c2010130b20119ba011273686172644964"
    "2d30303030303030303030c2010131";

// A protobuf message as (field number, value) pairs: varints as decimal text, length-
// delimited fields as their bytes. Empty on malformed input.
std::vector<std::pair<int, std::string>> Fields(std::string_view in) {
  std::vector<std::pair<int, std::string>> out;
  std::size_t i = 0;
  const auto varint = [&](std::uint64_t& v) {
    v = 0;
    for (int shift = 0; i < in.size() && shift < 64; shift += 7) {
      const unsigned char b = static_cast<unsigned char>(in[i++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  };
  while (i < in.size()) {
    std::uint64_t key = 0, value = 0;
    if (!varint(key)) return {};
    if ((key & 7) == 0) {
      if (!varint(value)) return {};
      out.emplace_back(static_cast<int>(key >> 3), std::to_string(value));
    } else if ((key & 7) == 2) {
      if (!varint(value) || i + value > in.size()) return {};
      out.emplace_back(static_cast<int>(key >> 3), std::string(in.substr(i, value)));
      i += value;
    } else {
      return {};
    }
  }
  return out;
}

std::string Field(const std::vector<std::pair<int, std::string>>& fields, int number) {
  for (const auto& [n, v] : fields) {
    if (n == number) return v;
  }
  return "<absent>";
}

std::string Lz4(std::string_view in) {
  std::string out(LZ4_compressBound(static_cast<int>(in.size())), '\0');
  out.resize(LZ4_compress_default(in.data(), out.data(), static_cast<int>(in.size()),
                                  static_cast<int>(out.size())));
  return out;
}
std::string Snappy(std::string_view in) {
  std::size_t size = snappy_max_compressed_length(in.size());
  std::string out(size, '\0');
  snappy_compress(in.data(), in.size(), out.data(), &size);
  out.resize(size);
  return out;
}
std::string Zstd(std::string_view in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3));
  return out;
}

class WireTest : public DisdTest {
 protected:
  void CreateCapStream() { dis().CreateOk("cap_stream", 1); }
  std::string TrimHorizon() { return dis().Cursor("cap_stream", "0", "TRIM_HORIZON"); }
};

TEST_F(WireTest, ProtobufPutRecordsAnswersTheObservedBytes) {
  CreateCapStream();
  DisResponse r = dis().Call("POST", dis().V2("/records/"), FromHex(kPythonPut),
                             {{"Content-Type", "application/x-protobuf;charset=utf-8"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/x-protobuf");
  EXPECT_EQ(ToHex(r.body), kPutResult);
  // Java's body (no field 30) is accepted as well; it gets sequence numbers 2 and 3.
  DisResponse java = dis().Call("POST", dis().V2("/records/"), FromHex(kJavaPut),
                                {{"Content-Type", "application/x-protobuf; charset=utf-8"}});
  ASSERT_EQ(java.status, 200);
  const auto entries = Fields(java.body);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(Field(entries, 21), "0");
  EXPECT_EQ(Field(Fields(entries[2].second), 24), "3");
}

TEST_F(WireTest, ProtobufGetRecordsOnABodylessGet) {
  CreateCapStream();
  ASSERT_EQ(dis()
                .Call("POST", dis().V2("/records/"), FromHex(kPythonPut),
                      {{"Content-Type", "application/x-protobuf;charset=utf-8"}})
                .status,
            200);
  const std::string cursor = TrimHorizon();
  DisResponse r = dis().Call("GET", dis().V2("/records/?partition-cursor=" + cursor + "&limit=100"),
                             "", {{"Content-Type", "application/x-protobuf;charset=utf-8"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/x-protobuf");
  const auto fields = Fields(r.body);
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[0].first, 14);  // nextShardIterator first, always present
  EXPECT_FALSE(fields[0].second.empty());
  const auto first = Fields(fields[1].second);
  EXPECT_EQ(Field(first, 18), "0");
  EXPECT_EQ(Field(first, 19), "hello-dis");
  EXPECT_EQ(Field(first, 17), "k1");
  EXPECT_EQ(Field(first, 28), "CreateTime");
  EXPECT_NE(Field(first, 27), "<absent>");
  EXPECT_EQ(Field(Fields(fields[2].second), 19), "second");
  // The next cursor works for a JSON read too.
  EXPECT_TRUE(dis().ReadAll(fields[0].second).empty());
}

TEST_F(WireTest, ProtobufErrorsStayJson) {
  DisResponse missing = dis().Call("POST", dis().V2("/records/"), FromHex(kJavaPut),
                                   {{"Content-Type", "application/x-protobuf"}});
  EXPECT_TRUE(IsDisError(missing, 400, "DIS.4301"));
  DisResponse garbage = dis().Call("POST", dis().V2("/records/"), "\x0a\xff\xff",
                                   {{"Content-Type", "application/x-protobuf"}});
  EXPECT_TRUE(IsDisError(garbage, 400, "DIS.4200"));
}

TEST_F(WireTest, CompressedBodiesAreDecodedAndResponsesNeverCompressed) {
  CreateCapStream();
  const std::string body =
      R"({"stream_name":"cap_stream","records":[{"data":"aGVsbG8tZGlz"},{"data":"c2Vjb25k"}]})";
  const std::string size = std::to_string(body.size());
  struct Case {
    std::string coding, packed;
    HttpHeaders headers;
  };
  for (const Case& c : {Case{"lz4", Lz4(body), {{"x-dis-lz4-content-length", size}}},
                        Case{"snappy", Snappy(body), {}},
                        Case{"zstd", Zstd(body), {{"x-dis-zstd-content-length", size}}}}) {
    HttpHeaders headers = c.headers;
    headers.emplace_back("Content-Encoding", c.coding);
    headers.emplace_back("Accept-Encoding", c.coding);
    DisResponse r = dis().Call("POST", dis().V2("/records/"), c.packed, headers);
    ASSERT_TRUE(HasStatus(r, 200)) << c.coding;
    EXPECT_EQ(r.doc["failed_record_count"], 0) << c.coding;
    EXPECT_FALSE(r.http.HasHeader("Content-Encoding"));
  }
  EXPECT_EQ(dis().ReadAll(TrimHorizon()).size(), 6u);
  // Protobuf and lz4 together.
  const std::string proto = FromHex(kJavaPut);
  DisResponse both = dis().Call("POST", dis().V2("/records/"), Lz4(proto),
                                {{"Content-Type", "application/x-protobuf; charset=utf-8"},
                                 {"Content-Encoding", "lz4"},
                                 {"x-dis-lz4-content-length", std::to_string(proto.size())}});
  ASSERT_EQ(both.status, 200);
  EXPECT_EQ(Field(Fields(both.body), 21), "0");
}

TEST_F(WireTest, BombsAre413AndLyingLengthsAre400) {
  CreateCapStream();
  const std::string bomb(64 << 20, ' ');  // 64 MiB of spaces: valid JSON padding
  DisResponse lz4 = dis().Call(
      "POST", dis().V2("/records/"), Lz4(bomb),
      {{"Content-Encoding", "lz4"}, {"x-dis-lz4-content-length", std::to_string(bomb.size())}});
  EXPECT_TRUE(IsDisError(lz4, 413, ""));
  EXPECT_TRUE(IsDisError(
      dis().Call("POST", dis().V2("/records/"), Zstd(bomb), {{"Content-Encoding", "zstd"}}), 413,
      ""));
  EXPECT_TRUE(IsDisError(
      dis().Call("POST", dis().V2("/records/"), Snappy(bomb), {{"Content-Encoding", "snappy"}}),
      413, ""));
  const std::string body = R"({"stream_name":"cap_stream","records":[{"data":"eA=="}]})";
  DisResponse lying = dis().Call(
      "POST", dis().V2("/records/"), Lz4(body),
      {{"Content-Encoding", "lz4"}, {"x-dis-lz4-content-length", std::to_string(body.size() + 5)}});
  EXPECT_TRUE(IsDisError(lying, 400, "DIS.4200"));
  DisResponse missing =
      dis().Call("POST", dis().V2("/records/"), Lz4(body), {{"Content-Encoding", "lz4"}});
  EXPECT_TRUE(IsDisError(missing, 400, "DIS.4200"));
  DisResponse gzip =
      dis().Call("POST", dis().V2("/records/"), body, {{"Content-Encoding", "gzip"}});
  EXPECT_TRUE(IsDisError(gzip, 400, "DIS.4200"));
}

class StrictWireTest : public DisdTest {
 protected:
  ServerOptions Options() const override { return sdk::WithAuth("strict"); }
};

TEST_F(StrictWireTest, SignaturesCoverProtobufAndCompressedBytes) {
  sdk::SignedClient client(dis(), server().port());
  ASSERT_TRUE(HasStatus(client.SendJson(Sdk::kJava, "POST", dis().V2("/streams/"),
                                        {{"stream_name", "cap_stream"}, {"partition_count", 1}}),
                        201));
  // A.5: Java, protobuf, signed.
  DisResponse proto = client.Send(Sdk::kJava, "POST", dis().V2("/records/"), FromHex(kJavaPut),
                                  sdk::Alice(), "application/x-protobuf; charset=utf-8");
  ASSERT_EQ(proto.status, 200) << proto.body;
  EXPECT_EQ(ToHex(proto.body), kPutResult);
  // A.2: Python, protobuf, dialect A.
  DisResponse python =
      client.Send(Sdk::kPythonA, "POST", dis().V2("/records/"), FromHex(kPythonPut), sdk::Alice(),
                  "application/x-protobuf;charset=utf-8");
  ASSERT_EQ(python.status, 200) << python.body;
  // Java body compression: the compression headers are signed, the hash is of the
  // compressed bytes.
  const std::string body = R"({"stream_name":"cap_stream","records":[{"data":"eHl6"}]})";
  const std::string packed = Lz4(body);
  const HttpHeaders extra = {{"Content-Encoding", "lz4"},
                             {"Accept-Encoding", "lz4"},
                             {"x-dis-lz4-content-length", std::to_string(body.size())}};
  const std::vector<std::string> signed_extra = {"accept-encoding", "content-encoding",
                                                 "x-dis-lz4-content-length"};
  DisResponse lz4 = client.Send(Sdk::kJava, "POST", dis().V2("/records/"), packed, sdk::Alice(), {},
                                extra, signed_extra);
  EXPECT_TRUE(HasStatus(lz4, 200));
  // A signature over the uncompressed body does not verify.
  const std::string target = dis().V2("/records/");
  HttpHeaders wrong = SignLike(Sdk::kJava, sdk::Alice(), "POST", target, body, client.host(),
                               dis().Now(), {}, extra, signed_extra);
  EXPECT_TRUE(IsDisError(dis().Call("POST", target, packed, wrong), 441, "DIS.4106"));
  // A protobuf GetRecords signed by Java.
  DisResponse cursor = client.Send(
      Sdk::kJava, "GET",
      dis().V2("/cursors/?starting-sequence-number=0&stream-name=cap_stream&partition-id=0&"
               "cursor-type=AT_SEQUENCE_NUMBER&"));
  ASSERT_TRUE(HasStatus(cursor, 200));
  DisResponse read = client.Send(Sdk::kJava, "GET",
                                 dis().V2("/records/?limit=100&partition-cursor=" +
                                          cursor.doc["partition_cursor"].get<std::string>() + "&"),
                                 "", sdk::Alice(), "application/x-protobuf; charset=utf-8");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Fields(read.body).size(), 1u + 5u);  // the cursor and five records
}

}  // namespace
}  // namespace disd::test
