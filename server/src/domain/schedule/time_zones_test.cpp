#include "domain/schedule/time_zones.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/schedule/testing/utc_ms.hpp"

namespace hearth::schedule {
namespace {

using testing::utc_ms;

constexpr std::int64_t kMinuteMs = 60 * 1000;

TEST(ScheduleLocalDate, ParsesAndFormatsTheIsoForm) {
  const auto date = parse_local_date("2026-11-30");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(*date, (LocalDate{2026, 11, 30}));
  EXPECT_EQ(format_local_date(*date), "2026-11-30");
  EXPECT_TRUE(parse_local_date("2028-02-29").ok());  // a leap day
}

TEST(ScheduleLocalDate, RejectsAnythingButARealDateInTheStrictForm) {
  for (const char* text :
       {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "2026/11/30",
        "2026-11-30 ", " 2026-11-30", "20261130", "+026-11-30", "1899-12-31", "", "2026-11-3x"}) {
    const auto date = parse_local_date(text, "until");
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.error().code, Errc::invalid_argument);
    EXPECT_EQ(date.error().field, "until");
    EXPECT_NE(date.error().message.find("YYYY-MM-DD"), std::string::npos);
  }
}

TEST(ScheduleLocalDateTime, ParsesAndFormatsTheIsoForm) {
  const auto t = parse_local_date_time("2026-11-30T10:05");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, (LocalDateTime{{2026, 11, 30}, 10, 5}));
  EXPECT_EQ(format_local_date_time(*t), "2026-11-30T10:05");
  EXPECT_EQ(format_local_date_time({{2026, 1, 2}, 0, 0}), "2026-01-02T00:00");
}

TEST(ScheduleLocalDateTime, RejectsOtherFormsAndImpossibleTimes) {
  for (const char* text :
       {"2026-11-30T24:00", "2026-11-30T10:60", "2026-11-30 10:00", "2026-11-30T10:00:00",
        "2026-11-30T10:00Z", "2026-11-30T1:00", "2026-02-30T10:00", "2026-11-30", ""}) {
    const auto t = parse_local_date_time(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_EQ(t.error().field, "start");
  }
}

TEST(ScheduleLocalDateTime, OrdersByDateThenTime) {
  const LocalDateTime morning{{2026, 11, 30}, 9, 0};
  const LocalDateTime later{{2026, 11, 30}, 9, 1};
  const LocalDateTime next_day{{2026, 12, 1}, 0, 0};
  EXPECT_LT(morning, later);
  EXPECT_LT(later, next_day);
  EXPECT_LT((LocalDate{2026, 2, 28}), (LocalDate{2026, 10, 1}));
}

TEST(ScheduleCalendar, WeekdaysRunFromMondayZero) {
  EXPECT_EQ(weekday_of({2026, 11, 30}), 0);  // a Monday
  EXPECT_EQ(weekday_of({2026, 12, 2}), 2);
  EXPECT_EQ(weekday_of({2026, 12, 6}), 6);  // a Sunday
  EXPECT_EQ(weekday_of({2028, 2, 29}), 1);
}

TEST(ScheduleCalendar, AddsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(add_days({2026, 11, 30}, 1), (LocalDate{2026, 12, 1}));
  EXPECT_EQ(add_days({2026, 12, 31}, 1), (LocalDate{2027, 1, 1}));
  EXPECT_EQ(add_days({2028, 2, 28}, 1), (LocalDate{2028, 2, 29}));
  EXPECT_EQ(add_days({2026, 3, 1}, -1), (LocalDate{2026, 2, 28}));
  EXPECT_EQ(days_between({2026, 11, 30}, {2027, 12, 1}), 366);
  EXPECT_EQ(days_between({2026, 12, 1}, {2026, 11, 30}), -1);
}

TEST(ScheduleCalendar, WeekStartIsTheMondayOnOrBefore) {
  EXPECT_EQ(week_start({2026, 11, 30}), (LocalDate{2026, 11, 30}));
  EXPECT_EQ(week_start({2026, 12, 6}), (LocalDate{2026, 11, 30}));
  EXPECT_EQ(week_start({2027, 1, 1}), (LocalDate{2026, 12, 28}));  // across the year
}

TEST(ScheduleTimeZone, KnowsIanaNames) {
  for (const char* name : {"America/New_York", "UTC", "Europe/London", "Australia/Sydney",
                           "America/Argentina/Buenos_Aires", "Etc/GMT+5"}) {
    EXPECT_TRUE(is_time_zone(name)) << name;
    EXPECT_TRUE(check_time_zone(name).ok()) << name;
  }
}

TEST(ScheduleTimeZone, RefusesUnknownEmptyLongAndPathLikeNames) {
  const std::string long_name = "America/" + std::string(100, 'A');
  for (const std::string& name :
       {std::string{}, std::string{"../etc/passwd"}, std::string{"America/../Europe/London"},
        std::string{"/America/New_York"}, std::string{"America/New_York/"},
        std::string{"America//New_York"}, std::string{"localtime"}, std::string{"america/new_york"},
        std::string{"Mars/Olympus_Mons"}, std::string{"posix/America/New_York"},
        std::string{"America/New York"}, std::string{"UTC\n"}, std::string{"UTC\0x", 5},
        long_name}) {
    EXPECT_FALSE(is_time_zone(name)) << name;
  }
  const auto checked = check_time_zone("Atlantis/Capital", "time_zone");
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().code, Errc::invalid_argument);
  EXPECT_EQ(checked.error().field, "time_zone");
  EXPECT_NE(checked.error().message.find("America/New_York"), std::string::npos);
}

TEST(ScheduleTimeZone, ConvertsAnOrdinaryLocalTime) {
  // 10:00 EST (UTC-5) in winter, 10:00 EDT (UTC-4) in summer.
  EXPECT_EQ(*local_to_utc_ms({{2026, 11, 30}, 10, 0}, "America/New_York", Gap::reject),
            utc_ms(2026, 11, 30, 15, 0));
  EXPECT_EQ(*local_to_utc_ms({{2026, 7, 6}, 10, 0}, "America/New_York", Gap::reject),
            utc_ms(2026, 7, 6, 14, 0));
  EXPECT_EQ(*local_to_utc_ms({{2026, 7, 6}, 10, 0}, "UTC", Gap::reject), utc_ms(2026, 7, 6, 10, 0));
}

TEST(ScheduleTimeZone, RejectsATimeSkippedBySpringForward) {
  // New York, 2026-03-08: at 02:00 EST the clocks go to 03:00 EDT.
  const auto utc = local_to_utc_ms({{2026, 3, 8}, 2, 30}, "America/New_York", Gap::reject);
  ASSERT_FALSE(utc.ok());
  EXPECT_EQ(utc.error().code, Errc::invalid_argument);
  EXPECT_EQ(utc.error().field, "start");
  EXPECT_NE(utc.error().message.find("02:30 does not exist on 2026-03-08"), std::string::npos);
  EXPECT_NE(utc.error().message.find("clocks go forward"), std::string::npos);
}

TEST(ScheduleTimeZone, ShiftsASkippedTimeForwardWithTheOffsetBeforeTheGap) {
  // 02:30 read as EST (UTC-5) is 07:30Z, which is 03:30 EDT.
  const auto utc = local_to_utc_ms({{2026, 3, 8}, 2, 30}, "America/New_York", Gap::shift_forward);
  ASSERT_TRUE(utc.ok());
  EXPECT_EQ(*utc, utc_ms(2026, 3, 8, 7, 30));
  EXPECT_EQ(utc_to_local(*utc, "America/New_York"), (LocalDateTime{{2026, 3, 8}, 3, 30}));
  // London, 2026-03-29: 01:00 GMT becomes 02:00 BST; 01:30 read as GMT is 01:30Z.
  EXPECT_EQ(*local_to_utc_ms({{2026, 3, 29}, 1, 30}, "Europe/London", Gap::shift_forward),
            utc_ms(2026, 3, 29, 1, 30));
}

TEST(ScheduleTimeZone, TakesTheEarlierInstantOfAnAmbiguousTime) {
  // New York, 2026-11-01: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
  EXPECT_EQ(*local_to_utc_ms({{2026, 11, 1}, 1, 30}, "America/New_York", Gap::reject),
            utc_ms(2026, 11, 1, 5, 30));
  // London, 2026-10-25: 01:30 BST is 00:30Z, 01:30 GMT is 01:30Z.
  EXPECT_EQ(*local_to_utc_ms({{2026, 10, 25}, 1, 30}, "Europe/London", Gap::reject),
            utc_ms(2026, 10, 25, 0, 30));
}

TEST(ScheduleTimeZone, LocalToUtcRejectsUnknownZonesAndInvalidFields) {
  const auto unknown = local_to_utc_ms({{2026, 11, 30}, 10, 0}, "Nowhere/Town", Gap::reject);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "time_zone");
  const auto invalid = local_to_utc_ms({{2026, 2, 30}, 10, 0}, "UTC", Gap::reject, "ends_at");
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().field, "ends_at");
  EXPECT_FALSE(local_to_utc_ms({{2026, 2, 3}, 24, 0}, "UTC", Gap::reject).ok());
}

TEST(ScheduleTimeZone, ConvertsUtcToTheLocalDayAndTime) {
  // 03:00Z on Monday is 22:00 EST on Sunday.
  EXPECT_EQ(utc_to_local(utc_ms(2026, 11, 30, 3, 0), "America/New_York"),
            (LocalDateTime{{2026, 11, 29}, 22, 0}));
  EXPECT_EQ(utc_to_local_date(utc_ms(2026, 11, 30, 3, 0), "America/New_York"),
            (LocalDate{2026, 11, 29}));
  EXPECT_EQ(utc_to_local_date(utc_ms(2026, 11, 30, 3, 0), "Australia/Sydney"),
            (LocalDate{2026, 11, 30}));
  // Seconds are rounded down to the minute, before and after the epoch.
  EXPECT_EQ(utc_to_local(utc_ms(2026, 11, 30, 15, 0) + 59'999, "UTC"),
            (LocalDateTime{{2026, 11, 30}, 15, 0}));
  EXPECT_EQ(utc_to_local(-1, "UTC"), (LocalDateTime{{1969, 12, 31}, 23, 59}));
}

TEST(ScheduleTimeZone, UtcToLocalReadsAnUnknownZoneAsUtc) {
  EXPECT_EQ(utc_to_local(utc_ms(2026, 11, 30, 15, 0), "Nowhere/Town"),
            (LocalDateTime{{2026, 11, 30}, 15, 0}));
}

TEST(ScheduleTimeZone, StartOfDayIsLocalMidnight) {
  EXPECT_EQ(start_of_local_day_utc_ms({2026, 11, 30}, "America/New_York"),
            utc_ms(2026, 11, 30, 5, 0));
  // The day New York springs forward still starts at midnight EST; the next at midnight EDT.
  EXPECT_EQ(start_of_local_day_utc_ms({2026, 3, 8}, "America/New_York"), utc_ms(2026, 3, 8, 5, 0));
  EXPECT_EQ(start_of_local_day_utc_ms({2026, 3, 9}, "America/New_York"), utc_ms(2026, 3, 9, 4, 0));
}

TEST(ScheduleTimeZone, StartOfDayWithoutAMidnightIsTheTransition) {
  // Santiago, 2026-09-06: at 24:00 on the 5th (-04) clocks jump to 01:00 (-03); 00:00 never
  // happens, and the day starts at 01:00 -03 = 04:00Z, one minute after 23:59 -04 on the 5th.
  const std::int64_t start = start_of_local_day_utc_ms({2026, 9, 6}, "America/Santiago");
  EXPECT_EQ(start, utc_ms(2026, 9, 6, 4, 0));
  EXPECT_EQ(utc_to_local(start, "America/Santiago"), (LocalDateTime{{2026, 9, 6}, 1, 0}));
  EXPECT_EQ(utc_to_local(start - kMinuteMs, "America/Santiago"),
            (LocalDateTime{{2026, 9, 5}, 23, 59}));
}

}  // namespace
}  // namespace hearth::schedule
