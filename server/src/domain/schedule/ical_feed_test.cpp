#include "domain/schedule/ical_feed.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <string>
#include <vector>

#include "domain/schedule/testing/utc_ms.hpp"

namespace hearth::schedule {
namespace {

using testing::utc_ms;

struct ComponentFree {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

const std::string kCalendarName = "Evening IOP, Group A; Überblick";

std::vector<FeedEvent> sample_events() {
  return {
      {.uid = "occ-1@hearth.test",
       .title = "Skills group, part 2; bring notes",
       .starts_utc_ms = utc_ms(2026, 11, 30, 15, 0),
       .ends_utc_ms = utc_ms(2026, 11, 30, 16, 30),
       .cancelled = false,
       .sequence = 0,
       .last_modified_ms = utc_ms(2026, 11, 1, 12, 0),
       .url = "https://hearth.test/sessions/occ-1"},
      {.uid = "occ-2@hearth.test",
       .title = "Familiengruppe für Angehörige — Café ☕ 日本語のグループ; línea\nzwei",
       .starts_utc_ms = utc_ms(2026, 12, 2, 15, 0),
       .ends_utc_ms = utc_ms(2026, 12, 2, 16, 0),
       .cancelled = true,
       .sequence = 2,
       .last_modified_ms = utc_ms(2026, 11, 25, 9, 30),
       .url = ""},
  };
}

std::int64_t seconds_of(const icaltimetype& t) {
  return static_cast<std::int64_t>(icaltime_as_timet(t));
}

std::vector<std::string> physical_lines(const std::string& feed) {
  std::vector<std::string> lines;
  std::size_t begin = 0;
  for (std::size_t end = feed.find("\r\n"); end != std::string::npos;
       end = feed.find("\r\n", begin)) {
    lines.push_back(feed.substr(begin, end - begin));
    begin = end + 2;
  }
  EXPECT_EQ(begin, feed.size()) << "text after the last CRLF";
  return lines;
}

bool is_valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (lead >= 0x80 && lead < 0xc0) return false;  // a continuation byte cannot start
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::string calendar_x_property(icalcomponent* calendar, const std::string& name) {
  for (icalproperty* p = icalcomponent_get_first_property(calendar, ICAL_X_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(calendar, ICAL_X_PROPERTY)) {
    if (name == icalproperty_get_x_name(p)) return icalvalue_get_x(icalproperty_get_value(p));
  }
  return "(missing)";
}

TEST(ScheduleIcalFeed, LibicalReadsBackTheCalendarAndEveryEvent) {
  const std::vector<FeedEvent> events = sample_events();
  const std::string feed = render_calendar(kCalendarName, events, utc_ms(2026, 11, 20, 8, 0));
  const Component calendar(icalparser_parse_string(feed.c_str()));
  ASSERT_TRUE(calendar);
  ASSERT_EQ(icalcomponent_isa(calendar.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_STREQ(icalproperty_get_version(
                   icalcomponent_get_first_property(calendar.get(), ICAL_VERSION_PROPERTY)),
               "2.0");
  EXPECT_STREQ(icalproperty_get_prodid(
                   icalcomponent_get_first_property(calendar.get(), ICAL_PRODID_PROPERTY)),
               "-//Hearth//Schedule//EN");
  EXPECT_EQ(icalcomponent_get_method(calendar.get()), ICAL_METHOD_PUBLISH);
  EXPECT_STREQ(icalproperty_get_calscale(
                   icalcomponent_get_first_property(calendar.get(), ICAL_CALSCALE_PROPERTY)),
               "GREGORIAN");
  EXPECT_EQ(calendar_x_property(calendar.get(), "X-WR-CALNAME"), kCalendarName);

  std::size_t index = 0;
  for (icalcomponent* vevent =
           icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
       vevent != nullptr;
       vevent = icalcomponent_get_next_component(calendar.get(), ICAL_VEVENT_COMPONENT), ++index) {
    ASSERT_LT(index, events.size());
    const FeedEvent& want = events[index];
    EXPECT_EQ(icalcomponent_get_uid(vevent), want.uid);
    EXPECT_EQ(icalcomponent_get_summary(vevent), want.title);
    const icaltimetype start = icalcomponent_get_dtstart(vevent);
    const icaltimetype end = icalcomponent_get_dtend(vevent);
    EXPECT_TRUE(icaltime_is_utc(start));
    EXPECT_TRUE(icaltime_is_utc(end));
    EXPECT_EQ(seconds_of(start) * 1000, want.starts_utc_ms);
    EXPECT_EQ(seconds_of(end) * 1000, want.ends_utc_ms);
    EXPECT_EQ(seconds_of(icalcomponent_get_dtstamp(vevent)) * 1000, utc_ms(2026, 11, 20, 8, 0));
    EXPECT_EQ(icalcomponent_get_status(vevent),
              want.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(icalcomponent_get_sequence(vevent), want.sequence);
    const icalproperty* modified =
        icalcomponent_get_first_property(vevent, ICAL_LASTMODIFIED_PROPERTY);
    ASSERT_NE(modified, nullptr);
    EXPECT_EQ(seconds_of(icalproperty_get_lastmodified(modified)) * 1000, want.last_modified_ms);
    const icalproperty* url = icalcomponent_get_first_property(vevent, ICAL_URL_PROPERTY);
    if (want.url.empty()) {
      EXPECT_EQ(url, nullptr);
    } else {
      ASSERT_NE(url, nullptr);
      EXPECT_EQ(icalproperty_get_url(url), want.url);
    }
  }
  EXPECT_EQ(index, events.size());
}

TEST(ScheduleIcalFeed, WritesRfc5545LinesAndEscapes) {
  const std::string feed =
      render_calendar(kCalendarName, sample_events(), utc_ms(2026, 11, 20, 8, 0));
  EXPECT_TRUE(feed.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(feed.ends_with("END:VCALENDAR\r\n"));
  for (const char* line :
       {"\r\nVERSION:2.0\r\n", "\r\nPRODID:-//Hearth//Schedule//EN\r\n",
        "\r\nCALSCALE:GREGORIAN\r\n", "\r\nMETHOD:PUBLISH\r\n",
        "\r\nX-WR-CALNAME:Evening IOP\\, Group A\\; Überblick\r\n",
        "\r\nSUMMARY:Skills group\\, part 2\\; bring notes\r\n", "\r\nDTSTART:20261130T150000Z\r\n",
        "\r\nDTEND:20261130T163000Z\r\n", "\r\nDTSTAMP:20261120T080000Z\r\n",
        "\r\nLAST-MODIFIED:20261101T120000Z\r\n", "\r\nSTATUS:CONFIRMED\r\n",
        "\r\nSTATUS:CANCELLED\r\n", "\r\nSEQUENCE:2\r\n"}) {
    EXPECT_NE(feed.find(line), std::string::npos) << line;
  }
}

TEST(ScheduleIcalFeed, FoldsLongLinesAt75OctetsBetweenCharacters) {
  FeedEvent event = sample_events()[1];
  event.title = "";
  for (int i = 0; i < 12; ++i) event.title += "Café ☕ 日本語, ";
  event.title += "fin";
  const std::string feed = render_calendar(std::string(40, 'n') + " ünïcödé, long calendar name",
                                           {event}, utc_ms(2026, 11, 20, 8, 0));
  int folded = 0;
  for (const std::string& line : physical_lines(feed)) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(is_valid_utf8(line)) << line;
    if (line.starts_with(" ")) ++folded;
  }
  EXPECT_GE(folded, 3);
  const Component calendar(icalparser_parse_string(feed.c_str()));
  ASSERT_TRUE(calendar);
  icalcomponent* vevent = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vevent, nullptr);
  EXPECT_EQ(icalcomponent_get_summary(vevent), event.title);
  EXPECT_EQ(calendar_x_property(calendar.get(), "X-WR-CALNAME"),
            std::string(40, 'n') + " ünïcödé, long calendar name");
}

TEST(ScheduleIcalFeed, TextCannotInjectLinesOrProperties) {
  FeedEvent event = sample_events()[0];
  event.title = "Group\r\nEND:VEVENT\rBEGIN:VEVENT\nSUMMARY:x\x01\x7f\tend";
  event.url = "https://hearth.test/x\r\nATTENDEE:mailto:someone@example.org";
  const std::string feed =
      render_calendar("Name\r\nMETHOD:CANCEL", {event}, utc_ms(2026, 11, 20, 8, 0));
  int begin_events = 0;
  for (const std::string& line : physical_lines(feed)) {
    EXPECT_FALSE(line.starts_with("ATTENDEE")) << line;
    EXPECT_NE(line, "METHOD:CANCEL");
    if (line == "BEGIN:VEVENT") ++begin_events;
  }
  EXPECT_EQ(begin_events, 1);
  EXPECT_EQ(feed.find("URL:"), std::string::npos);  // a URL with a line break is left out
  const Component calendar(icalparser_parse_string(feed.c_str()));
  ASSERT_TRUE(calendar);
  icalcomponent* vevent = icalcomponent_get_first_component(calendar.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_NE(vevent, nullptr);
  // CR LF and CR become newlines; other control characters are dropped; tab stays.
  EXPECT_STREQ(icalcomponent_get_summary(vevent),
               "Group\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:x\tend");
  EXPECT_EQ(calendar_x_property(calendar.get(), "X-WR-CALNAME"), "Name\nMETHOD:CANCEL");
}

TEST(ScheduleIcalFeed, TrimsWhitespaceAroundText) {
  FeedEvent event = sample_events()[0];
  event.title = " \t Check-in group \n";
  const std::string feed = render_calendar("  Name  ", {event}, utc_ms(2026, 11, 20, 8, 0));
  EXPECT_NE(feed.find("\r\nSUMMARY:Check-in group\r\n"), std::string::npos);
  EXPECT_NE(feed.find("\r\nX-WR-CALNAME:Name\r\n"), std::string::npos);
}

TEST(ScheduleIcalFeed, RoundsTimesDownToTheSecond) {
  FeedEvent event = sample_events()[0];
  event.starts_utc_ms = utc_ms(2026, 11, 30, 15, 0) + 999;
  event.ends_utc_ms = utc_ms(2026, 11, 30, 16, 30) + 1;
  const std::string feed = render_calendar("Times", {event}, utc_ms(2026, 11, 20, 8, 0) + 500);
  EXPECT_NE(feed.find("\r\nDTSTART:20261130T150000Z\r\n"), std::string::npos);
  EXPECT_NE(feed.find("\r\nDTEND:20261130T163000Z\r\n"), std::string::npos);
  EXPECT_NE(feed.find("\r\nDTSTAMP:20261120T080000Z\r\n"), std::string::npos);
}

TEST(ScheduleIcalFeed, AnEmptyFeedIsAValidCalendar) {
  const std::string feed = render_calendar("Nothing yet", {}, utc_ms(2026, 11, 20, 8, 0));
  const Component calendar(icalparser_parse_string(feed.c_str()));
  ASSERT_TRUE(calendar);
  EXPECT_EQ(icalcomponent_count_components(calendar.get(), ICAL_VEVENT_COMPONENT), 0);
  EXPECT_EQ(calendar_x_property(calendar.get(), "X-WR-CALNAME"), "Nothing yet");
}

}  // namespace
}  // namespace hearth::schedule
