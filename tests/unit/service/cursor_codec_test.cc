#include "service/cursor_codec.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "disd/common/base64.h"

namespace disd::service {
namespace {

CursorPosition Sample() {
  CursorPosition p;
  p.stream_name = "orders";
  p.partition = 3;
  p.sequence_number = 12345;
  p.generated_ms = 1700000000000;
  p.stream_instance = 77;
  return p;
}

TEST(CursorCodecTest, RoundTrips) {
  auto decoded = DecodeCursor(EncodeCursor(Sample()));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->stream_name, "orders");
  EXPECT_EQ(decoded->partition, 3);
  EXPECT_EQ(decoded->sequence_number, 12345);
  EXPECT_EQ(decoded->generated_ms, 1700000000000);
  EXPECT_EQ(decoded->stream_instance, 77u);
}

TEST(CursorCodecTest, HasTheShapeTheKafkaAdapterDecodes) {
  auto text = Base64Decode(EncodeCursor(Sample()), Base64Alphabet::kUrlSafe);
  ASSERT_TRUE(text.has_value());
  auto doc = nlohmann::json::parse(*text);
  EXPECT_EQ(doc["getIteratorParam"]["stream-name"], "orders");
  EXPECT_EQ(doc["getIteratorParam"]["partition-id"], "shardId-0000000003");
  EXPECT_EQ(doc["getIteratorParam"]["cursor-type"], "AT_SEQUENCE_NUMBER");
  EXPECT_EQ(doc["getIteratorParam"]["starting-sequence-number"], "12345");
  EXPECT_EQ(doc["generateTimestamp"], 1700000000000);
}

TEST(CursorCodecTest, AcceptsQuotedCursor) {
  auto decoded = DecodeCursor("\"" + EncodeCursor(Sample()) + "\"");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->sequence_number, 12345);
}

TEST(CursorCodecTest, RejectsGarbage) {
  for (std::string bad : {std::string(""), std::string("abc"), std::string("!!!!"),
                          Base64Encode("{}", Base64Alphabet::kUrlSafe),
                          Base64Encode("[1,2]", Base64Alphabet::kUrlSafe),
                          std::string(513, 'A')}) {
    auto decoded = DecodeCursor(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidCursor);
  }
}

}  // namespace
}  // namespace disd::service
