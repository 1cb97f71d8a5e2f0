#include "base/fresh_cache.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hearth {
namespace {

TEST(FreshCache, GivesBackWhatWasReadAtTheSameGenerationWhileYoung) {
  FreshCache<int> cache(4, 1000);
  cache.put("a", std::make_shared<const int>(7), 3, 10'000);
  ASSERT_NE(cache.find("a", 3, 10'000), nullptr);
  EXPECT_EQ(*cache.find("a", 3, 10'750), 7);  // at least three quarters of the maximum age
  EXPECT_EQ(cache.find("b", 3, 10'000), nullptr);
}

TEST(FreshCache, ForgetsAValueOnceTheGenerationMoves) {
  FreshCache<int> cache(4, 1000);
  cache.put("a", std::make_shared<const int>(7), 3, 10'000);
  EXPECT_EQ(cache.find("a", 4, 10'000), nullptr);
}

TEST(FreshCache, ForgetsAValueOlderThanTheMaximumAgeOrFromTheFuture) {
  FreshCache<int> cache(4, 1000);
  cache.put("a", std::make_shared<const int>(7), 3, 10'000);
  EXPECT_EQ(cache.find("a", 3, 11'001), nullptr);
  EXPECT_EQ(cache.find("a", 3, 9'999), nullptr);  // a clock set back
}

TEST(FreshCache, SpreadsLifetimesOverTheLastQuarterOfTheMaximumAge) {
  FreshCache<int> cache(1000, 1000);
  std::set<int> lasted;  // how many whole tenths of the maximum age each key lasted
  for (int k = 0; k < 200; ++k) {
    const auto key = "session-" + std::to_string(k);
    cache.put(key, std::make_shared<const int>(k), 1, 0);
    int tenths = 0;
    while (tenths <= 10 && cache.find(key, 1, (tenths + 1) * 100)) ++tenths;
    EXPECT_GE(tenths, 7) << key;
    EXPECT_LE(tenths, 10) << key;
    lasted.insert(tenths);
  }
  EXPECT_GE(lasted.size(), 3u);  // not all at once
}

TEST(FreshCache, StaysWithinItsCapacity) {
  FreshCache<int> cache(2, 1000);
  cache.put("a", std::make_shared<const int>(1), 1, 0);
  cache.put("b", std::make_shared<const int>(2), 1, 0);
  cache.put("b", std::make_shared<const int>(3), 1, 0);  // a replacement does not count
  EXPECT_EQ(cache.size(), 2u);
  cache.put("c", std::make_shared<const int>(4), 1, 0);
  EXPECT_LE(cache.size(), 2u);
  EXPECT_EQ(*cache.find("c", 1, 0), 4);
  cache.erase("c");
  EXPECT_EQ(cache.find("c", 1, 0), nullptr);
}

TEST(FreshCache, AsksOneCallerToRefreshAValuePastHalfItsLifetime) {
  FreshCache<int> cache(4, 1000);
  cache.put("a", std::make_shared<const int>(7), 3, 10'000);
  EXPECT_FALSE(cache.lookup("a", 3, 10'000).refresh);  // young
  // Find when it starts to ask (at three quarters of a lifetime of 750 to 1,000 ms).
  std::int64_t asked_at = 0;
  for (std::int64_t t = 10'000; t <= 11'000 && asked_at == 0; t += 10) {
    const auto found = cache.lookup("a", 3, t);
    ASSERT_NE(found.value, nullptr) << t;
    if (found.refresh) asked_at = t;
  }
  EXPECT_GE(asked_at, 10'560);
  EXPECT_LE(asked_at, 10'750);
  // The others are served the same copy without being asked.
  const auto again = cache.lookup("a", 3, asked_at + 10);
  ASSERT_NE(again.value, nullptr);
  EXPECT_EQ(*again.value, 7);
  EXPECT_FALSE(again.refresh);
  // A failed refresh lets the next caller try; a new copy starts young.
  cache.refresh_failed("a");
  EXPECT_TRUE(cache.lookup("a", 3, asked_at + 20).refresh);
  cache.put("a", std::make_shared<const int>(8), 3, asked_at + 30);
  const auto renewed = cache.lookup("a", 3, asked_at + 30);
  EXPECT_EQ(*renewed.value, 8);
  EXPECT_FALSE(renewed.refresh);
}

TEST(FreshCache, NeverAsksForARefreshOfAValueItWouldNotServe) {
  FreshCache<int> cache(4, 1000);
  cache.put("a", std::make_shared<const int>(7), 3, 10'000);
  EXPECT_EQ(cache.lookup("a", 4, 10'900).value, nullptr);  // another generation
  EXPECT_FALSE(cache.lookup("a", 4, 10'900).refresh);
  EXPECT_EQ(cache.lookup("a", 3, 11'001).value, nullptr);  // too old
  EXPECT_FALSE(cache.lookup("b", 3, 10'900).refresh);
}

}  // namespace
}  // namespace hearth
