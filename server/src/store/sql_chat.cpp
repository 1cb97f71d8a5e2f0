// The chat part of SqlTransaction: rooms, their numbered messages, and the safety alerts raised
// on messages (migration 4); read positions (migration 6); edits and deletions with the earlier
// versions (migration 7); private conversations' people (migration 8); hidden messages
// (migration 11); a message's thread, reactions, mentions and files (migration 14; the rest of
// that migration is in sql_chat_extras.cpp).
//
// A room's messages are read by number over the (room_id, seq) unique index, in both
// directions, so a history page or a catch-up after a reconnect is one index range.
#include <array>
#include <string>
#include <vector>

#include "store/chat_message_extras.hpp"
#include "store/sql_transaction.hpp"

namespace hearth::store {
namespace {

constexpr std::string_view kRoomColumns =
    "SELECT id, kind, program_id, group_id, last_seq, created_at_ms, last_change_seq "
    "FROM chat_rooms";

Result<ChatRoomRecord> room_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatRoomRecord r;
  r.id = c.text();
  r.kind = c.text();
  r.program_id = c.text();
  r.group_id = c.text();
  r.last_seq = c.integer();
  r.created_at_ms = c.integer();
  r.last_change_seq = c.integer();
  return c.finish(std::move(r));
}

// With the author's display name, from a join on users.
constexpr std::string_view kMessageColumns =
    "SELECT m.id, m.room_id, m.seq, m.author_id, m.client_message_id, m.text, m.created_at_ms, "
    "u.display_name, m.edited_at_ms, m.deleted_at_ms, m.deleted_by, m.change_seq, "
    "m.hidden_at_ms, m.hidden_by, m.hidden_reason, m.hidden_note, m.thread_root_id, "
    "m.reply_count, m.last_reply_at_ms, m.reactions, m.mentions, m.files "
    "FROM chat_messages m JOIN users u ON u.id = m.author_id";

Result<ChatMessageRecord> message_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatMessageRecord m;
  m.id = c.text();
  m.room_id = c.text();
  m.seq = c.integer();
  m.author_id = c.text();
  m.client_message_id = c.text();
  m.text = c.text();
  m.created_at_ms = c.integer();
  m.author_name = c.text();
  m.edited_at_ms = c.integer();
  m.deleted_at_ms = c.integer();
  m.deleted_by = c.text();
  m.change_seq = c.integer();
  m.hidden_at_ms = c.integer();
  m.hidden_by = c.text();
  m.hidden_reason = c.text();
  m.hidden_note = c.text();
  m.thread_root_id = c.text();
  m.reply_count = c.integer();
  m.last_reply_at_ms = c.integer();
  m.reactions = decode_reactions(c.text());
  m.mentions = decode_user_ids(c.text());
  m.files = decode_files(c.text());
  return c.finish(std::move(m));
}

constexpr std::string_view kAlertColumns =
    "SELECT id, participant_id, program_id, room_id, message_id, category, created_at_ms, "
    "acknowledged_by, acknowledged_at_ms FROM safety_alerts";

Result<SafetyAlertRecord> alert_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  SafetyAlertRecord a;
  a.id = c.text();
  a.participant_id = c.text();
  a.program_id = c.text();
  a.room_id = c.text();
  a.message_id = c.text();
  a.category = c.text();
  a.created_at_ms = c.integer();
  a.acknowledged_by = c.text();
  a.acknowledged_at_ms = c.integer();
  return c.finish(std::move(a));
}

Result<ChatReadPosition> read_position_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatReadPosition p;
  p.room_id = c.text();
  p.last_read_seq = c.integer();
  return c.finish(std::move(p));
}

Result<CrisisResourceRecord> crisis_resource_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  CrisisResourceRecord r;
  r.name = c.text();
  r.contact = c.text();
  r.url = c.text();
  return c.finish(std::move(r));
}

Result<ChatRoomMember> member_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatRoomMember m;
  m.user_id = c.text();
  m.display_name = c.text();
  m.last_read_seq = c.integer();
  return c.finish(std::move(m));
}

Result<ChatMessageVersion> version_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ChatMessageVersion v;
  v.id = c.text();
  v.message_id = c.text();
  v.text = c.text();
  v.replaced_at_ms = c.integer();
  v.replaced_by = c.text();
  v.reason = c.text();
  return c.finish(std::move(v));
}

}  // namespace

Result<ChatRoomRecord> SqlTransaction::ensure_chat_room(const ChatRoomRecord& wanted) {
  const std::array<SqlParam, 5> params = {wanted.id, wanted.kind, wanted.program_id,
                                          wanted.group_id, wanted.created_at_ms};
  // A room made by someone else meanwhile wins: DO NOTHING, then read whichever is there.
  HEARTH_TRY(write("ensure_chat_room",
                   "INSERT INTO chat_rooms (id, kind, program_id, group_id, last_seq, "
                   "created_at_ms) VALUES ($1, $2, $3, $4, 0, $5) "
                   "ON CONFLICT (kind, program_id, group_id) DO NOTHING",
                   params));
  static const std::string sql =
      joined(kRoomColumns, " WHERE kind = $1 AND program_id = $2 AND group_id = $3");
  const std::array<SqlParam, 3> key = {wanted.kind, wanted.program_id, wanted.group_id};
  HEARTH_TRY_ASSIGN(auto room, read_one("ensure_chat_room", sql, key, &room_at));
  if (!room) return Error::of(Errc::internal, "a chat room just made could not be read");
  return std::move(*room);
}

Result<std::optional<ChatRoomRecord>> SqlTransaction::find_chat_room(std::string_view id) {
  static const std::string sql = joined(kRoomColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_chat_room", sql, params, &room_at);
}

Result<std::int64_t> SqlTransaction::take_chat_seq(std::string_view room_id) {
  const std::array<SqlParam, 1> params = {room_id};
  return read_integer("take_chat_seq",
                      "UPDATE chat_rooms SET last_seq = last_seq + 1 WHERE id = $1 "
                      "RETURNING last_seq",
                      params);
}

Result<void> SqlTransaction::insert_chat_message(const ChatMessageRecord& m) {
  const auto mentions = encode_user_ids(m.mentions);
  const auto files = encode_files(m.files);
  const std::array<SqlParam, 14> params = {m.id,
                                           m.room_id,
                                           m.seq,
                                           m.author_id,
                                           m.client_message_id,
                                           m.text,
                                           m.created_at_ms,
                                           m.edited_at_ms,
                                           m.deleted_at_ms,
                                           m.deleted_by,
                                           m.change_seq,
                                           m.thread_root_id,
                                           mentions,
                                           files};
  return write("insert_chat_message",
               "INSERT INTO chat_messages (id, room_id, seq, author_id, client_message_id, text, "
               "created_at_ms, edited_at_ms, deleted_at_ms, deleted_by, change_seq, "
               "thread_root_id, mentions, files) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
               params);
}

Result<std::optional<ChatMessageRecord>> SqlTransaction::find_chat_message(std::string_view id) {
  static const std::string sql = joined(kMessageColumns, " WHERE m.id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_chat_message", sql, params, &message_at);
}

Result<std::int64_t> SqlTransaction::take_chat_change_seq(std::string_view room_id) {
  const std::array<SqlParam, 1> params = {room_id};
  return read_integer("take_chat_change_seq",
                      "UPDATE chat_rooms SET last_change_seq = last_change_seq + 1 WHERE id = $1 "
                      "RETURNING last_change_seq",
                      params);
}

Result<void> SqlTransaction::update_chat_message(const ChatMessageRecord& m) {
  const auto reactions = encode_reactions(m.reactions);
  const auto mentions = encode_user_ids(m.mentions);
  const std::array<SqlParam, 14> params = {
      m.id,         m.text,        m.edited_at_ms, m.deleted_at_ms,
      m.deleted_by, m.change_seq,  m.hidden_at_ms, m.hidden_reason,
      m.hidden_by,  m.hidden_note, m.reply_count,  m.last_reply_at_ms,
      reactions,    mentions};
  return change_one("update_chat_message",
                    "UPDATE chat_messages SET text = $2, edited_at_ms = $3, deleted_at_ms = $4, "
                    "deleted_by = $5, change_seq = $6, hidden_at_ms = $7, hidden_reason = $8, "
                    "hidden_by = $9, hidden_note = $10, reply_count = $11, "
                    "last_reply_at_ms = $12, reactions = $13, mentions = $14 "
                    "WHERE id = $1 RETURNING id",
                    params);
}

Result<void> SqlTransaction::insert_chat_message_version(const ChatMessageVersion& v) {
  const std::array<SqlParam, 6> params = {v.id,          v.message_id, v.text, v.replaced_at_ms,
                                          v.replaced_by, v.reason};
  return write("insert_chat_message_version",
               "INSERT INTO chat_message_versions (id, message_id, text, replaced_at_ms, "
               "replaced_by, reason) VALUES ($1, $2, $3, $4, $5, $6)",
               params);
}

Result<std::vector<ChatMessageVersion>> SqlTransaction::list_chat_message_versions(
    std::string_view message_id) {
  const std::array<SqlParam, 1> params = {message_id};
  return read_all("list_chat_message_versions",
                  "SELECT id, message_id, text, replaced_at_ms, replaced_by, reason "
                  "FROM chat_message_versions WHERE message_id = $1 ORDER BY replaced_at_ms, id",
                  params, &version_at);
}

Result<std::vector<ChatMessageRecord>> SqlTransaction::list_changed_chat_messages(
    std::string_view room_id, std::int64_t after_change_seq, std::size_t limit) {
  static const std::string sql =
      joined(kMessageColumns,
             // "change_seq > 0" lets both databases use the partial index (migration 16).
             " WHERE m.room_id = $1 AND m.change_seq > 0 AND m.change_seq > $2"
             " ORDER BY m.change_seq LIMIT $3");
  const std::array<SqlParam, 3> params = {room_id, after_change_seq,
                                          static_cast<std::int64_t>(limit)};
  return read_all("list_changed_chat_messages", sql, params, &message_at);
}

Result<std::optional<ChatMessageRecord>> SqlTransaction::find_chat_message_by_client_id(
    std::string_view room_id, std::string_view author_id, std::string_view client_message_id) {
  static const std::string sql = joined(
      kMessageColumns, " WHERE m.room_id = $1 AND m.author_id = $2 AND m.client_message_id = $3");
  const std::array<SqlParam, 3> params = {room_id, author_id, client_message_id};
  return read_one("find_chat_message_by_client_id", sql, params, &message_at);
}

Result<std::vector<ChatMessageRecord>> SqlTransaction::list_chat_messages(
    const ChatMessageQuery& query) {
  static const std::string oldest_first =
      joined(kMessageColumns,
             " WHERE m.room_id = $1 AND m.seq > $2 AND m.seq < $3 ORDER BY m.seq LIMIT $4");
  static const std::string newest_first =
      joined(kMessageColumns,
             " WHERE m.room_id = $1 AND m.seq > $2 AND m.seq < $3 ORDER BY m.seq DESC LIMIT $4");
  const std::array<SqlParam, 4> params = {query.room_id, query.after_seq, query.before_seq,
                                          static_cast<std::int64_t>(query.limit)};
  return read_all("list_chat_messages", query.newest_first ? newest_first : oldest_first, params,
                  &message_at);
}

Result<std::vector<ChatMessageRecord>> SqlTransaction::list_chat_thread(std::string_view root_id,
                                                                        std::int64_t after_seq,
                                                                        std::size_t limit) {
  static const std::string sql = joined(
      kMessageColumns, " WHERE m.thread_root_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3");
  const std::array<SqlParam, 3> params = {root_id, after_seq, static_cast<std::int64_t>(limit)};
  return read_all("list_chat_thread", sql, params, &message_at);
}

Result<std::vector<ChatMessageRecord>> SqlTransaction::search_chat_messages(
    const ChatSearchQuery& query) {
  if (query.room_ids.empty() || query.terms.empty()) return std::vector<ChatMessageRecord>{};
  const bool sqlite = connection_.dialect() == Dialect::sqlite;
  // Every term a prefix, all of them required. The terms hold letters and digits only, so the
  // quotes cannot be closed early: FTS5 reads "term"* and PostgreSQL 'term':* as one word's
  // beginning (a term the database's own tokenizer splits further becomes a phrase).
  std::string match;
  for (const auto& term : query.terms) {
    if (!match.empty()) match += sqlite ? " " : " & ";
    match += sqlite ? "\"" + term + "\"*" : "'" + term + "':*";
  }
  std::string sql(kMessageColumns);
  sql += sqlite ? " JOIN chat_messages_search ON chat_messages_search.rowid = m.rowid "
                  "WHERE chat_messages_search MATCH $1"
                : " WHERE m.search_terms @@ to_tsquery('english', $1)";
  sql +=
      " AND m.deleted_at_ms = 0 AND m.hidden_at_ms = 0 AND (m.created_at_ms < $2 OR "
      "(m.created_at_ms = $2 AND m.id < $3))"
      " AND m.room_id IN (";
  std::vector<SqlParam> params = {match, query.before_ms,
                                  query.before_id.empty() ? std::string_view("~") : query.before_id,
                                  static_cast<std::int64_t>(query.limit)};
  for (std::size_t i = 0; i < query.room_ids.size(); ++i) {
    sql += (i == 0 ? "$" : ", $") + std::to_string(params.size() + 1);
    params.emplace_back(query.room_ids[i]);
  }
  sql += ") ORDER BY m.created_at_ms DESC, m.id DESC LIMIT $4";
  return read_all("search_chat_messages", sql, params, &message_at);
}

Result<std::size_t> SqlTransaction::index_chat_search(std::size_t most) {
  if (connection_.dialect() != Dialect::sqlite || most == 0) return std::size_t{0};
  // The batch's last rowid first, so that the index and the progress mark move together.
  const std::array<SqlParam, 1> limit = {static_cast<std::int64_t>(most)};
  auto batch = run("find_unindexed_chat_messages",
                   "SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM (SELECT rowid FROM chat_messages "
                   "WHERE rowid > (SELECT indexed_to FROM chat_search_progress) "
                   "ORDER BY rowid LIMIT $1)",
                   limit);
  if (!batch.ok()) return std::move(batch).error();
  if (batch->empty()) return std::size_t{0};
  HEARTH_TRY_ASSIGN(const std::int64_t count, batch->integer(0, 0));
  if (count == 0) return std::size_t{0};
  HEARTH_TRY_ASSIGN(const std::int64_t last_rowid, batch->integer(0, 1));
  const std::array<SqlParam, 1> last = {last_rowid};
  HEARTH_TRY(write("index_chat_messages",
                   "INSERT INTO chat_messages_search (rowid, text) SELECT rowid, text "
                   "FROM chat_messages WHERE rowid > (SELECT indexed_to FROM chat_search_progress) "
                   "AND rowid <= $1",
                   last));
  HEARTH_TRY(write("advance_chat_search_progress",
                   "UPDATE chat_search_progress SET indexed_to = $1", last));
  return static_cast<std::size_t>(count);
}

Result<void> SqlTransaction::insert_chat_room_member(std::string_view room_id,
                                                     std::string_view user_id,
                                                     std::int64_t added_at_ms) {
  const std::array<SqlParam, 3> params = {room_id, user_id, added_at_ms};
  return write("insert_chat_room_member",
               "INSERT INTO chat_room_members (room_id, user_id, added_at_ms) VALUES ($1, $2, $3) "
               "ON CONFLICT (room_id, user_id) DO NOTHING",
               params);
}

Result<std::vector<ChatRoomMember>> SqlTransaction::list_chat_room_members(
    std::string_view room_id) {
  const std::array<SqlParam, 1> params = {room_id};
  return read_all("list_chat_room_members",
                  "SELECT m.user_id, u.display_name, COALESCE(p.last_read_seq, 0) "
                  "FROM chat_room_members m JOIN users u ON u.id = m.user_id "
                  "LEFT JOIN chat_read_positions p "
                  "ON p.room_id = m.room_id AND p.user_id = m.user_id "
                  "WHERE m.room_id = $1 ORDER BY m.added_at_ms, m.user_id",
                  params, &member_at);
}

Result<std::vector<ChatRoomRecord>> SqlTransaction::list_private_chat_rooms(
    std::string_view user_id) {
  static const std::string sql =
      joined(kRoomColumns,
             " WHERE kind = 'private' AND id IN "
             "(SELECT room_id FROM chat_room_members WHERE user_id = $1) "
             "ORDER BY created_at_ms, id");
  const std::array<SqlParam, 1> params = {user_id};
  return read_all("list_private_chat_rooms", sql, params, &room_at);
}

Result<std::int64_t> SqlTransaction::advance_chat_read_position(std::string_view room_id,
                                                                std::string_view user_id,
                                                                std::int64_t seq,
                                                                std::int64_t now_ms) {
  const std::array<SqlParam, 4> params = {room_id, user_id, seq, now_ms};
  // CASE rather than max()/GREATEST(): the one spelling both databases share.
  return read_integer(
      "advance_chat_read_position",
      "INSERT INTO chat_read_positions (room_id, user_id, last_read_seq, updated_at_ms) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, room_id) DO UPDATE SET "
      "last_read_seq = CASE WHEN excluded.last_read_seq > chat_read_positions.last_read_seq "
      "THEN excluded.last_read_seq ELSE chat_read_positions.last_read_seq END, "
      "updated_at_ms = excluded.updated_at_ms RETURNING last_read_seq",
      params);
}

Result<std::vector<ChatReadPosition>> SqlTransaction::list_chat_read_positions(
    std::string_view user_id) {
  const std::array<SqlParam, 1> params = {user_id};
  return read_all(
      "list_chat_read_positions",
      "SELECT room_id, last_read_seq FROM chat_read_positions WHERE user_id = $1 ORDER BY room_id",
      params, &read_position_at);
}

Result<void> SqlTransaction::insert_safety_alert(const SafetyAlertRecord& a) {
  const std::array<SqlParam, 9> params = {
      a.id,       a.participant_id, a.program_id,      a.room_id,           a.message_id,
      a.category, a.created_at_ms,  a.acknowledged_by, a.acknowledged_at_ms};
  return write("insert_safety_alert",
               "INSERT INTO safety_alerts (id, participant_id, program_id, room_id, message_id, "
               "category, created_at_ms, acknowledged_by, acknowledged_at_ms) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               params);
}

Result<bool> SqlTransaction::has_safety_alert(std::string_view message_id) {
  const std::array<SqlParam, 1> params = {message_id};
  return any_row("has_safety_alert", "SELECT 1 FROM safety_alerts WHERE message_id = $1", params);
}

Result<std::optional<SafetyAlertRecord>> SqlTransaction::find_safety_alert(std::string_view id) {
  static const std::string sql = joined(kAlertColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_safety_alert", sql, params, &alert_at);
}

Result<std::vector<SafetyAlertRecord>> SqlTransaction::list_safety_alerts(
    std::string_view program_id, bool open_only, std::size_t limit) {
  static const std::string all_sql =
      joined(kAlertColumns, " WHERE program_id = $1 ORDER BY created_at_ms DESC, id DESC LIMIT $2");
  static const std::string open_sql = joined(kAlertColumns,
                                             " WHERE program_id = $1 AND acknowledged_at_ms = 0 "
                                             "ORDER BY created_at_ms DESC, id DESC LIMIT $2");
  const std::array<SqlParam, 2> params = {program_id, static_cast<std::int64_t>(limit)};
  return read_all("list_safety_alerts", open_only ? open_sql : all_sql, params, &alert_at);
}

Result<bool> SqlTransaction::acknowledge_safety_alert(std::string_view id, std::string_view user_id,
                                                      std::int64_t at_ms) {
  const std::array<SqlParam, 3> params = {id, user_id, at_ms};
  return any_row("acknowledge_safety_alert",
                 "UPDATE safety_alerts SET acknowledged_by = $2, acknowledged_at_ms = $3 "
                 "WHERE id = $1 AND acknowledged_at_ms = 0 RETURNING id",
                 params);
}

Result<std::vector<CrisisResourceRecord>> SqlTransaction::list_crisis_resources(
    std::string_view program_id) {
  const std::array<SqlParam, 1> params = {program_id};
  return read_all("list_crisis_resources",
                  "SELECT name, contact, url FROM program_crisis_resources "
                  "WHERE program_id = $1 ORDER BY position",
                  params, &crisis_resource_at);
}

Result<void> SqlTransaction::replace_crisis_resources(
    std::string_view program_id, const std::vector<CrisisResourceRecord>& resources) {
  const std::array<SqlParam, 1> key = {program_id};
  HEARTH_TRY(write("delete_crisis_resources",
                   "DELETE FROM program_crisis_resources WHERE program_id = $1", key));
  std::int64_t position = 0;
  for (const auto& r : resources) {
    const std::array<SqlParam, 5> params = {program_id, position++, r.name, r.contact, r.url};
    HEARTH_TRY(write("insert_crisis_resource",
                     "INSERT INTO program_crisis_resources "
                     "(program_id, position, name, contact, url) VALUES ($1, $2, $3, $4, $5)",
                     params));
  }
  return ok();
}

}  // namespace hearth::store
