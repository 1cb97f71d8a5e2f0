#include "domain/schedule/notice_text.hpp"

#include <array>

#include <fmt/format.h>

#include "domain/schedule/time_zones.hpp"

namespace hearth::schedule {

std::string local_time_text(std::int64_t utc_ms, std::string_view time_zone) {
  static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                            "Fri", "Sat", "Sun"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string_view zone = is_time_zone(time_zone) ? time_zone : "UTC";
  const LocalDateTime t = utc_to_local(utc_ms, zone);
  return fmt::format("{} {} {} {}, {:02}:{:02}", kDays[weekday_of(t.date)], t.date.day,
                     kMonths[t.date.month - 1], t.date.year, t.hour, t.minute);
}

std::string reminder_text(const store::OccurrenceRecord& occ, bool soon,
                          std::string_view time_zone) {
  return fmt::format("{} starts {}: {}", occ.title, soon ? "soon" : "within a day",
                     local_time_text(occ.starts_at_ms, time_zone));
}

std::string cancelled_text(const store::OccurrenceRecord& occ, std::string_view time_zone) {
  return fmt::format("Cancelled: {} on {}. {}", occ.title,
                     local_time_text(occ.starts_at_ms, time_zone), occ.change_reason);
}

std::string moved_text(const store::OccurrenceRecord& occ, std::string_view time_zone) {
  return fmt::format("Moved: {} now starts {} (was {}). {}", occ.title,
                     local_time_text(occ.starts_at_ms, time_zone),
                     local_time_text(occ.original_starts_at_ms, time_zone), occ.change_reason);
}

std::string seat_given_text(std::string_view group_name) {
  return fmt::format("A seat came free in {}, and it is yours.", group_name);
}

std::string join_requested_text(std::string_view group_name) {
  return fmt::format("Someone asked to join {}.", group_name);
}

std::string assigned_text(std::string_view group_name) {
  return fmt::format("You were added to {}.", group_name);
}

std::string request_declined_text(std::string_view group_name) {
  return fmt::format("Your request to join {} was not accepted this time.", group_name);
}

}  // namespace hearth::schedule
