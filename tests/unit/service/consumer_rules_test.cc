// The small validation rules of apps and checkpoints: app names, checkpoint types.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "disd/service/app_service.h"
#include "disd/service/checkpoint_service.h"

namespace disd::service {
namespace {

TEST(AppNameTest, LettersDigitsUnderscoreHyphenUpTo200) {
  for (const std::string& ok :
       std::vector<std::string>{"a", "A_b-9", std::string(200, 'z'), "_", "-"}) {
    EXPECT_TRUE(ValidateAppName(ok).ok()) << ok;
  }
  for (const std::string& bad :
       std::vector<std::string>{"", std::string(201, 'z'), "a b", "a.b", "a/b", "\xE6\x95\xB0"}) {
    Status s = ValidateAppName(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), ErrorCode::kInvalidRequest);
  }
}

TEST(CheckpointTypeTest, OnlyLastReadWhichIsTheDefault) {
  EXPECT_EQ(*ParseCheckpointType(""), engine::CheckpointType::kLastRead);
  EXPECT_EQ(*ParseCheckpointType("LAST_READ"), engine::CheckpointType::kLastRead);
  EXPECT_EQ(ParseCheckpointType("last_read").error().code, ErrorCode::kInvalidRequest);
  EXPECT_EQ(ParseCheckpointType("LAST_WRITE").error().code, ErrorCode::kInvalidRequest);
  EXPECT_EQ(CheckpointTypeName(engine::CheckpointType::kLastRead), "LAST_READ");
}

}  // namespace
}  // namespace disd::service
