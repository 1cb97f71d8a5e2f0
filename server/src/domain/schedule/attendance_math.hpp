// The numbers behind "hours attended against the program's target": how time in a session is
// counted from joins and leaves, what attendance status that gives, and a participant's week.
//
// IOPs set a weekly minimum of treatment hours spread over a minimum number of days (commonly
// 9 hours over 3 days), so the week is measured both in minutes and in days that count.
// Rounding rule: time is kept in milliseconds until it is summed per local day, and each day's
// total is then rounded DOWN to whole minutes (floor(sum of that day's attended_ms / 60000)).
// The week's minutes are the sum of those day totals, so the days shown always add up to the
// week, and nobody is credited a minute they did not complete.
//
// Pure functions, safe to call from any thread. Instants are milliseconds since the epoch (UTC).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "domain/schedule/time_zones.hpp"

namespace hearth::schedule {

struct WeekTargets {
  int weekly_target_minutes = 0;  // e.g. 540 (9 hours)
  int daily_minimum_minutes = 0;  // a day counts toward days_per_week_minimum from this many
  int days_per_week_minimum = 0;  // e.g. 3
};

struct AttendedSession {
  std::int64_t starts_utc_ms = 0;  // the occurrence's scheduled start
  std::int64_t attended_ms = 0;    // time the participant was in it (see Presence)
};

struct WeekProgress {
  LocalDate week_start;                 // the Monday
  std::array<int, 7> minutes_by_day{};  // Monday … Sunday, whole minutes (rounded down)
  int attended_minutes = 0;             // the sum of minutes_by_day
  int days_meeting_minimum = 0;
  bool meets_weekly_target = false;
  bool meets_days_target = false;
  int minutes_short = 0;  // 0 once the weekly target is met
  int days_short = 0;     // 0 once the days target is met
};

// One participant's week in the program's time zone `tz`. A session belongs to the local day on
// which it STARTS (a 23:30 Sunday session belongs to Sunday even if most of it runs on Monday, and
// even if it is Monday in UTC). Sessions starting outside the week are ignored; the week's bounds
// are local midnights, so a week with a DST change is 167 or 169 hours long. A day meets the
// minimum when it has some attendance and at least daily_minimum_minutes of it (a day with no
// attendance never counts, even with a minimum of 0). Negative attended_ms counts as 0.
// `week_start` is moved to the Monday on or before it if it is not a Monday.
WeekProgress week_progress(LocalDate week_start, std::string_view tz,
                           std::span<const AttendedSession> sessions, const WeekTargets& targets);

// One attendee's presence in one occurrence, accumulated from join and leave events.
// 0 means "unset" in every field.
struct Presence {
  std::int64_t attended_ms = 0;      // closed time inside [occurrence start, occurrence end]
  std::int64_t first_joined_ms = 0;  // when they first joined (may be before the start)
  std::int64_t last_left_ms = 0;     // when they last left (capped at the end by settle)
  std::int64_t open_since_ms = 0;    // counting from here while connected; 0 when not connected
};

// A join: starts counting at max(now, occ_start). A join while already connected (a second tab,
// a retried request) is ignored, as is a join at or after the end (there is nothing to count).
Presence on_join(Presence presence, std::int64_t occ_start, std::int64_t occ_end, std::int64_t now);
// A leave: adds the connected time that lies inside [occ_start, occ_end]. A leave while not
// connected is ignored. Reconnections add up.
Presence on_leave(Presence presence, std::int64_t occ_start, std::int64_t occ_end,
                  std::int64_t now);
// Once the occurrence is over (now >= occ_end), closes a still-open connection at the end, as if
// the attendee left then. Before the end, or when nothing is open, it changes nothing.
Presence settle(Presence presence, std::int64_t occ_end, std::int64_t now);

// Grace periods for the status. Joining takes a minute or two (device and audio checks, a slow
// connection, the waiting room) and a session's last minutes are often a wrap-up, so five minutes
// either side separates those from real lateness or leaving early. The minutes attended are
// counted exactly regardless; the status is a signal for the care team, not the hours figure.
inline constexpr std::int64_t kLateAfterStartMs = 5 * 60 * 1000;
inline constexpr std::int64_t kLeftEarlyBeforeEndMs = 5 * 60 * 1000;

inline constexpr std::string_view kStatusPresent = "present";
inline constexpr std::string_view kStatusLate = "late";
inline constexpr std::string_view kStatusLeftEarly = "left_early";
inline constexpr std::string_view kStatusAbsentUnexcused = "absent_unexcused";

// "absent_unexcused" when no time was counted and the attendee is not connected (never joined,
// or only before the start); "late" when they first joined more than kLateAfterStartMs after the
// start; "left_early" when they are not connected and last left more than kLeftEarlyBeforeEndMs
// before the end; otherwise "present". Late AND left early reports "late": arriving is what the
// care team follows up first, and the minutes attended already show the shortfall.
// Excused absences are recorded by staff, never derived here.
std::string derive_status(const Presence& presence, std::int64_t occ_start, std::int64_t occ_end);

}  // namespace hearth::schedule
