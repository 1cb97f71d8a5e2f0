#include "realtime/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace hearth::realtime {

std::chrono::milliseconds RateLimiter::take(std::string_view key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  forget_full_buckets(now);
  auto [it, fresh] = buckets_.try_emplace(std::string(key), Bucket{double(burst_), now});
  Bucket& bucket = it->second;
  if (!fresh) {
    const double refilled = std::chrono::duration<double>(now - bucket.updated) /
                            std::chrono::duration<double>(refill_every_);
    bucket.tokens = std::min(double(burst_), bucket.tokens + std::max(0.0, refilled));
    bucket.updated = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return std::chrono::milliseconds(0);
  }
  const double missing = 1 - bucket.tokens;
  return std::chrono::milliseconds(
      static_cast<std::int64_t>(std::ceil(missing * double(refill_every_.count()))));
}

std::size_t RateLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

void RateLimiter::forget_full_buckets(Clock::time_point now) {
  // A bucket untouched for burst refills is full again: forgetting it changes nothing.
  const auto full_after = refill_every_ * burst_;
  if (now - last_sweep_ < full_after) return;
  last_sweep_ = now;
  std::erase_if(buckets_,
                [&](const auto& entry) { return now - entry.second.updated >= full_after; });
}

}  // namespace hearth::realtime
