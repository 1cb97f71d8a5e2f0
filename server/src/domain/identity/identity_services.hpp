// IdentityServices: the identity services and the audit trail, built together over one store
// and clock — what `hearth serve`, `hearth demo`, `hearth user` and the route table test share.
// Members refer to each other, so the bundle is neither copied nor moved.
#pragma once

#include "domain/audit/audit_trail.hpp"
#include "domain/identity/account_service.hpp"
#include "domain/identity/enrollment_service.hpp"
#include "domain/identity/people_service.hpp"
#include "domain/identity/session_service.hpp"

namespace hearth::identity {

struct IdentityServices {
  IdentityServices(store::Store& store, const Clock& clock, IdentityOptions options)
      : audit(store, clock),
        sessions(store, clock, audit, std::move(options)),
        enrollment(store, clock, audit, sessions),
        accounts(store, clock, audit, sessions.options()),
        people(store, clock, audit) {}
  IdentityServices(const IdentityServices&) = delete;
  IdentityServices& operator=(const IdentityServices&) = delete;

  audit::AuditTrail audit;
  SessionService sessions;
  EnrollmentService enrollment;
  AccountService accounts;
  PeopleService people;
};

}  // namespace hearth::identity
