// Shared by the schedule suites (docs/api.md, "Programs, groups and the schedule"): the demo
// program's ids, and local times as the API takes them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {

inline constexpr std::string_view kDemoTimeZone = "America/Chicago";
inline constexpr std::int64_t kMinuteMs = 60 * 1000;
inline constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

// "2026-11-30T10:00" (and the date alone) of a UTC instant in a time zone, via the C library's
// own tz database reader, independent of the server's.
std::string local_date_time(std::int64_t utc_ms, std::string_view time_zone);
std::string local_date(std::int64_t utc_ms, std::string_view time_zone);

class ScheduleSiteTest : public DemoSiteTest {
 protected:
  void SetUp() override;

  // The demo program's id, and a group's id by slug (as the admin sees them).
  const std::string& program_id() const { return program_id_; }
  std::string group_id(std::string_view slug) const;
  std::string id_of(std::string_view email) const;
  // A group made by Priya in the demo program; fails the test unless it answers 201.
  std::string make_group(const nlohmann::json& body);
  // A single session of a group, made by Priya, starting at `utc_ms`, set in `time_zone`.
  std::string make_session(std::string_view group, std::int64_t utc_ms, int minutes = 60,
                           std::string_view time_zone = "UTC");
  // The ids of the caller's sessions in [from, to).
  static std::vector<std::string> schedule_ids(const Browser& who, std::int64_t from_ms,
                                               std::int64_t to_ms);
  // The kinds of the caller's notifications, newest first.
  static std::vector<std::string> notification_kinds(const Browser& who);

  const Browser& admin() const { return *admin_; }
  const Browser& priya() const { return *priya_; }

 private:
  std::optional<Browser> admin_;
  std::optional<Browser> priya_;
  std::string program_id_;
  std::map<std::string, std::string> groups_;
  std::map<std::string, std::string> people_;
};

}  // namespace hearth::api_test
