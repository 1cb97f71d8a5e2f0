// AccountService: what signed-in people change about their own account — profile and display
// preferences, password, the TOTP second factor and its recovery codes. Changing the password
// ends the account's other sessions. Every change is audited (without the values).
//
// Methods block on the store and on Argon2id: run them through BlockingPool. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/identity/session_service.hpp"

namespace hearth::identity {

struct ProfileChange {
  std::optional<std::string> display_name;
  std::optional<std::string> pronouns;
  std::optional<std::string> time_zone;
  std::optional<std::int64_t> text_size;
  std::optional<bool> high_contrast;
};

struct TotpSetup {
  std::string secret;  // base32, for typing into an app by hand
  std::string otpauth_uri;
};

class AccountService {
 public:
  AccountService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit,
                 const IdentityOptions& options)
      : store_(store), clock_(clock), audit_(audit), options_(options) {}

  Result<store::UserRecord> account(const Caller& caller);
  Result<store::UserRecord> update_profile(const Caller& caller, const ProfileChange& change);
  Result<void> change_password(const Caller& caller, std::string_view current_password,
                               std::string_view new_password);

  // Starts (or restarts) enrolment with a new secret; it takes effect at confirm_totp.
  Result<TotpSetup> begin_totp(const Caller& caller);
  // Checks a code against the pending secret, turns the second factor on and returns ten new
  // recovery codes, shown this once.
  Result<std::vector<std::string>> confirm_totp(const Caller& caller, std::string_view code);
  Result<void> disable_totp(const Caller& caller, std::string_view password);
  Result<std::vector<std::string>> regenerate_recovery_codes(const Caller& caller,
                                                             std::string_view password);

 private:
  Result<store::UserRecord> load(store::Transaction& tx, const Caller& caller);
  Result<void> check_password(const store::UserRecord& user, std::string_view password,
                              std::string_view field) const;
  Result<std::vector<std::string>> store_new_recovery_codes(store::Transaction& tx,
                                                            const store::UserRecord& user);

  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
  const IdentityOptions& options_;
};

}  // namespace hearth::identity
