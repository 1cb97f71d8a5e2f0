// The audit part of SqlTransaction: appending to the hash chain and reading it back.
#include <array>
#include <string>

#include "base/ids.hpp"
#include "store/sql_transaction.hpp"

namespace hearth::store {
namespace {

constexpr std::string_view kAuditColumns =
    "SELECT seq, id, at_ms, actor_id, action, subject_type, subject_id, client_address, "
    "user_agent, outcome, detail, prev_hash, hash FROM audit_events";

Result<AuditRecord> audit_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  AuditRecord a;
  a.seq = c.integer();
  a.id = c.text();
  a.at_ms = c.integer();
  a.actor_id = c.text();
  a.action = c.text();
  a.subject_type = c.text();
  a.subject_id = c.text();
  a.client_address = c.text();
  a.user_agent = c.text();
  a.outcome = c.text();
  a.detail = c.text();
  a.prev_hash = c.text();
  a.hash = c.text();
  return c.finish(std::move(a));
}

struct Head {
  std::int64_t seq = 0;
  std::string hash;
};

Result<Head> head_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  Head head;
  head.seq = c.integer();
  head.hash = c.text();
  return c.finish(std::move(head));
}

}  // namespace

Result<AuditRecord> SqlTransaction::append_audit(
    AuditRecord record, const std::function<std::string(const AuditRecord&)>& seal) {
  // Moving the head first makes this transaction the head row's writer before it reads
  // anything: on PostgreSQL a concurrent append then waits for it, and fails with 40001
  // (retried as a whole) rather than building on a stale head.
  auto head = read_one("move_audit_head",
                       "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq - 1, hash",
                       {}, &head_at);
  if (!head.ok()) return std::move(head).error();
  if (!head->has_value()) return Error::of(Errc::internal, "move_audit_head: no head row");
  record.seq = (*head)->seq + 1;
  record.prev_hash = (*head)->hash;
  if (record.id.empty()) record.id = new_id();
  record.hash = seal(record);

  const std::array<SqlParam, 13> params = {
      record.seq,        record.id,           record.at_ms,      record.actor_id,
      record.action,     record.subject_type, record.subject_id, record.client_address,
      record.user_agent, record.outcome,      record.detail,     record.prev_hash,
      record.hash};
  auto inserted = run("insert_audit_event",
                      "INSERT INTO audit_events (seq, id, at_ms, actor_id, action, subject_type, "
                      "subject_id, client_address, user_agent, outcome, detail, prev_hash, hash) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                      params);
  if (!inserted.ok()) return std::move(inserted).error();
  const std::array<SqlParam, 1> new_hash = {record.hash};
  auto moved = change_one("set_audit_head",
                          "UPDATE audit_head SET hash = $1 WHERE id = 1 RETURNING id", new_hash);
  if (!moved.ok()) return std::move(moved).error();
  return record;
}

Result<std::vector<AuditRecord>> SqlTransaction::list_audit(const AuditQuery& q) {
  std::string sql(kAuditColumns);
  sql +=
      " WHERE at_ms >= $1 AND at_ms < $2 AND seq < $3 AND seq > $4 "
      "AND ($5 = '' OR actor_id = $5) AND ($6 = '' OR action = $6)";
  sql += q.newest_first ? " ORDER BY seq DESC" : " ORDER BY seq";
  sql += " LIMIT $7";
  const std::array<SqlParam, 7> params = {q.from_ms,
                                          q.to_ms,
                                          q.before_seq,
                                          q.after_seq,
                                          q.actor_id,
                                          q.action,
                                          static_cast<std::int64_t>(q.limit)};
  return read_all("list_audit", sql, params, &audit_at);
}

Result<std::int64_t> SqlTransaction::audit_length() {
  auto head =
      read_one("audit_length", "SELECT seq, hash FROM audit_head WHERE id = 1", {}, &head_at);
  if (!head.ok()) return std::move(head).error();
  if (!head->has_value()) return Error::of(Errc::internal, "audit_length: no head row");
  return (*head)->seq;
}

}  // namespace hearth::store
