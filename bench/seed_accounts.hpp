// Shared by the benchmark seeders (schedule_seed.cpp, chat_seed.cpp): a fresh database claimed
// once, and accounts made through the enrolment service as the app makes them.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "base/result.hpp"
#include "crypto/password_hash.hpp"
#include "crypto/password_policy.hpp"
#include "domain/identity/identity_services.hpp"
#include "store/store.hpp"

namespace hearth::bench {

// Marks the database as seeded by `seeder`, or refuses one that any seeder already filled: a
// second seeding would mix two workloads in one measurement.
inline Result<void> claim_fresh_database(store::Store& store, std::string_view seeder) {
  return store.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto seeded, tx.find_setting("bench_seeded"));
    if (seeded) return Error::of(Errc::conflict, "this database is already seeded; use a new one");
    return tx.put_setting("bench_seeded", std::string(seeder));
  });
}

// Makes accounts that all share one password. The password is hashed once: Argon2id takes about
// a tenth of a second, and a benchmark needs thousands of accounts.
class SeedAccounts {
 public:
  static Result<SeedAccounts> create(identity::IdentityServices& identity,
                                     std::string_view password, std::string_view time_zone) {
    HEARTH_TRY_ASSIGN(const auto normalized, crypto::normalize_password(password));
    HEARTH_TRY_ASSIGN(
        auto hash, crypto::hash_password(normalized, identity.sessions.options().password_params));
    return SeedAccounts(identity, password, time_zone, std::move(hash));
  }

  Result<store::UserRecord> make(std::string email, std::string name,
                                 identity::RoleSet roles) const {
    identity::NewAccount a;
    a.email = std::move(email);
    a.display_name = std::move(name);
    a.password = password_;
    a.roles = roles;
    a.time_zone = time_zone_;
    a.password_hash = hash_;
    HEARTH_TRY_ASSIGN(auto made, identity_->enrollment.ensure_account(a));
    return std::move(made.first);
  }

 private:
  SeedAccounts(identity::IdentityServices& identity, std::string_view password,
               std::string_view time_zone, std::string hash)
      : identity_(&identity), password_(password), time_zone_(time_zone), hash_(std::move(hash)) {}

  identity::IdentityServices* identity_;
  std::string password_;
  std::string time_zone_;
  std::string hash_;
};

}  // namespace hearth::bench
