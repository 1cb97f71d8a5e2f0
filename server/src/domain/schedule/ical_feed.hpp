// A participant's or a group's sessions as an iCalendar feed (RFC 5545) that calendar apps
// subscribe to, written with libical.
//
// Each occurrence is its own VEVENT with times in UTC, so no VTIMEZONE is needed and every
// client shows the same instant. Cancelled sessions stay in the feed with STATUS:CANCELLED and a
// higher SEQUENCE, so subscribed calendars update the event instead of keeping a stale copy.
//
// Pure function, safe to call from any thread (libical keeps its scratch buffers per thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::schedule {

struct FeedEvent {
  std::string uid;    // stable across renders, globally unique (e.g. "<occurrence id>@<host>")
  std::string title;  // SUMMARY; any UTF-8 text
  std::int64_t starts_utc_ms = 0;
  std::int64_t ends_utc_ms = 0;
  bool cancelled = false;
  int sequence = 0;  // RFC 5545 §3.8.7.4: raised on every change a subscriber should see
  std::int64_t last_modified_ms = 0;
  std::string url;  // where to join or read more; omitted when empty or not a plain URL
};

inline constexpr std::string_view kFeedProductId = "-//Hearth//Schedule//EN";

// The whole VCALENDAR text: VERSION 2.0, PRODID kFeedProductId, CALSCALE GREGORIAN,
// METHOD PUBLISH, X-WR-CALNAME, then one VEVENT per event with UID, DTSTAMP (now_ms), DTSTART and
// DTEND in UTC ("…Z"), SUMMARY, STATUS (CONFIRMED or CANCELLED), SEQUENCE, LAST-MODIFIED and URL.
// Times are written to the second, rounded down. Lines end in CRLF and are folded at 75 octets,
// never inside a UTF-8 character. Text is escaped as RFC 5545 §3.3.11 says; control characters
// other than tab and newline are dropped (TEXT may not contain them), CR LF becomes a newline,
// and whitespace around a title or name is trimmed.
std::string render_calendar(std::string_view calendar_name, const std::vector<FeedEvent>& events,
                            std::int64_t now_ms);

}  // namespace hearth::schedule
