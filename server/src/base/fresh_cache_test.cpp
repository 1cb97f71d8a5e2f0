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
  EXPECT_EQ(*cache.find("a", 3, 10'500), 7);  // at least half the maximum age
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

TEST(FreshCache, SpreadsLifetimesOverTheSecondHalfOfTheMaximumAge) {
  FreshCache<int> cache(1000, 1000);
  std::set<int> lasted;  // how many whole tenths of the maximum age each key lasted
  for (int k = 0; k < 200; ++k) {
    const auto key = "session-" + std::to_string(k);
    cache.put(key, std::make_shared<const int>(k), 1, 0);
    int tenths = 0;
    while (tenths <= 10 && cache.find(key, 1, (tenths + 1) * 100)) ++tenths;
    EXPECT_GE(tenths, 4) << key;
    EXPECT_LE(tenths, 10) << key;
    lasted.insert(tenths);
  }
  EXPECT_GE(lasted.size(), 4u);  // not all at once
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

}  // namespace
}  // namespace hearth
