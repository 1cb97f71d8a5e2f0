#include "base/timestamps.hpp"

#include <gtest/gtest.h>

namespace hearth {

TEST(Timestamps, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(1795417262345), "2026-11-23T07:01:02.345Z");
}

TEST(Timestamps, ParsesWhatItFormats) {
  EXPECT_EQ(parse_timestamp("2026-11-23T07:01:02.345Z"), 1795417262345);
  EXPECT_EQ(parse_timestamp("2026-11-23T07:01:02Z"), 1795417262000);
}

TEST(Timestamps, ParsesADateAsMidnightUtc) {
  EXPECT_EQ(parse_timestamp("1970-01-02"), 86400000);
}

TEST(Timestamps, RefusesImpossibleOrOddText) {
  EXPECT_FALSE(parse_timestamp("2026-02-30"));
  EXPECT_FALSE(parse_timestamp("2026-11-23T24:00:00Z"));
  EXPECT_FALSE(parse_timestamp("2026-11-23T07:01:02+01:00"));
  EXPECT_FALSE(parse_timestamp("26-11-23"));
  EXPECT_FALSE(parse_timestamp(""));
  EXPECT_FALSE(parse_timestamp("2026-11-23junk"));
}

TEST(Timestamps, FormatsTimesBeforeTheEpochAndPastTheYear9999) {
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_timestamp(253402300800000), "10000-01-01T00:00:00.000Z");
}

TEST(Timestamps, AppendsToWhatIsThere) {
  std::string out = "at ";
  append_timestamp(out, 1795417262345);
  EXPECT_EQ(out, "at 2026-11-23T07:01:02.345Z");
}

}  // namespace hearth
