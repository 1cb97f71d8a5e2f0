// RateLimiter: token buckets by key (a user id), for the hub's per-person limits: a burst of
// `burst` at once, then one more every `refill_every`. Time is passed in, so that tests need no
// clock. Buckets idle long enough to be full again are forgotten, so memory follows the people
// active lately, not everyone ever seen. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hearth::realtime {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(int burst, std::chrono::milliseconds refill_every)
      : burst_(burst), refill_every_(refill_every) {}

  // Takes one token from `key`'s bucket. 0 when taken; otherwise how long until one is there
  // (nothing is taken).
  std::chrono::milliseconds take(std::string_view key, Clock::time_point now);

  std::size_t tracked() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  void forget_full_buckets(Clock::time_point now);

  const int burst_;
  const std::chrono::milliseconds refill_every_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_{};
};

}  // namespace hearth::realtime
