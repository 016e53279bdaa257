#include "auth/token_store.h"

#include "auth/crypto.h"

namespace disd::auth {

namespace {
constexpr std::size_t kTokenBytes = 32;
}  // namespace

TokenStore::TokenStore(const Clock& clock, std::int64_t ttl_ms, std::size_t max_tokens)
    : clock_(clock), ttl_ms_(ttl_ms), max_tokens_(max_tokens) {}

Result<IssuedToken> TokenStore::Issue(Principal principal) {
  std::string token = RandomHex(kTokenBytes);
  if (token.empty()) return MakeError(ErrorCode::kInternal, "the random generator failed");
  const std::int64_t now = clock_.NowMs();
  IssuedToken issued{std::move(token), now, now + ttl_ms_, std::move(principal)};
  std::string hash = Sha256(issued.token);
  std::lock_guard lock(mu_);
  // Forget tokens expired for a whole lifetime, and the oldest beyond the cap.
  while (!order_.empty()) {
    const auto it = by_hash_.find(order_.front());
    const bool stale = it == by_hash_.end() || it->second.expires_at_ms + ttl_ms_ <= now;
    if (!stale && by_hash_.size() < max_tokens_) break;
    if (it != by_hash_.end()) by_hash_.erase(it);
    order_.pop_front();
  }
  by_hash_[hash] = Entry{issued.principal, issued.expires_at_ms};
  order_.push_back(std::move(hash));
  return issued;
}

TokenStore::Lookup TokenStore::Find(std::string_view token) const {
  const std::string hash = Sha256(token);
  const std::int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  const auto it = by_hash_.find(hash);
  if (it == by_hash_.end()) return {};
  if (now >= it->second.expires_at_ms) return {State::kExpired, {}};
  return {State::kValid, it->second.principal};
}

std::size_t TokenStore::size() const {
  std::lock_guard lock(mu_);
  return by_hash_.size();
}

}  // namespace disd::auth
