#include "app/demo_accounts.hpp"

#include "crypto/password_hash.hpp"
#include "crypto/password_policy.hpp"

namespace hearth::app {

Result<std::vector<DemoAccount>> load_demo_accounts(store::Store& store, IdentityServices& identity,
                                                    const program::Program& program) {
  using identity::Role;
  struct Wanted {
    const char* email;
    const char* name;
    identity::RoleSet roles;
    const char* pronouns;
  };
  const std::vector<Wanted> wanted = {
      {"admin@riverbend.example", "Morgan Reyes", {Role::admin}, "they/them"},
      {"priya.shah@riverbend.example", "Dr. Priya Shah", {Role::clinician}, "she/her"},
      {"sam.okafor@riverbend.example", "Dr. Sam Okafor", {Role::clinician}, "he/him"},
      {"jordan.lee@riverbend.example", "Jordan Lee", {Role::peer_specialist}, "he/him"},
      {"avery@riverbend.example", "Avery M.", {Role::participant}, ""},
      {"blake@riverbend.example", "Blake T.", {Role::participant}, ""},
      {"casey@riverbend.example", "Casey R.", {Role::participant, Role::peer_mentor}, "she/her"},
      {"devon@riverbend.example", "Devon K.", {Role::participant}, ""},
      {"emery@riverbend.example", "Emery S.", {Role::participant}, ""},
      {"finley@riverbend.example", "Finley O.", {Role::participant}, ""},
      {"harper@riverbend.example", "Harper J.", {Role::participant}, ""},
      {"kai@riverbend.example", "Kai W.", {Role::participant}, ""},
      {"robin@riverbend.example", "Robin M.", {Role::family}, ""},
  };
  HEARTH_TRY(store.transact(store::Access::read_write, [](store::Transaction& tx) {
    return tx.put_setting("demo_mode", "on");
  }));
  HEARTH_TRY_ASSIGN(const auto normalized, crypto::normalize_password(kDemoPassword));
  HEARTH_TRY_ASSIGN(const auto shared_hash,
                    crypto::hash_password(normalized, identity.sessions.options().password_params));
  std::vector<DemoAccount> out;
  for (const auto& w : wanted) {
    identity::NewAccount account;
    account.email = w.email;
    account.display_name = w.name;
    account.password = std::string(kDemoPassword);
    account.roles = w.roles;
    account.pronouns = w.pronouns;
    account.time_zone = program.time_zone;
    account.password_hash = shared_hash;
    HEARTH_TRY_ASSIGN(const auto made, identity.enrollment.ensure_account(account));
    const auto& user = made.first;
    // Staff of the program see its participants; family joins nothing until consent exists.
    if (w.roles.has(Role::clinician) || w.roles.has(Role::peer_specialist)) {
      HEARTH_TRY(identity.enrollment.ensure_membership(program.id, user.id, "staff"));
    } else if (w.roles.has(Role::participant)) {
      HEARTH_TRY(identity.enrollment.ensure_membership(program.id, user.id, "participant"));
    }
    out.push_back({user.email, user.display_name, user.roles, made.second});
  }
  return out;
}

}  // namespace hearth::app
