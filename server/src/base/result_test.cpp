#include "base/result.hpp"

#include <gtest/gtest.h>

#include <memory>

namespace hearth {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return Error::of(Errc::invalid_argument, "must be positive", "v");
  return v;
}

TEST(Result, HoldsValue) {
  auto r = parse_positive(3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3);
}

TEST(Result, HoldsErrorWithCodeAndField) {
  auto r = parse_positive(-1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Errc::invalid_argument);
  EXPECT_EQ(r.error().field, "v");
}

TEST(Result, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Result, VoidSuccessAndFailure) {
  Result<void> good = ok();
  Result<void> bad = Error::of(Errc::conflict, "taken");
  EXPECT_TRUE(good.ok());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Errc::conflict);
}

TEST(Errc, NamesAreStableWireNames) {
  EXPECT_EQ(errc_name(Errc::invalid_argument), "invalid_argument");
  EXPECT_EQ(errc_name(Errc::unavailable), "unavailable");
}

}  // namespace
}  // namespace hearth
