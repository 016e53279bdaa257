#include "disd/common/error_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace disd {
namespace {

TEST(ErrorTableTest, EveryCodeHasARowInEnumOrder) {
  auto rows = AllErrors();
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(ErrorCode::kInternal) + 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(rows[i].code), i);
    EXPECT_EQ(&DescribeError(rows[i].code), &rows[i]);
    EXPECT_TRUE(rows[i].dis_code.starts_with("DIS.")) << rows[i].dis_code;
    EXPECT_FALSE(rows[i].message.empty());
    EXPECT_GE(rows[i].http_status, 400);
  }
}

TEST(ErrorTableTest, SeedStatusCodes) {
  EXPECT_EQ(DescribeError(ErrorCode::kStreamNotFound).dis_code, "DIS.4301");
  EXPECT_EQ(DescribeError(ErrorCode::kStreamNotFound).http_status, 400);
  EXPECT_EQ(DescribeError(ErrorCode::kInvalidRbac).http_status, 403);
  EXPECT_EQ(DescribeError(ErrorCode::kInternal).http_status, 500);
  EXPECT_EQ(DescribeError(ErrorCode::kInternal).dis_code, "DIS.5000");
  EXPECT_EQ(DescribeError(ErrorCode::kSignatureMismatch).http_status, 441);
  EXPECT_EQ(DescribeError(ErrorCode::kPayloadTooLarge).http_status, 413);
}

TEST(ErrorTableTest, DisCodesAreUniqueExceptDocumentedAliases) {
  // Shared on purpose: transport answers and the scaling budget reuse DIS.4200.
  std::set<std::string> shared = {"DIS.4200"};
  std::set<std::string> seen;
  for (const auto& row : AllErrors()) {
    std::string code(row.dis_code);
    if (shared.count(code)) continue;
    EXPECT_TRUE(seen.insert(code).second) << "duplicate " << code;
  }
}

TEST(ErrorTableTest, FormatsDetailIntoTemplate) {
  EXPECT_EQ(FormatErrorMessage(MakeError(ErrorCode::kStreamNotFound, "[s][p]")),
            "The stream does not exist. [s][p]");
  EXPECT_EQ(FormatErrorMessage(MakeError(ErrorCode::kStreamNotFound)),
            "The stream does not exist.");
  EXPECT_EQ(FormatErrorMessage(MakeError(ErrorCode::kStreamExists, "x")),
            "The stream already exists. x");
  EXPECT_EQ(FormatErrorMessage(MakeError(ErrorCode::kRequestError,
                                         "[timestamp is expired, timestamp should be larger than 5]")),
            "Request error. [timestamp is expired, timestamp should be larger than 5]");
}

}  // namespace
}  // namespace disd
