// EnrollmentService: invitation-only enrolment and password reset links.
//
// An invitation (7 days) or reset link (24 hours) is a single-use random token; the store keeps
// only its digest. Admins invite anyone; a clinician invites participants into a program they
// staff (identity_policy.hpp). Accepting an invitation creates the account with the invited
// roles and signs the person in; accepting a reset link sets a new password and ends every
// session of the account. Every step is audited.
//
// Methods block on the store and on Argon2id: run them through BlockingPool. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/identity/session_service.hpp"

namespace hearth::identity {

struct NewInvite {
  std::string email;
  std::vector<std::string> roles;
  std::string program_id;  // "" for none
};

struct IssuedLink {
  store::InviteRecord record;
  std::string token;  // goes into the link once; never stored
};

struct InviteAcceptance {
  std::string token;
  std::string password;
  std::string display_name;
  std::string pronouns;
  std::string time_zone;
  ClientInfo client;
};

// For people created without an invitation: the demo accounts and the first admin.
struct NewAccount {
  std::string email;
  std::string display_name;
  std::string password;
  RoleSet roles;
  std::string time_zone = "UTC";
  std::string pronouns;
  // When set, used instead of hashing `password` again (the demo accounts share one password,
  // and one Argon2id hash of it serves them all). `password` is still checked against the rules.
  std::string password_hash;
};

enum class InviteStatus { pending, used, revoked, expired };
InviteStatus invite_status(const store::InviteRecord& invite, std::int64_t now_ms);
std::string_view invite_status_name(InviteStatus status);

class EnrollmentService {
 public:
  EnrollmentService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit,
                    SessionService& sessions)
      : store_(store), clock_(clock), audit_(audit), sessions_(sessions) {}

  Result<IssuedLink> invite(const Caller& caller, const NewInvite& invite);
  Result<std::vector<store::InviteRecord>> list_invites(const Caller& caller);
  Result<void> revoke_invite(const Caller& caller, std::string_view invite_id);

  // The pending link for a token, or Errc::not_found when it is unknown, used, revoked or
  // expired (one answer for all four, so that a guessed token learns nothing).
  Result<store::InviteRecord> lookup(std::string_view token, std::string_view purpose);
  Result<StartedSession> accept_invite(const InviteAcceptance& acceptance);

  Result<IssuedLink> issue_reset(const Caller& caller, std::string_view user_id);
  Result<void> accept_reset(std::string_view token, std::string_view password,
                            const ClientInfo& client);

  // Creates an account directly, or leaves an existing one with that email as it is; returns it
  // and whether it was created. For `hearth demo` and `hearth user add`, run by the operator.
  Result<std::pair<store::UserRecord, bool>> ensure_account(const NewAccount& account);
  // Adds the membership unless it exists.
  Result<void> ensure_membership(std::string_view program_id, std::string_view user_id,
                                 std::string_view kind);

 private:
  Result<IssuedLink> issue(store::Transaction& tx, store::InviteRecord record);
  Result<std::string> checked_password(std::string_view raw, std::string_view email,
                                       std::string_view display_name) const;

  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
  SessionService& sessions_;
};

}  // namespace hearth::identity
