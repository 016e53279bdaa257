#include "api/json_fields.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace disd::api {
namespace {

TEST(JsonFieldsTest, IntegersAboveInt64AreRejectedNotWrapped) {
  auto body = nlohmann::json::parse(R"({"a": 9223372036854775807, "b": 9223372036854775808, "c": "12", "d": -3})");
  EXPECT_EQ(**OptionalInt(body, "a"), INT64_MAX);
  auto b = OptionalInt(body, "b");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, ErrorCode::kInvalidRequest);
  EXPECT_EQ(**OptionalInt(body, "c"), 12);
  EXPECT_EQ(**OptionalInt(body, "d"), -3);
  EXPECT_FALSE(OptionalInt(body, "missing")->has_value());
}

}  // namespace
}  // namespace disd::api
