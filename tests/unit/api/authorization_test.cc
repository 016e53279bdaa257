// Stream policies as authorisation: which principals a rule names, and deny over accept.
#include "api/authorization.h"

#include <gtest/gtest.h>

namespace disd::api {
namespace {

auth::Principal Bob() { return {"partner", "bob", false, {"fedcba9876543210fedcba9876543210"}}; }

TEST(AuthorizationTest, PolicyPrincipalForms) {
  const auth::Principal bob = Bob();
  EXPECT_TRUE(PolicyPrincipalMatches("*", bob));
  EXPECT_TRUE(PolicyPrincipalMatches("partner.*", bob));
  EXPECT_TRUE(PolicyPrincipalMatches("partner.bob", bob));
  EXPECT_TRUE(PolicyPrincipalMatches("partner", bob));
  EXPECT_FALSE(PolicyPrincipalMatches("partner.alice", bob));
  EXPECT_FALSE(PolicyPrincipalMatches("other.*", bob));
  EXPECT_FALSE(PolicyPrincipalMatches("partnerx.bob", bob));
  EXPECT_FALSE(PolicyPrincipalMatches("*", auth::Principal{}));  // anonymous
}

TEST(AuthorizationTest, AcceptForTheActionLetsThrough) {
  engine::StreamMeta stream;
  stream.stream_id = "sid";
  EXPECT_EQ(CheckStreamPolicy(Bob(), stream, kPutRecordsAction).code(), ErrorCode::kInvalidRbac);
  stream.policies = {{"partner.*", "partner", "putRecords", "accept"}};
  EXPECT_TRUE(CheckStreamPolicy(Bob(), stream, kPutRecordsAction).ok());
  EXPECT_FALSE(CheckStreamPolicy(Bob(), stream, kGetRecordsAction).ok());
  stream.policies.push_back({"partner.bob", "partner.bob", "putRecords", "deny"});
  EXPECT_FALSE(CheckStreamPolicy(Bob(), stream, kPutRecordsAction).ok());
}

}  // namespace
}  // namespace disd::api
