#include "domain/program/program_access.hpp"

namespace hearth::program {

Result<ProgramRelation> program_relation(store::Transaction& tx, const Caller& caller,
                                         std::string_view program_id) {
  ProgramRelation r;
  if (!caller.signed_in()) return r;
  HEARTH_TRY_ASSIGN(const auto membership, tx.find_membership(program_id, caller.user_id));
  if (!membership) return r;
  if (membership->kind == "staff") {
    r.staff = membership->is_current_staff();
  } else if (membership->kind == "participant") {
    r.participant = true;
    r.active_participant = membership->status == "active";
    r.alumnus = membership->status == "discharged";
  }
  return r;
}

Result<GroupRelation> group_relation(store::Transaction& tx, const Caller& caller,
                                     const Group& group) {
  GroupRelation r;
  if (!caller.signed_in()) return r;
  HEARTH_TRY_ASSIGN(r.program, program_relation(tx, caller, group.program_id));
  r.facilitates =
      group.facilitator_id == caller.user_id || group.co_facilitator_id == caller.user_id;
  HEARTH_TRY_ASSIGN(r.place, tx.find_group_member(group.id, caller.user_id));
  return r;
}

}  // namespace hearth::program
