// Local calendar dates and wall-clock times, and how they map to UTC instants in an IANA time zone.
//
// Programs meet at a local wall-clock time ("Mondays at 10:00 in America/New_York"), so the
// schedule reasons in local time and converts to UTC only at the edges. The conversions use Howard
// Hinnant's date/tz over the system's tz database (/usr/share/zoneinfo, Debian package tzdata).
//
// Every function here is pure and may be called from any thread: the tz database is loaded once
// on first use, and the zone lookups are cached behind a mutex.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace hearth::schedule {

// A day on the proleptic Gregorian calendar, without a time zone.
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  friend bool operator==(const LocalDate&, const LocalDate&) = default;
  friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
};

// A wall-clock time on a local day, to the minute (sessions are scheduled in whole minutes).
struct LocalDateTime {
  LocalDate date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59

  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
  friend auto operator<=>(const LocalDateTime&, const LocalDateTime&) = default;
};

// Years outside this range are refused by the parsers: the tz database has no meaningful rules
// before 1900, and four-digit years keep the text forms fixed-width.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 9999;

// True when the fields name a real day (2026-02-29 does not exist) within kMinYear..kMaxYear.
bool is_valid_date(const LocalDate& date);
bool is_valid_date_time(const LocalDateTime& date_time);

// Strict ISO 8601 forms: exactly "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM" (no seconds, no offset).
// `field` names the request field in the error.
Result<LocalDate> parse_local_date(std::string_view text, std::string_view field = "date");
Result<LocalDateTime> parse_local_date_time(std::string_view text,
                                            std::string_view field = "start");
std::string format_local_date(const LocalDate& date);                // "2026-11-30"
std::string format_local_date_time(const LocalDateTime& date_time);  // "2026-11-30T10:00"

// 0 = Monday … 6 = Sunday (ISO 8601 order, the order a program's week is shown in).
int weekday_of(const LocalDate& date);
LocalDate add_days(const LocalDate& date, int days);
// The Monday on or before `date`.
LocalDate week_start(const LocalDate& date);
// `to` minus `from` in days (negative when `to` is earlier).
int days_between(const LocalDate& from, const LocalDate& to);

// True only for zone names the tz database knows ("America/New_York", "UTC", "Europe/London").
// Names that are empty, longer than kMaxTimeZoneNameBytes, contain anything but letters, digits
// and "/_+-", or look like paths ("../", a leading "/") are refused before any lookup; so is
// "localtime", which names the server's own setting rather than a place.
bool is_time_zone(std::string_view iana_name);
inline constexpr std::size_t kMaxTimeZoneNameBytes = 64;
Result<void> check_time_zone(std::string_view name, std::string_view field = "time_zone");

// What to do with a local time that does not exist because the clocks go forward over it.
enum class Gap {
  reject,         // an error (the person picked that time; let them pick another)
  shift_forward,  // read it with the UTC offset in force before the gap (RFC 5545 §3.3.5):
                  // 02:30 on the day New York springs forward becomes 03:30 EDT
};

// The UTC instant (milliseconds since the epoch) at which `local` happens in `tz`.
// An ambiguous local time (the repeated hour when clocks go back) is the FIRST, earlier instant.
// A nonexistent one is handled as `gap` says. Errors: an unknown zone (field "time_zone"), an
// invalid date or time, or a rejected gap (both under `field`).
Result<std::int64_t> local_to_utc_ms(const LocalDateTime& local, std::string_view tz, Gap gap,
                                     std::string_view field = "start");

// The local wall-clock time (rounded down to the minute) and the local day of a UTC instant.
// Precondition: is_time_zone(tz). An unknown zone is read as UTC rather than failing, because
// these run on stored data whose zone was checked when it was saved.
LocalDateTime utc_to_local(std::int64_t utc_ms, std::string_view tz);
LocalDate utc_to_local_date(std::int64_t utc_ms, std::string_view tz);

// The first instant of a local day. That is local midnight, except in zones where midnight is
// skipped on the day clocks go forward at 00:00 (e.g. America/Santiago, Asia/Beirut): then the day
// starts at the transition. Same precondition as utc_to_local.
std::int64_t start_of_local_day_utc_ms(const LocalDate& date, std::string_view tz);

}  // namespace hearth::schedule
