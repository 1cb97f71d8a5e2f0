// ScheduleServices: the services of programs, groups, sessions and their guests, attendance,
// calendar feeds and notifications, built together over one store, clock and audit trail — what
// `hearth serve`, `hearth demo` and the route table test share. Neither copied nor moved.
#pragma once

#include "domain/notification/notifications.hpp"
#include "domain/program/admission_service.hpp"
#include "domain/program/group_service.hpp"
#include "domain/program/program_admin_service.hpp"
#include "domain/schedule/attendance_service.hpp"
#include "domain/schedule/calendar_feed_service.hpp"
#include "domain/schedule/guest_service.hpp"
#include "domain/schedule/schedule_service.hpp"

namespace hearth::schedule {

struct ScheduleServices {
  ScheduleServices(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : programs(store, clock, audit),
        admissions(store, clock, audit),
        groups(store, clock, audit),
        schedule(store, clock, audit),
        guests(store, clock, audit),
        attendance(store, clock, audit),
        feeds(store, clock),
        notifications(store, clock) {}
  ScheduleServices(const ScheduleServices&) = delete;
  ScheduleServices& operator=(const ScheduleServices&) = delete;

  program::ProgramAdminService programs;
  program::AdmissionService admissions;
  program::GroupService groups;
  ScheduleService schedule;
  GuestService guests;
  AttendanceService attendance;
  CalendarFeedService feeds;
  notification::NotificationService notifications;
};

}  // namespace hearth::schedule
