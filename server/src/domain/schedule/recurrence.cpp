#include "domain/schedule/recurrence.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace hearth::schedule {
namespace {

// A valid rule for our forms is under 100 bytes; this bounds what libical is asked to parse.
constexpr std::size_t kMaxRuleBytes = 512;

struct IteratorFree {
  void operator()(icalrecur_iterator* it) const { icalrecur_iterator_free(it); }
};
struct IcalBufferFree {
  void operator()(char* buffer) const { icalmemory_free_buffer(buffer); }
};

Error repeat_error(std::string message) {
  return Error::of(Errc::invalid_argument, std::move(message), "repeat");
}

// libical numbers weekdays from Sunday = 1; ours run from Monday = 0.
icalrecurrencetype_weekday to_ical_weekday(int monday_based) {
  return static_cast<icalrecurrencetype_weekday>((monday_based + 1) % 7 + 1);
}

bool is_set(const short* by_array) {
  return by_array[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

icaltimetype floating_time(const LocalDateTime& t, int second) {
  icaltimetype result = icaltime_null_time();
  result.year = t.date.year;
  result.month = t.date.month;
  result.day = t.date.day;
  result.hour = t.hour;
  result.minute = t.minute;
  result.second = second;
  return result;
}

LocalDateTime to_local_date_time(const icaltimetype& t) {
  return {{t.year, t.month, t.day}, t.hour, t.minute};
}

Result<icalrecurrencetype> parse_rule(std::string_view rrule) {
  if (rrule.size() > kMaxRuleBytes) {
    return repeat_error("The repeat rule is too long to be a session schedule.");
  }
  icalrecurrencetype rule = icalrecurrencetype_from_string(std::string(rrule).c_str());
  if (rule.rscale != nullptr) {
    std::free(rule.rscale);  // allocated by the parser; we own it
    return repeat_error(
        "Repeat rules on calendars other than the Gregorian one are not supported.");
  }
  if (rule.freq == ICAL_NO_RECURRENCE) {
    return repeat_error(
        "The repeat rule could not be read. Use an RFC 5545 rule such as "
        "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=24.");
  }
  if (rule.freq != ICAL_DAILY_RECURRENCE && rule.freq != ICAL_WEEKLY_RECURRENCE) {
    return repeat_error("Sessions can repeat daily or weekly (FREQ=DAILY or FREQ=WEEKLY).");
  }
  if (is_set(rule.by_hour) || is_set(rule.by_minute) || is_set(rule.by_second)) {
    return repeat_error(
        "A repeating session keeps the start time that was picked; the repeat rule may not set "
        "hours, minutes or seconds.");
  }
  if (rule.count <= 0 && icaltime_is_null_time(rule.until)) {
    return repeat_error(
        "Say when the series ends: an end date (UNTIL) or a number of sessions (COUNT).");
  }
  return rule;
}

// UNTIL in `tz`'s wall-clock time, to the minute (occurrences are whole minutes, so comparing
// minutes is exact). A DATE means through the end of that local day.
LocalDateTime local_until(const icaltimetype& until, std::string_view tz) {
  if (until.is_date) return {{until.year, until.month, until.day}, 23, 59};
  if (icaltime_is_utc(until)) {
    const auto seconds = static_cast<std::int64_t>(icaltime_as_timet(until));
    return utc_to_local(seconds * 1000, tz);
  }
  return to_local_date_time(until);
}

Result<std::vector<LocalDateTime>> expand_local(icalrecurrencetype rule, const LocalDateTime& start,
                                                std::string_view tz,
                                                const ExpansionLimits& limits) {
  const LocalDate last_allowed_day = add_days(start.date, limits.horizon_days);
  const std::string too_far = "A series can span at most " + std::to_string(limits.horizon_days) +
                              " days; choose an earlier end date or fewer sessions.";
  const bool ends_by_count = icaltime_is_null_time(rule.until);
  if (!ends_by_count) {
    const LocalDateTime until = local_until(rule.until, tz);
    if (until < start) return repeat_error("The end date is before the first session.");
    if (last_allowed_day < until.date) return repeat_error(too_far);
    // Hand libical the local wall-clock bound, to the second, in the same floating form as DTSTART.
    rule.until = floating_time(until, 59);
  } else {
    // libical searches day by day until a date matches; for a rule that never matches again
    // (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) that is centuries of days. An UNTIL at the horizon
    // bounds the search; a COUNT rule that runs out there has reached past the horizon.
    rule.until = floating_time({last_allowed_day, 23, 59}, 59);
  }
  const std::string too_many = "A series can have at most " +
                               std::to_string(limits.max_occurrences) +
                               " sessions; choose an earlier end date or fewer sessions.";
  if (rule.count > limits.max_occurrences) return repeat_error(too_many);

  const std::unique_ptr<icalrecur_iterator, IteratorFree> iterator(
      icalrecur_iterator_new(rule, floating_time(start, 0)));
  if (!iterator) return repeat_error("The repeat rule could not be read.");
  std::vector<LocalDateTime> occurrences;
  for (icaltimetype next = icalrecur_iterator_next(iterator.get()); !icaltime_is_null_time(next);
       next = icalrecur_iterator_next(iterator.get())) {
    const LocalDateTime occurrence = to_local_date_time(next);
    if (occurrences.empty() && occurrence != start) {
      // RFC 5545 leaves a DTSTART that the rule does not produce undefined; we ask for a start
      // that is one of the series' days instead of guessing.
      return Error::of(Errc::invalid_argument,
                       "The first session must be on one of the days the series repeats on.",
                       "start");
    }
    if (last_allowed_day < occurrence.date) return repeat_error(too_far);
    if (static_cast<int>(occurrences.size()) == limits.max_occurrences) {
      return repeat_error(too_many);
    }
    occurrences.push_back(occurrence);
  }
  if (occurrences.empty()) return repeat_error("The repeat rule produces no sessions.");
  if (ends_by_count && static_cast<int>(occurrences.size()) < rule.count) {
    return repeat_error(too_far);
  }
  return occurrences;
}

}  // namespace

Result<std::string> to_rrule(const WeeklyRepeat& repeat) {
  if (repeat.weekdays.empty()) return repeat_error("Choose at least one day of the week.");
  std::vector<int> days = repeat.weekdays;
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  if (days.front() < 0 || days.back() > 6) {
    return repeat_error("Days of the week run from 0 (Monday) to 6 (Sunday).");
  }
  if (repeat.interval_weeks < 1 || repeat.interval_weeks > kMaxIntervalWeeks) {
    return repeat_error("A series can repeat every 1 to " + std::to_string(kMaxIntervalWeeks) +
                        " weeks.");
  }
  if (repeat.until.has_value() && repeat.count != 0) {
    return repeat_error("Choose an end date or a number of sessions, not both.");
  }
  if (!repeat.until.has_value() && repeat.count == 0) {
    return repeat_error("Choose an end date or a number of sessions.");
  }
  if (repeat.count < 0) return repeat_error("The number of sessions must be at least 1.");
  if (repeat.until.has_value() && !is_valid_date(*repeat.until)) {
    return repeat_error("The end date is not a real calendar date.");
  }

  icalrecurrencetype rule;
  icalrecurrencetype_clear(&rule);
  rule.freq = ICAL_WEEKLY_RECURRENCE;
  rule.interval = static_cast<short>(repeat.interval_weeks);
  rule.count = repeat.count;
  if (repeat.until.has_value()) {
    rule.until = icaltime_null_date();
    rule.until.year = repeat.until->year;
    rule.until.month = repeat.until->month;
    rule.until.day = repeat.until->day;
  }
  for (std::size_t i = 0; i < days.size(); ++i) {
    rule.by_day[i] = static_cast<short>(to_ical_weekday(days[i]));
  }
  rule.by_day[days.size()] = ICAL_RECURRENCE_ARRAY_MAX;
  const std::unique_ptr<char, IcalBufferFree> text(icalrecurrencetype_as_string_r(&rule));
  if (!text) return Error::of(Errc::internal, "The repeat rule could not be written.");
  return std::string(text.get());
}

Result<std::vector<std::int64_t>> expand(std::string_view first_start_local, std::string_view tz,
                                         std::string_view rrule, const ExpansionLimits& limits) {
  HEARTH_TRY_ASSIGN(const LocalDateTime start, parse_local_date_time(first_start_local, "start"));
  HEARTH_TRY(check_time_zone(tz, "time_zone"));
  HEARTH_TRY_ASSIGN(const std::int64_t first_utc, local_to_utc_ms(start, tz, Gap::reject, "start"));
  if (rrule.empty()) return std::vector<std::int64_t>{first_utc};

  HEARTH_TRY_ASSIGN(const icalrecurrencetype rule, parse_rule(rrule));
  HEARTH_TRY_ASSIGN(const std::vector<LocalDateTime> local, expand_local(rule, start, tz, limits));
  std::vector<std::int64_t> starts;
  starts.reserve(local.size());
  starts.push_back(first_utc);
  for (std::size_t i = 1; i < local.size(); ++i) {
    HEARTH_TRY_ASSIGN(const std::int64_t utc, local_to_utc_ms(local[i], tz, Gap::shift_forward));
    starts.push_back(utc);
  }
  return starts;
}

}  // namespace hearth::schedule
