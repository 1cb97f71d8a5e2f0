// JSON shapes of programs, enrollments, groups, sessions, attendance and progress (docs/api.md,
// "Programs, groups and the schedule"), and the request fields they share.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/program/admission_service.hpp"
#include "domain/program/group_service.hpp"
#include "domain/schedule/attendance_service.hpp"
#include "domain/schedule/guest_service.hpp"
#include "domain/schedule/schedule_service.hpp"
#include "http/json_writer.hpp"

namespace hearth::http {

nlohmann::json encode_person_ref(const program::PersonRef& person);
nlohmann::json encode_program(const program::ProgramView& view);
nlohmann::json encode_enrollment(const program::EnrollmentView& view, bool with_staff);
nlohmann::json encode_group(const program::GroupView& view);
nlohmann::json encode_groups(const std::vector<program::GroupView>& views);  // {"groups":[...]}
nlohmann::json encode_member(const program::GroupMemberView& view);
nlohmann::json encode_placement(const program::Placement& placement);
nlohmann::json encode_occurrence(const schedule::OccurrenceView& view);
void write_occurrence(JsonWriter& writer, const schedule::OccurrenceView& view);
// {"time_zone", "occurrences": [...]}, written directly: the busiest answer of all.
std::string my_schedule_body(const schedule::MySchedule& schedule);
nlohmann::json encode_clashes(const std::vector<schedule::Clash>& clashes);
nlohmann::json encode_attendance(const schedule::AttendanceView& view);
nlohmann::json encode_guest(const schedule::GuestView& view);
nlohmann::json encode_week(const schedule::WeekProgress& week);
nlohmann::json encode_targets(const store::ProgramRecord& program);
nlohmann::json encode_under_target(const schedule::UnderTarget& list);

// `{"weekly_minutes","daily_minimum_minutes","days_per_week"}`, all required when present.
Result<std::optional<program::Targets>> optional_targets(const nlohmann::json& body);
Result<std::optional<int>> optional_int(const nlohmann::json& body, std::string_view field);
Result<std::optional<std::vector<std::string>>> optional_tags(const nlohmann::json& body);

}  // namespace hearth::http
