// Repeating sessions: RFC 5545 recurrence rules, expanded into the UTC start of every occurrence.
//
// A series is stored as its first start in local wall-clock time, the program's IANA time zone and
// an RRULE. Expansion runs in local (floating) time with libical, then converts each occurrence to
// UTC with date/tz, so a weekly 10:00 session stays at 10:00 local across daylight-saving changes
// (its UTC instant moves by an hour). Rules for local times that fall into a gap:
//   - the first occurrence is the time the person picked: if it does not exist, it is an error;
//   - a later occurrence in a gap is read with the offset before the gap (RFC 5545 §3.3.5), so a
//     weekly 02:30 session in New York is at 03:30 EDT on the day the clocks go forward.
// An ambiguous local time (when clocks go back) is the earlier of its two instants.
//
// Pure functions, safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/schedule/time_zones.hpp"

namespace hearth::schedule {

// What the scheduling form offers: every N weeks on some weekdays, until a date or N times.
struct WeeklyRepeat {
  std::vector<int> weekdays;       // 0 = Monday … 6 = Sunday; at least one
  int interval_weeks = 1;          // 1..kMaxIntervalWeeks
  std::optional<LocalDate> until;  // the last day a session may fall on (inclusive)
  int count = 0;                   // the number of sessions; exactly one of until / count is set
};

// Beyond two months between sessions a "series" is no longer a program's rhythm.
inline constexpr int kMaxIntervalWeeks = 8;

// The RRULE text for a weekly repeat, built through libical, e.g.
// "FREQ=WEEKLY;COUNT=24;INTERVAL=2;BYDAY=MO,WE" or "FREQ=WEEKLY;UNTIL=20270301;BYDAY=TU".
// UNTIL is written as a DATE, meaning "through the end of that local day" (see expand).
// Errors (field "repeat"): no weekday or one outside 0..6, an interval outside 1..8, both or
// neither of until and count, a count below 1, an invalid until date.
Result<std::string> to_rrule(const WeeklyRepeat& repeat);

struct ExpansionLimits {
  int max_occurrences = 400;  // a year of daily sessions plus room; bounds the work and the rows
  int horizon_days = 366;     // no occurrence on a local date later than first start + this
};

// The UTC start instants (milliseconds since the epoch) of every occurrence, in order.
//   first_start_local  "2026-11-30T10:00", the first session, in `tz`'s wall-clock time
//   tz                 an IANA zone name
//   rrule              an RFC 5545 RRULE value; empty means a single session
// The rule must be FREQ=DAILY or FREQ=WEEKLY, end by UNTIL or COUNT, and start on first_start
// (the first occurrence is first_start itself). BYHOUR, BYMINUTE and BYSECOND are refused: a
// series keeps the start time that was picked. UNTIL as a DATE means through the end of that
// local day; as a local DATE-TIME it is read in `tz`; in UTC ("Z") it is converted to `tz`.
// Errors (Errc::invalid_argument): field "start" for a malformed or nonexistent first start or one
// that is not on a day the rule repeats on; "time_zone" for an unknown zone; "repeat" for an
// unreadable rule, another FREQ, no UNTIL or COUNT, UNTIL before the start, an UNTIL or occurrence
// beyond the horizon, more than max_occurrences, or no occurrences at all.
Result<std::vector<std::int64_t>> expand(std::string_view first_start_local, std::string_view tz,
                                         std::string_view rrule,
                                         const ExpansionLimits& limits = {});

}  // namespace hearth::schedule
