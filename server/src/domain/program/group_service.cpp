#include "domain/program/group_service.hpp"

#include <algorithm>

#include "base/ids.hpp"
#include "domain/identity/relationships.hpp"
#include "domain/notification/notifications.hpp"
#include "domain/program/program_service.hpp"
#include "domain/schedule/notice_text.hpp"

namespace hearth::program {
namespace {

Error no_such_group() {
  return Error::of(Errc::not_found, "no such group");
}

Result<Group> load_group(store::Transaction& tx, std::string_view id) {
  if (!is_valid_id(id)) return no_such_group();
  HEARTH_TRY_ASSIGN(auto group, tx.find_group(id));
  if (!group) return no_such_group();
  return std::move(*group);
}

Result<Program> load_program(store::Transaction& tx, std::string_view id) {
  HEARTH_TRY_ASSIGN(auto program, tx.find_program(id));
  if (!program) return Error::of(Errc::not_found, "no such program");
  return std::move(*program);
}

// A facilitator is staff of the program who leads groups: a clinician or a peer specialist, and
// a clinician where the kind of group is clinical.
Result<void> check_facilitator(store::Transaction& tx, const Program& program,
                               std::string_view kind, std::string_view person_id,
                               std::string_view field) {
  if (person_id.empty()) return ok();
  const auto refuse = [&](std::string message) {
    return Error::of(Errc::invalid_argument, std::move(message), std::string(field));
  };
  if (!is_valid_id(person_id)) return refuse(std::string(field) + " is not a person's id");
  HEARTH_TRY_ASSIGN(const auto user, tx.find_user(person_id));
  HEARTH_TRY_ASSIGN(const auto membership, tx.find_membership(program.id, person_id));
  if (!user || user->status != "active" || !membership || !membership->is_current_staff()) {
    return refuse("a facilitator must be active staff of the program");
  }
  const auto roles = identity::RoleSet::parse(user->roles).value_or(identity::RoleSet{});
  const bool clinician = roles.has(identity::Role::clinician);
  if (needs_clinician(kind) && !clinician) {
    return refuse("a " + std::string(kind) + " group is led by a clinician");
  }
  if (!clinician && !roles.has(identity::Role::peer_specialist)) {
    return refuse("a facilitator must be a clinician or a peer specialist");
  }
  return ok();
}

Result<void> check_capacity(int capacity, const Program& program) {
  if (capacity < 1 || capacity > program.group_capacity_cap) {
    return Error::of(Errc::invalid_argument,
                     "capacity must be between 1 and " +
                         std::to_string(program.group_capacity_cap) + ", the program's cap",
                     "capacity");
  }
  return ok();
}

Result<std::string> unique_slug(store::Transaction& tx, std::string_view program_id,
                                const std::string& wanted) {
  HEARTH_TRY_ASSIGN(const auto groups, tx.list_groups(program_id));
  const auto taken = [&](const std::string& slug) {
    return std::any_of(groups.begin(), groups.end(),
                       [&](const Group& g) { return g.slug == slug; });
  };
  if (!taken(wanted)) return wanted;
  for (int n = 2; n < 1000; ++n) {
    auto candidate = wanted + "-" + std::to_string(n);
    if (!taken(candidate)) return candidate;
  }
  return Error::of(Errc::already_exists, "a group with this slug exists", "slug");
}

Result<GroupMemberView> place_view(store::Transaction& tx, store::GroupMemberRecord place) {
  HEARTH_TRY_ASSIGN(auto views, member_views(tx, place.group_id));
  for (auto& v : views) {
    if (v.place.user_id == place.user_id) return std::move(v);
  }
  return Error::of(Errc::not_found, "no such place");
}

bool age_band_fits(const Group& group, const store::MembershipRecord& enrollment) {
  return group.age_band.empty() || group.age_band == enrollment.age_band;
}

bool has_tag(const Group& group, std::string_view tag) {
  const auto tags = split_tags(group.tags);
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

Result<std::optional<store::MembershipRecord>> enrollment_of(store::Transaction& tx,
                                                             std::string_view program_id,
                                                             std::string_view person_id) {
  HEARTH_TRY_ASSIGN(auto m, tx.find_membership(program_id, person_id));
  if (m && m->kind != "participant") m.reset();
  return m;
}

}  // namespace

Result<void> fill_seats_from_waiting_list(store::Transaction& tx, const Group& group,
                                          std::int64_t now_ms) {
  HEARTH_TRY_ASSIGN(std::int64_t taken, tx.count_group_seats_taken(group.id));
  if (taken >= group.capacity) return ok();
  HEARTH_TRY_ASSIGN(const auto places, tx.list_group_members(group.id));
  for (auto place : places) {
    if (taken >= group.capacity) break;
    if (place.state != "waiting") continue;
    place.state = "member";
    place.joined_at_ms = now_ms;
    HEARTH_TRY(tx.update_group_member(place));
    ++taken;
    HEARTH_TRY(notification::notify(
        tx, {place.user_id, "seat_given", schedule::seat_given_text(group.name), "", group.id, ""},
        now_ms));
  }
  return ok();
}

Result<GroupView> GroupService::create(const Caller& caller, std::string_view program_id,
                                       NewGroup wanted) {
  if (!is_valid_id(program_id)) return Error::of(Errc::not_found, "no such program");
  if (wanted.slug.empty()) wanted.slug = slug_from_name(wanted.name);
  HEARTH_TRY(validate(wanted));
  GroupView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(const auto program, load_program(tx, program_id));
        HEARTH_TRY_ASSIGN(const auto relation, program_relation(tx, caller, program_id));
        if (!can_view_program(caller, relation))
          return Error::of(Errc::not_found, "no such program");
        if (!can_create_group(caller, relation)) {
          return Error::of(Errc::permission_denied, "only the program's care team makes groups");
        }
        HEARTH_TRY_ASSIGN(auto group,
                          new_group_record(wanted, program.id, new_id(), clock_.now_ms()));
        HEARTH_TRY(check_capacity(group.capacity, program));
        HEARTH_TRY(
            check_facilitator(tx, program, group.kind, group.facilitator_id, "facilitator_id"));
        HEARTH_TRY(check_facilitator(tx, program, group.kind, group.co_facilitator_id,
                                     "co_facilitator_id"));
        HEARTH_TRY_ASSIGN(group.slug, unique_slug(tx, program.id, group.slug));
        HEARTH_TRY(tx.insert_group(group));
        HEARTH_TRY(
            audit_.record(tx, identity::audit_entry(caller, "group.create", "group", group.id)));
        HEARTH_TRY_ASSIGN(result, group_view(tx, caller, std::move(group), program.name));
        return ok();
      }));
  return result;
}

Result<GroupView> GroupService::update(const Caller& caller, std::string_view group_id,
                                       const GroupChanges& changes) {
  if (changes.name) HEARTH_TRY(check_text(*changes.name, "name", kMaxNameBytes, true));
  if (changes.description) {
    HEARTH_TRY(check_text(*changes.description, "description", kMaxDescriptionBytes, false));
  }
  if (changes.membership && *changes.membership != "open" && *changes.membership != "closed") {
    return Error::of(Errc::invalid_argument, "membership must be open or closed", "membership");
  }
  if (changes.age_band && !is_age_band(*changes.age_band)) {
    return Error::of(Errc::invalid_argument,
                     "age_band must be adolescent, young_adult, adult or older_adult", "age_band");
  }
  if (changes.status && *changes.status != "active" && *changes.status != "archived") {
    return Error::of(Errc::invalid_argument, "status must be active or archived", "status");
  }
  std::string tags;
  if (changes.tags) {
    HEARTH_TRY_ASSIGN(tags, normalize_tags(*changes.tags));
  }
  GroupView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto group, load_group(tx, group_id));
        HEARTH_TRY_ASSIGN(const auto relation, group_relation(tx, caller, group));
        if (!can_view_group(caller, group, relation)) return no_such_group();
        if (!can_manage_group(caller, relation)) {
          return Error::of(Errc::permission_denied,
                           "only the group's facilitators and care team "
                           "change it");
        }
        HEARTH_TRY_ASSIGN(const auto program, load_program(tx, group.program_id));
        const int old_capacity = group.capacity;
        if (changes.name) group.name = *changes.name;
        if (changes.description) group.description = *changes.description;
        if (changes.membership) group.membership = *changes.membership;
        if (changes.tags) group.tags = tags;
        if (changes.age_band) group.age_band = *changes.age_band;
        if (changes.status) group.status = *changes.status;
        if (changes.facilitator_id) group.facilitator_id = *changes.facilitator_id;
        if (changes.co_facilitator_id) group.co_facilitator_id = *changes.co_facilitator_id;
        HEARTH_TRY(
            check_facilitator(tx, program, group.kind, group.facilitator_id, "facilitator_id"));
        HEARTH_TRY(check_facilitator(tx, program, group.kind, group.co_facilitator_id,
                                     "co_facilitator_id"));
        if (changes.capacity) {
          HEARTH_TRY(check_capacity(*changes.capacity, program));
          HEARTH_TRY_ASSIGN(const auto taken, tx.count_group_seats_taken(group.id));
          if (*changes.capacity < taken) {
            return Error::of(
                Errc::conflict,
                "capacity cannot go below the " + std::to_string(taken) + " seats taken",
                "capacity");
          }
          group.capacity = *changes.capacity;
        }
        group.updated_at_ms = clock_.now_ms();
        HEARTH_TRY(tx.update_group(group));
        if (group.capacity > old_capacity) {
          HEARTH_TRY(fill_seats_from_waiting_list(tx, group, clock_.now_ms()));
        }
        HEARTH_TRY(
            audit_.record(tx, identity::audit_entry(caller, "group.update", "group", group.id)));
        HEARTH_TRY_ASSIGN(result, group_view(tx, caller, std::move(group), program.name));
        return ok();
      }));
  return result;
}

Result<GroupView> GroupService::group(const Caller& caller, std::string_view group_id) {
  GroupView result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto group, load_group(tx, group_id));
    HEARTH_TRY_ASSIGN(const auto relation, group_relation(tx, caller, group));
    if (!can_view_group(caller, group, relation)) return no_such_group();
    HEARTH_TRY_ASSIGN(const auto program, load_program(tx, group.program_id));
    HEARTH_TRY_ASSIGN(result, group_view(tx, caller, std::move(group), program.name));
    return ok();
  }));
  return result;
}

Result<std::vector<GroupView>> GroupService::groups_of_program(const Caller& caller,
                                                               std::string_view program_id,
                                                               bool include_archived) {
  if (!is_valid_id(program_id)) return Error::of(Errc::not_found, "no such program");
  std::vector<GroupView> result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    result.clear();
    HEARTH_TRY_ASSIGN(const auto program, load_program(tx, program_id));
    HEARTH_TRY_ASSIGN(const auto relation, program_relation(tx, caller, program_id));
    if (!can_view_program(caller, relation)) return Error::of(Errc::not_found, "no such program");
    if (!can_list_groups_of_program(caller, relation)) {
      return Error::of(Errc::permission_denied, "only the program's staff see all its groups");
    }
    HEARTH_TRY_ASSIGN(auto groups, tx.list_groups(program_id));
    for (auto& g : groups) {
      if (g.status == "archived" && !include_archived) continue;
      HEARTH_TRY_ASSIGN(auto view, group_view(tx, caller, std::move(g), program.name));
      result.push_back(std::move(view));
    }
    return ok();
  }));
  return result;
}

Result<std::vector<GroupMemberView>> GroupService::members(const Caller& caller,
                                                           std::string_view group_id) {
  std::vector<GroupMemberView> result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto group, load_group(tx, group_id));
    HEARTH_TRY_ASSIGN(const auto relation, group_relation(tx, caller, group));
    if (!can_view_group(caller, group, relation)) return no_such_group();
    if (!can_manage_group(caller, relation)) {
      return Error::of(Errc::permission_denied,
                       "only the group's facilitators and care team "
                       "see its members");
    }
    HEARTH_TRY_ASSIGN(result, member_views(tx, group.id));
    return ok();
  }));
  return result;
}

Result<GroupMemberView> GroupService::assign(const Caller& caller, std::string_view group_id,
                                             std::string_view person_id) {
  if (!is_valid_id(person_id)) return Error::of(Errc::not_found, "no such participant");
  GroupMemberView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(const auto group, load_group(tx, group_id));
        HEARTH_TRY_ASSIGN(const auto relation, group_relation(tx, caller, group));
        if (!can_view_group(caller, group, relation)) return no_such_group();
        if (!can_manage_group(caller, relation)) {
          return Error::of(Errc::permission_denied,
                           "only the group's facilitators and care team "
                           "assign places");
        }
        if (group.status != "active") return Error::of(Errc::conflict, "the group is archived");
        HEARTH_TRY_ASSIGN(const auto enrollment, enrollment_of(tx, group.program_id, person_id));
        const bool eligible =
            enrollment && (group.kind == "alumni" ? enrollment->status == "discharged"
                                                  : enrollment->status == "active");
        if (!eligible) {
          return Error::of(Errc::conflict,
                           group.kind == "alumni"
                               ? "only alumni of the program join an alumni group"
                               : "only active participants of the program can be given a seat",
                           "user_id");
        }
        HEARTH_TRY_ASSIGN(auto place, tx.find_group_member(group.id, person_id));
        if (!place || place->state != "member") {
          HEARTH_TRY_ASSIGN(const auto taken, tx.count_group_seats_taken(group.id));
          if (taken >= group.capacity) {
            return Error::of(Errc::conflict, "the group is full (" + std::to_string(taken) +
                                                 " of " + std::to_string(group.capacity) +
                                                 " seats taken)");
          }
          store::GroupMemberRecord seat{group.id, std::string(person_id),
                                        "member", place ? place->requested_at_ms : now,
                                        now,      caller.user_id};
          if (place) {
            HEARTH_TRY(tx.update_group_member(seat));
          } else {
            HEARTH_TRY(tx.insert_group_member(seat));
          }
          HEARTH_TRY(notification::notify(tx,
                                          {seat.user_id, "group_assigned",
                                           schedule::assigned_text(group.name), "", group.id, ""},
                                          now));
          HEARTH_TRY(audit_.record(
              tx, identity::audit_entry(caller, "group.assign", "person", seat.user_id)));
          place = seat;
        }
        HEARTH_TRY_ASSIGN(result, place_view(tx, *place));
        return ok();
      }));
  return result;
}

Result<void> GroupService::remove(const Caller& caller, std::string_view group_id,
                                  std::string_view person_id) {
  if (!is_valid_id(person_id)) return Error::of(Errc::not_found, "no such place");
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    const std::int64_t now = clock_.now_ms();
    HEARTH_TRY_ASSIGN(const auto group, load_group(tx, group_id));
    HEARTH_TRY_ASSIGN(const auto relation, group_relation(tx, caller, group));
    if (!can_view_group(caller, group, relation)) return no_such_group();
    if (!can_leave_or_remove(caller, relation, person_id)) {
      return Error::of(Errc::permission_denied,
                       "only the group's facilitators and care team "
                       "remove someone else");
    }
    HEARTH_TRY_ASSIGN(const auto place, tx.find_group_member(group.id, person_id));
    if (!place) return Error::of(Errc::not_found, "no such place");
    HEARTH_TRY(tx.delete_group_member(group.id, person_id));
    const bool self = person_id == caller.user_id;
    if (!self && place->state == "requested") {
      HEARTH_TRY(
          notification::notify(tx,
                               {place->user_id, "request_declined",
                                schedule::request_declined_text(group.name), "", group.id, ""},
                               now));
    }
    if (place->state == "member") HEARTH_TRY(fill_seats_from_waiting_list(tx, group, now));
    return audit_.record(tx, identity::audit_entry(caller, self ? "group.leave" : "group.remove",
                                                   "person", place->user_id));
  });
}

Result<std::vector<GroupView>> GroupService::catalogue(const Caller& caller,
                                                       const CatalogueFilter& filter) {
  if (!filter.kind.empty() && !is_catalogue_kind(filter.kind)) {
    return Error::of(Errc::invalid_argument,
                     "kind must be peer_support, skills, psychoeducation, social or alumni",
                     "kind");
  }
  if (filter.tag.size() > kMaxTagBytes) {
    return Error::of(Errc::invalid_argument, "tag is too long", "tag");
  }
  std::vector<GroupView> result;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    result.clear();
    HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_user(caller.user_id));
    for (const auto& m : memberships) {
      if (m.kind != "participant") continue;
      HEARTH_TRY_ASSIGN(const auto program, load_program(tx, m.program_id));
      HEARTH_TRY_ASSIGN(auto groups, tx.list_groups(m.program_id));
      for (auto& g : groups) {
        if (!filter.kind.empty() && g.kind != filter.kind) continue;
        if (!filter.tag.empty() && !has_tag(g, filter.tag)) continue;
        if (!age_band_fits(g, m)) continue;
        HEARTH_TRY_ASSIGN(const auto relation, group_relation(tx, caller, g));
        if (!can_pick_from_catalogue(g, relation)) continue;
        HEARTH_TRY_ASSIGN(auto view, group_view(tx, caller, std::move(g), program.name));
        result.push_back(std::move(view));
      }
    }
    return ok();
  }));
  return result;
}

Result<GroupMemberView> GroupService::join(const Caller& caller, std::string_view group_id) {
  return ask_for_place(caller, group_id, Ask::seat);
}
Result<GroupMemberView> GroupService::join_waiting_list(const Caller& caller,
                                                        std::string_view group_id) {
  return ask_for_place(caller, group_id, Ask::waiting_list);
}
Result<GroupMemberView> GroupService::request_to_join(const Caller& caller,
                                                      std::string_view group_id) {
  return ask_for_place(caller, group_id, Ask::request);
}

Result<GroupMemberView> GroupService::ask_for_place(const Caller& caller, std::string_view group_id,
                                                    Ask ask) {
  GroupMemberView result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        const std::int64_t now = clock_.now_ms();
        HEARTH_TRY_ASSIGN(const auto group, load_group(tx, group_id));
        HEARTH_TRY_ASSIGN(const auto relation, group_relation(tx, caller, group));
        if (!can_view_group(caller, group, relation)) return no_such_group();
        HEARTH_TRY_ASSIGN(const auto enrollment,
                          enrollment_of(tx, group.program_id, caller.user_id));
        if (!enrollment || !can_pick_from_catalogue(group, relation) ||
            !age_band_fits(group, *enrollment)) {
          return Error::of(Errc::permission_denied,
                           "this group is not open to you; your care team assigns its places");
        }
        if (relation.place) {  // asking again changes nothing
          HEARTH_TRY_ASSIGN(result, place_view(tx, *relation.place));
          return ok();
        }
        const bool closed = group.membership == "closed";
        if (ask == Ask::request && !closed) {
          return Error::of(Errc::conflict, "this group is open: join it directly");
        }
        if (ask != Ask::request && closed) {
          return Error::of(Errc::conflict,
                           "this group is closed: ask to join, and its facilitators "
                           "will answer");
        }
        HEARTH_TRY_ASSIGN(const auto taken, tx.count_group_seats_taken(group.id));
        const bool full = taken >= group.capacity;
        if (ask == Ask::seat && full) {
          return Error::of(Errc::conflict,
                           "the group is full: join its waiting list, and the first "
                           "seat that comes free is yours");
        }
        std::string state = "member";
        if (ask == Ask::request) state = "requested";
        if (ask == Ask::waiting_list && full) state = "waiting";
        // The waiting list is served in requested_at_ms order: two requests in one millisecond
        // keep the order in which their (serialised) transactions ran.
        std::int64_t requested_at = now;
        HEARTH_TRY_ASSIGN(const auto places, tx.list_group_members(group.id));
        for (const auto& p : places) requested_at = std::max(requested_at, p.requested_at_ms + 1);
        store::GroupMemberRecord place{
            group.id,      caller.user_id, state, requested_at, state == "member" ? now : 0,
            caller.user_id};
        HEARTH_TRY(tx.insert_group_member(place));
        if (state == "requested") {
          for (const auto* lead : {&group.facilitator_id, &group.co_facilitator_id}) {
            if (lead->empty()) continue;
            HEARTH_TRY(
                notification::notify(tx,
                                     {*lead, "join_requested",
                                      schedule::join_requested_text(group.name), "", group.id, ""},
                                     now));
          }
        }
        HEARTH_TRY(
            audit_.record(tx, identity::audit_entry(caller, "group." + state, "group", group.id)));
        HEARTH_TRY_ASSIGN(result, place_view(tx, place));
        return ok();
      }));
  return result;
}

}  // namespace hearth::program
