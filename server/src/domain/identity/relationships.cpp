#include "domain/identity/relationships.hpp"

#include <set>
#include <string>

namespace hearth::identity {

Result<bool> staffs_program(store::Transaction& tx, std::string_view user_id,
                            std::string_view program_id) {
  HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_user(user_id));
  for (const auto& m : memberships) {
    if (m.program_id == program_id && m.is_current_staff()) return true;
  }
  return false;
}

Result<Relationship> relationship_to(store::Transaction& tx, const Caller& caller,
                                     std::string_view person_id, std::int64_t now_ms) {
  Relationship r;
  r.self = caller.user_id == person_id;
  HEARTH_TRY_ASSIGN(const auto mine, tx.list_memberships_of_user(caller.user_id));
  HEARTH_TRY_ASSIGN(const auto theirs, tx.list_memberships_of_user(person_id));
  std::set<std::string> staffed;
  for (const auto& m : mine) {
    if (m.is_current_staff()) staffed.insert(m.program_id);
  }
  for (const auto& m : theirs) {
    if (m.kind == "participant" && staffed.contains(m.program_id)) r.staffs_their_program = true;
  }
  HEARTH_TRY_ASSIGN(const auto grants, tx.list_grants());
  for (const auto& g : grants) {
    if (g.clinician_id == caller.user_id && g.participant_id == person_id && g.revoked_at_ms == 0 &&
        now_ms < g.expires_at_ms) {
      r.active_grant = true;
    }
  }
  return r;
}

audit::Entry audit_entry(const Caller& caller, std::string_view action,
                         std::string_view subject_type, std::string_view subject_id,
                         std::string_view outcome) {
  audit::Entry e;
  e.actor_id = caller.user_id;
  e.action = std::string(action);
  e.subject_type = std::string(subject_type);
  e.subject_id = std::string(subject_id);
  e.client_address = caller.client.address;
  e.user_agent = caller.client.user_agent;
  e.outcome = std::string(outcome);
  return e;
}

}  // namespace hearth::identity
