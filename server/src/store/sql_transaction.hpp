// SqlTransaction: the one implementation of Transaction, over a SqlConnection of either driver.
//
// A failed statement spoils the transaction, as PostgreSQL does: the first failure is kept,
// later calls return it again without touching the database, and SqlStore::transact rolls back
// and reports it even if fn returned ok. SQLite is made to behave the same so that callers see
// one behaviour whichever driver runs.
//
// Ownership: borrows the connection for the life of one attempt inside transact().
// Threads: used only by the thread running that attempt.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "store/sql.hpp"
#include "store/store.hpp"

namespace hearth::store {

class SqlTransaction final : public Transaction {
 public:
  explicit SqlTransaction(SqlConnection& connection) : connection_(connection) {}

  Result<void> insert_program(const ProgramRecord& program) override;
  Result<std::optional<ProgramRecord>> find_program(std::string_view id) override;
  Result<std::optional<ProgramRecord>> find_program_by_slug(std::string_view slug) override;
  Result<std::vector<ProgramRecord>> list_programs() override;
  Result<void> set_program_idle_timeout(std::string_view id, int minutes) override;

  Result<void> insert_group(const GroupRecord& group) override;
  Result<std::vector<GroupRecord>> list_groups(std::string_view program_id) override;

  // sql_identity.cpp
  Result<void> insert_user(const UserRecord& user) override;
  Result<void> update_user(const UserRecord& user) override;
  Result<std::optional<UserRecord>> find_user(std::string_view id) override;
  Result<std::optional<UserRecord>> find_user_by_email(std::string_view email) override;
  Result<std::vector<UserRecord>> list_users() override;
  Result<void> insert_membership(const MembershipRecord& membership) override;
  Result<std::vector<MembershipRecord>> list_memberships_of_user(std::string_view user_id) override;
  Result<std::vector<MembershipRecord>> list_memberships() override;
  Result<void> insert_invite(const InviteRecord& invite) override;
  Result<void> update_invite(const InviteRecord& invite) override;
  Result<std::optional<InviteRecord>> find_invite(std::string_view id) override;
  Result<std::optional<InviteRecord>> find_invite_by_digest(std::string_view digest) override;
  Result<std::vector<InviteRecord>> list_invites(std::string_view purpose) override;
  Result<void> insert_session(const SessionRecord& session) override;
  Result<void> update_session(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> find_session(std::string_view id) override;
  Result<std::optional<SessionRecord>> find_session_by_digest(std::string_view digest) override;
  Result<std::vector<SessionRecord>> list_open_sessions(std::string_view user_id) override;
  Result<std::int64_t> end_sessions_of_user(std::string_view user_id, std::string_view except_id,
                                            std::int64_t at_ms, std::string_view reason) override;
  Result<void> replace_recovery_codes(std::string_view user_id,
                                      const std::vector<std::string>& digests,
                                      std::int64_t at_ms) override;
  Result<bool> use_recovery_code(std::string_view user_id, std::string_view digest,
                                 std::int64_t at_ms) override;
  Result<std::optional<ThrottleRecord>> find_throttle(std::string_view key) override;
  Result<void> put_throttle(const ThrottleRecord& throttle) override;
  Result<void> clear_throttle(std::string_view key) override;
  Result<void> insert_grant(const GrantRecord& grant) override;
  Result<void> update_grant(const GrantRecord& grant) override;
  Result<std::optional<GrantRecord>> find_grant(std::string_view id) override;
  Result<std::vector<GrantRecord>> list_grants() override;
  Result<std::optional<std::string>> find_setting(std::string_view key) override;
  Result<void> put_setting(std::string_view key, std::string_view value) override;

  // sql_audit.cpp
  Result<AuditRecord> append_audit(
      AuditRecord record, const std::function<std::string(const AuditRecord&)>& seal) override;
  Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) override;
  Result<std::int64_t> audit_length() override;

  // The first statement failure in this transaction, if any.
  const std::optional<Error>& failure() const { return failure_; }

 private:
  Result<SqlRows> run(std::string_view operation, std::string_view sql,
                      std::span<const SqlParam> params);
  Result<std::optional<ProgramRecord>> find_one_program(std::string_view operation,
                                                        std::string_view sql, std::string_view key);

  // Runs a statement that must change exactly one row; Errc::not_found if it changed none.
  Result<void> change_one(std::string_view operation, std::string_view sql,
                          std::span<const SqlParam> params);
  // Runs a query and reads each row with `read`.
  template <class Record>
  Result<std::vector<Record>> read_all(std::string_view operation, std::string_view sql,
                                       std::span<const SqlParam> params,
                                       Result<Record> (*read)(const SqlRows&, std::size_t));
  template <class Record>
  Result<std::optional<Record>> read_one(std::string_view operation, std::string_view sql,
                                         std::span<const SqlParam> params,
                                         Result<Record> (*read)(const SqlRows&, std::size_t));

  SqlConnection& connection_;
  std::optional<Error> failure_;
};

template <class Record>
Result<std::vector<Record>> SqlTransaction::read_all(
    std::string_view operation, std::string_view sql, std::span<const SqlParam> params,
    Result<Record> (*read)(const SqlRows&, std::size_t)) {
  auto rows = run(operation, sql, params);
  if (!rows.ok()) return std::move(rows).error();
  std::vector<Record> records;
  records.reserve(rows->size());
  for (std::size_t row = 0; row < rows->size(); ++row) {
    auto record = read(*rows, row);
    if (!record.ok()) return std::move(record).error();
    records.push_back(std::move(record).value());
  }
  return records;
}

template <class Record>
Result<std::optional<Record>> SqlTransaction::read_one(
    std::string_view operation, std::string_view sql, std::span<const SqlParam> params,
    Result<Record> (*read)(const SqlRows&, std::size_t)) {
  auto all = read_all(operation, sql, params, read);
  if (!all.ok()) return std::move(all).error();
  if (all->empty()) return std::optional<Record>();
  return std::optional<Record>(std::move(all->front()));
}

}  // namespace hearth::store
