#include "domain/schedule/attendance_math.hpp"

#include <algorithm>

namespace hearth::schedule {
namespace {

constexpr std::int64_t kMsPerMinute = 60 * 1000;

}  // namespace

WeekProgress week_progress(LocalDate week_start_day, std::string_view tz,
                           std::span<const AttendedSession> sessions, const WeekTargets& targets) {
  WeekProgress progress;
  progress.week_start = week_start(week_start_day);
  std::array<std::int64_t, 7> ms_by_day{};
  for (const AttendedSession& session : sessions) {
    const int day = days_between(progress.week_start, utc_to_local_date(session.starts_utc_ms, tz));
    if (day < 0 || day > 6) continue;
    ms_by_day[day] += std::max<std::int64_t>(session.attended_ms, 0);
  }
  for (std::size_t day = 0; day < ms_by_day.size(); ++day) {
    const int minutes = static_cast<int>(ms_by_day[day] / kMsPerMinute);
    progress.minutes_by_day[day] = minutes;
    progress.attended_minutes += minutes;
    if (minutes > 0 && minutes >= targets.daily_minimum_minutes) ++progress.days_meeting_minimum;
  }
  progress.minutes_short = std::max(targets.weekly_target_minutes - progress.attended_minutes, 0);
  progress.days_short = std::max(targets.days_per_week_minimum - progress.days_meeting_minimum, 0);
  progress.meets_weekly_target = progress.minutes_short == 0;
  progress.meets_days_target = progress.days_short == 0;
  return progress;
}

Presence on_join(Presence presence, std::int64_t occ_start, std::int64_t occ_end,
                 std::int64_t now) {
  if (presence.open_since_ms != 0 || now >= occ_end) return presence;
  if (presence.first_joined_ms == 0) presence.first_joined_ms = now;
  presence.open_since_ms = std::max(now, occ_start);
  return presence;
}

Presence on_leave(Presence presence, std::int64_t /*occ_start*/, std::int64_t occ_end,
                  std::int64_t now) {
  if (presence.open_since_ms == 0) return presence;
  // open_since is already at or after the start (on_join clamps it), so only the end is capped.
  const std::int64_t counted_until = std::min(now, occ_end);
  presence.attended_ms += std::max<std::int64_t>(counted_until - presence.open_since_ms, 0);
  presence.open_since_ms = 0;
  presence.last_left_ms = now;
  return presence;
}

Presence settle(Presence presence, std::int64_t occ_end, std::int64_t now) {
  if (presence.open_since_ms == 0 || now < occ_end) return presence;
  presence.attended_ms += std::max<std::int64_t>(occ_end - presence.open_since_ms, 0);
  presence.open_since_ms = 0;
  presence.last_left_ms = occ_end;
  return presence;
}

std::string derive_status(const Presence& presence, std::int64_t occ_start, std::int64_t occ_end) {
  const bool connected = presence.open_since_ms != 0;
  if (presence.attended_ms == 0 && !connected) return std::string(kStatusAbsentUnexcused);
  if (presence.first_joined_ms - occ_start > kLateAfterStartMs) return std::string(kStatusLate);
  if (!connected && occ_end - presence.last_left_ms > kLeftEarlyBeforeEndMs) {
    return std::string(kStatusLeftEarly);
  }
  return std::string(kStatusPresent);
}

}  // namespace hearth::schedule
