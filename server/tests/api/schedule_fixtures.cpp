#include "schedule_fixtures.hpp"

#include <cstdlib>
#include <ctime>
#include <mutex>

namespace hearth::api_test {
namespace {

// localtime_r reads TZ; the tests are single-threaded, the lock keeps that true here.
std::tm broken_down(std::int64_t utc_ms, std::string_view time_zone) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const std::string saved = std::getenv("TZ") ? std::getenv("TZ") : "";
  ::setenv("TZ", std::string(time_zone).c_str(), 1);
  ::tzset();
  const std::time_t seconds = static_cast<std::time_t>(utc_ms / 1000);
  std::tm tm{};
  ::localtime_r(&seconds, &tm);
  if (saved.empty()) {
    ::unsetenv("TZ");
  } else {
    ::setenv("TZ", saved.c_str(), 1);
  }
  ::tzset();
  return tm;
}

}  // namespace

std::string local_date_time(std::int64_t utc_ms, std::string_view time_zone) {
  const auto tm = broken_down(utc_ms, time_zone);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min);
  return text;
}

std::string local_date(std::int64_t utc_ms, std::string_view time_zone) {
  return local_date_time(utc_ms, time_zone).substr(0, 10);
}

void ScheduleSiteTest::SetUp() {
  DemoSiteTest::SetUp();
  if (HasFatalFailure()) return;
  admin_ = signed_in(demo::kAdmin);
  priya_ = signed_in(demo::kPriya);
  const Reply programs = admin_->get("/api/v1/programs");
  ASSERT_EQ(programs.status(), 200) << programs.describe();
  for (const auto& p : programs.json["programs"]) {
    if (p["slug"] == "riverbend-iop") program_id_ = p["id"];
  }
  ASSERT_FALSE(program_id_.empty());
  const Reply groups = admin_->get("/api/v1/programs/" + program_id_ + "/groups");
  ASSERT_EQ(groups.status(), 200) << groups.describe();
  for (const auto& g : groups.json["groups"]) groups_[g["slug"]] = g["id"];
  const Reply people = admin_->get("/api/v1/people");
  ASSERT_EQ(people.status(), 200) << people.describe();
  for (const auto& p : people.json["people"]) people_[p["email"]] = p["id"];
}

std::string ScheduleSiteTest::group_id(std::string_view slug) const {
  const auto it = groups_.find(std::string(slug));
  EXPECT_NE(it, groups_.end()) << slug;
  return it == groups_.end() ? "" : it->second;
}

std::string ScheduleSiteTest::id_of(std::string_view email) const {
  const auto it = people_.find(std::string(email));
  EXPECT_NE(it, people_.end()) << email;
  return it == people_.end() ? "" : it->second;
}

std::string ScheduleSiteTest::make_group(const nlohmann::json& body) {
  const Reply made = priya_->post("/api/v1/programs/" + program_id_ + "/groups", body);
  EXPECT_EQ(made.status(), 201) << made.describe();
  return made.json.value("id", "");
}

std::string ScheduleSiteTest::make_session(std::string_view group, std::int64_t utc_ms, int minutes,
                                           std::string_view time_zone) {
  const Reply made = priya_->post("/api/v1/groups/" + std::string(group) + "/series",
                                  {{"title", "Check-in"},
                                   {"start", local_date_time(utc_ms, time_zone)},
                                   {"time_zone", time_zone},
                                   {"duration_minutes", minutes}});
  EXPECT_EQ(made.status(), 201) << made.describe();
  if (made.status() != 201 || made.json["occurrences"].empty()) return "";
  return made.json["occurrences"][0]["id"];
}

std::vector<std::string> ScheduleSiteTest::schedule_ids(const Browser& who, std::int64_t from_ms,
                                                        std::int64_t to_ms) {
  const auto iso = [](std::int64_t ms) { return local_date_time(ms, "UTC") + ":00Z"; };
  const Reply schedule = who.get("/api/v1/me/schedule?from=" + iso(from_ms) + "&to=" + iso(to_ms));
  EXPECT_EQ(schedule.status(), 200) << schedule.describe();
  std::vector<std::string> ids;
  for (const auto& o : schedule.json["occurrences"]) ids.push_back(o["id"]);
  return ids;
}

std::vector<std::string> ScheduleSiteTest::notification_kinds(const Browser& who) {
  const Reply list = who.get("/api/v1/me/notifications");
  EXPECT_EQ(list.status(), 200) << list.describe();
  std::vector<std::string> kinds;
  for (const auto& n : list.json["notifications"]) kinds.push_back(n["kind"]);
  return kinds;
}

}  // namespace hearth::api_test
