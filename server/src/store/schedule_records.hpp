// The schedule's records of the Store interface (store.hpp): series, their occurrences and
// invited guests, attendance, notifications and calendar feeds. Kept apart so that store.hpp
// stays readable; every user of the Store includes them through it.
#pragma once

#include <cstdint>
#include <string>

namespace hearth::store {

// A recurring schedule (or a single session: rrule ""). Local times are read in time_zone.
struct SeriesRecord {
  std::string id;
  std::string group_id;
  std::string title;              // chosen by staff; the only text calendar feeds carry
  std::string time_zone;          // IANA name
  std::string first_start_local;  // "2026-11-30T10:00"
  int duration_minutes = 0;
  std::string rrule;  // RFC 5545 RRULE value ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=24"), "" if single
  std::string created_by;
  std::int64_t created_at_ms = 0;
};

// One meeting of a group, expanded from its series. Times are UTC milliseconds.
struct OccurrenceRecord {
  std::string id;
  std::string series_id;
  std::string group_id;
  std::string title;
  std::int64_t starts_at_ms = 0;
  std::int64_t ends_at_ms = 0;
  std::int64_t original_starts_at_ms = 0;  // where the series put it; differs once moved
  std::string status = "scheduled";        // "scheduled" or "cancelled"
  std::string change_reason;               // shown to members when cancelled or moved
  std::int64_t updated_at_ms = 0;
};

// A person invited to one session who is not on its roster (a family member at a family
// session): they see it in their schedule and may ask to enter it like a member.
struct SessionGuestRecord {
  std::string occurrence_id;
  std::string user_id;
  std::string invited_by;
  std::int64_t invited_at_ms = 0;
};

// One expected attendee at one occurrence. Time in the session is accumulated as joins and leaves
// arrive (open_since_ms is set while connected), clipped to the occurrence; a clinician's
// correction overrides status and minutes and keeps the reason.
struct AttendanceRecord {
  std::string occurrence_id;
  std::string user_id;
  // "present", "late", "left_early", "absent_excused", "absent_unexcused"
  std::string status;
  std::int64_t attended_ms = 0;
  std::int64_t first_joined_ms = 0;
  std::int64_t last_left_ms = 0;
  std::int64_t open_since_ms = 0;
  std::string corrected_by;  // "" unless corrected
  std::string correction_reason;
  std::int64_t updated_at_ms = 0;
};

// An in-app notification. dedupe_key is unique per user, so a reminder is made once however
// often the reminder sweep runs. text holds the staff-chosen session title and times, nothing
// about anyone's health.
struct NotificationRecord {
  std::string id;
  std::string user_id;
  std::string kind;  // "reminder_24h", "reminder_15m", "session_moved", "session_cancelled", ...
  std::string occurrence_id;  // "" when not about one
  std::string group_id;       // "" when not about one
  std::string dedupe_key;
  std::string text;
  std::int64_t created_at_ms = 0;
  std::int64_t read_at_ms = 0;
};

// A person's private iCalendar feed: only the digest of the URL's token is kept.
struct CalendarFeedRecord {
  std::string user_id;
  std::string token_digest;  // SHA-256 hex; unique
  std::int64_t created_at_ms = 0;
};

}  // namespace hearth::store
