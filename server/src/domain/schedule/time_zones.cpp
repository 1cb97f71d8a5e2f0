#include "domain/schedule/time_zones.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <chrono>
#include <map>
#include <mutex>

namespace hearth::schedule {
namespace {

using std::chrono::duration_cast;
using std::chrono::floor;
using std::chrono::milliseconds;
using std::chrono::minutes;

date::year_month_day to_ymd(const LocalDate& d) {
  return date::year{d.year} / static_cast<unsigned>(d.month) / static_cast<unsigned>(d.day);
}

LocalDate from_ymd(const date::year_month_day& ymd) {
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

date::local_time<minutes> to_local_minutes(const LocalDateTime& t) {
  return date::local_days{to_ymd(t.date)} + std::chrono::hours{t.hour} + minutes{t.minute};
}

LocalDateTime from_local_minutes(date::local_time<minutes> t) {
  const auto day = floor<date::days>(t);
  const date::hh_mm_ss<minutes> clock{t - day};
  return {from_ymd(date::year_month_day{day}), static_cast<int>(clock.hours().count()),
          static_cast<int>(clock.minutes().count())};
}

// Reads `count` ASCII digits at `pos`; -1 if any is not a digit.
int read_digits(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool has_time_zone_name_shape(std::string_view name) {
  if (name.empty() || name.size() > kMaxTimeZoneNameBytes) return false;
  if (name.front() == '/' || name.back() == '/' || name.find("//") != std::string_view::npos) {
    return false;
  }
  if (name.find("..") != std::string_view::npos || name == "localtime") return false;
  for (const char c : name) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '+' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

// Looks a zone up once and remembers it. Only names the database knows are cached, so the cache
// is bounded by the database (about 600 zones) whatever names callers try.
const date::time_zone* find_zone(std::string_view name) {
  if (!has_time_zone_name_shape(name)) return nullptr;
  static std::mutex mutex;
  static std::map<std::string, const date::time_zone*, std::less<>> known;
  const std::lock_guard lock(mutex);
  if (const auto it = known.find(name); it != known.end()) return it->second;
  try {
    const date::time_zone* zone = date::locate_zone(name);
    known.emplace(std::string(name), zone);
    return zone;
  } catch (const std::exception&) {
    return nullptr;  // not in the database (or no database: tzdata is missing)
  }
}

Error unknown_time_zone(std::string_view field) {
  return Error::of(Errc::invalid_argument,
                   "Choose a time zone from the IANA list, such as America/New_York, "
                   "Europe/London or UTC.",
                   std::string(field));
}

Error invalid_date_time(std::string_view field) {
  return Error::of(Errc::invalid_argument,
                   "Enter a real date and time as YYYY-MM-DDTHH:MM, for example 2026-11-30T10:00.",
                   std::string(field));
}

}  // namespace

bool is_valid_date(const LocalDate& day) {
  return day.year >= kMinYear && day.year <= kMaxYear && day.month >= 1 && day.month <= 12 &&
         day.day >= 1 && day.day <= 31 && to_ymd(day).ok();
}

bool is_valid_date_time(const LocalDateTime& t) {
  return is_valid_date(t.date) && t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59;
}

Result<LocalDate> parse_local_date(std::string_view text, std::string_view field) {
  const Error error = Error::of(Errc::invalid_argument,
                                "Enter a real calendar date as YYYY-MM-DD, for example 2026-11-30.",
                                std::string(field));
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return error;
  const LocalDate day{read_digits(text, 0, 4), read_digits(text, 5, 2), read_digits(text, 8, 2)};
  if (!is_valid_date(day)) return error;
  return day;
}

Result<LocalDateTime> parse_local_date_time(std::string_view text, std::string_view field) {
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return invalid_date_time(field);
  const auto day = parse_local_date(text.substr(0, 10), field);
  if (!day) return invalid_date_time(field);
  const LocalDateTime t{*day, read_digits(text, 11, 2), read_digits(text, 14, 2)};
  if (!is_valid_date_time(t)) return invalid_date_time(field);
  return t;
}

std::string format_local_date(const LocalDate& day) {
  return fmt::format("{:04}-{:02}-{:02}", day.year, day.month, day.day);
}

std::string format_local_date_time(const LocalDateTime& t) {
  return fmt::format("{}T{:02}:{:02}", format_local_date(t.date), t.hour, t.minute);
}

int weekday_of(const LocalDate& day) {
  // date::weekday counts from Sunday = 0; shift so Monday = 0.
  const unsigned sunday_based = date::weekday{date::sys_days{to_ymd(day)}}.c_encoding();
  return static_cast<int>((sunday_based + 6) % 7);
}

LocalDate add_days(const LocalDate& day, int days) {
  return from_ymd(date::year_month_day{date::sys_days{to_ymd(day)} + date::days{days}});
}

LocalDate week_start(const LocalDate& day) {
  return add_days(day, -weekday_of(day));
}

int days_between(const LocalDate& from, const LocalDate& to) {
  return static_cast<int>((date::sys_days{to_ymd(to)} - date::sys_days{to_ymd(from)}).count());
}

bool is_time_zone(std::string_view iana_name) {
  return find_zone(iana_name) != nullptr;
}

Result<void> check_time_zone(std::string_view name, std::string_view field) {
  if (is_time_zone(name)) return ok();
  return unknown_time_zone(field);
}

Result<std::int64_t> local_to_utc_ms(const LocalDateTime& local, std::string_view tz, Gap gap,
                                     std::string_view field) {
  const date::time_zone* zone = find_zone(tz);
  if (zone == nullptr) return unknown_time_zone("time_zone");
  if (!is_valid_date_time(local)) return invalid_date_time(field);
  const auto wall = to_local_minutes(local);
  const date::local_info info = zone->get_info(wall);
  if (info.result == date::local_info::nonexistent && gap == Gap::reject) {
    return Error::of(Errc::invalid_argument,
                     fmt::format("{:02}:{:02} does not exist on {} in {}, because the clocks go "
                                 "forward then. Choose a time after the change.",
                                 local.hour, local.minute, format_local_date(local.date), tz),
                     std::string(field));
  }
  // For a unique time `first` is the only offset; for an ambiguous one it is the offset before
  // the clocks went back, which gives the earlier instant; for a gap it is the offset before the
  // gap, which is RFC 5545's reading (02:30 EST = 03:30 EDT).
  const auto utc = wall.time_since_epoch() - info.first.offset;
  return static_cast<std::int64_t>(duration_cast<milliseconds>(utc).count());
}

LocalDateTime utc_to_local(std::int64_t utc_ms, std::string_view tz) {
  const date::sys_time<milliseconds> instant{milliseconds{utc_ms}};
  const date::time_zone* zone = find_zone(tz);
  // Without a zone (or without tzdata at all) the wall clock is UTC's: offset zero.
  const auto wall = zone != nullptr ? zone->to_local(instant)
                                    : date::local_time<milliseconds>{instant.time_since_epoch()};
  return from_local_minutes(floor<minutes>(wall));
}

LocalDate utc_to_local_date(std::int64_t utc_ms, std::string_view tz) {
  return utc_to_local(utc_ms, tz).date;
}

std::int64_t start_of_local_day_utc_ms(const LocalDate& day, std::string_view tz) {
  const date::local_seconds midnight{date::local_days{to_ymd(day)}};
  const date::time_zone* zone = find_zone(tz);
  if (zone == nullptr) {
    return duration_cast<milliseconds>(midnight.time_since_epoch()).count();  // read as UTC
  }
  const date::local_info info = zone->get_info(midnight);
  // In a gap the day's first instant is the transition itself, where the new offset begins.
  const auto first_instant = info.result == date::local_info::nonexistent
                                 ? info.second.begin.time_since_epoch()
                                 : midnight.time_since_epoch() - info.first.offset;
  return static_cast<std::int64_t>(duration_cast<milliseconds>(first_instant).count());
}

}  // namespace hearth::schedule
