// The routes of programs, enrollments, groups, sessions, attendance, calendar feeds and
// notifications (docs/api.md, "Programs, groups and the schedule"). Thin: decode, call a service
// on the BlockingPool, encode. The route rule admits a role; the services decide on the
// relationship to the program or group.
#pragma once

#include <functional>
#include <string>

#include "base/blocking_pool.hpp"
#include "domain/notification/notifications.hpp"
#include "domain/program/admission_service.hpp"
#include "domain/program/group_service.hpp"
#include "domain/program/program_admin_service.hpp"
#include "domain/schedule/attendance_service.hpp"
#include "domain/schedule/calendar_feed_service.hpp"
#include "domain/schedule/guest_service.hpp"
#include "domain/schedule/schedule_service.hpp"
#include "http/router.hpp"

namespace hearth::http {

struct ScheduleDeps {
  program::ProgramAdminService& programs;
  program::AdmissionService& admissions;
  program::GroupService& groups;
  schedule::ScheduleService& schedule;
  schedule::GuestService& guests;
  schedule::AttendanceService& attendance;
  schedule::CalendarFeedService& feeds;
  notification::NotificationService& notifications;
  BlockingPool& blocking;
  const Clock& clock;
  std::string public_origin;  // for feed URLs; "" = the request's own origin
  // Told (occurrence id, user id) after a guest is invited or their invitation is withdrawn, so
  // that a live session under way follows (the facilitators' list; a withdrawn guest leaves);
  // may be empty.
  std::function<void(const std::string&, const std::string&)> guest_invited;
  std::function<void(const std::string&, const std::string&)> guest_withdrawn;
};

// Programs, staff, enrollments and groups (program_admin_handlers.cpp).
void add_program_admin_routes(Router& router, const ScheduleDeps& deps);
// Places in groups (group_handlers.cpp).
void add_group_routes(Router& router, const ScheduleDeps& deps);
// Sessions, their guests, schedules, feeds, attendance, progress and notifications
// (schedule_handlers.cpp).
void add_schedule_routes(Router& router, const ScheduleDeps& deps);

// The shared step of these handlers: run `work` on the blocking pool, answer its error, or
// encode its value with `status`.
template <class Work, class Encode>
boost::asio::awaitable<Response> answer_json(BlockingPool& blocking, Work work, Encode encode,
                                             int status = 200);
template <class Work>
boost::asio::awaitable<Response> answer_no_content(BlockingPool& blocking, Work work);

}  // namespace hearth::http

#include "http/handlers/schedule_handlers_inl.hpp"
