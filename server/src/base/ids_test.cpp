#include "base/ids.hpp"

#include <gtest/gtest.h>

#include <set>

namespace hearth {
namespace {

TEST(Ids, NewIdsHaveTheValidShape) {
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(is_valid_id(new_id()));
}

TEST(Ids, NewIdsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(new_id()).second);
}

TEST(Ids, RejectsWrongLengthAndAlphabet) {
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id("abc"));
  EXPECT_FALSE(is_valid_id("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));  // upper case is not produced
  EXPECT_FALSE(is_valid_id("abcdefghijklmnopqrstuvwxy1"));  // '1' is not in the alphabet
  EXPECT_FALSE(is_valid_id("../../../../etc/passwd/aaaa"));
}

}  // namespace
}  // namespace hearth
