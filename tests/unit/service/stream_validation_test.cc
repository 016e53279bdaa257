#include "service/stream_validation.h"

#include <gtest/gtest.h>

namespace disd::service {
namespace {

TEST(StreamValidationTest, StreamNames) {
  EXPECT_TRUE(ValidateStreamName("a").ok());
  EXPECT_TRUE(ValidateStreamName(std::string(64, 'x')).ok());
  EXPECT_TRUE(ValidateStreamName("A-b_9").ok());
  EXPECT_FALSE(ValidateStreamName("").ok());
  EXPECT_FALSE(ValidateStreamName(std::string(65, 'x')).ok());
  EXPECT_FALSE(ValidateStreamName("a.b").ok());
  EXPECT_FALSE(ValidateStreamName("a b").ok());
}

TEST(StreamValidationTest, Retention) {
  ServiceOptions o;
  EXPECT_EQ(*ValidateRetention(std::nullopt, o), 24);
  EXPECT_EQ(*ValidateRetention(72, o), 72);
  EXPECT_FALSE(ValidateRetention(23, o).ok());
  EXPECT_FALSE(ValidateRetention(73, o).ok());
  o.max_retention_hours = 168;
  EXPECT_EQ(*ValidateRetention(168, o), 168);
}

TEST(StreamValidationTest, Tags) {
  const std::string cjk = "\xE4\xB8\xAD";  // U+4E2D
  EXPECT_TRUE(ValidateTags({{"k", ""}, {"key-1_" + cjk, "v.1-" + cjk}}).ok());
  EXPECT_TRUE(ValidateTags({{std::string(36, 'k'), std::string(43, 'v')}}).ok());
  EXPECT_FALSE(ValidateTags({{std::string(37, 'k'), "v"}}).ok());
  EXPECT_FALSE(ValidateTags({{"k", std::string(44, 'v')}}).ok());
  EXPECT_FALSE(ValidateTags({{"", "v"}}).ok());
  EXPECT_FALSE(ValidateTags({{"k.k", "v"}}).ok());
  EXPECT_FALSE(ValidateTags({{"k", "v v"}}).ok());
  EXPECT_FALSE(ValidateTags({{"k", "\xC3\xA9"}}).ok());  // U+00E9 outside the range
  EXPECT_FALSE(ValidateTags({{"k", "1"}, {"k", "2"}}).ok());
  std::vector<engine::Tag> eleven;
  for (int i = 0; i < 11; ++i) eleven.push_back({"k" + std::to_string(i), "v"});
  EXPECT_EQ(ValidateTags(eleven).code(), ErrorCode::kTagLimitReached);
}

TEST(StreamValidationTest, SysTags) {
  EXPECT_TRUE(ValidateSysTags({{"_sys_enterprise_project_id", "12345678-1234-1234-1234-123456789abc"}}).ok());
  EXPECT_FALSE(ValidateSysTags({{"other", "12345678-1234-1234-1234-123456789abc"}}).ok());
  EXPECT_FALSE(ValidateSysTags({{"_sys_enterprise_project_id", "0"}}).ok());
}

TEST(StreamValidationTest, AutoScale) {
  EXPECT_TRUE(ValidateAutoScale(false, std::nullopt, std::nullopt, 3).ok());
  EXPECT_TRUE(ValidateAutoScale(true, 1, 5, 3).ok());
  EXPECT_FALSE(ValidateAutoScale(true, std::nullopt, 5, 3).ok());
  EXPECT_FALSE(ValidateAutoScale(true, 0, 5, 3).ok());
  EXPECT_FALSE(ValidateAutoScale(true, 4, 5, 3).ok());
  EXPECT_FALSE(ValidateAutoScale(true, 1, 2, 3).ok());
}

}  // namespace
}  // namespace disd::service
