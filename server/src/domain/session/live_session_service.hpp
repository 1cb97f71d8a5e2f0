// LiveSessionService: the store's side of a live session — who may enter it now, and in which
// role — and the attendance the room's entries and exits add up to (schedule's
// AttendanceService, which times them by the server's clock).
//
// The roster is the group's seat holders ("member"), its facilitator and co-facilitator, and the
// staff who manage the group (the program's care team); the session's invited guests
// (schedule::GuestService) may enter it too, as participants who always wait to be admitted.
// Anyone else is told the session does not exist, as the schedule's own routes do. Entry opens
// kJoinEarlyMs before the start and closes at the scheduled end; a cancelled session cannot be
// entered.
//
// Methods block on the store: run them on the blocking pool. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/identity/identity.hpp"
#include "domain/schedule/attendance_service.hpp"
#include "domain/session/live_room.hpp"
#include "store/store.hpp"

namespace hearth::session {

struct Entry {
  std::string occurrence_id;
  std::string group_id;
  std::int64_t starts_at_ms = 0;
  std::int64_t ends_at_ms = 0;
  Person person;                // the caller, with their role in this session
  std::size_t roster_size = 0;  // seat holders, facilitators and guests: the media mode follows it
  // The seat holders by name, then the guests: whom a facilitator may place in breakout rooms
  // before they arrive.
  std::vector<Person> expected;
};

class LiveSessionService {
 public:
  LiveSessionService(store::Store& store, const Clock& clock,
                     schedule::AttendanceService& attendance)
      : store_(store), clock_(clock), attendance_(attendance) {}

  // The caller's way in, or not_found (not on the roster, or no such session), conflict
  // (cancelled, or outside the hours).
  Result<Entry> entry(const identity::Caller& caller, std::string_view occurrence_id);

  // Entry::expected as it stands now (the guests changed): for the facilitators' view of a room
  // already open. not_found for no such session.
  Result<std::vector<Person>> expected_at(std::string_view occurrence_id);

  // The caller entered (`entered`) or left the room: a join or leave attendance event of their
  // own. Managing staff outside the roster's seats and leads have no attendance row: for them it
  // does nothing.
  Result<void> record(const identity::Caller& caller, std::string_view occurrence_id, bool entered);

 private:
  store::Store& store_;
  const Clock& clock_;
  schedule::AttendanceService& attendance_;
};

}  // namespace hearth::session
