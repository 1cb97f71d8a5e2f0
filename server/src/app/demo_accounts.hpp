// The demo accounts that `hearth demo` adds beside the demo program: an admin, two clinicians, a
// peer specialist, eight participants (one also a peer mentor) and a family member, all with one
// published password, and the "demo_mode" setting under which staff may skip TOTP enrolment.
// Loading is idempotent: existing accounts are left as they are.
#pragma once

#include <string>
#include <vector>

#include "app/identity_services.hpp"
#include "domain/program/program.hpp"

namespace hearth::app {

inline constexpr std::string_view kDemoPassword = "Riverbend-demo-2026";

struct DemoAccount {
  std::string email;
  std::string display_name;
  std::string roles;  // as stored: "participant,peer_mentor"
  bool created = false;
};

Result<std::vector<DemoAccount>> load_demo_accounts(store::Store& store, IdentityServices& identity,
                                                    const program::Program& program);

}  // namespace hearth::app
