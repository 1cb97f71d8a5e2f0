#include "realtime/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace hearth::realtime {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

TEST(RateLimiter, ABurstIsAllowedThenOneEveryPeriod) {
  RateLimiter limiter(3, 1000ms);
  const Clock::time_point t0{};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.take("alice", t0), 0ms);
  EXPECT_EQ(limiter.take("alice", t0), 1000ms);
  EXPECT_EQ(limiter.take("alice", t0 + 400ms), 600ms) << "a refused take costs nothing";
  EXPECT_EQ(limiter.take("alice", t0 + 1000ms), 0ms);
  EXPECT_EQ(limiter.take("alice", t0 + 1000ms), 1000ms);
}

TEST(RateLimiter, EachKeyHasItsOwnBucket) {
  RateLimiter limiter(1, 1000ms);
  const Clock::time_point t0{};
  EXPECT_EQ(limiter.take("alice", t0), 0ms);
  EXPECT_EQ(limiter.take("bob", t0), 0ms);
  EXPECT_GT(limiter.take("alice", t0), 0ms);
}

TEST(RateLimiter, ABucketRefillsNoHigherThanTheBurstAndIsForgottenOnceFull) {
  RateLimiter limiter(2, 100ms);
  const Clock::time_point t0{};
  EXPECT_EQ(limiter.take("alice", t0), 0ms);
  const auto later = t0 + 10s;
  EXPECT_EQ(limiter.take("bob", later), 0ms);
  EXPECT_EQ(limiter.tracked(), 1u) << "alice's bucket was full again and is gone";
  EXPECT_EQ(limiter.take("alice", later), 0ms);
  EXPECT_EQ(limiter.take("alice", later), 0ms);
  EXPECT_GT(limiter.take("alice", later), 0ms) << "idle time buys no more than the burst";
}

}  // namespace
}  // namespace hearth::realtime
