// Writes a sample feed for parse_feed.py, which reads it back with an independent parser (Python's
// icalendar). The events exercise what breaks feeds in practice: commas, semicolons, backslashes,
// newlines and non-ASCII in text, titles long enough to fold, a cancelled session, and UTC times.
// Keep the values in step with the expectations in parse_feed.py.
//
// Usage: schedule_write_sample_feed OUTPUT_FILE
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string_view>
#include <vector>

#include "domain/schedule/ical_feed.hpp"
#include "domain/schedule/time_zones.hpp"

namespace {

std::int64_t utc_ms(std::string_view text) {
  const auto local = hearth::schedule::parse_local_date_time(text);
  if (!local) std::abort();  // the fixed sample times are all valid
  const auto utc = hearth::schedule::local_to_utc_ms(*local, "UTC", hearth::schedule::Gap::reject);
  if (!utc) std::abort();
  return *utc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_FILE\n", argv[0]);
    return 2;
  }
  using hearth::schedule::FeedEvent;
  const std::vector<FeedEvent> events{
      {.uid = "occ-1@hearth.test",
       .title = "Skills group: distress tolerance, part 2; bring notes",
       .starts_utc_ms = utc_ms("2026-11-30T15:00"),
       .ends_utc_ms = utc_ms("2026-11-30T16:30"),
       .cancelled = false,
       .sequence = 0,
       .last_modified_ms = utc_ms("2026-11-01T12:00"),
       .url = "https://hearth.test/sessions/occ-1?view=join&lang=en,fr"},
      {.uid = "occ-2@hearth.test",
       .title = "Familiengruppe für Angehörige — Café ☕ 日本語のグループ",
       .starts_utc_ms = utc_ms("2026-12-02T15:00"),
       .ends_utc_ms = utc_ms("2026-12-02T16:00"),
       .cancelled = true,
       .sequence = 2,
       .last_modified_ms = utc_ms("2026-11-25T09:30"),
       .url = ""},
      {.uid = "occ-3@hearth.test",
       .title = "Line one\nLine two with a \\ backslash, and a title long enough that the "
                "content line has to be folded — más de setenta y cinco octetos, ñandú",
       .starts_utc_ms = utc_ms("2026-12-07T15:00"),
       .ends_utc_ms = utc_ms("2026-12-07T16:00"),
       .cancelled = false,
       .sequence = 1,
       .last_modified_ms = utc_ms("2026-11-25T09:30"),
       .url = "https://hearth.test/sessions/occ-3"},
  };
  const std::string feed = hearth::schedule::render_calendar("Evening IOP, Group A; Überblick",
                                                             events, utc_ms("2026-11-20T08:00"));
  std::ofstream out(argv[1], std::ios::binary);
  out << feed;
  out.close();
  if (!out) {
    std::fprintf(stderr, "could not write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
