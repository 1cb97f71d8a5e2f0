// The accounts part of SqlTransaction: people, memberships, invites and reset links, sessions,
// recovery codes, sign-in throttling, break-glass grants and settings (docs/storage/schema.md).
#include <array>
#include <string>

#include "store/sql_transaction.hpp"

namespace hearth::store {
namespace {

constexpr std::string_view kUserColumns =
    "SELECT id, email, display_name, pronouns, time_zone, roles, status, password_hash, "
    "totp_secret, totp_enabled, totp_last_step, text_size, high_contrast, created_at_ms, "
    "updated_at_ms FROM users";

Result<UserRecord> user_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  UserRecord u;
  u.id = c.text();
  u.email = c.text();
  u.display_name = c.text();
  u.pronouns = c.text();
  u.time_zone = c.text();
  u.roles = c.text();
  u.status = c.text();
  u.password_hash = c.text();
  u.totp_secret = c.text();
  u.totp_enabled = c.boolean();
  u.totp_last_step = c.integer();
  u.text_size = static_cast<int>(c.integer());
  u.high_contrast = c.boolean();
  u.created_at_ms = c.integer();
  u.updated_at_ms = c.integer();
  return c.finish(std::move(u));
}

Result<PersonNameRecord> person_name_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  PersonNameRecord person;
  person.id = c.text();
  person.display_name = c.text();
  person.pronouns = c.text();
  person.roles = c.text();
  return c.finish(std::move(person));
}

constexpr std::string_view kMembershipColumns =
    "SELECT program_id, user_id, kind, created_at_ms, status, admitted_on, "
    "expected_discharge_on, discharged_on, age_band, updated_at_ms FROM program_memberships";

Result<MembershipRecord> membership_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  MembershipRecord m;
  m.program_id = c.text();
  m.user_id = c.text();
  m.kind = c.text();
  m.created_at_ms = c.integer();
  m.status = c.text();
  m.admitted_on = c.text();
  m.expected_discharge_on = c.text();
  m.discharged_on = c.text();
  m.age_band = c.text();
  m.updated_at_ms = c.integer();
  return c.finish(std::move(m));
}

// What update_membership writes, bound after the key by both statements.
std::array<SqlParam, 6> membership_fields(const MembershipRecord& m) {
  return {m.status,        m.admitted_on, m.expected_discharge_on,
          m.discharged_on, m.age_band,    m.updated_at_ms};
}

constexpr std::string_view kInviteColumns =
    "SELECT id, token_digest, purpose, email, roles, program_id, user_id, created_by, "
    "created_at_ms, expires_at_ms, used_at_ms, revoked_at_ms FROM invites";

Result<InviteRecord> invite_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  InviteRecord i;
  i.id = c.text();
  i.token_digest = c.text();
  i.purpose = c.text();
  i.email = c.text();
  i.roles = c.text();
  i.program_id = c.text();
  i.user_id = c.text();
  i.created_by = c.text();
  i.created_at_ms = c.integer();
  i.expires_at_ms = c.integer();
  i.used_at_ms = c.integer();
  i.revoked_at_ms = c.integer();
  return c.finish(std::move(i));
}

constexpr std::string_view kSessionColumns =
    "SELECT id, token_digest, user_id, csrf_token, created_at_ms, last_seen_ms, idle_timeout_ms, "
    "absolute_expires_ms, user_agent, ended_at_ms, end_reason FROM sessions";

Result<SessionRecord> session_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  SessionRecord s;
  s.id = c.text();
  s.token_digest = c.text();
  s.user_id = c.text();
  s.csrf_token = c.text();
  s.created_at_ms = c.integer();
  s.last_seen_ms = c.integer();
  s.idle_timeout_ms = c.integer();
  s.absolute_expires_ms = c.integer();
  s.user_agent = c.text();
  s.ended_at_ms = c.integer();
  s.end_reason = c.text();
  return c.finish(std::move(s));
}

Result<ThrottleRecord> throttle_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  ThrottleRecord t;
  t.key = c.text();
  t.failures = static_cast<int>(c.integer());
  t.last_failure_ms = c.integer();
  return c.finish(std::move(t));
}

constexpr std::string_view kGrantColumns =
    "SELECT id, clinician_id, participant_id, reason, granted_by, created_at_ms, expires_at_ms, "
    "revoked_at_ms FROM break_glass_grants";

Result<GrantRecord> grant_at(const SqlRows& rows, std::size_t row) {
  SqlRowCursor c(rows, row);
  GrantRecord g;
  g.id = c.text();
  g.clinician_id = c.text();
  g.participant_id = c.text();
  g.reason = c.text();
  g.granted_by = c.text();
  g.created_at_ms = c.integer();
  g.expires_at_ms = c.integer();
  g.revoked_at_ms = c.integer();
  return c.finish(std::move(g));
}

Result<std::string> text_at(const SqlRows& rows, std::size_t row) {
  return rows.text(row, 0);
}

}  // namespace

// --- people --------------------------------------------------------------------------------

Result<void> SqlTransaction::insert_user(const UserRecord& u) {
  const std::array<SqlParam, 15> params = {u.id,
                                           u.email,
                                           u.display_name,
                                           u.pronouns,
                                           u.time_zone,
                                           u.roles,
                                           u.status,
                                           u.password_hash,
                                           u.totp_secret,
                                           std::int64_t{u.totp_enabled},
                                           u.totp_last_step,
                                           std::int64_t{u.text_size},
                                           std::int64_t{u.high_contrast},
                                           u.created_at_ms,
                                           u.updated_at_ms};
  auto rows = run("insert_user",
                  "INSERT INTO users (id, email, display_name, pronouns, time_zone, roles, status, "
                  "password_hash, totp_secret, totp_enabled, totp_last_step, text_size, "
                  "high_contrast, created_at_ms, updated_at_ms) VALUES ($1, $2, $3, $4, $5, $6, "
                  "$7, $8, $9, $10, $11, $12, $13, $14, $15)",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<void> SqlTransaction::update_user(const UserRecord& u) {
  const std::array<SqlParam, 14> params = {u.id,
                                           u.email,
                                           u.display_name,
                                           u.pronouns,
                                           u.time_zone,
                                           u.roles,
                                           u.status,
                                           u.password_hash,
                                           u.totp_secret,
                                           std::int64_t{u.totp_enabled},
                                           u.totp_last_step,
                                           std::int64_t{u.text_size},
                                           std::int64_t{u.high_contrast},
                                           u.updated_at_ms};
  return change_one("update_user",
                    "UPDATE users SET email = $2, display_name = $3, pronouns = $4, "
                    "time_zone = $5, roles = $6, status = $7, password_hash = $8, "
                    "totp_secret = $9, totp_enabled = $10, totp_last_step = $11, "
                    "text_size = $12, high_contrast = $13, updated_at_ms = $14 "
                    "WHERE id = $1 RETURNING id",
                    params);
}

Result<std::optional<UserRecord>> SqlTransaction::find_user(std::string_view id) {
  static const std::string sql = joined(kUserColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_user", sql, params, &user_at);
}

Result<std::optional<UserRecord>> SqlTransaction::find_user_by_email(std::string_view email) {
  static const std::string sql = joined(kUserColumns, " WHERE email = $1");
  const std::array<SqlParam, 1> params = {email};
  return read_one("find_user_by_email", sql, params, &user_at);
}

Result<std::vector<UserRecord>> SqlTransaction::list_users() {
  // Code point order on both drivers, as for programs (sql_transaction.cpp).
  const std::string sql = joined(kUserColumns, connection_.dialect() == Dialect::postgresql
                                                   ? R"( ORDER BY display_name COLLATE "C", id)"
                                                   : " ORDER BY display_name, id");
  return read_all("list_users", sql, {}, &user_at);
}

Result<std::vector<PersonNameRecord>> SqlTransaction::list_people_of_program(
    std::string_view program_id) {
  static const std::string sql =
      "SELECT id, display_name, pronouns, roles FROM users WHERE id IN "
      "(SELECT user_id FROM program_memberships WHERE program_id = $1) ORDER BY id";
  const std::array<SqlParam, 1> params = {program_id};
  return read_all("list_people_of_program", sql, params, &person_name_at);
}

Result<void> SqlTransaction::insert_membership(const MembershipRecord& m) {
  return write(
      "insert_membership",
      "INSERT INTO program_memberships (program_id, user_id, kind, created_at_ms, status, "
      "admitted_on, expected_discharge_on, discharged_on, age_band, updated_at_ms) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      key_then<4>({m.program_id, m.user_id, m.kind, m.created_at_ms}, membership_fields(m)));
}

// The kind is part of the row's key (a person may be both participant and staff of a program),
// so it picks the row rather than being written.
Result<void> SqlTransaction::update_membership(const MembershipRecord& m) {
  return change_one("update_membership",
                    "UPDATE program_memberships SET status = $4, admitted_on = $5, "
                    "expected_discharge_on = $6, discharged_on = $7, age_band = $8, "
                    "updated_at_ms = $9 WHERE program_id = $1 AND user_id = $2 AND kind = $3 "
                    "RETURNING user_id",
                    key_then<3>({m.program_id, m.user_id, m.kind}, membership_fields(m)));
}

// Should a person hold both kinds, the participant's enrollment is the one found ('participant'
// sorts before 'staff').
Result<std::optional<MembershipRecord>> SqlTransaction::find_membership(std::string_view program_id,
                                                                        std::string_view user_id) {
  static const std::string sql =
      joined(kMembershipColumns, " WHERE program_id = $1 AND user_id = $2 ORDER BY kind LIMIT 1");
  const std::array<SqlParam, 2> params = {program_id, user_id};
  return read_one("find_membership", sql, params, &membership_at);
}

Result<std::vector<MembershipRecord>> SqlTransaction::list_memberships_of_program(
    std::string_view program_id) {
  static const std::string sql =
      joined(kMembershipColumns, " WHERE program_id = $1 ORDER BY user_id, kind");
  const std::array<SqlParam, 1> params = {program_id};
  return read_all("list_memberships_of_program", sql, params, &membership_at);
}

Result<std::vector<MembershipRecord>> SqlTransaction::list_memberships_of_user(
    std::string_view user_id) {
  static const std::string sql =
      joined(kMembershipColumns, " WHERE user_id = $1 ORDER BY program_id, kind");
  const std::array<SqlParam, 1> params = {user_id};
  return read_all("list_memberships_of_user", sql, params, &membership_at);
}

Result<std::vector<MembershipRecord>> SqlTransaction::list_memberships() {
  static const std::string sql = joined(kMembershipColumns, " ORDER BY program_id, user_id, kind");
  return read_all("list_memberships", sql, {}, &membership_at);
}

// --- invites and reset links ---------------------------------------------------------------

Result<void> SqlTransaction::insert_invite(const InviteRecord& i) {
  const std::array<SqlParam, 12> params = {
      i.id,      i.token_digest, i.purpose,       i.email,         i.roles,      i.program_id,
      i.user_id, i.created_by,   i.created_at_ms, i.expires_at_ms, i.used_at_ms, i.revoked_at_ms};
  auto rows = run("insert_invite",
                  "INSERT INTO invites (id, token_digest, purpose, email, roles, program_id, "
                  "user_id, created_by, created_at_ms, expires_at_ms, used_at_ms, revoked_at_ms) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<void> SqlTransaction::update_invite(const InviteRecord& i) {
  // Only what can change after an invite is made: when it was used or revoked.
  const std::array<SqlParam, 3> params = {i.id, i.used_at_ms, i.revoked_at_ms};
  return change_one(
      "update_invite",
      "UPDATE invites SET used_at_ms = $2, revoked_at_ms = $3 WHERE id = $1 RETURNING id", params);
}

Result<std::optional<InviteRecord>> SqlTransaction::find_invite(std::string_view id) {
  static const std::string sql = joined(kInviteColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_invite", sql, params, &invite_at);
}

Result<std::optional<InviteRecord>> SqlTransaction::find_invite_by_digest(std::string_view digest) {
  static const std::string sql = joined(kInviteColumns, " WHERE token_digest = $1");
  const std::array<SqlParam, 1> params = {digest};
  return read_one("find_invite_by_digest", sql, params, &invite_at);
}

Result<std::vector<InviteRecord>> SqlTransaction::list_invites(std::string_view purpose) {
  static const std::string sql =
      joined(kInviteColumns, " WHERE purpose = $1 ORDER BY created_at_ms DESC, id DESC");
  const std::array<SqlParam, 1> params = {purpose};
  return read_all("list_invites", sql, params, &invite_at);
}

// --- sessions ------------------------------------------------------------------------------

Result<void> SqlTransaction::insert_session(const SessionRecord& s) {
  const std::array<SqlParam, 11> params = {s.id,
                                           s.token_digest,
                                           s.user_id,
                                           s.csrf_token,
                                           s.created_at_ms,
                                           s.last_seen_ms,
                                           s.idle_timeout_ms,
                                           s.absolute_expires_ms,
                                           s.user_agent,
                                           s.ended_at_ms,
                                           s.end_reason};
  auto rows = run("insert_session",
                  "INSERT INTO sessions (id, token_digest, user_id, csrf_token, created_at_ms, "
                  "last_seen_ms, idle_timeout_ms, absolute_expires_ms, user_agent, ended_at_ms, "
                  "end_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<void> SqlTransaction::update_session(const SessionRecord& s) {
  // What changes over a session's life: activity, its time-out, and its end.
  const std::array<SqlParam, 5> params = {s.id, s.last_seen_ms, s.idle_timeout_ms, s.ended_at_ms,
                                          s.end_reason};
  return change_one("update_session",
                    "UPDATE sessions SET last_seen_ms = $2, idle_timeout_ms = $3, "
                    "ended_at_ms = $4, end_reason = $5 WHERE id = $1 RETURNING id",
                    params);
}

Result<bool> SqlTransaction::touch_session(std::string_view id, std::int64_t last_seen_ms) {
  const std::array<SqlParam, 2> params = {id, last_seen_ms};
  return any_row("touch_session",
                 "UPDATE sessions SET last_seen_ms = $2 "
                 "WHERE id = $1 AND ended_at_ms = 0 AND last_seen_ms < $2 RETURNING id",
                 params);
}

Result<std::optional<SessionRecord>> SqlTransaction::find_session(std::string_view id) {
  static const std::string sql = joined(kSessionColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_session", sql, params, &session_at);
}

Result<std::optional<SessionRecord>> SqlTransaction::find_session_by_digest(
    std::string_view digest) {
  static const std::string sql = joined(kSessionColumns, " WHERE token_digest = $1");
  const std::array<SqlParam, 1> params = {digest};
  return read_one("find_session_by_digest", sql, params, &session_at);
}

Result<std::vector<SessionRecord>> SqlTransaction::list_open_sessions(std::string_view user_id) {
  static const std::string sql = joined(
      kSessionColumns, " WHERE user_id = $1 AND ended_at_ms = 0 ORDER BY created_at_ms DESC, id");
  const std::array<SqlParam, 1> params = {user_id};
  return read_all("list_open_sessions", sql, params, &session_at);
}

Result<std::int64_t> SqlTransaction::end_sessions_of_user(std::string_view user_id,
                                                          std::string_view except_id,
                                                          std::int64_t at_ms,
                                                          std::string_view reason) {
  const std::array<SqlParam, 4> params = {user_id, except_id, at_ms, reason};
  auto rows = run("end_sessions_of_user",
                  "UPDATE sessions SET ended_at_ms = $3, end_reason = $4 "
                  "WHERE user_id = $1 AND id <> $2 AND ended_at_ms = 0 RETURNING id",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return static_cast<std::int64_t>(rows->size());
}

// --- recovery codes ------------------------------------------------------------------------

Result<void> SqlTransaction::replace_recovery_codes(std::string_view user_id,
                                                    const std::vector<std::string>& digests,
                                                    std::int64_t at_ms) {
  const std::array<SqlParam, 1> owner = {user_id};
  auto removed =
      run("delete_recovery_codes", "DELETE FROM recovery_codes WHERE user_id = $1", owner);
  if (!removed.ok()) return std::move(removed).error();
  for (const auto& digest : digests) {
    const std::array<SqlParam, 3> params = {user_id, digest, at_ms};
    auto rows = run("insert_recovery_code",
                    "INSERT INTO recovery_codes (user_id, code_digest, created_at_ms, used_at_ms) "
                    "VALUES ($1, $2, $3, 0)",
                    params);
    if (!rows.ok()) return std::move(rows).error();
  }
  return ok();
}

Result<bool> SqlTransaction::use_recovery_code(std::string_view user_id, std::string_view digest,
                                               std::int64_t at_ms) {
  const std::array<SqlParam, 3> params = {user_id, digest, at_ms};
  auto rows = run("use_recovery_code",
                  "UPDATE recovery_codes SET used_at_ms = $3 "
                  "WHERE user_id = $1 AND code_digest = $2 AND used_at_ms = 0 RETURNING user_id",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return !rows->empty();
}

// --- throttling ----------------------------------------------------------------------------

Result<std::optional<ThrottleRecord>> SqlTransaction::find_throttle(std::string_view key) {
  const std::array<SqlParam, 1> params = {key};
  return read_one("find_throttle",
                  "SELECT key, failures, last_failure_ms FROM sign_in_throttle WHERE key = $1",
                  params, &throttle_at);
}

Result<void> SqlTransaction::put_throttle(const ThrottleRecord& t) {
  const std::array<SqlParam, 3> params = {t.key, std::int64_t{t.failures}, t.last_failure_ms};
  auto rows = run("put_throttle",
                  "INSERT INTO sign_in_throttle (key, failures, last_failure_ms) "
                  "VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE "
                  "SET failures = excluded.failures, last_failure_ms = excluded.last_failure_ms",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<void> SqlTransaction::clear_throttle(std::string_view key) {
  const std::array<SqlParam, 1> params = {key};
  auto rows = run("clear_throttle", "DELETE FROM sign_in_throttle WHERE key = $1", params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

// --- break-glass grants --------------------------------------------------------------------

Result<void> SqlTransaction::insert_grant(const GrantRecord& g) {
  const std::array<SqlParam, 8> params = {
      g.id,         g.clinician_id,  g.participant_id, g.reason,
      g.granted_by, g.created_at_ms, g.expires_at_ms,  g.revoked_at_ms};
  auto rows = run("insert_grant",
                  "INSERT INTO break_glass_grants (id, clinician_id, participant_id, reason, "
                  "granted_by, created_at_ms, expires_at_ms, revoked_at_ms) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

Result<void> SqlTransaction::update_grant(const GrantRecord& g) {
  const std::array<SqlParam, 2> params = {g.id, g.revoked_at_ms};
  return change_one("update_grant",
                    "UPDATE break_glass_grants SET revoked_at_ms = $2 WHERE id = $1 RETURNING id",
                    params);
}

Result<std::optional<GrantRecord>> SqlTransaction::find_grant(std::string_view id) {
  static const std::string sql = joined(kGrantColumns, " WHERE id = $1");
  const std::array<SqlParam, 1> params = {id};
  return read_one("find_grant", sql, params, &grant_at);
}

Result<std::vector<GrantRecord>> SqlTransaction::list_grants() {
  static const std::string sql = joined(kGrantColumns, " ORDER BY created_at_ms DESC, id DESC");
  return read_all("list_grants", sql, {}, &grant_at);
}

// --- settings ------------------------------------------------------------------------------

Result<std::optional<std::string>> SqlTransaction::find_setting(std::string_view key) {
  const std::array<SqlParam, 1> params = {key};
  return read_one("find_setting", "SELECT value FROM settings WHERE key = $1", params, &text_at);
}

Result<void> SqlTransaction::put_setting(std::string_view key, std::string_view value) {
  const std::array<SqlParam, 2> params = {key, value};
  auto rows = run("put_setting",
                  "INSERT INTO settings (key, value) VALUES ($1, $2) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  params);
  if (!rows.ok()) return std::move(rows).error();
  return ok();
}

}  // namespace hearth::store
