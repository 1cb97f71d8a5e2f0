// The demo timetable that `hearth demo` adds to the demo program: facilitators for its groups,
// the participants' enrollments and seats, and nine weeks of recurring sessions starting
// tomorrow, made through the same services the API uses. Loading is idempotent: it runs once per
// database (the "demo_schedule" setting records that it did).
#pragma once

#include "app/identity_services.hpp"
#include "domain/schedule/schedule_services.hpp"

namespace hearth::app {

struct DemoScheduleSummary {
  bool loaded_now = false;
  int sessions = 0;
};

Result<DemoScheduleSummary> load_demo_schedule(store::Store& store, const Clock& clock,
                                               schedule::ScheduleServices& scheduling,
                                               const program::Program& program);

}  // namespace hearth::app
