#include "domain/program/admission_service.hpp"

#include <algorithm>

#include "base/ids.hpp"
#include "domain/identity/relationships.hpp"
#include "domain/program/group_service.hpp"
#include "domain/schedule/time_zones.hpp"

namespace hearth::program {
namespace {

Result<void> check_date(std::string_view value, std::string_view field, bool required) {
  if (value.empty() && !required) return ok();
  if (!schedule::parse_local_date(value)) {
    return Error::of(Errc::invalid_argument, std::string(field) + " must be a date (YYYY-MM-DD)",
                     std::string(field));
  }
  return ok();
}

Result<void> check_age_band(std::string_view band) {
  if (is_age_band(band)) return ok();
  return Error::of(Errc::invalid_argument,
                   "age_band must be adolescent, young_adult, adult or older_adult", "age_band");
}

// "2026-11-23" strings compare in date order.
Result<void> check_dates_in_order(std::string_view admitted, std::string_view discharge) {
  if (!discharge.empty() && discharge < admitted) {
    return Error::of(Errc::invalid_argument,
                     "expected_discharge_on cannot be before the admission date",
                     "expected_discharge_on");
  }
  return ok();
}

Result<EnrollmentView> enrollment_view(store::Transaction& tx, store::MembershipRecord m,
                                       const Program& program, bool with_staff) {
  HEARTH_TRY_ASSIGN(auto person, load_person(tx, m.user_id));
  if (!person) return Error::of(Errc::not_found, "no such participant");
  EnrollmentView view{std::move(m), program, std::move(*person), {}};
  if (with_staff) {
    HEARTH_TRY_ASSIGN(auto full, program_view(tx, program));
    view.staff = std::move(full.staff);
  }
  return view;
}

Result<Program> find_visible_program(store::Transaction& tx, const Caller& caller,
                                     std::string_view program_id, ProgramRelation& relation) {
  HEARTH_TRY_ASSIGN(auto program, tx.find_program(program_id));
  if (!program) return Error::of(Errc::not_found, "no such program");
  HEARTH_TRY_ASSIGN(relation, program_relation(tx, caller, program_id));
  if (!can_view_program(caller, relation)) return Error::of(Errc::not_found, "no such program");
  if (!can_enroll(caller, relation)) {
    return Error::of(Errc::permission_denied, "only the program's care team manages enrollments");
  }
  return std::move(*program);
}

// Leaving the program's groups on discharge; alumni groups are where alumni go.
Result<void> give_up_places(store::Transaction& tx, std::string_view program_id,
                            std::string_view person_id, std::int64_t now_ms) {
  HEARTH_TRY_ASSIGN(const auto groups, tx.list_groups(program_id));
  for (const auto& g : groups) {
    if (g.kind == "alumni") continue;
    HEARTH_TRY_ASSIGN(const auto place, tx.find_group_member(g.id, person_id));
    if (!place) continue;
    HEARTH_TRY(tx.delete_group_member(g.id, person_id));
    if (place->state == "member") HEARTH_TRY(fill_seats_from_waiting_list(tx, g, now_ms));
  }
  return ok();
}

Result<Placement> placement(store::Transaction& tx, const Caller& caller,
                            std::string_view person_id) {
  Placement out;
  HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_user(person_id));
  for (const auto& m : memberships) {
    if (m.kind != "participant") continue;
    HEARTH_TRY_ASSIGN(const auto program, tx.find_program(m.program_id));
    if (!program) continue;
    HEARTH_TRY_ASSIGN(auto view, enrollment_view(tx, m, *program, true));
    out.enrollments.push_back(std::move(view));
  }
  HEARTH_TRY_ASSIGN(const auto places, tx.list_places_of_user(person_id));
  for (const auto& place : places) {
    HEARTH_TRY_ASSIGN(auto group, tx.find_group(place.group_id));
    if (!group) continue;
    HEARTH_TRY_ASSIGN(const auto program, tx.find_program(group->program_id));
    // The view's "my place" is the person's, whoever reads it.
    Caller as_person = caller;
    as_person.user_id = std::string(person_id);
    HEARTH_TRY_ASSIGN(auto view,
                      group_view(tx, as_person, std::move(*group), program ? program->name : ""));
    out.groups.push_back(std::move(view));
  }
  return out;
}

}  // namespace

Result<EnrollmentView> AdmissionService::enroll(const Caller& caller, std::string_view program_id,
                                                const NewEnrollment& wanted) {
  if (!is_valid_id(program_id)) return Error::of(Errc::not_found, "no such program");
  if (!is_valid_id(wanted.participant_id)) {
    return Error::of(Errc::invalid_argument, "participant_id is not a person's id",
                     "participant_id");
  }
  HEARTH_TRY(check_date(wanted.admitted_on, "admitted_on", true));
  HEARTH_TRY(check_date(wanted.expected_discharge_on, "expected_discharge_on", false));
  HEARTH_TRY(check_dates_in_order(wanted.admitted_on, wanted.expected_discharge_on));
  HEARTH_TRY(check_age_band(wanted.age_band));
  EnrollmentView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        ProgramRelation relation;
        HEARTH_TRY_ASSIGN(const auto program,
                          find_visible_program(tx, caller, program_id, relation));
        HEARTH_TRY_ASSIGN(const auto user, tx.find_user(wanted.participant_id));
        const auto roles = user ? identity::RoleSet::parse(user->roles) : std::nullopt;
        if (!user || user->status != "active" || !roles ||
            !roles->has(identity::Role::participant)) {
          return Error::of(Errc::invalid_argument,
                           "only an active participant's account can be "
                           "enrolled",
                           "participant_id");
        }
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(auto existing, tx.find_membership(program_id, wanted.participant_id));
        if (existing && existing->kind == "participant" && existing->status == "discharged") {
          return Error::of(Errc::conflict,
                           "this participant was discharged from the program and is an alumnus");
        }
        // An invitation into the program makes the membership; enrolling gives it its dates once.
        if (existing && existing->kind == "participant" && !existing->admitted_on.empty()) {
          return Error::of(Errc::conflict, "this participant is already enrolled in the program");
        }
        if (existing && existing->kind != "participant") {
          return Error::of(Errc::conflict, "this person is staff of the program");
        }
        store::MembershipRecord m = existing.value_or(store::MembershipRecord{});
        m.program_id = program.id;
        m.user_id = wanted.participant_id;
        m.kind = "participant";
        m.status = "active";
        m.admitted_on = wanted.admitted_on;
        m.expected_discharge_on = wanted.expected_discharge_on;
        m.age_band = wanted.age_band;
        m.updated_at_ms = now;
        if (existing) {
          HEARTH_TRY(tx.update_membership(m));
        } else {
          m.created_at_ms = now;
          HEARTH_TRY(tx.insert_membership(m));
        }
        HEARTH_TRY(audit_.record(
            tx, identity::audit_entry(caller, "enrollment.create", "person", m.user_id)));
        HEARTH_TRY_ASSIGN(result, enrollment_view(tx, std::move(m), program, false));
        return ok();
      }));
  return result;
}

Result<EnrollmentView> AdmissionService::update(const Caller& caller, std::string_view program_id,
                                                std::string_view participant_id,
                                                const EnrollmentChanges& changes) {
  if (!is_valid_id(program_id)) return Error::of(Errc::not_found, "no such program");
  if (!is_valid_id(participant_id)) return Error::of(Errc::not_found, "no such enrollment");
  if (changes.status && *changes.status != "active" && *changes.status != "on_hold" &&
      *changes.status != "discharged") {
    return Error::of(Errc::invalid_argument, "status must be active, on_hold or discharged",
                     "status");
  }
  if (changes.expected_discharge_on) {
    HEARTH_TRY(check_date(*changes.expected_discharge_on, "expected_discharge_on", false));
  }
  if (changes.age_band) HEARTH_TRY(check_age_band(*changes.age_band));
  EnrollmentView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        ProgramRelation relation;
        HEARTH_TRY_ASSIGN(const auto program,
                          find_visible_program(tx, caller, program_id, relation));
        HEARTH_TRY_ASSIGN(auto found, tx.find_membership(program_id, participant_id));
        if (!found || found->kind != "participant") {
          return Error::of(Errc::not_found, "no such enrollment");
        }
        auto m = std::move(*found);
        if (m.status == "discharged") {
          return Error::of(Errc::conflict, "a discharge is final: the participant is an alumnus");
        }
        const std::int64_t now = clock_.now_ms();
        if (changes.expected_discharge_on) m.expected_discharge_on = *changes.expected_discharge_on;
        if (changes.age_band) m.age_band = *changes.age_band;
        HEARTH_TRY(check_dates_in_order(m.admitted_on, m.expected_discharge_on));
        std::string action = "enrollment.update";
        if (changes.status && *changes.status != m.status) {
          m.status = *changes.status;
          if (m.status == "discharged") {
            m.discharged_on =
                schedule::format_local_date(schedule::utc_to_local(now, program.time_zone).date);
            HEARTH_TRY(give_up_places(tx, program.id, m.user_id, now));
            action = "enrollment.discharge";
          }
        }
        m.updated_at_ms = now;
        HEARTH_TRY(tx.update_membership(m));
        HEARTH_TRY(audit_.record(tx, identity::audit_entry(caller, action, "person", m.user_id)));
        HEARTH_TRY_ASSIGN(result, enrollment_view(tx, std::move(m), program, false));
        return ok();
      }));
  return result;
}

Result<std::vector<EnrollmentView>> AdmissionService::enrollments(const Caller& caller,
                                                                  std::string_view program_id) {
  if (!is_valid_id(program_id)) return Error::of(Errc::not_found, "no such program");
  std::vector<EnrollmentView> result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        result.clear();
        ProgramRelation relation;
        HEARTH_TRY_ASSIGN(const auto program,
                          find_visible_program(tx, caller, program_id, relation));
        HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_program(program_id));
        for (const auto& m : memberships) {
          if (m.kind != "participant") continue;
          HEARTH_TRY_ASSIGN(auto view, enrollment_view(tx, m, program, false));
          result.push_back(std::move(view));
        }
        std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
          return a.participant.display_name < b.participant.display_name;
        });
        return audit_.record(
            tx, identity::audit_entry(caller, "enrollments.list", "program", program.id));
      }));
  return result;
}

Result<Placement> AdmissionService::my_placement(const Caller& caller) {
  if (!caller.signed_in()) return Error::of(Errc::unauthenticated, "sign in first");
  Placement result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(result, placement(tx, caller, caller.user_id));
    return ok();
  }));
  return result;
}

Result<Placement> AdmissionService::placement_of(const Caller& caller,
                                                 std::string_view participant_id) {
  if (!is_valid_id(participant_id)) return Error::of(Errc::not_found, "no such person");
  Placement result;
  bool denied = false;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(const auto relationship,
                          identity::relationship_to(tx, caller, participant_id, clock_.now_ms()));
        denied = !identity::can_view_person(caller, relationship);
        if (denied) {
          return audit_.record(tx, identity::audit_entry(caller, "placement.read", "person",
                                                         participant_id, "denied"));
        }
        HEARTH_TRY_ASSIGN(result, placement(tx, caller, participant_id));
        return audit_.record(
            tx, identity::audit_entry(caller, "placement.read", "person", participant_id));
      }));
  if (denied) return Error::of(Errc::not_found, "no such person");
  return result;
}

}  // namespace hearth::program
