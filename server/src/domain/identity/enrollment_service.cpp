#include "domain/identity/enrollment_service.hpp"

#include "base/ids.hpp"
#include "crypto/password_hash.hpp"
#include "crypto/password_policy.hpp"
#include "crypto/tokens.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::identity {
namespace {

constexpr std::string_view kLinkNotValid =
    "This link is not valid. It may have expired, been used already, or been withdrawn.";

std::int64_t ms(std::chrono::seconds s) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(s).count();
}

// Staff roles join a program as staff; everyone else as a participant.
std::string_view membership_kind(const RoleSet& roles) {
  return roles.has(Role::clinician) || roles.has(Role::peer_specialist) || roles.has(Role::admin)
             ? "staff"
             : "participant";
}

}  // namespace

InviteStatus invite_status(const store::InviteRecord& invite, std::int64_t now_ms) {
  if (invite.used_at_ms != 0) return InviteStatus::used;
  if (invite.revoked_at_ms != 0) return InviteStatus::revoked;
  if (now_ms >= invite.expires_at_ms) return InviteStatus::expired;
  return InviteStatus::pending;
}

std::string_view invite_status_name(InviteStatus status) {
  switch (status) {
    case InviteStatus::pending:
      return "pending";
    case InviteStatus::used:
      return "used";
    case InviteStatus::revoked:
      return "revoked";
    case InviteStatus::expired:
      return "expired";
  }
  return "expired";
}

Result<std::string> EnrollmentService::checked_password(std::string_view raw,
                                                        std::string_view email,
                                                        std::string_view display_name) const {
  if (raw.empty()) return Error::of(Errc::invalid_argument, "password is required", "password");
  HEARTH_TRY_ASSIGN(auto password, crypto::normalize_password(raw));
  HEARTH_TRY(crypto::check_password_policy(password, {email, display_name}));
  return password;
}

Result<IssuedLink> EnrollmentService::issue(store::Transaction& tx, store::InviteRecord record) {
  IssuedLink link;
  link.token = crypto::random_token();
  record.id = new_id();
  record.token_digest = crypto::token_digest(link.token);
  HEARTH_TRY(tx.insert_invite(record));
  link.record = std::move(record);
  return link;
}

Result<IssuedLink> EnrollmentService::invite(const Caller& caller, const NewInvite& wanted) {
  HEARTH_TRY_ASSIGN(const auto email, normalize_email(wanted.email));
  const auto roles = RoleSet::from_names(wanted.roles);
  if (!roles || roles->empty()) {
    return Error::of(Errc::invalid_argument,
                     "roles must name one or more of participant, peer_mentor, peer_specialist, "
                     "clinician, family, admin",
                     "roles");
  }
  const auto now = clock_.now_ms();
  IssuedLink issued;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        bool staffs = false;
        if (!wanted.program_id.empty()) {
          HEARTH_TRY_ASSIGN(const auto program, tx.find_program(wanted.program_id));
          if (!program) return Error::of(Errc::invalid_argument, "no such program", "program_id");
          HEARTH_TRY_ASSIGN(staffs, staffs_program(tx, caller.user_id, wanted.program_id));
        }
        if (!can_invite(caller, *roles, staffs)) {
          return Error::of(Errc::permission_denied,
                           "you may invite participants into programs you staff only");
        }
        HEARTH_TRY_ASSIGN(const auto existing, tx.find_user_by_email(email));
        if (existing) {
          return Error::of(Errc::already_exists, "someone with this email already has an account",
                           "email");
        }
        store::InviteRecord record;
        record.purpose = "invite";
        record.email = email;
        record.roles = roles->to_string();
        record.program_id = wanted.program_id;
        record.created_by = caller.user_id;
        record.created_at_ms = now;
        record.expires_at_ms = now + ms(sessions_.options().invite_lifetime);
        HEARTH_TRY_ASSIGN(issued, issue(tx, std::move(record)));
        auto entry = audit_entry(caller, "invite.create", "invite", issued.record.id);
        entry.detail = "roles=" + issued.record.roles;
        return audit_.record(tx, entry);
      }));
  return issued;
}

Result<std::vector<store::InviteRecord>> EnrollmentService::list_invites(const Caller& caller) {
  if (!can_list_invites(caller)) return Error::of(Errc::permission_denied, "you may not do this");
  std::vector<store::InviteRecord> out;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto all, tx.list_invites("invite"));
    out.clear();
    for (auto& i : all) {
      if (is_admin(caller) || i.created_by == caller.user_id) out.push_back(std::move(i));
    }
    return ok();
  }));
  return out;
}

Result<void> EnrollmentService::revoke_invite(const Caller& caller, std::string_view invite_id) {
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto invite, tx.find_invite(invite_id));
    if (!invite || invite->purpose != "invite" || !can_revoke_invite(caller, invite->created_by)) {
      return Error::of(Errc::not_found, "no such invitation");
    }
    if (invite_status(*invite, now) != InviteStatus::pending) {
      return Error::of(Errc::conflict, "this invitation is no longer pending");
    }
    invite->revoked_at_ms = now;
    HEARTH_TRY(tx.update_invite(*invite));
    return audit_.record(tx, audit_entry(caller, "invite.revoke", "invite", invite->id));
  });
}

Result<store::InviteRecord> EnrollmentService::lookup(std::string_view token,
                                                      std::string_view purpose) {
  if (!crypto::looks_like_token(token))
    return Error::of(Errc::not_found, std::string(kLinkNotValid));
  const auto digest = crypto::token_digest(token);
  const auto now = clock_.now_ms();
  std::optional<store::InviteRecord> found;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(found, tx.find_invite_by_digest(digest));
    return ok();
  }));
  if (!found || found->purpose != purpose || invite_status(*found, now) != InviteStatus::pending) {
    return Error::of(Errc::not_found, std::string(kLinkNotValid));
  }
  return std::move(*found);
}

Result<StartedSession> EnrollmentService::accept_invite(const InviteAcceptance& a) {
  HEARTH_TRY_ASSIGN(const auto invite, lookup(a.token, "invite"));
  HEARTH_TRY_ASSIGN(const auto display_name, check_display_name(a.display_name));
  HEARTH_TRY_ASSIGN(const auto pronouns, check_pronouns(a.pronouns));
  HEARTH_TRY_ASSIGN(const auto time_zone,
                    check_time_zone(a.time_zone.empty() ? std::string_view("UTC") : a.time_zone));
  HEARTH_TRY_ASSIGN(const auto password, checked_password(a.password, invite.email, display_name));
  HEARTH_TRY_ASSIGN(const auto hash,
                    crypto::hash_password(password, sessions_.options().password_params));
  const auto now = clock_.now_ms();
  std::optional<StartedSession> started;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        // Read again inside the transaction: two tabs accepting at once must not both succeed.
        HEARTH_TRY_ASSIGN(auto current, tx.find_invite(invite.id));
        if (!current || invite_status(*current, now) != InviteStatus::pending) {
          return Error::of(Errc::not_found, std::string(kLinkNotValid));
        }
        HEARTH_TRY_ASSIGN(const auto existing, tx.find_user_by_email(current->email));
        if (existing) {
          return Error::of(Errc::already_exists,
                           "An account with this email address exists already. Sign in instead, or "
                           "ask for a password reset link.");
        }
        store::UserRecord user;
        user.id = new_id();
        user.email = current->email;
        user.display_name = display_name;
        user.pronouns = pronouns;
        user.time_zone = time_zone;
        user.roles = current->roles;
        user.status = "active";
        user.password_hash = hash;
        user.created_at_ms = now;
        user.updated_at_ms = now;
        HEARTH_TRY(tx.insert_user(user));
        if (!current->program_id.empty()) {
          const auto roles = RoleSet::parse(user.roles).value_or(RoleSet{});
          HEARTH_TRY(tx.insert_membership(
              {current->program_id, user.id, std::string(membership_kind(roles)), now}));
        }
        current->used_at_ms = now;
        HEARTH_TRY(tx.update_invite(*current));
        HEARTH_TRY_ASSIGN(auto session, sessions_.start(tx, user, a.client));
        Caller actor = session.state.caller(a.client);
        HEARTH_TRY(audit_.record(tx, audit_entry(actor, "invite.accept", "invite", current->id)));
        started = std::move(session);
        return ok();
      }));
  return std::move(*started);
}

Result<IssuedLink> EnrollmentService::issue_reset(const Caller& caller, std::string_view user_id) {
  if (!is_valid_id(user_id)) return Error::of(Errc::not_found, "no such person");
  const auto now = clock_.now_ms();
  IssuedLink issued;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(const auto user, tx.find_user(user_id));
        if (!user) return Error::of(Errc::not_found, "no such person");
        HEARTH_TRY_ASSIGN(const auto relation, relationship_to(tx, caller, user_id, now));
        if (!can_issue_password_reset(caller, relation)) {
          HEARTH_TRY(audit_.record(
              tx, audit_entry(caller, "password_reset.issue", "person", user_id, "denied")));
          return Error::of(Errc::not_found, "no such person");
        }
        // A new link replaces any earlier one still outstanding.
        HEARTH_TRY_ASSIGN(auto earlier, tx.list_invites("reset"));
        for (auto& link : earlier) {
          if (link.user_id == user->id && invite_status(link, now) == InviteStatus::pending) {
            link.revoked_at_ms = now;
            HEARTH_TRY(tx.update_invite(link));
          }
        }
        store::InviteRecord record;
        record.purpose = "reset";
        record.email = user->email;
        record.user_id = user->id;
        record.created_by = caller.user_id;
        record.created_at_ms = now;
        record.expires_at_ms = now + ms(sessions_.options().reset_lifetime);
        HEARTH_TRY_ASSIGN(issued, issue(tx, std::move(record)));
        return audit_.record(tx, audit_entry(caller, "password_reset.issue", "person", user->id));
      }));
  return issued;
}

Result<void> EnrollmentService::accept_reset(std::string_view token, std::string_view raw_password,
                                             const ClientInfo& client) {
  HEARTH_TRY_ASSIGN(const auto link, lookup(token, "reset"));
  std::optional<store::UserRecord> user;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(user, tx.find_user(link.user_id));
    return ok();
  }));
  if (!user) return Error::of(Errc::not_found, std::string(kLinkNotValid));
  HEARTH_TRY_ASSIGN(const auto password,
                    checked_password(raw_password, user->email, user->display_name));
  HEARTH_TRY_ASSIGN(const auto hash,
                    crypto::hash_password(password, sessions_.options().password_params));
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto current, tx.find_invite(link.id));
    HEARTH_TRY_ASSIGN(auto account, tx.find_user(link.user_id));
    if (!current || !account || invite_status(*current, now) != InviteStatus::pending) {
      return Error::of(Errc::not_found, std::string(kLinkNotValid));
    }
    account->password_hash = hash;
    account->updated_at_ms = now;
    HEARTH_TRY(tx.update_user(*account));
    current->used_at_ms = now;
    HEARTH_TRY(tx.update_invite(*current));
    HEARTH_TRY_ASSIGN(const auto ended,
                      tx.end_sessions_of_user(account->id, "", now, "password_reset"));
    HEARTH_TRY(tx.clear_throttle("email:" + account->email));
    audit::Entry entry;
    entry.actor_id = account->id;
    entry.action = "password_reset.accept";
    entry.subject_type = "person";
    entry.subject_id = account->id;
    entry.client_address = client.address;
    entry.user_agent = client.user_agent;
    entry.detail = "sessions_ended=" + std::to_string(ended);
    return audit_.record(tx, entry);
  });
}

Result<std::pair<store::UserRecord, bool>> EnrollmentService::ensure_account(
    const NewAccount& wanted) {
  HEARTH_TRY_ASSIGN(const auto email, normalize_email(wanted.email));
  HEARTH_TRY_ASSIGN(const auto display_name, check_display_name(wanted.display_name));
  HEARTH_TRY_ASSIGN(const auto pronouns, check_pronouns(wanted.pronouns));
  HEARTH_TRY_ASSIGN(const auto time_zone, check_time_zone(wanted.time_zone));
  if (wanted.roles.empty())
    return Error::of(Errc::invalid_argument, "an account needs a role", "roles");
  std::optional<store::UserRecord> existing;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(existing, tx.find_user_by_email(email));
    return ok();
  }));
  if (existing) return std::pair{std::move(*existing), false};
  HEARTH_TRY_ASSIGN(const auto password, checked_password(wanted.password, email, display_name));
  std::string hash = wanted.password_hash;
  if (hash.empty()) {
    HEARTH_TRY_ASSIGN(hash, crypto::hash_password(password, sessions_.options().password_params));
  }
  const auto now = clock_.now_ms();
  store::UserRecord user;
  user.id = new_id();
  user.email = email;
  user.display_name = display_name;
  user.pronouns = pronouns;
  user.time_zone = time_zone;
  user.roles = wanted.roles.to_string();
  user.status = "active";
  user.password_hash = hash;
  user.created_at_ms = now;
  user.updated_at_ms = now;
  HEARTH_TRY(
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY(tx.insert_user(user));
        audit::Entry entry;
        entry.action = "account.create";
        entry.subject_type = "person";
        entry.subject_id = user.id;
        entry.client_address = "operator";
        entry.detail = "roles=" + user.roles;
        return audit_.record(tx, entry);
      }));
  return std::pair{std::move(user), true};
}

Result<void> EnrollmentService::ensure_membership(std::string_view program_id,
                                                  std::string_view user_id, std::string_view kind) {
  const auto now = clock_.now_ms();
  return store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_user(user_id));
    for (const auto& m : memberships) {
      if (m.program_id == program_id && m.kind == kind) return ok();
    }
    return tx.insert_membership(
        {std::string(program_id), std::string(user_id), std::string(kind), now});
  });
}

}  // namespace hearth::identity
