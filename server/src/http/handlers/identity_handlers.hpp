// The routes of accounts and the care team (docs/api.md): sign-in and sessions, invitations and
// reset links (auth_handlers.cpp), one's own account (account_handlers.cpp), and people,
// invitations sent, break-glass grants and the audit trail (people_handlers.cpp). Thin: decode,
// call a service on the BlockingPool, encode.
#pragma once

#include <string>

#include "base/blocking_pool.hpp"
#include "base/clock.hpp"
#include "domain/identity/account_service.hpp"
#include "domain/identity/enrollment_service.hpp"
#include "domain/identity/people_service.hpp"
#include "domain/identity/session_service.hpp"
#include "http/router.hpp"

namespace hearth::http {

struct IdentityDeps {
  identity::SessionService& sessions;
  identity::EnrollmentService& enrollment;
  identity::AccountService& accounts;
  identity::PeopleService& people;
  BlockingPool& blocking;
  const Clock& clock;
  std::string public_origin;  // for links; "" = the request's own origin
};

void add_auth_routes(Router& router, const IdentityDeps& deps);
void add_account_routes(Router& router, const IdentityDeps& deps);
void add_people_routes(Router& router, const IdentityDeps& deps);

}  // namespace hearth::http
