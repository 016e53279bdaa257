#include "auth/failure_limiter.h"

#include <algorithm>

namespace disd::auth {

FailureLimiter::FailureLimiter(const Clock& clock, std::int64_t burst,
                               std::int64_t refill_per_minute, std::size_t max_clients)
    : clock_(clock),
      burst_(static_cast<double>(burst)),
      refill_per_ms_(static_cast<double>(refill_per_minute) / 60000.0),
      max_clients_(max_clients) {}

double FailureLimiter::Level(const Bucket& bucket, std::int64_t now_ms) const {
  const double elapsed = static_cast<double>(std::max<std::int64_t>(0, now_ms - bucket.updated_ms));
  return std::min(burst_, bucket.tokens + elapsed * refill_per_ms_);
}

bool FailureLimiter::Blocked(std::string_view client) const {
  const std::int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  const auto it = buckets_.find(std::string(client));
  return it != buckets_.end() && Level(it->second, now) < 1.0;
}

void FailureLimiter::RecordFailure(std::string_view client) {
  const std::int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  auto it = buckets_.find(std::string(client));
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_clients_) {
      std::erase_if(buckets_,
                    [&](const auto& entry) { return Level(entry.second, now) >= burst_; });
      if (buckets_.size() >= max_clients_) buckets_.erase(buckets_.begin());
    }
    it = buckets_.emplace(std::string(client), Bucket{burst_, now}).first;
  }
  Bucket& bucket = it->second;
  bucket.tokens = std::max(0.0, Level(bucket, now) - 1.0);
  bucket.updated_ms = now;
}

std::string FailureLimiter::ClientOf(std::string_view remote_address) {
  if (!remote_address.empty() && remote_address.front() == '[') {
    const auto close = remote_address.find(']');
    if (close != std::string_view::npos) return std::string(remote_address.substr(1, close - 1));
  }
  const auto colon = remote_address.rfind(':');
  if (colon == std::string_view::npos || remote_address.find(':') != colon) {
    return std::string(remote_address);  // no port, or a bare IPv6 address
  }
  return std::string(remote_address.substr(0, colon));
}

}  // namespace disd::auth
