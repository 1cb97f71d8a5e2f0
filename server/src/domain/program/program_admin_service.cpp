#include "domain/program/program_admin_service.hpp"

#include "base/ids.hpp"
#include "domain/identity/relationships.hpp"
#include "domain/program/program_service.hpp"
#include "domain/schedule/time_zones.hpp"

namespace hearth::program {
namespace {

Error no_such_program() {
  return Error::of(Errc::not_found, "no such program");
}

Error admins_only() {
  return Error::of(Errc::permission_denied, "only admins change programs");
}

}  // namespace

Result<ProgramView> ProgramAdminService::create(const Caller& caller, const NewProgram& wanted) {
  if (!can_administer_programs(caller)) return admins_only();
  HEARTH_TRY(validate(wanted));
  HEARTH_TRY(schedule::check_time_zone(wanted.time_zone, "time_zone"));
  ProgramView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(const auto existing, tx.find_program_by_slug(wanted.slug));
        if (existing)
          return Error::of(Errc::already_exists, "a program with this slug exists", "slug");
        auto program = new_program_record(wanted, new_id(), clock_.now_ms());
        HEARTH_TRY(tx.insert_program(program));
        HEARTH_TRY(audit_.record(
            tx, identity::audit_entry(caller, "program.create", "program", program.id)));
        HEARTH_TRY_ASSIGN(result, program_view(tx, std::move(program)));
        return ok();
      }));
  return result;
}

Result<ProgramView> ProgramAdminService::update(const Caller& caller, std::string_view program_id,
                                                const ProgramChanges& changes) {
  if (!can_administer_programs(caller)) return admins_only();
  if (!is_valid_id(program_id)) return no_such_program();
  if (changes.name) HEARTH_TRY(check_text(*changes.name, "name", kMaxNameBytes, true));
  if (changes.description) {
    HEARTH_TRY(check_text(*changes.description, "description", kMaxDescriptionBytes, false));
  }
  if (changes.time_zone) HEARTH_TRY(schedule::check_time_zone(*changes.time_zone, "time_zone"));
  if (changes.targets) HEARTH_TRY(validate_targets(*changes.targets));
  if (changes.private_messages && *changes.private_messages != "all" &&
      *changes.private_messages != "care_team") {
    return Error::of(Errc::invalid_argument, "private_messages must be \"all\" or \"care_team\"",
                     "private_messages");
  }
  ProgramView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto found, tx.find_program(program_id));
        if (!found) return no_such_program();
        auto program = std::move(*found);
        if (changes.name) program.name = *changes.name;
        if (changes.description) program.description = *changes.description;
        if (changes.time_zone) program.time_zone = *changes.time_zone;
        if (changes.audience) program.audience = *changes.audience;
        if (changes.length_weeks) program.length_weeks = *changes.length_weeks;
        if (changes.group_capacity_cap) program.group_capacity_cap = *changes.group_capacity_cap;
        if (changes.private_messages) program.private_messages = *changes.private_messages;
        if (changes.targets) {
          program.weekly_target_minutes = changes.targets->weekly_minutes;
          program.daily_minimum_minutes = changes.targets->daily_minimum_minutes;
          program.days_per_week_minimum = changes.targets->days_per_week;
        }
        HEARTH_TRY(validate_program_shape(program.audience, program.length_weeks,
                                          program.group_capacity_cap));
        program.updated_at_ms = clock_.now_ms();
        HEARTH_TRY(tx.update_program(program));
        HEARTH_TRY(audit_.record(
            tx, identity::audit_entry(caller, "program.update", "program", program.id)));
        HEARTH_TRY_ASSIGN(result, program_view(tx, std::move(program)));
        return ok();
      }));
  return result;
}

Result<ProgramView> ProgramAdminService::program(const Caller& caller,
                                                 std::string_view program_id) {
  if (!is_valid_id(program_id)) return no_such_program();
  ProgramView result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto program, tx.find_program(program_id));
    if (!program) return no_such_program();
    HEARTH_TRY_ASSIGN(const auto relation, program_relation(tx, caller, program_id));
    if (!can_view_program(caller, relation)) return no_such_program();
    HEARTH_TRY_ASSIGN(result, program_view(tx, std::move(*program)));
    return ok();
  }));
  return result;
}

Result<void> ProgramAdminService::add_staff(const Caller& caller, std::string_view program_id,
                                            std::string_view person_id) {
  if (!can_administer_programs(caller)) return admins_only();
  if (!is_valid_id(program_id)) return no_such_program();
  if (!is_valid_id(person_id)) return Error::of(Errc::not_found, "no such person");
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto program, tx.find_program(program_id));
    if (!program) return no_such_program();
    HEARTH_TRY_ASSIGN(const auto user, tx.find_user(person_id));
    if (!user) return Error::of(Errc::not_found, "no such person");
    const auto roles = identity::RoleSet::parse(user->roles).value_or(identity::RoleSet{});
    if (!roles.is_staff()) {
      return Error::of(Errc::invalid_argument,
                       "staff must hold a clinician, peer specialist or admin role", "user_id");
    }
    HEARTH_TRY_ASSIGN(const auto existing, tx.find_membership(program_id, person_id));
    if (existing && existing->kind == "staff") {
      if (existing->is_current_staff()) return ok();
      auto again = *existing;  // staff who come back
      again.status = "active";
      again.updated_at_ms = clock_.now_ms();
      HEARTH_TRY(tx.update_membership(again));
      return audit_.record(tx,
                           identity::audit_entry(caller, "program.staff_add", "person", person_id));
    }
    if (existing) {
      return Error::of(Errc::conflict, "this person takes part in the program as a participant");
    }
    store::MembershipRecord m;
    m.program_id = std::string(program_id);
    m.user_id = std::string(person_id);
    m.kind = "staff";
    m.created_at_ms = clock_.now_ms();
    m.updated_at_ms = m.created_at_ms;
    HEARTH_TRY(tx.insert_membership(m));
    return audit_.record(tx,
                         identity::audit_entry(caller, "program.staff_add", "person", person_id));
  });
}

Result<void> ProgramAdminService::remove_staff(const Caller& caller, std::string_view program_id,
                                               std::string_view person_id) {
  if (!can_administer_programs(caller)) return admins_only();
  if (!is_valid_id(program_id)) return no_such_program();
  if (!is_valid_id(person_id)) return Error::of(Errc::not_found, "no such staff member");
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto membership, tx.find_membership(program_id, person_id));
    if (!membership || !membership->is_current_staff()) {
      return Error::of(Errc::not_found, "no such staff member");
    }
    HEARTH_TRY_ASSIGN(const auto groups, tx.list_groups(program_id));
    for (const auto& g : groups) {
      const bool leads = g.facilitator_id == person_id || g.co_facilitator_id == person_id;
      if (leads && g.status == "active") {
        return Error::of(Errc::conflict,
                         "this person facilitates " + g.name + "; name another facilitator first");
      }
    }
    // A staff membership ends by becoming a former one: memberships are never deleted, so the
    // audit trail's references stay meaningful.
    membership->status = "ended";
    membership->updated_at_ms = clock_.now_ms();
    HEARTH_TRY(tx.update_membership(*membership));
    return audit_.record(
        tx, identity::audit_entry(caller, "program.staff_remove", "person", person_id));
  });
}

}  // namespace hearth::program
