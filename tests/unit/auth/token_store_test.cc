// Issued tokens: lifetime on the injected clock, forgetting old ones, the cap.
#include "auth/token_store.h"

#include <gtest/gtest.h>

namespace disd::auth {
namespace {

TEST(TokenStoreTest, TokensExpireThenAreForgotten) {
  ManualClock clock(1000);
  TokenStore store(clock, 100, 10);
  auto issued = store.Issue(Principal{"d", "u", false, {"p"}});
  ASSERT_TRUE(issued.ok());
  EXPECT_EQ(store.Find(issued->token).state, TokenStore::State::kValid);
  EXPECT_EQ(store.Find(issued->token).principal.user, "u");
  EXPECT_EQ(store.Find("other").state, TokenStore::State::kUnknown);
  clock.AdvanceMs(100);
  EXPECT_EQ(store.Find(issued->token).state, TokenStore::State::kExpired);
  clock.AdvanceMs(100);
  ASSERT_TRUE(store.Issue(Principal{}).ok());  // issuing sweeps stale tokens
  EXPECT_EQ(store.Find(issued->token).state, TokenStore::State::kUnknown);
  EXPECT_EQ(store.size(), 1u);
}

TEST(TokenStoreTest, TheOldestGoAtTheCap) {
  ManualClock clock(0);
  TokenStore store(clock, 1000, 2);
  auto a = store.Issue(Principal{});
  auto b = store.Issue(Principal{});
  auto c = store.Issue(Principal{});
  EXPECT_EQ(store.size(), 2u);
  EXPECT_EQ(store.Find(a->token).state, TokenStore::State::kUnknown);
  EXPECT_EQ(store.Find(b->token).state, TokenStore::State::kValid);
  EXPECT_EQ(store.Find(c->token).state, TokenStore::State::kValid);
  EXPECT_NE(b->token, c->token);
}

}  // namespace
}  // namespace disd::auth
