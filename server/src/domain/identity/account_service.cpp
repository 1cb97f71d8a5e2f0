#include "domain/identity/account_service.hpp"

#include "crypto/password_hash.hpp"
#include "crypto/password_policy.hpp"
#include "crypto/recovery_codes.hpp"
#include "crypto/totp.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::identity {

Result<store::UserRecord> AccountService::load(store::Transaction& tx, const Caller& caller) {
  HEARTH_TRY_ASSIGN(auto user, tx.find_user(caller.user_id));
  if (!user) return Error::of(Errc::unauthenticated, "sign in to do this");
  return std::move(*user);
}

Result<void> AccountService::check_password(const store::UserRecord& user,
                                            std::string_view password,
                                            std::string_view field) const {
  if (password.empty()) {
    return Error::of(Errc::invalid_argument, std::string(field) + " is required",
                     std::string(field));
  }
  HEARTH_TRY_ASSIGN(const auto normalized, crypto::normalize_password(password));
  if (!crypto::verify_password(user.password_hash, normalized)) {
    return Error::of(Errc::invalid_argument, "the current password is not right",
                     std::string(field));
  }
  return ok();
}

Result<store::UserRecord> AccountService::account(const Caller& caller) {
  std::optional<store::UserRecord> user;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(user, load(tx, caller));
    return ok();
  }));
  return std::move(*user);
}

Result<store::UserRecord> AccountService::update_profile(const Caller& caller,
                                                         const ProfileChange& change) {
  std::optional<std::string> display_name, pronouns, time_zone;
  if (change.display_name) {
    HEARTH_TRY_ASSIGN(display_name, check_display_name(*change.display_name));
  }
  if (change.pronouns) {
    HEARTH_TRY_ASSIGN(pronouns, check_pronouns(*change.pronouns));
  }
  if (change.time_zone) {
    HEARTH_TRY_ASSIGN(time_zone, check_time_zone(*change.time_zone));
  }
  if (change.text_size) HEARTH_TRY(check_text_size(*change.text_size));
  std::optional<store::UserRecord> updated;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto user, load(tx, caller));
        if (display_name) user.display_name = *display_name;
        if (pronouns) user.pronouns = *pronouns;
        if (time_zone) user.time_zone = *time_zone;
        if (change.text_size) user.text_size = static_cast<int>(*change.text_size);
        if (change.high_contrast) user.high_contrast = *change.high_contrast;
        user.updated_at_ms = clock_.now_ms();
        HEARTH_TRY(tx.update_user(user));
        HEARTH_TRY(audit_.record(tx, audit_entry(caller, "account.update", "person", user.id)));
        updated = std::move(user);
        return ok();
      }));
  return std::move(*updated);
}

Result<void> AccountService::change_password(const Caller& caller,
                                             std::string_view current_password,
                                             std::string_view new_password) {
  std::optional<store::UserRecord> user;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(user, load(tx, caller));
    return ok();
  }));
  HEARTH_TRY(check_password(*user, current_password, "current_password"));
  if (new_password.empty()) {
    return Error::of(Errc::invalid_argument, "new_password is required", "new_password");
  }
  HEARTH_TRY_ASSIGN(const auto normalized, crypto::normalize_password(new_password));
  if (auto policy = crypto::check_password_policy(normalized, {user->email, user->display_name});
      !policy) {
    Error error = std::move(policy).error();
    error.field = "new_password";
    return error;
  }
  HEARTH_TRY_ASSIGN(const auto hash, crypto::hash_password(normalized, options_.password_params));
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto account, load(tx, caller));
    account.password_hash = hash;
    account.updated_at_ms = now;
    HEARTH_TRY(tx.update_user(account));
    HEARTH_TRY_ASSIGN(const auto ended, tx.end_sessions_of_user(account.id, caller.session_id, now,
                                                                "password_changed"));
    auto entry = audit_entry(caller, "password.change", "person", account.id);
    entry.detail = "other_sessions_ended=" + std::to_string(ended);
    return audit_.record(tx, entry);
  });
}

Result<TotpSetup> AccountService::begin_totp(const Caller& caller) {
  TotpSetup setup;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto user, load(tx, caller));
        if (user.totp_enabled) {
          return Error::of(Errc::conflict, "two-step sign-in is already on for this account");
        }
        user.totp_secret = crypto::new_totp_secret();
        user.updated_at_ms = clock_.now_ms();
        HEARTH_TRY(tx.update_user(user));
        setup.secret = user.totp_secret;
        setup.otpauth_uri = crypto::otpauth_uri(options_.totp_issuer, user.email, user.totp_secret);
        return audit_.record(tx, audit_entry(caller, "totp.begin", "person", user.id));
      }));
  return setup;
}

Result<std::vector<std::string>> AccountService::store_new_recovery_codes(
    store::Transaction& tx, const store::UserRecord& user) {
  auto codes = crypto::new_recovery_codes();
  std::vector<std::string> digests;
  digests.reserve(codes.size());
  for (const auto& code : codes) {
    digests.push_back(recovery_digest(user.id, crypto::normalize_recovery_code(code)));
  }
  HEARTH_TRY(tx.replace_recovery_codes(user.id, digests, clock_.now_ms()));
  return codes;
}

Result<std::vector<std::string>> AccountService::confirm_totp(const Caller& caller,
                                                              std::string_view code) {
  std::vector<std::string> codes;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto user, load(tx, caller));
        if (user.totp_enabled) {
          return Error::of(Errc::conflict, "two-step sign-in is already on for this account");
        }
        if (user.totp_secret.empty()) {
          return Error::of(Errc::conflict, "start setting up two-step sign-in first");
        }
        const auto step = crypto::verify_totp(user.totp_secret, code, clock_.now_ms() / 1000,
                                              user.totp_last_step);
        if (!step) {
          return Error::of(Errc::invalid_argument,
                           "that code is not right; check the time on your device", "code");
        }
        user.totp_enabled = true;
        user.totp_last_step = *step;
        user.updated_at_ms = clock_.now_ms();
        HEARTH_TRY(tx.update_user(user));
        HEARTH_TRY_ASSIGN(codes, store_new_recovery_codes(tx, user));
        return audit_.record(tx, audit_entry(caller, "totp.enable", "person", user.id));
      }));
  return codes;
}

Result<void> AccountService::disable_totp(const Caller& caller, std::string_view password) {
  if (!can_disable_second_factor(caller)) {
    return Error::of(Errc::permission_denied, "staff accounts must keep two-step sign-in");
  }
  HEARTH_TRY_ASSIGN(const auto user, account(caller));
  HEARTH_TRY(check_password(user, password, "password"));
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto current, load(tx, caller));
    current.totp_enabled = false;
    current.totp_secret.clear();
    current.updated_at_ms = clock_.now_ms();
    HEARTH_TRY(tx.update_user(current));
    HEARTH_TRY(tx.replace_recovery_codes(current.id, {}, clock_.now_ms()));
    return audit_.record(tx, audit_entry(caller, "totp.disable", "person", current.id));
  });
}

Result<std::vector<std::string>> AccountService::regenerate_recovery_codes(
    const Caller& caller, std::string_view password) {
  HEARTH_TRY_ASSIGN(const auto user, account(caller));
  HEARTH_TRY(check_password(user, password, "password"));
  if (!user.totp_enabled) {
    return Error::of(Errc::conflict, "turn on two-step sign-in first");
  }
  std::vector<std::string> codes;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(const auto current, load(tx, caller));
        HEARTH_TRY_ASSIGN(codes, store_new_recovery_codes(tx, current));
        return audit_.record(
            tx, audit_entry(caller, "recovery_codes.regenerate", "person", current.id));
      }));
  return codes;
}

}  // namespace hearth::identity
