// PeopleService: the care team's and admins' view of people — the people list, a clinician's
// participants, one person's record (every read audited, refusals too), deactivation, role
// changes, break-glass grants (HIPAA 164.312(a)(2)(ii) emergency access) and reading the audit
// trail. Decisions come from identity_policy.hpp; a person the caller may not see answers
// not_found, so ids cannot be probed.
//
// Methods block on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/identity/session_service.hpp"

namespace hearth::identity {

struct PersonProgram {
  std::string id;
  std::string name;
  std::string membership;  // "participant" or "staff"
};

struct PersonView {
  store::UserRecord user;
  RoleSet roles;
  std::vector<PersonProgram> programs;
};

struct PeopleFilter {
  std::string query;   // part of the name or email, any case
  std::string role;    // "" for any
  std::string status;  // "" for any
};

struct NewGrant {
  std::string clinician_id;
  std::string participant_id;
  std::string reason;
  std::int64_t minutes = 0;
};

class PeopleService {
 public:
  PeopleService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<std::vector<PersonView>> list_people(const Caller& caller, const PeopleFilter& filter);
  Result<std::vector<PersonView>> list_participants(const Caller& caller);
  Result<PersonView> person(const Caller& caller, std::string_view person_id);

  // Deactivation ends every session of the person at once.
  Result<PersonView> set_active(const Caller& caller, std::string_view person_id, bool active);
  Result<PersonView> set_roles(const Caller& caller, std::string_view person_id,
                               const std::vector<std::string>& roles);

  Result<store::GrantRecord> grant(const Caller& caller, const NewGrant& grant);
  Result<std::vector<store::GrantRecord>> list_grants(const Caller& caller);
  Result<void> revoke_grant(const Caller& caller, std::string_view grant_id);

  // Reading the audit trail is itself audited.
  Result<std::vector<store::AuditRecord>> audit_events(const Caller& caller,
                                                       const store::AuditQuery& query);
  // Every entry in [from_ms, to_ms), oldest first, for a CSV export; Errc::invalid_argument if
  // the range holds more than kMaxExportRows (export a shorter range).
  static constexpr std::size_t kMaxExportRows = 200'000;
  Result<std::vector<store::AuditRecord>> export_audit(const Caller& caller, std::int64_t from_ms,
                                                       std::int64_t to_ms);

 private:
  Result<PersonView> view(store::Transaction& tx, store::UserRecord user);

  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
};

}  // namespace hearth::identity
