// Sessions, schedules, calendar feeds, attendance and notifications over real HTTP (docs/api.md,
// "Programs, groups and the schedule"), each case on SQLite and on PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "schedule_fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

class Sessions : public ScheduleSiteTest {
 protected:
  // No reminders arrive behind the tests' backs while they count notifications.
  std::vector<std::string> server_args() const override {
    return {"--reminder-sweep-seconds", "0"};
  }
  std::string series_path(std::string_view slug) const {
    return "/api/v1/groups/" + group_id(slug) + "/series";
  }
  std::size_t stored_sessions(std::string_view slug) const {
    const Reply list = priya().get("/api/v1/groups/" + group_id(slug) +
                                   "/occurrences?from=2026-01-01&to=2026-03-01");
    EXPECT_EQ(list.status(), 200) << list.describe();
    const Reply later = priya().get("/api/v1/groups/" + group_id(slug) +
                                    "/occurrences?from=2027-02-20&to=2027-04-20");
    EXPECT_EQ(later.status(), 200) << later.describe();
    return list.json["occurrences"].size() + later.json["occurrences"].size();
  }
  // The first session of the demo's mood group from now on (Avery holds a seat in it).
  nlohmann::json first_mood_session(const Browser& avery) const {
    const Reply schedule = avery.get("/api/v1/me/schedule");
    EXPECT_EQ(schedule.status(), 200) << schedule.describe();
    for (const auto& o : schedule.json["occurrences"]) {
      if (o["group"]["id"] == group_id("mood-anxiety-evening")) return o;
    }
    ADD_FAILURE() << "no mood group session in the coming week: " << schedule.describe();
    return nlohmann::json::object();
  }
};

TEST_P(Sessions, AWeeklySessionKeepsItsLocalTimeAcrossTheSpringForward) {
  const nlohmann::json body = {{"title", "DBT Skills"},
                               {"start", "2027-03-01T10:00"},
                               {"time_zone", "America/New_York"},
                               {"duration_minutes", 90},
                               {"repeat", {{"weekdays", {"MO"}}, {"count", 3}}},
                               {"preview", true}};
  const Reply preview = priya().post(series_path("dbt-skills"), body);
  ASSERT_EQ(preview.status(), 200) << preview.describe();
  std::vector<std::string> starts;
  for (const auto& o : preview.json["occurrences"]) starts.push_back(o["starts_at"]);
  // 10:00 EST is 15:00 UTC; from 14 March 10:00 EDT is 14:00 UTC.
  EXPECT_EQ(starts,
            (std::vector<std::string>{"2027-03-01T15:00:00.000Z", "2027-03-08T15:00:00.000Z",
                                      "2027-03-15T14:00:00.000Z"}));
  EXPECT_EQ(stored_sessions("dbt-skills"), 0U) << "a preview stores nothing";
  auto create = body;
  create.erase("preview");
  const Reply made = priya().post(series_path("dbt-skills"), create);
  ASSERT_EQ(made.status(), 201) << made.describe();
  EXPECT_EQ(made.json["series"]["rrule"], "FREQ=WEEKLY;COUNT=3;BYDAY=MO");
  EXPECT_EQ(stored_sessions("dbt-skills"), 3U);
}

TEST_P(Sessions, BadSchedulesAreRefusedAndNothingIsStored) {
  const auto attempt = [&](nlohmann::json changes, std::string_view field) {
    nlohmann::json body = {{"title", "Skills"},
                           {"start", "2027-03-01T10:00"},
                           {"time_zone", "America/New_York"},
                           {"duration_minutes", 60},
                           {"repeat", {{"weekdays", {"MO"}}, {"count", 4}}}};
    body.update(changes);
    const Reply r = priya().post(series_path("dbt-skills"), body);
    EXPECT_EQ(r.status(), 422) << changes.dump() << ": " << r.describe();
    EXPECT_EQ(r.json["error"]["field"], field) << r.describe();
  };
  attempt({{"time_zone", "Atlantis/Central"}}, "time_zone");
  attempt({{"repeat", {{"weekdays", {"MO"}}}}}, "repeat");  // no end
  attempt({{"repeat", {{"weekdays", {"MO"}}, {"count", 5000}}}}, "repeat");
  attempt({{"repeat", {{"weekdays", {"MO"}}, {"until", "2030-01-01"}}}}, "repeat");
  attempt({{"repeat", {{"weekdays", {"XX"}}, {"count", 2}}}}, "repeat");
  // Clocks in New York go from 02:00 to 03:00 on 14 March 2027: 02:30 does not exist.
  attempt({{"start", "2027-03-14T02:30"}, {"repeat", nullptr}}, "start");
  attempt({{"start", "2026-13-01T10:00"}}, "start");
  attempt({{"start", "2020-03-02T10:00"}}, "start");  // in the past
  attempt({{"duration_minutes", 0}}, "duration_minutes");
  attempt({{"title", ""}}, "title");
  EXPECT_EQ(stored_sessions("dbt-skills"), 0U);
}

TEST_P(Sessions, ParticipantsCannotScheduleCancelOrMove) {
  const Browser avery = signed_in(demo::kAvery);
  const auto session = first_mood_session(avery);
  const std::string path = "/api/v1/occurrences/" + session.value("id", "");
  EXPECT_EQ(avery.post(path + "/cancel", {{"reason", "no"}}).status(), 403);
  EXPECT_EQ(avery.post(path + "/move", {{"start", "2027-01-04T10:00"}, {"reason", "x"}}).status(),
            403);
  EXPECT_EQ(avery.post(series_path("dbt-skills"), {{"title", "Mine"}}).status(), 403);
  // Jordan is staff but does not lead the mood group.
  EXPECT_EQ(signed_in(demo::kJordan).post(path + "/cancel", {{"reason", "no"}}).status(), 403);
}

TEST_P(Sessions, ACancelledSessionLeavesTheScheduleAndItsMembersAreTold) {
  const Browser avery = signed_in(demo::kAvery);
  const auto session = first_mood_session(avery);
  const std::string id = session.value("id", "");
  const std::int64_t now = now_ms();
  ASSERT_THAT(schedule_ids(avery, now, now + 7 * kDayMs), Contains(id));
  const Reply cancelled = priya().post("/api/v1/occurrences/" + id + "/cancel",
                                       {{"reason", "Dr. Shah is away; we meet again Wednesday."}});
  ASSERT_EQ(cancelled.status(), 200) << cancelled.describe();
  EXPECT_EQ(cancelled.json["status"], "cancelled");
  EXPECT_THAT(schedule_ids(avery, now, now + 7 * kDayMs), Not(Contains(id)));
  const Reply notes = avery.get("/api/v1/me/notifications");
  ASSERT_EQ(notes.status(), 200) << notes.describe();
  ASSERT_FALSE(notes.json["notifications"].empty());
  const auto& newest = notes.json["notifications"][0];  // no sweep runs: nothing comes after
  EXPECT_EQ(newest["kind"], "session_cancelled");
  EXPECT_THAT(newest["text"].get<std::string>(), HasSubstr("we meet again Wednesday"));
  EXPECT_EQ(newest["occurrence_id"], id);
  EXPECT_GE(notes.json["unread"], 1);
  const Reply twice = priya().post("/api/v1/occurrences/" + id + "/cancel", {{"reason", "again"}});
  EXPECT_EQ(twice.status(), 409) << twice.describe();
}

TEST_P(Sessions, NotificationsAreMarkedReadOneOrAll) {
  const Browser avery = signed_in(demo::kAvery);
  const auto session = first_mood_session(avery);
  ASSERT_EQ(priya()
                .post("/api/v1/occurrences/" + session.value("id", "") + "/cancel",
                      {{"reason", "Holiday"}})
                .status(),
            200);
  const Reply list = avery.get("/api/v1/me/notifications");
  ASSERT_FALSE(list.json["notifications"].empty()) << list.describe();
  const std::string first = list.json["notifications"][0]["id"];
  const auto unread = [&] {
    return avery.get("/api/v1/me/notifications/unread-count").json["unread"];
  };
  const int before = unread();
  EXPECT_EQ(avery.post("/api/v1/me/notifications/" + first + "/read").status(), 204);
  EXPECT_EQ(unread(), before - 1);
  EXPECT_EQ(avery.post("/api/v1/me/notifications/" + first + "/read").status(), 404);
  // Another person's notification is not theirs to mark.
  EXPECT_EQ(signed_in(demo::kBlake).post("/api/v1/me/notifications/" + first + "/read").status(),
            404);
  const Reply all = avery.post("/api/v1/me/notifications/read-all");
  ASSERT_EQ(all.status(), 200) << all.describe();
  EXPECT_EQ(all.json["marked"], before - 1);
  EXPECT_EQ(unread(), 0);
}

TEST_P(Sessions, MovingASessionNamesTheClashAndTellsTheMembers) {
  const Browser avery = signed_in(demo::kAvery);
  const auto mood = first_mood_session(avery);  // Avery holds seats in mood and DBT skills
  // Set in Chicago time, so moves are read in Chicago time too.
  const std::string dbt =
      make_session(group_id("dbt-skills"), now_ms() + 20 * kDayMs, 60, kDemoTimeZone);
  ASSERT_FALSE(dbt.empty());
  const std::int64_t mood_start = *parse_timestamp_ms(mood.value("starts_at", ""));
  const Reply moved = priya().post(
      "/api/v1/occurrences/" + dbt + "/move",
      {{"start", local_date_time(mood_start + 30 * kMinuteMs, std::string(kDemoTimeZone))},
       {"reason", "Room change"}});
  ASSERT_EQ(moved.status(), 200) << moved.describe();
  EXPECT_TRUE(moved.json["occurrence"]["moved"]);
  bool named = false;
  for (const auto& c : moved.json["clashes"]) {
    named |= c["person"]["id"] == avery.user_id() && c["as"] == "participant" &&
             c["occurrence"]["id"] == mood["id"];
  }
  EXPECT_TRUE(named) << moved.describe();
  EXPECT_THAT(notification_kinds(avery), Contains("session_moved"));
  const Reply gap = priya().post("/api/v1/occurrences/" + dbt + "/move",
                                 {{"start", "2027-03-14T02:30"}, {"reason", "DST"}});
  EXPECT_EQ(gap.status(), 422) << "Chicago springs forward at 02:00 on 14 March 2027";
}

TEST_P(Sessions, TheCalendarFeedCarriesTitlesAndTimesAndRotates) {
  const Browser avery = signed_in(demo::kAvery);
  EXPECT_EQ(avery.get("/api/v1/me/calendar-feed").json["active"], false);
  const Reply made = avery.post("/api/v1/me/calendar-feed");
  ASSERT_EQ(made.status(), 201) << made.describe();
  const std::string url = made.json["url"];
  const std::string path = url.substr(url.find("/api/v1/calendar/"));
  const Reply feed = Browser(port()).get(path);
  ASSERT_EQ(feed.status(), 200) << feed.describe();
  EXPECT_THAT(feed.http.header("content-type").value_or(""), HasSubstr("text/calendar"));
  EXPECT_THAT(feed.http.body, HasSubstr("BEGIN:VEVENT"));
  EXPECT_THAT(feed.http.body, HasSubstr("SUMMARY:Mood & Anxiety Group"));
  EXPECT_THAT(feed.http.body, Not(HasSubstr("Avery"))) << "no one's name";
  EXPECT_THAT(feed.http.body, Not(HasSubstr("(Evening)"))) << "no group names";

  // A second, independent parser: Python's icalendar reads the served feed.
  const auto file = std::filesystem::temp_directory_path() /
                    ("hearth-feed-" + std::to_string(::getpid()) + ".ics");
  std::ofstream(file, std::ios::binary) << feed.http.body;
  const std::string check =
      "/usr/bin/python3 -c \"import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],"
      "'rb').read()); e=[x for x in c.walk('VEVENT')]; assert len(e)>0; "
      "assert all(x.get('dtstart').dt.tzinfo is not None for x in e)\" " +
      file.string();
  EXPECT_EQ(std::system(check.c_str()), 0) << feed.http.body.substr(0, 2000);
  std::filesystem::remove(file);

  const Reply rotated = avery.post("/api/v1/me/calendar-feed");
  ASSERT_EQ(rotated.status(), 201);
  EXPECT_EQ(Browser(port()).get(path).status(), 404) << "the old URL stops working";
  const std::string new_path =
      rotated.json["url"].get<std::string>().substr(url.find("/api/v1/calendar/"));
  EXPECT_EQ(Browser(port()).get(new_path).status(), 200);
  EXPECT_EQ(avery.del("/api/v1/me/calendar-feed").status(), 204);
  EXPECT_EQ(Browser(port()).get(new_path).status(), 404);
  EXPECT_EQ(Browser(port()).get("/api/v1/calendar/not-a-token.ics").status(), 404);
}

TEST_P(Sessions, AttendanceIsRecordedCorrectedAndAddsUpAgainstTheTarget) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  // A DBT skills session (Avery holds a seat; Blake does not) starting in five minutes.
  const std::int64_t start = (now_ms() / kMinuteMs + 5) * kMinuteMs;
  const std::string session = make_session(group_id("dbt-skills"), start, 60);
  ASSERT_FALSE(session.empty());
  const std::string events = "/api/v1/occurrences/" + session + "/attendance/events";
  const Reply joined = avery.post(events, {{"kind", "join"}});
  ASSERT_EQ(joined.status(), 200) << joined.describe();
  EXPECT_TRUE(joined.json["connected"]);
  EXPECT_EQ(blake.post(events, {{"kind", "join"}}).status(), 404) << "not Blake's session";
  EXPECT_EQ(avery.post(events, {{"kind", "join"}, {"user_id", blake.user_id()}}).status(), 403);
  EXPECT_EQ(avery.post(events, {{"kind", "wave"}}).status(), 422);
  const Reply left = avery.post(events, {{"kind", "leave"}});
  ASSERT_EQ(left.status(), 200) << left.describe();
  EXPECT_EQ(left.json["minutes"], 0) << "time before the start does not count";

  // Joining a session days away is refused.
  const auto mood = first_mood_session(avery);
  const std::int64_t mood_start = *parse_timestamp_ms(mood.value("starts_at", ""));
  if (mood_start - now_ms() > 11 * kMinuteMs) {
    EXPECT_EQ(avery
                  .post("/api/v1/occurrences/" + mood.value("id", "") + "/attendance/events",
                        {{"kind", "join"}})
                  .status(),
              409);
  }

  const std::string row = "/api/v1/occurrences/" + session + "/attendance/" + avery.user_id();
  const nlohmann::json correction = {
      {"status", "present"}, {"minutes", 50}, {"reason", "Joined by phone; video failed"}};
  EXPECT_EQ(avery.put(row, correction).status(), 403) << "participants never edit attendance";
  EXPECT_EQ(signed_in(demo::kJordan).put(row, correction).status(), 403);
  const Reply too_long =
      priya().put(row, {{"status", "present"}, {"minutes", 61}, {"reason", "x y z"}});
  EXPECT_EQ(too_long.status(), 422) << too_long.describe();
  const Reply no_reason = priya().put(row, {{"status", "present"}, {"minutes", 5}, {"reason", ""}});
  EXPECT_EQ(no_reason.status(), 422) << no_reason.describe();
  const Reply corrected = priya().put(row, correction);
  ASSERT_EQ(corrected.status(), 200) << corrected.describe();
  EXPECT_TRUE(corrected.json["corrected"]);
  EXPECT_EQ(corrected.json["minutes"], 50);
  EXPECT_GT(newest_audit_seq(admin(), "attendance.correct"), 0);

  const Reply list = priya().get("/api/v1/occurrences/" + session + "/attendance");
  ASSERT_EQ(list.status(), 200) << list.describe();
  std::map<std::string, std::string> status;
  for (const auto& r : list.json["attendance"]) status[r["person"]["id"]] = r["status"];
  EXPECT_EQ(status[avery.user_id()], "present");
  EXPECT_EQ(status[id_of(demo::kCasey)], "expected") << "every seat holder has a row";
  EXPECT_EQ(avery.get("/api/v1/occurrences/" + session + "/attendance").status(), 403);

  const std::string week = local_date(start, kDemoTimeZone);
  const Reply progress = avery.get("/api/v1/me/progress?week=" + week);
  ASSERT_EQ(progress.status(), 200) << progress.describe();
  ASSERT_EQ(progress.json["weeks"].size(), 1U) << progress.describe();
  const auto& mine = progress.json["weeks"][0];
  EXPECT_EQ(mine["attended_minutes"], 50);
  EXPECT_EQ(mine["targets"]["weekly_minutes"], 540);
  EXPECT_EQ(mine["minutes_short"], 490);
  EXPECT_FALSE(mine["meets_weekly_target"]);

  const Reply under =
      priya().get("/api/v1/programs/" + program_id() + "/under-target?week=" + week);
  ASSERT_EQ(under.status(), 200) << under.describe();
  EXPECT_EQ(under.json["active_participants"], 8);
  std::map<std::string, int> short_by;
  for (const auto& p : under.json["participants"]) short_by[p["person"]["id"]] = p["minutes_short"];
  EXPECT_EQ(short_by[avery.user_id()], 490);
  EXPECT_EQ(short_by[blake.user_id()], 540);
  EXPECT_EQ(under.json["participants"][0]["minutes_short"], 540) << "most short first";
  EXPECT_EQ(avery.get("/api/v1/programs/" + program_id() + "/under-target").status(), 403);
  EXPECT_EQ(
      signed_in(demo::kJordan).get("/api/v1/programs/" + program_id() + "/under-target").status(),
      403);
  EXPECT_EQ(avery.get("/api/v1/me/progress?week=last-tuesday").status(), 422);
}

TEST_P(Sessions, AClinicianBooksAnIndividualAppointment) {
  const Browser avery = signed_in(demo::kAvery);
  const std::int64_t start = now_ms() + 3 * kDayMs;
  const Reply booked = priya().post("/api/v1/appointments",
                                    {{"participant_id", avery.user_id()},
                                     {"kind", "individual"},
                                     {"start", local_date_time(start, std::string(kDemoTimeZone))},
                                     {"duration_minutes", 50}});
  ASSERT_EQ(booked.status(), 201) << booked.describe();
  EXPECT_EQ(booked.json["group"]["kind"], "individual");
  EXPECT_EQ(booked.json["occurrence"]["title"], "Individual session");
  const std::string id = booked.json["occurrence"]["id"];
  EXPECT_THAT(schedule_ids(avery, now_ms(), now_ms() + 7 * kDayMs), Contains(id));
  EXPECT_THAT(notification_kinds(avery), Contains("session_booked"));
  const Reply catalogue = avery.get("/api/v1/catalogue");
  for (const auto& g : catalogue.json["groups"]) EXPECT_NE(g["kind"], "individual");
  EXPECT_EQ(avery
                .post("/api/v1/appointments", {{"participant_id", avery.user_id()},
                                               {"kind", "individual"},
                                               {"start", "2027-01-05T10:00"},
                                               {"duration_minutes", 50}})
                .status(),
            403);
  const Reply outsider =
      priya().post("/api/v1/appointments", {{"participant_id", id_of(demo::kRobin)},
                                            {"kind", "individual"},
                                            {"start", "2027-01-05T10:00"},
                                            {"duration_minutes", 50}});
  EXPECT_EQ(outsider.status(), 422) << outsider.describe();
}

TEST_P(Sessions, RemindersAreMadeOncePerSession) {
  const Browser avery = signed_in(demo::kAvery);
  // A DBT skills session in 20 minutes: its day-ahead reminder is due at once.
  const std::string session = make_session(group_id("dbt-skills"), now_ms() + 20 * kMinuteMs);
  ASSERT_FALSE(session.empty());
  EXPECT_THAT(notification_kinds(avery), Not(Contains("reminder_24h"))) << "the sweep is off";
  // With the sweep on, it runs when the server starts: restart twice.
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(site().stop());
    site().start({"--reminder-sweep-seconds", "30"});
    ASSERT_TRUE(site().error().empty()) << site().error();
  }
  Browser again(port());
  ASSERT_EQ(again.sign_in(demo::kAvery).status(), 200);
  const Reply list = again.get("/api/v1/me/notifications");
  ASSERT_EQ(list.status(), 200) << list.describe();
  int reminders = 0;
  for (const auto& n : list.json["notifications"]) {
    if (n["occurrence_id"] == session) {
      EXPECT_EQ(n["kind"], "reminder_24h");
      EXPECT_THAT(n["text"].get<std::string>(), HasSubstr("Check-in"));
      ++reminders;
    }
  }
  EXPECT_EQ(reminders, 1) << "made once however often the sweep runs";
}

INSTANTIATE_TEST_SUITE_P(Schedule, Sessions, ::testing::Values(Driver::sqlite, Driver::postgresql),
                         DriverName());

}  // namespace
}  // namespace hearth::api_test
