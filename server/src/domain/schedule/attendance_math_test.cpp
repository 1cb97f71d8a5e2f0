#include "domain/schedule/attendance_math.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "domain/schedule/testing/utc_ms.hpp"

namespace hearth::schedule {
namespace {

using testing::utc_ms;

constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr const char* kNewYork = "America/New_York";
// The common IOP minimum: 9 hours a week over at least 3 days of 3 hours.
constexpr WeekTargets kNineHoursThreeDays{
    .weekly_target_minutes = 540, .daily_minimum_minutes = 180, .days_per_week_minimum = 3};
// The week of Monday 2026-11-30 in New York (EST, UTC-5 all week).
constexpr LocalDate kMonday{2026, 11, 30};

TEST(ScheduleWeekProgress, ThreeHoursOnMondayWednesdayFridayMeetsBothTargets) {
  const std::vector<AttendedSession> sessions{
      {utc_ms(2026, 11, 30, 15, 0), 3 * kHourMs},  // Monday 10:00 EST
      {utc_ms(2026, 12, 2, 15, 0), 3 * kHourMs},   // Wednesday
      {utc_ms(2026, 12, 4, 15, 0), 3 * kHourMs},   // Friday
  };
  const WeekProgress week = week_progress(kMonday, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.week_start, kMonday);
  EXPECT_EQ(week.minutes_by_day, (std::array<int, 7>{180, 0, 180, 0, 180, 0, 0}));
  EXPECT_EQ(week.attended_minutes, 540);
  EXPECT_EQ(week.days_meeting_minimum, 3);
  EXPECT_TRUE(week.meets_weekly_target);
  EXPECT_TRUE(week.meets_days_target);
  EXPECT_EQ(week.minutes_short, 0);
  EXPECT_EQ(week.days_short, 0);
}

TEST(ScheduleWeekProgress, TwoHoursFiftyDoesNotCountAsADay) {
  const std::vector<AttendedSession> sessions{
      {utc_ms(2026, 11, 30, 15, 0), 3 * kHourMs},
      {utc_ms(2026, 12, 2, 15, 0), 3 * kHourMs},
      {utc_ms(2026, 12, 4, 15, 0), 2 * kHourMs + 50 * kMinuteMs},
  };
  const WeekProgress week = week_progress(kMonday, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.minutes_by_day[4], 170);
  EXPECT_EQ(week.attended_minutes, 530);
  EXPECT_EQ(week.days_meeting_minimum, 2);
  EXPECT_FALSE(week.meets_weekly_target);
  EXPECT_FALSE(week.meets_days_target);
  EXPECT_EQ(week.minutes_short, 10);
  EXPECT_EQ(week.days_short, 1);
}

TEST(ScheduleWeekProgress, TwoSessionsOnOneDayAddUpToADay) {
  const std::vector<AttendedSession> sessions{
      {utc_ms(2026, 11, 30, 14, 0), 90 * kMinuteMs},  // Monday 09:00 EST
      {utc_ms(2026, 11, 30, 18, 0), 90 * kMinuteMs},  // Monday 13:00 EST
  };
  const WeekProgress week = week_progress(kMonday, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.minutes_by_day[0], 180);
  EXPECT_EQ(week.days_meeting_minimum, 1);
}

TEST(ScheduleWeekProgress, ALateSundaySessionBelongsToTheLocalSunday) {
  const std::vector<AttendedSession> sessions{
      // Sunday 2026-12-06 22:00 EST is Monday 03:00Z: it is this week's Sunday.
      {utc_ms(2026, 12, 7, 3, 0), 90 * kMinuteMs},
      // Sunday 2026-11-29 22:00 EST is Monday 03:00Z of this week in UTC, but last week locally.
      {utc_ms(2026, 11, 30, 3, 0), 90 * kMinuteMs},
  };
  const WeekProgress week = week_progress(kMonday, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.minutes_by_day, (std::array<int, 7>{0, 0, 0, 0, 0, 0, 90}));
  EXPECT_EQ(week.attended_minutes, 90);
}

TEST(ScheduleWeekProgress, AWeekWithTheClocksGoingBackHas169Hours) {
  // Week of Monday 2026-10-26; New York falls back on Sunday 2026-11-01. The week runs from
  // 00:00 EDT (04:00Z) on the 26th to 00:00 EST (05:00Z) on 2 November: 169 hours.
  const std::vector<AttendedSession> sessions{
      {utc_ms(2026, 10, 26, 4, 15), 30 * kMinuteMs},  // Monday 00:15 EDT: first hour of the week
      {utc_ms(2026, 11, 2, 4, 30), 20 * kMinuteMs},   // Sunday 23:30 EST: in the 169th hour
      {utc_ms(2026, 11, 2, 5, 0), 45 * kMinuteMs},    // Monday 00:00 EST: the next week
      {utc_ms(2026, 10, 26, 3, 59), 45 * kMinuteMs},  // Sunday 23:59 EDT: the week before
  };
  const WeekProgress week = week_progress({2026, 10, 26}, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.minutes_by_day, (std::array<int, 7>{30, 0, 0, 0, 0, 0, 20}));
}

TEST(ScheduleWeekProgress, AWeekWithTheClocksGoingForwardHas167Hours) {
  // Week of Monday 2026-03-02; New York springs forward on Sunday 2026-03-08. The week ends at
  // 00:00 EDT on the 9th (04:00Z), 167 hours after 00:00 EST on the 2nd (05:00Z).
  const std::vector<AttendedSession> sessions{
      {utc_ms(2026, 3, 9, 3, 30), 25 * kMinuteMs},  // Sunday 23:30 EDT: this week
      {utc_ms(2026, 3, 9, 4, 30), 40 * kMinuteMs},  // Monday 00:30 EDT: the next week
  };
  const WeekProgress week = week_progress({2026, 3, 2}, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.minutes_by_day, (std::array<int, 7>{0, 0, 0, 0, 0, 0, 25}));
}

TEST(ScheduleWeekProgress, RoundsEachDaysTotalDownToWholeMinutes) {
  const std::vector<AttendedSession> sessions{
      // Monday: two sessions of 30m30s are 61 minutes (not 60: the day's sum is rounded).
      {utc_ms(2026, 11, 30, 15, 0), 30 * kMinuteMs + 30'000},
      {utc_ms(2026, 11, 30, 18, 0), 30 * kMinuteMs + 30'000},
      // Tuesday: 59.999 seconds is no minute; a negative duration counts as nothing.
      {utc_ms(2026, 12, 1, 15, 0), 59'999},
      {utc_ms(2026, 12, 1, 18, 0), -5 * kMinuteMs},
  };
  const WeekProgress week = week_progress(kMonday, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.minutes_by_day[0], 61);
  EXPECT_EQ(week.minutes_by_day[1], 0);
  EXPECT_EQ(week.attended_minutes, 61);
}

TEST(ScheduleWeekProgress, ADayWithoutAttendanceNeverCounts) {
  const WeekTargets no_daily_minimum{
      .weekly_target_minutes = 60, .daily_minimum_minutes = 0, .days_per_week_minimum = 1};
  const std::vector<AttendedSession> sessions{{utc_ms(2026, 12, 3, 15, 0), 60 * kMinuteMs}};
  const WeekProgress week = week_progress(kMonday, kNewYork, sessions, no_daily_minimum);
  EXPECT_EQ(week.days_meeting_minimum, 1);
  EXPECT_TRUE(week.meets_days_target);
  EXPECT_TRUE(week.meets_weekly_target);
  const WeekProgress empty = week_progress(kMonday, kNewYork, {}, no_daily_minimum);
  EXPECT_EQ(empty.days_meeting_minimum, 0);
  EXPECT_EQ(empty.days_short, 1);
  EXPECT_EQ(empty.minutes_short, 60);
}

TEST(ScheduleWeekProgress, AMidweekDayIsMovedToItsMonday) {
  const std::vector<AttendedSession> sessions{{utc_ms(2026, 11, 30, 15, 0), 60 * kMinuteMs}};
  const WeekProgress week = week_progress({2026, 12, 3}, kNewYork, sessions, kNineHoursThreeDays);
  EXPECT_EQ(week.week_start, kMonday);
  EXPECT_EQ(week.minutes_by_day[0], 60);
}

// A join or leave at a minute offset from the occurrence's start.
struct PresenceEvent {
  enum Kind { join, leave, settle_at } kind;
  int minute;
};

struct PresenceCase {
  const char* name;
  std::vector<PresenceEvent> events;
  int attended_minutes;
  std::string status;
};

class SchedulePresence : public ::testing::Test {
 protected:
  // A 90-minute occurrence starting Monday 2026-11-30 15:00Z.
  const std::int64_t start_ = utc_ms(2026, 11, 30, 15, 0);
  const std::int64_t end_ = start_ + 90 * kMinuteMs;

  std::int64_t at(int minute) const { return start_ + minute * kMinuteMs; }

  Presence replay(const std::vector<PresenceEvent>& events) const {
    Presence presence;
    for (const PresenceEvent& event : events) {
      switch (event.kind) {
        case PresenceEvent::join:
          presence = on_join(presence, start_, end_, at(event.minute));
          break;
        case PresenceEvent::leave:
          presence = on_leave(presence, start_, end_, at(event.minute));
          break;
        case PresenceEvent::settle_at:
          presence = settle(presence, end_, at(event.minute));
          break;
      }
    }
    return presence;
  }
};

TEST_F(SchedulePresence, CountsTimeInsideTheOccurrenceAndDerivesTheStatus) {
  using E = PresenceEvent;
  const std::vector<PresenceCase> cases{
      {"on time, whole session", {{E::join, 0}, {E::leave, 90}}, 90, "present"},
      {"10 min early, 10 min over", {{E::join, -10}, {E::leave, 100}}, 90, "present"},
      {"5 min late is within grace", {{E::join, 5}, {E::leave, 90}}, 85, "present"},
      {"6 min late", {{E::join, 6}, {E::leave, 90}}, 84, "late"},
      {"leaves 5 min early, within grace", {{E::join, 0}, {E::leave, 85}}, 85, "present"},
      {"leaves 6 min early", {{E::join, 0}, {E::leave, 84}}, 84, "left_early"},
      {"late and left early reports late", {{E::join, 20}, {E::leave, 60}}, 40, "late"},
      {"never joined", {}, 0, "absent_unexcused"},
      {"joined and left before the start", {{E::join, -15}, {E::leave, -5}}, 0, "absent_unexcused"},
      {"joined after the end", {{E::join, 95}, {E::leave, 99}}, 0, "absent_unexcused"},
      {"second join while connected is ignored",
       {{E::join, 0}, {E::join, 10}, {E::leave, 90}},
       90,
       "present"},
      {"leave while not connected is ignored",
       {{E::leave, 5}, {E::join, 0}, {E::leave, 90}, {E::leave, 95}},
       90,
       "present"},
      {"reconnections add up",
       {{E::join, 0}, {E::leave, 20}, {E::join, 25}, {E::leave, 90}},
       85,
       "present"},
      {"dropped and never came back", {{E::join, 0}, {E::leave, 20}}, 20, "left_early"},
      {"still connected at the end is settled", {{E::join, 2}, {E::settle_at, 120}}, 88, "present"},
      {"settle before the end changes nothing", {{E::join, 0}, {E::settle_at, 60}}, 0, "present"},
  };
  for (const PresenceCase& c : cases) {
    const Presence presence = replay(c.events);
    EXPECT_EQ(presence.attended_ms, c.attended_minutes * kMinuteMs) << c.name;
    EXPECT_EQ(derive_status(presence, start_, end_), c.status) << c.name;
  }
}

TEST_F(SchedulePresence, RecordsFirstJoinAndLastLeave) {
  const Presence presence = replay({{PresenceEvent::join, -3},
                                    {PresenceEvent::leave, 30},
                                    {PresenceEvent::join, 35},
                                    {PresenceEvent::leave, 95}});
  EXPECT_EQ(presence.first_joined_ms, at(-3));
  EXPECT_EQ(presence.last_left_ms, at(95));
  EXPECT_EQ(presence.open_since_ms, 0);
}

TEST_F(SchedulePresence, ASecondJoinKeepsCountingFromTheFirst) {
  const Presence presence = replay({{PresenceEvent::join, 10}, {PresenceEvent::join, 40}});
  EXPECT_EQ(presence.open_since_ms, at(10));
  EXPECT_EQ(presence.first_joined_ms, at(10));
}

TEST_F(SchedulePresence, AnEarlyJoinCountsFromTheStart) {
  const Presence presence = replay({{PresenceEvent::join, -10}});
  EXPECT_EQ(presence.first_joined_ms, at(-10));
  EXPECT_EQ(presence.open_since_ms, start_);
}

TEST_F(SchedulePresence, SettleClosesAtTheEnd) {
  const Presence presence = replay({{PresenceEvent::join, 0}, {PresenceEvent::settle_at, 200}});
  EXPECT_EQ(presence.open_since_ms, 0);
  EXPECT_EQ(presence.last_left_ms, end_);
  EXPECT_EQ(presence.attended_ms, 90 * kMinuteMs);
  // Settling twice, or a late leave afterwards, adds nothing.
  EXPECT_EQ(settle(presence, end_, at(300)).attended_ms, 90 * kMinuteMs);
  EXPECT_EQ(on_leave(presence, start_, end_, at(300)).attended_ms, 90 * kMinuteMs);
}

}  // namespace
}  // namespace hearth::schedule
