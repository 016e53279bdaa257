#include "disd/common/base64.h"

#include <gtest/gtest.h>

#include <random>

namespace disd {
namespace {

TEST(Base64Test, KnownVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("data"), "ZGF0YQ==");
  EXPECT_EQ(Base64Decode("ZGF0YQ=="), "data");
  EXPECT_EQ(Base64Decode(""), "");
}

TEST(Base64Test, RoundTripsRandomBytes) {
  std::mt19937 rng(1);
  for (int len = 0; len < 300; ++len) {
    std::string bytes(len, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng());
    EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes);
    EXPECT_EQ(Base64Decode(Base64Encode(bytes, Base64Alphabet::kUrlSafe), Base64Alphabet::kUrlSafe),
              bytes);
    EXPECT_EQ(Base64DecodedSize(Base64Encode(bytes)), bytes.size());
  }
}

TEST(Base64Test, StandardDecodingIsStrict) {
  for (const char* bad : {"ZGF0YQ", "ZGF0YQ=", "ZGF0 YQ==", "ZGF0YQ==\n", "Zm9-", "Zm9_",
                          "Z===", "ZGF0YR==", "====", "Zg=a"}) {
    EXPECT_FALSE(Base64Decode(bad).has_value()) << bad;
  }
}

TEST(Base64Test, UrlSafeAcceptsMissingPadding) {
  EXPECT_EQ(Base64Decode("Zm8", Base64Alphabet::kUrlSafe), "fo");
  EXPECT_EQ(Base64Decode("Zm8=", Base64Alphabet::kUrlSafe), "fo");
  EXPECT_FALSE(Base64Decode("Zm+v", Base64Alphabet::kUrlSafe).has_value());
}

}  // namespace
}  // namespace disd
