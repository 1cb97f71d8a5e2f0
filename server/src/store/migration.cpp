#include "store/migration.hpp"

namespace hearth::store {

namespace {

// Types are the ones both databases treat alike: TEXT, INTEGER, BIGINT (SQLite stores both
// integer types as 64-bit). Timestamps are milliseconds since the Unix epoch in UTC, ids the
// 26-character strings of base/ids.hpp.
MigrationStep programs_and_groups() {
  return MigrationStep{
      .version = 1,
      .name = "programs_and_groups",
      .statements =
          {
              R"(CREATE TABLE schema_migrations (
                   version INTEGER PRIMARY KEY,
                   name TEXT NOT NULL,
                   applied_at_ms BIGINT NOT NULL))",
              R"(CREATE TABLE programs (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   slug TEXT NOT NULL UNIQUE,
                   name TEXT NOT NULL,
                   description TEXT NOT NULL,
                   time_zone TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL))",
              R"(CREATE TABLE groups (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   slug TEXT NOT NULL,
                   name TEXT NOT NULL,
                   description TEXT NOT NULL,
                   kind TEXT NOT NULL,
                   capacity INTEGER NOT NULL CHECK (capacity >= 0),
                   created_at_ms BIGINT NOT NULL,
                   UNIQUE (program_id, slug)))",
          },
  };
}

// Accounts, sessions and the audit trail (docs/storage/schema.md). Secrets are stored as digests
// (tokens, recovery codes) or Argon2id hashes (passwords), never as they were sent. Unset
// timestamps are 0 and unset references "", so both databases read the rows alike.
MigrationStep accounts_and_audit() {
  return MigrationStep{
      .version = 2,
      .name = "accounts_and_audit",
      .statements =
          {
              "ALTER TABLE programs ADD COLUMN idle_timeout_minutes INTEGER NOT NULL DEFAULT 0",
              R"(CREATE TABLE users (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   email TEXT NOT NULL UNIQUE,
                   display_name TEXT NOT NULL,
                   pronouns TEXT NOT NULL,
                   time_zone TEXT NOT NULL,
                   roles TEXT NOT NULL,
                   status TEXT NOT NULL CHECK (status IN ('active', 'deactivated')),
                   password_hash TEXT NOT NULL,
                   totp_secret TEXT NOT NULL,
                   totp_enabled INTEGER NOT NULL,
                   totp_last_step BIGINT NOT NULL,
                   text_size INTEGER NOT NULL CHECK (text_size BETWEEN 100 AND 200),
                   high_contrast INTEGER NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   updated_at_ms BIGINT NOT NULL))",
              R"(CREATE TABLE program_memberships (
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   kind TEXT NOT NULL CHECK (kind IN ('participant', 'staff')),
                   created_at_ms BIGINT NOT NULL,
                   PRIMARY KEY (program_id, user_id, kind)))",
              "CREATE INDEX program_memberships_by_user ON program_memberships (user_id)",
              R"(CREATE TABLE invites (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   token_digest TEXT NOT NULL UNIQUE,
                   purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
                   email TEXT NOT NULL,
                   roles TEXT NOT NULL,
                   program_id TEXT NOT NULL,
                   user_id TEXT NOT NULL,
                   created_by TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   expires_at_ms BIGINT NOT NULL,
                   used_at_ms BIGINT NOT NULL,
                   revoked_at_ms BIGINT NOT NULL))",
              R"(CREATE TABLE sessions (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   token_digest TEXT NOT NULL UNIQUE,
                   user_id TEXT NOT NULL REFERENCES users (id),
                   csrf_token TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   last_seen_ms BIGINT NOT NULL,
                   idle_timeout_ms BIGINT NOT NULL,
                   absolute_expires_ms BIGINT NOT NULL,
                   user_agent TEXT NOT NULL,
                   ended_at_ms BIGINT NOT NULL,
                   end_reason TEXT NOT NULL))",
              "CREATE INDEX sessions_by_user ON sessions (user_id, ended_at_ms)",
              R"(CREATE TABLE recovery_codes (
                   user_id TEXT NOT NULL REFERENCES users (id),
                   code_digest TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   used_at_ms BIGINT NOT NULL,
                   PRIMARY KEY (user_id, code_digest)))",
              R"(CREATE TABLE sign_in_throttle (
                   key TEXT PRIMARY KEY,
                   failures INTEGER NOT NULL,
                   last_failure_ms BIGINT NOT NULL))",
              R"(CREATE TABLE break_glass_grants (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   clinician_id TEXT NOT NULL REFERENCES users (id),
                   participant_id TEXT NOT NULL REFERENCES users (id),
                   reason TEXT NOT NULL,
                   granted_by TEXT NOT NULL REFERENCES users (id),
                   created_at_ms BIGINT NOT NULL,
                   expires_at_ms BIGINT NOT NULL,
                   revoked_at_ms BIGINT NOT NULL))",
              R"(CREATE TABLE settings (
                   key TEXT PRIMARY KEY,
                   value TEXT NOT NULL))",
              R"(CREATE TABLE audit_events (
                   seq BIGINT PRIMARY KEY CHECK (seq > 0),
                   id TEXT NOT NULL UNIQUE,
                   at_ms BIGINT NOT NULL,
                   actor_id TEXT NOT NULL,
                   action TEXT NOT NULL,
                   subject_type TEXT NOT NULL,
                   subject_id TEXT NOT NULL,
                   client_address TEXT NOT NULL,
                   user_agent TEXT NOT NULL,
                   outcome TEXT NOT NULL,
                   detail TEXT NOT NULL,
                   prev_hash TEXT NOT NULL,
                   hash TEXT NOT NULL))",
              "CREATE INDEX audit_events_by_time ON audit_events (at_ms)",
              // The chain's head: appends read and move it, so concurrent appends take turns
              // (SQLite: one writer; PostgreSQL: the row conflict aborts one with 40001, retried).
              R"(CREATE TABLE audit_head (
                   id INTEGER PRIMARY KEY CHECK (id = 1),
                   seq BIGINT NOT NULL,
                   hash TEXT NOT NULL))",
              "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, "
              "'0000000000000000000000000000000000000000000000000000000000000000')",
          },
  };
}

}  // namespace

const std::vector<MigrationStep>& default_migrations() {
  static const std::vector<MigrationStep> steps = {programs_and_groups(), accounts_and_audit()};
  return steps;
}

Result<void> check_migrations(const std::vector<MigrationStep>& steps) {
  int expected = 1;
  for (const auto& step : steps) {
    if (step.version != expected) {
      return Error::of(Errc::invalid_argument,
                       "migration versions must count up from 1 without gaps; expected " +
                           std::to_string(expected) + ", found " + std::to_string(step.version));
    }
    if (step.name.empty() || step.statements.empty()) {
      return Error::of(Errc::invalid_argument, "migration " + std::to_string(step.version) +
                                                   " needs a name and statements");
    }
    ++expected;
  }
  return ok();
}

}  // namespace hearth::store
