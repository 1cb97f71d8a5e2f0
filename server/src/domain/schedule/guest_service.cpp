#include "domain/schedule/guest_service.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "base/ids.hpp"
#include "domain/identity/relationships.hpp"
#include "domain/notification/notifications.hpp"
#include "domain/program/program_access.hpp"
#include "domain/schedule/notice_text.hpp"
#include "domain/schedule/occurrence_access.hpp"
#include "domain/schedule/roster.hpp"

namespace hearth::schedule {
namespace {

Error no_such_session() {
  return Error::of(Errc::not_found, "no such session");
}

struct ManagedSession {
  store::OccurrenceRecord occurrence;
  store::GroupRecord group;
};

// The occurrence, when the caller manages its group: not_found when they cannot see the group
// (as the schedule's routes answer), permission_denied when they see it without managing it.
Result<ManagedSession> load_managed(store::Transaction& tx, const identity::Caller& caller,
                                    std::string_view occurrence_id) {
  HEARTH_TRY_ASSIGN(auto found, load_occurrence(tx, caller, occurrence_id));
  if (!program::can_view_group(caller, found.group, found.relation)) return no_such_session();
  if (!program::can_manage_group(caller, found.relation)) {
    return Error::of(Errc::permission_denied,
                     "only the group's facilitators and care team invite guests");
  }
  return ManagedSession{std::move(found.occurrence), std::move(found.group)};
}

Result<GuestView> guest_view(store::Transaction& tx, const store::SessionGuestRecord& guest,
                             const store::UserRecord& user) {
  GuestView view;
  view.person = program::person_ref(user);
  view.email = user.email;
  HEARTH_TRY_ASSIGN(const auto inviter, program::load_person(tx, guest.invited_by));
  if (inviter) view.invited_by = *inviter;
  view.invited_at_ms = guest.invited_at_ms;
  return view;
}

std::string invited_text(const store::OccurrenceRecord& occ, std::string_view time_zone) {
  return fmt::format("You are invited as a guest to {}: {}", occ.title,
                     local_time_text(occ.starts_at_ms, time_zone));
}

std::string withdrawn_text(const store::OccurrenceRecord& occ, std::string_view time_zone) {
  return fmt::format("Your invitation to {} on {} was withdrawn.", occ.title,
                     local_time_text(occ.starts_at_ms, time_zone));
}

audit::Entry guest_audit(const identity::Caller& caller, std::string_view action,
                         const store::OccurrenceRecord& occ, std::string_view guest_id) {
  auto entry = identity::audit_entry(caller, action, "occurrence", occ.id);
  entry.detail = fmt::format("guest={}", guest_id);
  return entry;
}

}  // namespace

Result<std::vector<GuestView>> GuestService::list(const identity::Caller& caller,
                                                  std::string_view occurrence_id) {
  std::vector<GuestView> out;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    out.clear();
    HEARTH_TRY_ASSIGN(const auto managed, load_managed(tx, caller, occurrence_id));
    HEARTH_TRY_ASSIGN(const auto guests, tx.list_session_guests(managed.occurrence.id));
    for (const auto& guest : guests) {
      HEARTH_TRY_ASSIGN(const auto user, tx.find_user(guest.user_id));
      if (!user) continue;
      HEARTH_TRY_ASSIGN(auto view, guest_view(tx, guest, *user));
      out.push_back(std::move(view));
    }
    return ok();
  }));
  return out;
}

Result<GuestView> GuestService::invite(const identity::Caller& caller,
                                       std::string_view occurrence_id, std::string_view email) {
  HEARTH_TRY_ASSIGN(const auto normalized, identity::normalize_email(email));
  GuestView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(const auto managed, load_managed(tx, caller, occurrence_id));
        const auto& occ = managed.occurrence;
        if (occ.status != "scheduled")
          return Error::of(Errc::conflict, "this session is cancelled");
        if (occ.ends_at_ms <= now) return Error::of(Errc::conflict, "this session is over");
        HEARTH_TRY_ASSIGN(const auto user, tx.find_user_by_email(normalized));
        if (!user || user->status != "active") {
          return Error::of(Errc::not_found, "no active account uses this email", "email");
        }
        HEARTH_TRY_ASSIGN(const auto roster, people_of_session(tx, managed.group));
        if (std::any_of(roster.begin(), roster.end(),
                        [&](const auto& person) { return person.id == user->id; })) {
          return Error::of(Errc::conflict, "this person is on the session's roster already",
                           "email");
        }
        HEARTH_TRY_ASSIGN(const auto guests, tx.list_session_guests(occ.id));
        if (std::any_of(guests.begin(), guests.end(),
                        [&](const auto& guest) { return guest.user_id == user->id; })) {
          return Error::of(Errc::conflict, "this person is invited already", "email");
        }
        if (guests.size() >= kMaxGuestsPerSession) {
          return Error::of(Errc::conflict,
                           fmt::format("a session has at most {} guests", kMaxGuestsPerSession));
        }
        const store::SessionGuestRecord guest{occ.id, user->id, caller.user_id, now};
        HEARTH_TRY(tx.put_session_guest(guest));
        HEARTH_TRY(
            notification::notify(tx,
                                 {user->id, "session_invited", invited_text(occ, user->time_zone),
                                  occ.id, managed.group.id, ""},
                                 now));
        HEARTH_TRY(
            audit_.record(tx, guest_audit(caller, "occurrence.guest_invite", occ, user->id)));
        HEARTH_TRY_ASSIGN(result, guest_view(tx, guest, *user));
        return ok();
      }));
  return result;
}

Result<void> GuestService::withdraw(const identity::Caller& caller, std::string_view occurrence_id,
                                    std::string_view user_id) {
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    const std::int64_t now = clock_.now_ms();
    HEARTH_TRY_ASSIGN(const auto managed, load_managed(tx, caller, occurrence_id));
    const auto& occ = managed.occurrence;
    if (!is_valid_id(user_id)) return Error::of(Errc::not_found, "no such guest");
    HEARTH_TRY_ASSIGN(const bool removed, tx.delete_session_guest(occ.id, user_id));
    if (!removed) return Error::of(Errc::not_found, "no such guest");
    HEARTH_TRY_ASSIGN(const auto user, tx.find_user(user_id));
    if (user && occ.status == "scheduled" && occ.ends_at_ms > now) {
      HEARTH_TRY(notification::notify(tx,
                                      // No link to the session: it is no longer theirs to open.
                                      {user->id, "session_invitation_withdrawn",
                                       withdrawn_text(occ, user->time_zone), "", "", ""},
                                      now));
    }
    return audit_.record(tx, guest_audit(caller, "occurrence.guest_withdraw", occ, user_id));
  });
}

}  // namespace hearth::schedule
