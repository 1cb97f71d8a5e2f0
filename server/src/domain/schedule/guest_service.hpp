// GuestService: people invited to one session who are not on its roster — a family member at a
// family session, a visiting speaker. The group's managers (its facilitators and the program's
// care team) invite someone by the email of their active account, see who is invited and
// withdraw an invitation. A guest sees the session in their schedule and calendar feed, is told
// of invitations, reminders, cancellations and moves, and may ask to enter the live session,
// where they always wait to be admitted and count towards no one's attendance.
//
// Guests hold accounts: entering uses the same sign-in, second factor and idle time-out as
// everyone else, and an invitation names a person, not a link anyone holding it could use.
//
// Methods block on the store: run them on the blocking pool. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/identity/identity.hpp"
#include "domain/program/program_views.hpp"
#include "store/store.hpp"

namespace hearth::schedule {

// More than this many guests at one session is refused: a group session is not a webinar.
inline constexpr std::size_t kMaxGuestsPerSession = 10;

struct GuestView {
  program::PersonRef person;
  std::string email;  // the managers invited them by it
  program::PersonRef invited_by;
  std::int64_t invited_at_ms = 0;
};

class GuestService {
 public:
  GuestService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  // The session's guests, first invited first. Managers only: not_found for those who cannot
  // see the group, permission_denied for those who see it without managing it.
  Result<std::vector<GuestView>> list(const identity::Caller& caller,
                                      std::string_view occurrence_id);
  // Invites the active account with this email. invalid_argument (field "email") for a malformed
  // email; not_found (field "email") when no active account has it; conflict when the session
  // is cancelled or over, the person is on its roster or invited already, or it has
  // kMaxGuestsPerSession guests.
  Result<GuestView> invite(const identity::Caller& caller, std::string_view occurrence_id,
                           std::string_view email);
  // Withdraws an invitation (before, during or after the session); not_found when the person
  // is not a guest of it. The guest is told, unless the session is over.
  Result<void> withdraw(const identity::Caller& caller, std::string_view occurrence_id,
                        std::string_view user_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
};

}  // namespace hearth::schedule
