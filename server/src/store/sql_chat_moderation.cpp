// The moderation part of SqlTransaction: members' reports of messages and the reviewers'
// decisions on them (migration 12), and moderators' mutes and removals (migration 13). A
// program's report queue is read newest first over (program_id, created_at_ms), the open ones
// over a partial index of the undecided; a person's restriction in a room is one row by its key.
#include <array>
#include <string>
#include <vector>

#include "store/sql_transaction.hpp"

namespace hearth::store {
namespace {

constexpr std::string_view kReportColumns =
    "SELECT id, message_id, room_id, program_id, reporter_id, reason, note, created_at_ms, "
    "decided_by, decided_at_ms, decision FROM chat_reports";

Result<ChatReportRecord> report_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatReportRecord r;
  r.id = c.text();
  r.message_id = c.text();
  r.room_id = c.text();
  r.program_id = c.text();
  r.reporter_id = c.text();
  r.reason = c.text();
  r.note = c.text();
  r.created_at_ms = c.integer();
  r.decided_by = c.text();
  r.decided_at_ms = c.integer();
  r.decision = c.text();
  return c.finish(std::move(r));
}

// With the person's and the moderator's display names, from joins on users.
constexpr std::string_view kRestrictionColumns =
    "SELECT r.room_id, r.user_id, r.kind, r.until_ms, r.reason, r.note, r.muted_by, r.at_ms, "
    "u.display_name, b.display_name FROM chat_restrictions r "
    "JOIN users u ON u.id = r.user_id JOIN users b ON b.id = r.muted_by";

Result<ChatRestrictionRecord> restriction_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatRestrictionRecord r;
  r.room_id = c.text();
  r.user_id = c.text();
  r.kind = c.text();
  r.until_ms = c.integer();
  r.reason = c.text();
  r.note = c.text();
  r.by = c.text();
  r.at_ms = c.integer();
  r.user_name = c.text();
  r.by_name = c.text();
  return c.finish(std::move(r));
}

}  // namespace

Result<bool> SqlTransaction::insert_chat_report(const ChatReportRecord& r) {
  const std::array<SqlParam, 11> params = {
      r.id,   r.message_id,    r.room_id,    r.program_id,    r.reporter_id, r.reason,
      r.note, r.created_at_ms, r.decided_by, r.decided_at_ms, r.decision};
  return any_row("insert_chat_report",
                 "INSERT INTO chat_reports (id, message_id, room_id, program_id, reporter_id, "
                 "reason, note, created_at_ms, decided_by, decided_at_ms, decision) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                 "ON CONFLICT (message_id, reporter_id) DO NOTHING RETURNING id",
                 params);
}

Result<std::optional<ChatReportRecord>> SqlTransaction::find_chat_report(std::string_view id) {
  static const std::string sql = joined(kReportColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_chat_report", sql, params, &report_at);
}

Result<std::optional<ChatReportRecord>> SqlTransaction::find_chat_report_by_reporter(
    std::string_view message_id, std::string_view reporter_id) {
  static const std::string sql =
      joined(kReportColumns, " WHERE message_id = $1 AND reporter_id = $2");
  const std::array<SqlParam, 2> params = {message_id, reporter_id};
  return read_one("find_chat_report_by_reporter", sql, params, &report_at);
}

Result<std::vector<ChatReportRecord>> SqlTransaction::list_chat_reports(std::string_view program_id,
                                                                        bool open_only,
                                                                        std::size_t limit) {
  static const std::string all_sql = joined(
      kReportColumns, " WHERE program_id = $1 ORDER BY created_at_ms DESC, id DESC LIMIT $2");
  static const std::string open_sql = joined(kReportColumns,
                                             " WHERE program_id = $1 AND decided_at_ms = 0 "
                                             "ORDER BY created_at_ms DESC, id DESC LIMIT $2");
  const std::array<SqlParam, 2> params = {program_id, static_cast<std::int64_t>(limit)};
  return read_all("list_chat_reports", open_only ? open_sql : all_sql, params, &report_at);
}

Result<std::int64_t> SqlTransaction::decide_chat_reports(std::string_view message_id,
                                                         std::string_view decided_by,
                                                         std::string_view decision,
                                                         std::int64_t at_ms) {
  const std::array<SqlParam, 4> params = {message_id, decided_by, at_ms, decision};
  return row_count("decide_chat_reports",
                   "UPDATE chat_reports SET decided_by = $2, decided_at_ms = $3, decision = $4 "
                   "WHERE message_id = $1 AND decided_at_ms = 0 RETURNING id",
                   params);
}

Result<void> SqlTransaction::put_chat_restriction(const ChatRestrictionRecord& r) {
  const std::array<SqlParam, 8> params = {r.room_id, r.user_id, r.kind, r.until_ms,
                                          r.reason,  r.note,    r.by,   r.at_ms};
  return write("put_chat_restriction",
               "INSERT INTO chat_restrictions (room_id, user_id, kind, until_ms, reason, note, "
               "muted_by, at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
               "ON CONFLICT (room_id, user_id) DO UPDATE SET kind = excluded.kind, "
               "until_ms = excluded.until_ms, reason = excluded.reason, note = excluded.note, "
               "muted_by = excluded.muted_by, at_ms = excluded.at_ms",
               params);
}

Result<std::optional<ChatRestrictionRecord>> SqlTransaction::find_chat_restriction(
    std::string_view room_id, std::string_view user_id) {
  static const std::string sql =
      joined(kRestrictionColumns, " WHERE r.room_id = $1 AND r.user_id = $2");
  const std::array<SqlParam, 2> params = {room_id, user_id};
  return read_one("find_chat_restriction", sql, params, &restriction_at);
}

Result<bool> SqlTransaction::delete_chat_restriction(std::string_view room_id,
                                                     std::string_view user_id) {
  const std::array<SqlParam, 2> params = {room_id, user_id};
  return any_row("delete_chat_restriction",
                 "DELETE FROM chat_restrictions WHERE room_id = $1 AND user_id = $2 "
                 "RETURNING room_id",
                 params);
}

Result<std::vector<ChatRestrictionRecord>> SqlTransaction::list_chat_restrictions(
    std::string_view room_id) {
  static const std::string sql =
      joined(kRestrictionColumns, " WHERE r.room_id = $1 ORDER BY u.display_name, r.user_id");
  const std::array<SqlParam, 1> params = {room_id};
  return read_all("list_chat_restrictions", sql, params, &restriction_at);
}

Result<std::vector<ChatRestrictionRecord>> SqlTransaction::list_chat_restrictions_of_user(
    std::string_view user_id) {
  static const std::string sql =
      joined(kRestrictionColumns, " WHERE r.user_id = $1 ORDER BY r.room_id");
  const std::array<SqlParam, 1> params = {user_id};
  return read_all("list_chat_restrictions_of_user", sql, params, &restriction_at);
}

}  // namespace hearth::store
