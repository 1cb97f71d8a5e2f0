// Who may do what with programs, enrollments and groups: positive predicates (can_<verb>) over the
// caller's roles and their relationship to the program or group, which the services read from
// the store inside their transaction. Anything not allowed here is denied, and a record the
// caller may not see answers not_found, so ids cannot be probed.
//
// The shape: admins run programs; a program's care team (its clinician staff, and admins)
// enrolls participants, makes groups and corrects attendance; a group's managers (its
// facilitator and co-facilitator, and the program's care team) run the group and its sessions;
// participants see their own programs, their groups and the catalogue of groups they may join.
#pragma once

#include <optional>
#include <string_view>

#include "base/result.hpp"
#include "domain/identity/identity.hpp"
#include "domain/program/program.hpp"
#include "store/store.hpp"

namespace hearth::program {

using identity::Caller;

struct ProgramRelation {
  bool staff = false;        // a staff membership of the program
  bool participant = false;  // enrolled, whatever the status (alumni too)
  bool active_participant = false;
  bool alumnus = false;  // enrolled and discharged
};

struct GroupRelation {
  ProgramRelation program;
  bool facilitates = false;  // facilitator or co-facilitator
  std::optional<store::GroupMemberRecord> place;
};

Result<ProgramRelation> program_relation(store::Transaction& tx, const Caller& caller,
                                         std::string_view program_id);
Result<GroupRelation> group_relation(store::Transaction& tx, const Caller& caller,
                                     const Group& group);

inline bool is_admin(const Caller& c) {
  return c.roles.has(identity::Role::admin);
}
inline bool is_care_team(const Caller& c, const ProgramRelation& r) {
  return is_admin(c) || (c.roles.has(identity::Role::clinician) && r.staff);
}

inline bool can_administer_programs(const Caller& c) {
  return is_admin(c);
}
inline bool can_view_program(const Caller& c, const ProgramRelation& r) {
  return is_admin(c) || r.staff || r.participant;
}
inline bool can_enroll(const Caller& c, const ProgramRelation& r) {
  return is_care_team(c, r);
}
inline bool can_list_groups_of_program(const Caller& c, const ProgramRelation& r) {
  return is_admin(c) || r.staff;
}
inline bool can_create_group(const Caller& c, const ProgramRelation& r) {
  return is_care_team(c, r);
}
inline bool can_view_progress_of_program(const Caller& c, const ProgramRelation& r) {
  return is_care_team(c, r);
}
inline bool can_correct_attendance(const Caller& c, const ProgramRelation& r) {
  return is_care_team(c, r);
}

inline bool can_manage_group(const Caller& c, const GroupRelation& r) {
  return r.facilitates || is_care_team(c, r.program);
}
inline bool can_view_group(const Caller& c, const Group& g, const GroupRelation& r) {
  return can_manage_group(c, r) || r.program.staff || r.place.has_value() ||
         (r.program.participant && is_catalogue_kind(g.kind));
}
// The catalogue: participants pick peer groups and workshops of their programs; alumni groups
// are for alumni, the others for participants still in the program.
inline bool can_pick_from_catalogue(const Group& g, const GroupRelation& r) {
  if (g.status != "active" || !is_catalogue_kind(g.kind)) return false;
  if (g.kind == "alumni") return r.program.alumnus;
  return r.program.active_participant;
}
inline bool can_leave_or_remove(const Caller& c, const GroupRelation& r,
                                std::string_view person_id) {
  return person_id == c.user_id || can_manage_group(c, r);
}

}  // namespace hearth::program
