// The words of schedule notifications. They name the session by the title staff chose and give
// times in the reader's own time zone; nothing about anyone's health.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace hearth::schedule {

// "Mon 30 Nov 2026, 10:00" in the time zone (UTC if the name is unknown).
std::string local_time_text(std::int64_t utc_ms, std::string_view time_zone);

std::string reminder_text(const store::OccurrenceRecord& occ, bool soon,
                          std::string_view time_zone);
std::string cancelled_text(const store::OccurrenceRecord& occ, std::string_view time_zone);
std::string moved_text(const store::OccurrenceRecord& occ, std::string_view time_zone);
std::string seat_given_text(std::string_view group_name);
std::string join_requested_text(std::string_view group_name);
std::string assigned_text(std::string_view group_name);
std::string request_declined_text(std::string_view group_name);

}  // namespace hearth::schedule
