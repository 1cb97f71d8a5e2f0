#include "domain/identity/people_service.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/ids.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::identity {
namespace {

constexpr std::string_view kNoSuchPerson = "no such person";

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool matches(const store::UserRecord& user, const RoleSet& roles, const PeopleFilter& filter) {
  if (!filter.status.empty() && user.status != filter.status) return false;
  if (!filter.role.empty()) {
    const auto role = role_from_name(filter.role);
    if (!role || !roles.has(*role)) return false;
  }
  if (!filter.query.empty()) {
    const auto q = lower(filter.query);
    if (lower(user.display_name).find(q) == std::string::npos &&
        user.email.find(q) == std::string::npos) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<PersonView> PeopleService::view(store::Transaction& tx, store::UserRecord user) {
  PersonView v;
  v.roles = RoleSet::parse(user.roles).value_or(RoleSet{});
  HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_user(user.id));
  for (const auto& m : memberships) {
    HEARTH_TRY_ASSIGN(const auto program, tx.find_program(m.program_id));
    v.programs.push_back({m.program_id, program ? program->name : "", m.kind});
  }
  v.user = std::move(user);
  return v;
}

Result<std::vector<PersonView>> PeopleService::list_people(const Caller& caller,
                                                           const PeopleFilter& filter) {
  if (!can_manage_people(caller)) return Error::of(Errc::permission_denied, "you may not do this");
  if (!filter.role.empty() && !role_from_name(filter.role)) {
    return Error::of(Errc::invalid_argument, "role is not a known role", "role");
  }
  if (!filter.status.empty() && filter.status != "active" && filter.status != "deactivated") {
    return Error::of(Errc::invalid_argument, "status must be active or deactivated", "status");
  }
  std::vector<PersonView> out;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        out.clear();
        HEARTH_TRY_ASSIGN(auto users, tx.list_users());
        for (auto& u : users) {
          const auto roles = RoleSet::parse(u.roles).value_or(RoleSet{});
          if (!matches(u, roles, filter)) continue;
          HEARTH_TRY_ASSIGN(auto v, view(tx, std::move(u)));
          out.push_back(std::move(v));
        }
        auto entry = audit_entry(caller, "people.list", "people", "");
        entry.detail = "results=" + std::to_string(out.size());
        return audit_.record(tx, entry);
      }));
  return out;
}

Result<std::vector<PersonView>> PeopleService::list_participants(const Caller& caller) {
  if (!can_list_participants(caller)) {
    return Error::of(Errc::permission_denied, "you may not do this");
  }
  const auto now = clock_.now_ms();
  std::vector<PersonView> out;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        out.clear();
        std::set<std::string> visible;
        HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships());
        std::set<std::string> staffed;
        for (const auto& m : memberships) {
          if (m.is_current_staff() && m.user_id == caller.user_id) staffed.insert(m.program_id);
        }
        for (const auto& m : memberships) {
          if (m.kind == "participant" && (is_admin(caller) || staffed.contains(m.program_id))) {
            visible.insert(m.user_id);
          }
        }
        HEARTH_TRY_ASSIGN(const auto grants, tx.list_grants());
        for (const auto& g : grants) {
          if (g.clinician_id == caller.user_id && g.revoked_at_ms == 0 && now < g.expires_at_ms) {
            visible.insert(g.participant_id);
          }
        }
        HEARTH_TRY_ASSIGN(auto users, tx.list_users());
        for (auto& u : users) {
          const auto roles = RoleSet::parse(u.roles).value_or(RoleSet{});
          const bool listed =
              visible.contains(u.id) || (is_admin(caller) && roles.has(Role::participant));
          if (!listed) continue;
          HEARTH_TRY_ASSIGN(auto v, view(tx, std::move(u)));
          out.push_back(std::move(v));
        }
        auto entry = audit_entry(caller, "participants.list", "people", "");
        entry.detail = "results=" + std::to_string(out.size());
        return audit_.record(tx, entry);
      }));
  return out;
}

Result<PersonView> PeopleService::person(const Caller& caller, std::string_view person_id) {
  // Only id-shaped text reaches the trail; anything else names nobody.
  if (!is_valid_id(person_id)) return Error::of(Errc::not_found, std::string(kNoSuchPerson));
  const auto now = clock_.now_ms();
  std::optional<PersonView> found;
  bool denied = false;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        found.reset();
        denied = false;
        HEARTH_TRY_ASSIGN(auto user, tx.find_user(person_id));
        HEARTH_TRY_ASSIGN(const auto relation, relationship_to(tx, caller, person_id, now));
        if (!user || !can_view_person(caller, relation)) {
          denied = true;
          return audit_.record(tx,
                               audit_entry(caller, "person.read", "person", person_id, "denied"));
        }
        auto entry = audit_entry(caller, "person.read", "person", person_id);
        if (relation.active_grant && !relation.staffs_their_program && !relation.self &&
            !is_admin(caller)) {
          entry.detail = "break_glass";
        }
        HEARTH_TRY(audit_.record(tx, entry));
        HEARTH_TRY_ASSIGN(found, view(tx, std::move(*user)));
        return ok();
      }));
  if (denied) return Error::of(Errc::not_found, std::string(kNoSuchPerson));
  return std::move(*found);
}

Result<PersonView> PeopleService::set_active(const Caller& caller, std::string_view person_id,
                                             bool active) {
  if (!can_manage_people(caller)) return Error::of(Errc::permission_denied, "you may not do this");
  if (!active && person_id == caller.user_id) {
    return Error::of(Errc::conflict, "you cannot deactivate your own account");
  }
  const auto now = clock_.now_ms();
  std::optional<PersonView> result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto user, tx.find_user(person_id));
        if (!user) return Error::of(Errc::not_found, std::string(kNoSuchPerson));
        user->status = active ? "active" : "deactivated";
        user->updated_at_ms = now;
        HEARTH_TRY(tx.update_user(*user));
        auto entry = audit_entry(caller, active ? "person.reactivate" : "person.deactivate",
                                 "person", user->id);
        if (!active) {
          HEARTH_TRY_ASSIGN(const auto ended,
                            tx.end_sessions_of_user(user->id, "", now, "deactivated"));
          entry.detail = "sessions_ended=" + std::to_string(ended);
        }
        HEARTH_TRY(audit_.record(tx, entry));
        HEARTH_TRY_ASSIGN(result, view(tx, std::move(*user)));
        return ok();
      }));
  return std::move(*result);
}

Result<PersonView> PeopleService::set_roles(const Caller& caller, std::string_view person_id,
                                            const std::vector<std::string>& names) {
  if (!can_manage_people(caller)) return Error::of(Errc::permission_denied, "you may not do this");
  const auto roles = RoleSet::from_names(names);
  if (!roles || roles->empty()) {
    return Error::of(Errc::invalid_argument, "roles must name one or more known roles", "roles");
  }
  if (person_id == caller.user_id && !roles->has(Role::admin)) {
    return Error::of(Errc::conflict, "you cannot remove your own admin role");
  }
  std::optional<PersonView> result;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto user, tx.find_user(person_id));
        if (!user) return Error::of(Errc::not_found, std::string(kNoSuchPerson));
        auto entry = audit_entry(caller, "person.roles", "person", user->id);
        entry.detail = "from=" + user->roles + " to=" + roles->to_string();
        user->roles = roles->to_string();
        user->updated_at_ms = clock_.now_ms();
        HEARTH_TRY(tx.update_user(*user));
        HEARTH_TRY(audit_.record(tx, entry));
        HEARTH_TRY_ASSIGN(result, view(tx, std::move(*user)));
        return ok();
      }));
  return std::move(*result);
}

Result<store::GrantRecord> PeopleService::grant(const Caller& caller, const NewGrant& wanted) {
  if (!can_grant_break_glass(caller)) {
    return Error::of(Errc::permission_denied, "you may not do this");
  }
  std::size_t reason_chars = 0;
  for (unsigned char c : wanted.reason) reason_chars += (c & 0xc0) != 0x80;
  if (reason_chars < 10 || reason_chars > 500) {
    return Error::of(Errc::invalid_argument, "reason must be 10 to 500 characters", "reason");
  }
  if (wanted.minutes < 1 || wanted.minutes > 1440) {
    return Error::of(Errc::invalid_argument, "minutes must be between 1 and 1440", "minutes");
  }
  const auto now = clock_.now_ms();
  store::GrantRecord grant;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(const auto clinician, tx.find_user(wanted.clinician_id));
        const auto clinician_roles =
            clinician ? RoleSet::parse(clinician->roles).value_or(RoleSet{}) : RoleSet{};
        if (!clinician || !clinician_roles.has(Role::clinician) || clinician->status != "active") {
          return Error::of(Errc::invalid_argument, "clinician_id must name an active clinician",
                           "clinician_id");
        }
        HEARTH_TRY_ASSIGN(const auto participant, tx.find_user(wanted.participant_id));
        if (!participant ||
            !RoleSet::parse(participant->roles).value_or(RoleSet{}).has(Role::participant)) {
          return Error::of(Errc::invalid_argument, "participant_id must name a participant",
                           "participant_id");
        }
        grant.id = new_id();
        grant.clinician_id = clinician->id;
        grant.participant_id = participant->id;
        grant.reason = wanted.reason;
        grant.granted_by = caller.user_id;
        grant.created_at_ms = now;
        grant.expires_at_ms = now + wanted.minutes * 60'000;
        HEARTH_TRY(tx.insert_grant(grant));
        // The reason stays in the grant, not in the trail: it is free text and may be clinical.
        auto entry = audit_entry(caller, "break_glass.grant", "person", participant->id);
        entry.detail = "grant=" + grant.id + " clinician=" + clinician->id +
                       " minutes=" + std::to_string(wanted.minutes);
        return audit_.record(tx, entry);
      }));
  return grant;
}

Result<std::vector<store::GrantRecord>> PeopleService::list_grants(const Caller& caller) {
  if (!can_grant_break_glass(caller)) {
    return Error::of(Errc::permission_denied, "you may not do this");
  }
  std::vector<store::GrantRecord> grants;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(grants, tx.list_grants());
    return ok();
  }));
  return grants;
}

Result<void> PeopleService::revoke_grant(const Caller& caller, std::string_view grant_id) {
  if (!can_grant_break_glass(caller)) {
    return Error::of(Errc::permission_denied, "you may not do this");
  }
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto grant, tx.find_grant(grant_id));
    if (!grant) return Error::of(Errc::not_found, "no such grant");
    if (grant->revoked_at_ms != 0 || now >= grant->expires_at_ms) {
      return Error::of(Errc::conflict, "this grant has already ended");
    }
    grant->revoked_at_ms = now;
    HEARTH_TRY(tx.update_grant(*grant));
    auto entry = audit_entry(caller, "break_glass.revoke", "person", grant->participant_id);
    entry.detail = "grant=" + grant->id;
    return audit_.record(tx, entry);
  });
}

Result<std::vector<store::AuditRecord>> PeopleService::audit_events(
    const Caller& caller, const store::AuditQuery& query) {
  if (!can_read_audit(caller)) return Error::of(Errc::permission_denied, "you may not do this");
  std::vector<store::AuditRecord> events;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(events, tx.list_audit(query));
        auto entry = audit_entry(caller, "audit.read", "audit", "");
        entry.detail = "results=" + std::to_string(events.size());
        return audit_.record(tx, entry);
      }));
  return events;
}

Result<std::vector<store::AuditRecord>> PeopleService::export_audit(const Caller& caller,
                                                                    std::int64_t from_ms,
                                                                    std::int64_t to_ms) {
  if (!can_read_audit(caller)) return Error::of(Errc::permission_denied, "you may not do this");
  std::vector<store::AuditRecord> rows;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        rows.clear();
        store::AuditQuery query;
        query.from_ms = from_ms;
        query.to_ms = to_ms;
        query.newest_first = false;
        query.limit = 5000;
        for (;;) {
          HEARTH_TRY_ASSIGN(auto page, tx.list_audit(query));
          if (rows.size() + page.size() > kMaxExportRows) {
            return Error::of(
                Errc::invalid_argument,
                "that range holds too many entries for one export; choose a shorter one", "from");
          }
          const bool last = page.size() < query.limit;
          if (!page.empty()) query.after_seq = page.back().seq;
          for (auto& r : page) rows.push_back(std::move(r));
          if (last) break;
        }
        auto entry = audit_entry(caller, "audit.export", "audit", "");
        entry.detail = "rows=" + std::to_string(rows.size());
        return audit_.record(tx, entry);
      }));
  return rows;
}

}  // namespace hearth::identity
