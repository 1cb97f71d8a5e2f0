#include "domain/schedule/ical_feed.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <memory>

namespace hearth::schedule {
namespace {

// RFC 5545 §3.1: content lines are folded so that no line is longer than 75 octets.
constexpr std::size_t kMaxLineOctets = 75;
// Longer URLs are not links a calendar app shows usefully; they are left out rather than cut.
constexpr std::size_t kMaxUrlBytes = 2048;

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
struct PropertyFree {
  void operator()(icalproperty* property) const { icalproperty_free(property); }
};
struct IcalBufferFree {
  void operator()(char* buffer) const { icalmemory_free_buffer(buffer); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

// TEXT may hold tab and (escaped) newline but no other control character (RFC 5545 §3.3.11).
// Surrounding whitespace is trimmed: it means nothing in a title, and readers disagree on it
// (libical's own parser drops a trailing space), so a title would not read back the same.
std::string sanitize_text(std::string_view text) {
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\r') {
      clean += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f)) {
      clean += static_cast<char>(c);
    }
  }
  constexpr std::string_view kWhitespace = " \t\n";
  const std::size_t first = clean.find_first_not_of(kWhitespace);
  if (first == std::string::npos) return {};
  return clean.substr(first, clean.find_last_not_of(kWhitespace) - first + 1);
}

// A URI value is written verbatim, so anything that could break the line or the syntax (spaces,
// controls, raw non-ASCII: a real URL is percent-encoded) leaves the URL out of the feed.
bool is_plain_url(std::string_view url) {
  if (url.empty() || url.size() > kMaxUrlBytes) return false;
  for (const char c : url) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

icaltimetype utc_time(std::int64_t ms) {
  const std::int64_t seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  return icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0,
                                       icaltimezone_get_utc_timezone());
}

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead >= 0xf0 && lead <= 0xf7) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc0) return 2;
  return 1;
}

// Folds one unfolded content line (without its CRLF) and terminates it.
std::string fold_line(std::string_view line) {
  std::string folded;
  std::size_t width = 0;  // octets on the current physical line
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t length =
        std::min(utf8_sequence_length(static_cast<unsigned char>(line[i])), line.size() - i);
    if (width + length > kMaxLineOctets) {
      folded += "\r\n ";
      width = 1;
    }
    folded.append(line.substr(i, length));
    width += length;
    i += length;
  }
  folded += "\r\n";
  return folded;
}

// libical writes X- properties without escaping commas and semicolons (it treats their values
// as possibly multi-valued), so X-WR-CALNAME, whose value is TEXT, gets its escaping from a
// standard TEXT property (RFC 7986 NAME) and is folded here.
std::string calendar_name_line(std::string_view name) {
  const std::unique_ptr<icalproperty, PropertyFree> text(
      icalproperty_new_name(sanitize_text(name).c_str()));
  const std::unique_ptr<char, IcalBufferFree> escaped(
      icalvalue_as_ical_string_r(icalproperty_get_value(text.get())));
  return fold_line("X-WR-CALNAME:" + std::string(escaped ? escaped.get() : ""));
}

icalcomponent* new_event(const FeedEvent& event, const icaltimetype& stamp) {
  icalcomponent* vevent = icalcomponent_new_vevent();
  icalcomponent_add_property(vevent, icalproperty_new_uid(sanitize_text(event.uid).c_str()));
  icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(vevent, icalproperty_new_dtstart(utc_time(event.starts_utc_ms)));
  icalcomponent_add_property(vevent, icalproperty_new_dtend(utc_time(event.ends_utc_ms)));
  icalcomponent_add_property(vevent, icalproperty_new_summary(sanitize_text(event.title).c_str()));
  icalcomponent_add_property(
      vevent,
      icalproperty_new_status(event.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property(vevent, icalproperty_new_sequence(event.sequence));
  icalcomponent_add_property(vevent,
                             icalproperty_new_lastmodified(utc_time(event.last_modified_ms)));
  if (is_plain_url(event.url)) {
    icalcomponent_add_property(vevent, icalproperty_new_url(event.url.c_str()));
  }
  return vevent;
}

}  // namespace

std::string render_calendar(std::string_view calendar_name, const std::vector<FeedEvent>& events,
                            std::int64_t now_ms) {
  const Component calendar(icalcomponent_new_vcalendar());
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(),
                             icalproperty_new_prodid(std::string(kFeedProductId).c_str()));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  const icaltimetype stamp = utc_time(now_ms);
  for (const FeedEvent& event : events) {
    icalcomponent_add_component(calendar.get(), new_event(event, stamp));  // the calendar owns it
  }

  const std::unique_ptr<char, IcalBufferFree> text(icalcomponent_as_ical_string_r(calendar.get()));
  std::string feed(text ? text.get() : "");
  // The calendar's own properties may come in any order (RFC 5545 §3.6); put the name first.
  constexpr std::string_view kBegin = "BEGIN:VCALENDAR\r\n";
  if (feed.starts_with(kBegin)) feed.insert(kBegin.size(), calendar_name_line(calendar_name));
  return feed;
}

}  // namespace hearth::schedule
