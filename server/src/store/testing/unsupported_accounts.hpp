// UnsupportedAccounts: a Transaction base for in-memory fakes in unit tests of one area. It
// answers every accounts and audit method with Errc::internal, so a fake implements only what its
// test uses and fails loudly if the code under test reaches for anything else.
#pragma once

#include <string>

#include "store/store.hpp"

namespace hearth::store::testing {

class UnsupportedAccounts : public Transaction {
 public:
  Result<void> set_program_idle_timeout(std::string_view, int) override {
    return unsupported("set_program_idle_timeout");
  }
  Result<void> insert_user(const UserRecord&) override { return unsupported("insert_user"); }
  Result<void> update_user(const UserRecord&) override { return unsupported("update_user"); }
  Result<std::optional<UserRecord>> find_user(std::string_view) override {
    return unsupported("find_user");
  }
  Result<std::optional<UserRecord>> find_user_by_email(std::string_view) override {
    return unsupported("find_user_by_email");
  }
  Result<std::vector<UserRecord>> list_users() override { return unsupported("list_users"); }
  Result<void> insert_membership(const MembershipRecord&) override {
    return unsupported("insert_membership");
  }
  Result<std::vector<MembershipRecord>> list_memberships_of_user(std::string_view) override {
    return unsupported("list_memberships_of_user");
  }
  Result<std::vector<MembershipRecord>> list_memberships() override {
    return unsupported("list_memberships");
  }
  Result<void> insert_invite(const InviteRecord&) override { return unsupported("insert_invite"); }
  Result<void> update_invite(const InviteRecord&) override { return unsupported("update_invite"); }
  Result<std::optional<InviteRecord>> find_invite(std::string_view) override {
    return unsupported("find_invite");
  }
  Result<std::optional<InviteRecord>> find_invite_by_digest(std::string_view) override {
    return unsupported("find_invite_by_digest");
  }
  Result<std::vector<InviteRecord>> list_invites(std::string_view) override {
    return unsupported("list_invites");
  }
  Result<void> insert_session(const SessionRecord&) override {
    return unsupported("insert_session");
  }
  Result<void> update_session(const SessionRecord&) override {
    return unsupported("update_session");
  }
  Result<std::optional<SessionRecord>> find_session(std::string_view) override {
    return unsupported("find_session");
  }
  Result<std::optional<SessionRecord>> find_session_by_digest(std::string_view) override {
    return unsupported("find_session_by_digest");
  }
  Result<std::vector<SessionRecord>> list_open_sessions(std::string_view) override {
    return unsupported("list_open_sessions");
  }
  Result<std::int64_t> end_sessions_of_user(std::string_view, std::string_view, std::int64_t,
                                            std::string_view) override {
    return unsupported("end_sessions_of_user");
  }
  Result<void> replace_recovery_codes(std::string_view, const std::vector<std::string>&,
                                      std::int64_t) override {
    return unsupported("replace_recovery_codes");
  }
  Result<bool> use_recovery_code(std::string_view, std::string_view, std::int64_t) override {
    return unsupported("use_recovery_code");
  }
  Result<std::optional<ThrottleRecord>> find_throttle(std::string_view) override {
    return unsupported("find_throttle");
  }
  Result<void> put_throttle(const ThrottleRecord&) override { return unsupported("put_throttle"); }
  Result<void> clear_throttle(std::string_view) override { return unsupported("clear_throttle"); }
  Result<void> insert_grant(const GrantRecord&) override { return unsupported("insert_grant"); }
  Result<void> update_grant(const GrantRecord&) override { return unsupported("update_grant"); }
  Result<std::optional<GrantRecord>> find_grant(std::string_view) override {
    return unsupported("find_grant");
  }
  Result<std::vector<GrantRecord>> list_grants() override { return unsupported("list_grants"); }
  Result<std::optional<std::string>> find_setting(std::string_view) override {
    return unsupported("find_setting");
  }
  Result<void> put_setting(std::string_view, std::string_view) override {
    return unsupported("put_setting");
  }
  Result<AuditRecord> append_audit(AuditRecord,
                                   const std::function<std::string(const AuditRecord&)>&) override {
    return unsupported("append_audit");
  }
  Result<std::vector<AuditRecord>> list_audit(const AuditQuery&) override {
    return unsupported("list_audit");
  }

  Result<std::int64_t> audit_length() override { return unsupported("audit_length"); }

 private:
  static Error unsupported(std::string_view method) {
    return Error::of(Errc::internal, std::string(method) + " is not supported by this fake");
  }
};

}  // namespace hearth::store::testing
