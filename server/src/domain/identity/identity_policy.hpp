// Who may do what with accounts and people's records: the one place these decisions are made.
// Positive predicates only (can_<verb>); anything not allowed here is denied.
//
// Routes carry a coarse rule (http/router.hpp: signed_in, care_team, admin); these predicates add
// the relationship: a clinician acts on participants of programs they staff, or on one
// participant while an admin's break-glass grant lasts; a participant sees their own record; a
// peer mentor sees only what a mentee shares, and family only what a participant consented to —
// neither sharing nor consent exists yet, so both see nothing of anyone else.
#pragma once

#include "domain/identity/identity.hpp"

namespace hearth::identity {

// What the caller is to one person, worked out by the service from memberships and grants.
struct Relationship {
  bool self = false;
  bool staffs_their_program = false;  // the caller is staff of a program the person takes part in
  bool active_grant = false;          // an unexpired, unrevoked break-glass grant to the caller
};

inline bool is_admin(const Caller& c) {
  return c.roles.has(Role::admin);
}
inline bool is_clinician(const Caller& c) {
  return c.roles.has(Role::clinician);
}

inline bool can_view_person(const Caller& c, const Relationship& r) {
  return r.self || is_admin(c) || (is_clinician(c) && (r.staffs_their_program || r.active_grant));
}
inline bool can_issue_password_reset(const Caller& c, const Relationship& r) {
  return !r.self && (is_admin(c) || (is_clinician(c) && r.staffs_their_program));
}
// Admins invite anyone; a clinician invites participants into a program they staff.
inline bool can_invite(const Caller& c, const RoleSet& roles, bool caller_staffs_program) {
  return is_admin(c) ||
         (is_clinician(c) && roles == RoleSet{Role::participant} && caller_staffs_program);
}
inline bool can_list_invites(const Caller& c) {
  return is_admin(c) || is_clinician(c);
}
inline bool can_revoke_invite(const Caller& c, std::string_view invited_by) {
  return is_admin(c) || (is_clinician(c) && invited_by == c.user_id);
}
inline bool can_list_participants(const Caller& c) {
  return is_admin(c) || is_clinician(c);
}
inline bool can_manage_people(const Caller& c) {
  return is_admin(c);
}
inline bool can_grant_break_glass(const Caller& c) {
  return is_admin(c);
}
inline bool can_read_audit(const Caller& c) {
  return is_admin(c);
}
inline bool can_change_session_policy(const Caller& c) {
  return is_admin(c);
}
// Staff must keep their second factor (issue 3); others may turn it off.
inline bool can_disable_second_factor(const Caller& c) {
  return !c.roles.requires_second_factor();
}

}  // namespace hearth::identity
