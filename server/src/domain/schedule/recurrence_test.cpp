#include "domain/schedule/recurrence.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/schedule/testing/utc_ms.hpp"

namespace hearth::schedule {
namespace {

using testing::utc_ms;
using Instants = std::vector<std::int64_t>;

constexpr const char* kNewYork = "America/New_York";

void expect_repeat_error(const Result<Instants>& result, const std::string& message_part,
                         const std::string& field = "repeat") {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::invalid_argument);
  EXPECT_EQ(result.error().field, field);
  EXPECT_NE(result.error().message.find(message_part), std::string::npos) << result.error().message;
}

TEST(ScheduleToRrule, WritesWeeklyRulesThroughLibical) {
  EXPECT_EQ(*to_rrule({.weekdays = {0, 2}, .interval_weeks = 2, .count = 24}),
            "FREQ=WEEKLY;COUNT=24;INTERVAL=2;BYDAY=MO,WE");
  EXPECT_EQ(*to_rrule({.weekdays = {1}, .until = LocalDate{2027, 3, 1}}),
            "FREQ=WEEKLY;UNTIL=20270301;BYDAY=TU");
  // Days are sorted and de-duplicated; Sunday is 6.
  EXPECT_EQ(*to_rrule({.weekdays = {6, 4, 0, 4}, .count = 3}),
            "FREQ=WEEKLY;COUNT=3;BYDAY=MO,FR,SU");
}

TEST(ScheduleToRrule, RejectsIncompleteOrOutOfRangeRepeats) {
  const std::vector<std::pair<WeeklyRepeat, std::string>> cases{
      {{.weekdays = {}, .count = 3}, "at least one day"},
      {{.weekdays = {7}, .count = 3}, "0 (Monday) to 6 (Sunday)"},
      {{.weekdays = {-1}, .count = 3}, "0 (Monday) to 6 (Sunday)"},
      {{.weekdays = {0}, .interval_weeks = 0, .count = 3}, "every 1 to 8 weeks"},
      {{.weekdays = {0}, .interval_weeks = 9, .count = 3}, "every 1 to 8 weeks"},
      {{.weekdays = {0}, .until = LocalDate{2027, 1, 1}, .count = 3}, "not both"},
      {{.weekdays = {0}}, "an end date or a number of sessions"},
      {{.weekdays = {0}, .count = -2}, "at least 1"},
      {{.weekdays = {0}, .until = LocalDate{2027, 2, 30}}, "not a real calendar date"},
  };
  for (const auto& [repeat, message_part] : cases) {
    const auto rule = to_rrule(repeat);
    ASSERT_FALSE(rule.ok()) << message_part;
    EXPECT_EQ(rule.error().field, "repeat");
    EXPECT_NE(rule.error().message.find(message_part), std::string::npos) << rule.error().message;
  }
}

TEST(ScheduleToRrule, WhatItWritesExpands) {
  const auto rule = to_rrule({.weekdays = {0, 2}, .interval_weeks = 2, .count = 4});
  ASSERT_TRUE(rule.ok());
  const auto starts = expand("2026-11-30T10:00", kNewYork, *rule);
  ASSERT_TRUE(starts.ok()) << starts.error().message;
  EXPECT_EQ(starts->size(), 4u);
}

TEST(ScheduleExpand, AnEmptyRuleIsOneSession) {
  EXPECT_EQ(*expand("2026-11-30T10:00", kNewYork, ""), (Instants{utc_ms(2026, 11, 30, 15, 0)}));
}

TEST(ScheduleExpand, NewYorkKeepsTenOClockWhenClocksGoBack) {
  // DST ends 2026-11-01: 10:00 EDT is 14:00Z, then 10:00 EST is 15:00Z.
  EXPECT_EQ(*expand("2026-10-26T10:00", kNewYork, "FREQ=WEEKLY;COUNT=3"),
            (Instants{utc_ms(2026, 10, 26, 14, 0), utc_ms(2026, 11, 2, 15, 0),
                      utc_ms(2026, 11, 9, 15, 0)}));
}

TEST(ScheduleExpand, NewYorkKeepsTenOClockWhenClocksGoForward) {
  // DST starts 2026-03-08: 10:00 EST is 15:00Z, then 10:00 EDT is 14:00Z.
  EXPECT_EQ(
      *expand("2026-03-02T10:00", kNewYork, "FREQ=WEEKLY;COUNT=3"),
      (Instants{utc_ms(2026, 3, 2, 15, 0), utc_ms(2026, 3, 9, 14, 0), utc_ms(2026, 3, 16, 14, 0)}));
}

TEST(ScheduleExpand, LondonKeepsSixPmAcrossBothChanges) {
  // BST (UTC+1) from 2026-03-29 to 2026-10-25; GMT (UTC+0) otherwise.
  EXPECT_EQ(*expand("2026-03-22T18:00", "Europe/London", "FREQ=WEEKLY;COUNT=2"),
            (Instants{utc_ms(2026, 3, 22, 18, 0), utc_ms(2026, 3, 29, 17, 0)}));
  EXPECT_EQ(*expand("2026-10-18T18:00", "Europe/London", "FREQ=WEEKLY;COUNT=2"),
            (Instants{utc_ms(2026, 10, 18, 17, 0), utc_ms(2026, 10, 25, 18, 0)}));
}

TEST(ScheduleExpand, SydneyKeepsSixPmAcrossBothChanges) {
  // Southern hemisphere: AEDT (UTC+11) ends 2026-04-05, AEST (UTC+10) ends 2026-10-04.
  EXPECT_EQ(*expand("2026-04-02T18:00", "Australia/Sydney", "FREQ=WEEKLY;COUNT=2"),
            (Instants{utc_ms(2026, 4, 2, 7, 0), utc_ms(2026, 4, 9, 8, 0)}));
  EXPECT_EQ(*expand("2026-10-01T18:00", "Australia/Sydney", "FREQ=WEEKLY;COUNT=2"),
            (Instants{utc_ms(2026, 10, 1, 8, 0), utc_ms(2026, 10, 8, 7, 0)}));
}

TEST(ScheduleExpand, IntervalWeeksSkipWeeks) {
  // Mondays and Wednesdays every other week from Monday 2026-11-30 (EST, UTC-5).
  EXPECT_EQ(*expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=5"),
            (Instants{utc_ms(2026, 11, 30, 15, 0), utc_ms(2026, 12, 2, 15, 0),
                      utc_ms(2026, 12, 14, 15, 0), utc_ms(2026, 12, 16, 15, 0),
                      utc_ms(2026, 12, 28, 15, 0)}));
}

TEST(ScheduleExpand, DailyRules) {
  EXPECT_EQ(*expand("2026-11-30T10:00", "UTC", "FREQ=DAILY;COUNT=3"),
            (Instants{utc_ms(2026, 11, 30, 10, 0), utc_ms(2026, 12, 1, 10, 0),
                      utc_ms(2026, 12, 2, 10, 0)}));
  // Weekdays only: Friday, then Monday.
  EXPECT_EQ(*expand("2026-12-04T10:00", "UTC", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=2"),
            (Instants{utc_ms(2026, 12, 4, 10, 0), utc_ms(2026, 12, 7, 10, 0)}));
}

TEST(ScheduleExpand, UntilAsADateIncludesThatWholeDay) {
  const Instants four_sessions{utc_ms(2026, 11, 30, 15, 0), utc_ms(2026, 12, 2, 15, 0),
                               utc_ms(2026, 12, 7, 15, 0), utc_ms(2026, 12, 9, 15, 0)};
  EXPECT_EQ(*expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261209"),
            four_sessions);
  EXPECT_EQ(*expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4"),
            four_sessions);
}

TEST(ScheduleExpand, UntilAsADateTimeIsInclusive) {
  // A floating UNTIL is local; a UTC one is converted (15:00Z is 10:00 EST).
  EXPECT_EQ(
      expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261209T100000")->size(),
      4u);
  EXPECT_EQ(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261209T150000Z")
                ->size(),
            4u);
  EXPECT_EQ(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261209T145959Z")
                ->size(),
            3u);
}

TEST(ScheduleExpand, RejectsANonexistentFirstStart) {
  // 02:30 does not exist in New York on 2026-03-08; the person picked it, so say so.
  expect_repeat_error(expand("2026-03-08T02:30", kNewYork, "FREQ=WEEKLY;COUNT=3"), "does not exist",
                      "start");
  expect_repeat_error(expand("2026-03-08T02:30", kNewYork, ""), "clocks go forward", "start");
}

TEST(ScheduleExpand, ShiftsALaterOccurrenceInTheGapForward) {
  // Sundays at 02:30: EST (07:30Z); on 2026-03-08 02:30 is skipped and read as EST, i.e. 03:30
  // EDT (still 07:30Z); then 02:30 EDT (06:30Z).
  EXPECT_EQ(
      *expand("2026-03-01T02:30", kNewYork, "FREQ=WEEKLY;COUNT=3"),
      (Instants{utc_ms(2026, 3, 1, 7, 30), utc_ms(2026, 3, 8, 7, 30), utc_ms(2026, 3, 15, 6, 30)}));
}

TEST(ScheduleExpand, AnAmbiguousFallBackTimeTakesTheEarlierInstant) {
  // Sundays at 01:30: on 2026-11-01 01:30 happens twice; the first (EDT, 05:30Z) is taken.
  EXPECT_EQ(*expand("2026-10-25T01:30", kNewYork, "FREQ=WEEKLY;COUNT=3"),
            (Instants{utc_ms(2026, 10, 25, 5, 30), utc_ms(2026, 11, 1, 5, 30),
                      utc_ms(2026, 11, 8, 6, 30)}));
  EXPECT_EQ(*expand("2026-11-01T01:30", kNewYork, ""), (Instants{utc_ms(2026, 11, 1, 5, 30)}));
}

TEST(ScheduleExpand, RejectsAMalformedStartOrUnknownZone) {
  expect_repeat_error(expand("2026-11-30 10:00", kNewYork, ""), "YYYY-MM-DDTHH:MM", "start");
  expect_repeat_error(expand("2026-11-30T10:00", "Nowhere/Town", ""), "time zone", "time_zone");
}

TEST(ScheduleExpand, RejectsUnreadableRules) {
  for (const char* rule : {"hello", "FREQ=WEEKLY;BYDAY=XX;COUNT=2", "FREQ=WEEKLY;COUNT=abc",
                           "FREQ=WEEKLY;COUNT=2;UNTIL=20261231", "FREQ=WEEKLY;INTERVAL=0;COUNT=3",
                           "FREQ=SOMETIMES;COUNT=3"}) {
    expect_repeat_error(expand("2026-11-30T10:00", kNewYork, rule), "could not be read");
  }
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, std::string(600, 'A')), "too long");
}

TEST(ScheduleExpand, RejectsFrequenciesOtherThanDailyOrWeekly) {
  for (const char* rule : {"FREQ=MONTHLY;COUNT=3", "FREQ=YEARLY;COUNT=3", "FREQ=HOURLY;COUNT=3",
                           "FREQ=MINUTELY;COUNT=3", "FREQ=SECONDLY;COUNT=3"}) {
    expect_repeat_error(expand("2026-11-30T10:00", kNewYork, rule), "daily or weekly");
  }
}

TEST(ScheduleExpand, RejectsARuleWithoutAnEnd) {
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=MO"),
                      "when the series ends");
}

TEST(ScheduleExpand, RejectsRulesThatMoveTheStartTime) {
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=DAILY;BYHOUR=10,14;COUNT=4"),
                      "keeps the start time");
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=DAILY;BYMINUTE=0,30;COUNT=4"),
                      "keeps the start time");
}

TEST(ScheduleExpand, RejectsAnUntilBeforeTheStart) {
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;UNTIL=20261129"),
                      "before the first session");
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;UNTIL=20261130T095900"),
                      "before the first session");
}

TEST(ScheduleExpand, RejectsAnUntilOrLastOccurrenceBeyondTheHorizon) {
  // 366 days after 2026-11-30 is 2027-12-01.
  EXPECT_TRUE(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;UNTIL=20271201").ok());
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;UNTIL=20271202"),
                      "at most 366 days");
  // 53 weekly sessions end 364 days later; 54 end 371 days later.
  EXPECT_TRUE(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;COUNT=53").ok());
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;COUNT=54"),
                      "at most 366 days");
  expect_repeat_error(
      expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;COUNT=3", {.horizon_days = 10}),
      "at most 10 days");
}

TEST(ScheduleExpand, RejectsMoreThanTheMaximumOccurrences) {
  const ExpansionLimits five{.max_occurrences = 5};
  EXPECT_EQ(expand("2026-11-30T10:00", "UTC", "FREQ=DAILY;COUNT=5", five)->size(), 5u);
  expect_repeat_error(expand("2026-11-30T10:00", "UTC", "FREQ=DAILY;COUNT=6", five),
                      "at most 5 sessions");
  expect_repeat_error(expand("2026-11-30T10:00", "UTC", "FREQ=DAILY;UNTIL=20261205", five),
                      "at most 5 sessions");
  // The default maximum; a COUNT above it is refused before anything is expanded.
  expect_repeat_error(expand("2026-11-30T10:00", "UTC", "FREQ=DAILY;COUNT=401"),
                      "at most 400 sessions");
}

TEST(ScheduleExpand, RejectsAStartOffTheRepeatDays) {
  // 2026-12-01 is a Tuesday; the rule repeats on Mondays and Wednesdays.
  expect_repeat_error(expand("2026-12-01T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3"),
                      "one of the days", "start");
}

TEST(ScheduleExpand, ACountRuleThatNeverMatchesStopsAtTheHorizon) {
  // Regression: libical looks for a 30 February day by day until its last year; the horizon
  // given to it as an UNTIL ends the search within a year of days.
  expect_repeat_error(
      expand("2026-11-30T10:00", "UTC", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=2"),
      "no sessions");
}

TEST(ScheduleExpand, RejectsARuleWithNoOccurrences) {
  // Tuesdays until Monday evening: the first Tuesday is already past the end.
  expect_repeat_error(expand("2026-11-30T10:00", kNewYork, "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261130"),
                      "no sessions");
}

}  // namespace
}  // namespace hearth::schedule
