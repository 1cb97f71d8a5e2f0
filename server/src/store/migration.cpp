#include "store/migration.hpp"

#include "store/migration_steps.hpp"

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

// Programs' attendance targets, groups' facilitators and catalogue fields, enrollments, group
// places, the session schedule, attendance, notifications and calendar feeds. New columns carry
// defaults equal to the records' defaults, so rows written before this step read as they did.
// Person references that may be unset ('' until named, like invites.user_id) have no foreign
// key; the domain checks them.
MigrationStep schedule_and_attendance() {
  return MigrationStep{
      .version = 3,
      .name = "schedule_and_attendance",
      .statements =
          {
              "ALTER TABLE programs ADD COLUMN audience TEXT NOT NULL DEFAULT 'adult'",
              "ALTER TABLE programs ADD COLUMN weekly_target_minutes INTEGER NOT NULL "
              "DEFAULT 540 CHECK (weekly_target_minutes >= 0)",
              "ALTER TABLE programs ADD COLUMN daily_minimum_minutes INTEGER NOT NULL "
              "DEFAULT 180 CHECK (daily_minimum_minutes >= 0)",
              "ALTER TABLE programs ADD COLUMN days_per_week_minimum INTEGER NOT NULL "
              "DEFAULT 3 CHECK (days_per_week_minimum BETWEEN 0 AND 7)",
              "ALTER TABLE programs ADD COLUMN length_weeks INTEGER NOT NULL "
              "DEFAULT 12 CHECK (length_weeks >= 0)",
              "ALTER TABLE programs ADD COLUMN group_capacity_cap INTEGER NOT NULL "
              "DEFAULT 12 CHECK (group_capacity_cap >= 0)",
              "ALTER TABLE programs ADD COLUMN updated_at_ms BIGINT NOT NULL DEFAULT 0",
              "ALTER TABLE groups ADD COLUMN facilitator_id TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE groups ADD COLUMN co_facilitator_id TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE groups ADD COLUMN membership TEXT NOT NULL DEFAULT 'open' "
              "CHECK (membership IN ('open', 'closed'))",
              "ALTER TABLE groups ADD COLUMN tags TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE groups ADD COLUMN age_band TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE groups ADD COLUMN status TEXT NOT NULL DEFAULT 'active' "
              "CHECK (status IN ('active', 'archived'))",
              "ALTER TABLE groups ADD COLUMN updated_at_ms BIGINT NOT NULL DEFAULT 0",
              // list_occurrences_of_user finds the groups a person runs through these.
              "CREATE INDEX groups_by_facilitator ON groups (facilitator_id)",
              "CREATE INDEX groups_by_co_facilitator ON groups (co_facilitator_id)",
              "ALTER TABLE program_memberships ADD COLUMN status TEXT NOT NULL DEFAULT 'active' "
              "CHECK (status IN ('active', 'on_hold', 'discharged'))",
              "ALTER TABLE program_memberships ADD COLUMN admitted_on TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE program_memberships ADD COLUMN expected_discharge_on TEXT NOT NULL "
              "DEFAULT ''",
              "ALTER TABLE program_memberships ADD COLUMN discharged_on TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE program_memberships ADD COLUMN age_band TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE program_memberships ADD COLUMN updated_at_ms BIGINT NOT NULL DEFAULT 0",
              R"(CREATE TABLE group_members (
                   group_id TEXT NOT NULL REFERENCES groups (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   state TEXT NOT NULL CHECK (state IN ('member', 'waiting', 'requested')),
                   requested_at_ms BIGINT NOT NULL,
                   joined_at_ms BIGINT NOT NULL,
                   added_by TEXT NOT NULL,
                   PRIMARY KEY (group_id, user_id)))",
              "CREATE INDEX group_members_by_user ON group_members (user_id)",
              R"(CREATE TABLE series (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   group_id TEXT NOT NULL REFERENCES groups (id),
                   title TEXT NOT NULL,
                   time_zone TEXT NOT NULL,
                   first_start_local TEXT NOT NULL,
                   duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
                   rrule TEXT NOT NULL,
                   created_by TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL))",
              // One occurrence per slot of a series: expanding a series twice fails instead of
              // doubling its sessions.
              R"(CREATE TABLE occurrences (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   series_id TEXT NOT NULL REFERENCES series (id),
                   group_id TEXT NOT NULL REFERENCES groups (id),
                   title TEXT NOT NULL,
                   starts_at_ms BIGINT NOT NULL,
                   ends_at_ms BIGINT NOT NULL,
                   original_starts_at_ms BIGINT NOT NULL,
                   status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
                   change_reason TEXT NOT NULL,
                   updated_at_ms BIGINT NOT NULL,
                   CHECK (ends_at_ms > starts_at_ms),
                   UNIQUE (series_id, original_starts_at_ms)))",
              "CREATE INDEX occurrences_by_group ON occurrences (group_id, starts_at_ms)",
              "CREATE INDEX occurrences_by_start ON occurrences (starts_at_ms)",
              R"(CREATE TABLE attendance (
                   occurrence_id TEXT NOT NULL REFERENCES occurrences (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   status TEXT NOT NULL CHECK (status IN ('present', 'late', 'left_early',
                                                          'absent_excused', 'absent_unexcused')),
                   attended_ms BIGINT NOT NULL CHECK (attended_ms >= 0),
                   first_joined_ms BIGINT NOT NULL,
                   last_left_ms BIGINT NOT NULL,
                   open_since_ms BIGINT NOT NULL,
                   corrected_by TEXT NOT NULL,
                   correction_reason TEXT NOT NULL,
                   updated_at_ms BIGINT NOT NULL,
                   PRIMARY KEY (occurrence_id, user_id)))",
              "CREATE INDEX attendance_by_user ON attendance (user_id)",
              R"(CREATE TABLE notifications (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   kind TEXT NOT NULL,
                   occurrence_id TEXT NOT NULL,
                   group_id TEXT NOT NULL,
                   dedupe_key TEXT NOT NULL,
                   text TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   read_at_ms BIGINT NOT NULL,
                   UNIQUE (user_id, dedupe_key)))",
              "CREATE INDEX notifications_by_user ON notifications (user_id, created_at_ms, id)",
              R"(CREATE TABLE calendar_feeds (
                   user_id TEXT PRIMARY KEY REFERENCES users (id),
                   token_digest TEXT NOT NULL UNIQUE,
                   created_at_ms BIGINT NOT NULL))",
          },
  };
}

// Migration 4: chat rooms and their messages. Each room numbers its messages 1, 2, 3… (seq,
// counted in the room's row, so writers to one room take turns on that row); a client resends a
// message it had no answer for under the same client_message_id, and finds the one stored.
// Safety alerts: a participant's message with crisis language, for their clinicians; one per
// message.
MigrationStep chat() {
  return MigrationStep{
      .version = 4,
      .name = "chat",
      .statements =
          {
              R"(CREATE TABLE chat_rooms (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   kind TEXT NOT NULL CHECK (kind IN ('group', 'program', 'private')),
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   group_id TEXT NOT NULL,
                   last_seq BIGINT NOT NULL CHECK (last_seq >= 0),
                   created_at_ms BIGINT NOT NULL,
                   UNIQUE (kind, program_id, group_id)))",
              R"(CREATE TABLE chat_messages (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   seq BIGINT NOT NULL CHECK (seq > 0),
                   author_id TEXT NOT NULL REFERENCES users (id),
                   client_message_id TEXT NOT NULL,
                   text TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   UNIQUE (room_id, seq),
                   UNIQUE (room_id, author_id, client_message_id)))",
              R"(CREATE TABLE safety_alerts (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   participant_id TEXT NOT NULL REFERENCES users (id),
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   message_id TEXT NOT NULL UNIQUE REFERENCES chat_messages (id),
                   category TEXT NOT NULL CHECK (category IN ('suicidal_thoughts', 'self_harm',
                                                              'overdose', 'farewell')),
                   created_at_ms BIGINT NOT NULL,
                   acknowledged_by TEXT NOT NULL,
                   acknowledged_at_ms BIGINT NOT NULL))",
              "CREATE INDEX safety_alerts_by_program ON safety_alerts (program_id, created_at_ms)",
          },
  };
}

// Migration 5: a staff membership can end. Migration 3 gave program_memberships.status a CHECK
// that knew only the participants' states, so ending a staff membership ("ended", what
// ProgramAdminService::remove_staff writes) was refused. SQLite cannot change a CHECK in place,
// so the table is made again with the same columns and the fuller CHECK, in the one form both
// databases accept: create, copy, drop, rename, index.
MigrationStep staff_memberships_can_end() {
  return MigrationStep{
      .version = 5,
      .name = "staff_memberships_can_end",
      .statements =
          {
              R"(CREATE TABLE program_memberships_v5 (
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   kind TEXT NOT NULL CHECK (kind IN ('participant', 'staff')),
                   created_at_ms BIGINT NOT NULL,
                   status TEXT NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'on_hold', 'discharged', 'ended')),
                   admitted_on TEXT NOT NULL DEFAULT '',
                   expected_discharge_on TEXT NOT NULL DEFAULT '',
                   discharged_on TEXT NOT NULL DEFAULT '',
                   age_band TEXT NOT NULL DEFAULT '',
                   updated_at_ms BIGINT NOT NULL DEFAULT 0,
                   PRIMARY KEY (program_id, user_id, kind)))",
              "INSERT INTO program_memberships_v5 (program_id, user_id, kind, created_at_ms, "
              "status, admitted_on, expected_discharge_on, discharged_on, age_band, "
              "updated_at_ms) SELECT program_id, user_id, kind, created_at_ms, status, "
              "admitted_on, expected_discharge_on, discharged_on, age_band, updated_at_ms "
              "FROM program_memberships",
              "DROP TABLE program_memberships",
              "ALTER TABLE program_memberships_v5 RENAME TO program_memberships",
              "CREATE INDEX program_memberships_by_user ON program_memberships (user_id)",
          },
  };
}

// Migration 6: how far each person has read in each room, for unread counts. Only ever moves
// forward (see Transaction::advance_chat_read_position).
MigrationStep chat_read_positions() {
  return MigrationStep{
      .version = 6,
      .name = "chat_read_positions",
      .statements =
          {
              R"(CREATE TABLE chat_read_positions (
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   last_read_seq BIGINT NOT NULL CHECK (last_read_seq >= 0),
                   updated_at_ms BIGINT NOT NULL,
                   PRIMARY KEY (user_id, room_id)))",
          },
  };
}

// Migration 7: edits and deletions. A message keeps its number; each change takes the room's next
// change number (change_seq, counted in last_change_seq apart from the message numbers, which
// stay without gaps), so a client that was away asks for the changes after the last it saw.
// What a message said before an edit or a deletion is kept in chat_message_versions, for the
// room's moderators; the message itself shows only its current text, or none once deleted.
MigrationStep chat_edits() {
  return MigrationStep{
      .version = 7,
      .name = "chat_edits",
      .statements =
          {
              "ALTER TABLE chat_rooms ADD COLUMN last_change_seq BIGINT NOT NULL DEFAULT 0",
              "ALTER TABLE chat_messages ADD COLUMN edited_at_ms BIGINT NOT NULL DEFAULT 0",
              "ALTER TABLE chat_messages ADD COLUMN deleted_at_ms BIGINT NOT NULL DEFAULT 0",
              "ALTER TABLE chat_messages ADD COLUMN deleted_by TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE chat_messages ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0",
              "CREATE INDEX chat_messages_by_change ON chat_messages (room_id, change_seq)",
              R"(CREATE TABLE chat_message_versions (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   message_id TEXT NOT NULL REFERENCES chat_messages (id),
                   text TEXT NOT NULL,
                   replaced_at_ms BIGINT NOT NULL,
                   replaced_by TEXT NOT NULL REFERENCES users (id),
                   reason TEXT NOT NULL CHECK (reason IN ('edited', 'deleted'))))",
              "CREATE INDEX chat_message_versions_by_message ON chat_message_versions "
              "(message_id, replaced_at_ms)",
          },
  };
}

// Migration 8: private conversations. A private room's people are listed in chat_room_members
// (its group_id holds the conversation's key: its people's ids, sorted, so that the same people
// in the same program find the same room). programs.private_messages says who may write
// privately: "all" (people who share a group, and anyone with the program's staff) or
// "care_team" (participants only with staff).
MigrationStep private_conversations() {
  return MigrationStep{
      .version = 8,
      .name = "private_conversations",
      .statements =
          {
              "ALTER TABLE programs ADD COLUMN private_messages TEXT NOT NULL DEFAULT 'all' "
              "CHECK (private_messages IN ('all', 'care_team'))",
              R"(CREATE TABLE chat_room_members (
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   added_at_ms BIGINT NOT NULL,
                   PRIMARY KEY (room_id, user_id)))",
              "CREATE INDEX chat_room_members_by_user ON chat_room_members (user_id)",
          },
  };
}

// Migration 9: the safety net's own settings and work list. A program may list its own crisis
// resources (program_crisis_resources, in its order; none: the deployment's list); clinicians
// work through the alerts no one has acknowledged yet, which the partial index keeps cheap to
// find however many acknowledged ones pile up.
MigrationStep safety_net() {
  return MigrationStep{
      .version = 9,
      .name = "safety_net",
      .statements =
          {
              R"(CREATE TABLE program_crisis_resources (
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   position INTEGER NOT NULL CHECK (position >= 0),
                   name TEXT NOT NULL CHECK (length(name) > 0),
                   contact TEXT NOT NULL CHECK (length(contact) > 0),
                   url TEXT NOT NULL,
                   PRIMARY KEY (program_id, position)))",
              "CREATE INDEX safety_alerts_open ON safety_alerts (program_id, created_at_ms) "
              "WHERE acknowledged_at_ms = 0",
          },
  };
}

// Migration 10: searching the messages of the rooms one may read. Each database has its own
// full-text index; both stem English words (so "craving" finds "cravings") and match a word's
// beginning.
// - SQLite: an FTS5 index over chat_messages.text (an external-content table: the text is not
//   stored twice), kept in step by triggers on every insert, edit and deletion, and filled from
//   the messages already there. It refers to messages by rowid, which is stable because
//   chat_messages is never rebuilt (a later step that rebuilds it must rebuild this index too).
// - PostgreSQL: a tsvector column generated from the text, with a GIN index.
MigrationStep chat_search() {
  return MigrationStep{
      .version = 10,
      .name = "chat_search",
      .statements = {},
      .sqlite_statements =
          {
              "CREATE VIRTUAL TABLE chat_messages_search USING fts5(text, "
              "content='chat_messages', content_rowid='rowid', "
              "tokenize='porter unicode61 remove_diacritics 2')",
              R"(CREATE TRIGGER chat_messages_search_insert AFTER INSERT ON chat_messages BEGIN
                   INSERT INTO chat_messages_search (rowid, text) VALUES (new.rowid, new.text);
                 END)",
              R"(CREATE TRIGGER chat_messages_search_update AFTER UPDATE OF text ON chat_messages
                 BEGIN
                   INSERT INTO chat_messages_search (chat_messages_search, rowid, text)
                     VALUES ('delete', old.rowid, old.text);
                   INSERT INTO chat_messages_search (rowid, text) VALUES (new.rowid, new.text);
                 END)",
              R"(CREATE TRIGGER chat_messages_search_delete AFTER DELETE ON chat_messages BEGIN
                   INSERT INTO chat_messages_search (chat_messages_search, rowid, text)
                     VALUES ('delete', old.rowid, old.text);
                 END)",
              "INSERT INTO chat_messages_search (chat_messages_search) VALUES ('rebuild')",
          },
      .postgresql_statements =
          {
              "ALTER TABLE chat_messages ADD COLUMN search_terms tsvector "
              "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
              "CREATE INDEX chat_messages_search ON chat_messages USING GIN (search_terms)",
          },
  };
}

// Migration 11: chat moderation. A room's moderators may hide a message with a reason code from
// a fixed list (chat_service.hpp): it keeps its place and number, its text stays for its author
// and the moderators, and everyone else sees a placeholder. hidden_note is a moderator's short
// note for the other moderators, never shown to members. Search leaves hidden messages out.
MigrationStep chat_moderation() {
  return MigrationStep{
      .version = 11,
      .name = "chat_moderation",
      .statements =
          {
              "ALTER TABLE chat_messages ADD COLUMN hidden_at_ms BIGINT NOT NULL DEFAULT 0",
              "ALTER TABLE chat_messages ADD COLUMN hidden_by TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE chat_messages ADD COLUMN hidden_reason TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE chat_messages ADD COLUMN hidden_note TEXT NOT NULL DEFAULT ''",
          },
  };
}

// Migration 12: members' reports of chat messages, and the reviewers' decisions on them. One
// report per reporter and message; the program's queue is read newest first, the open part of it
// over a partial index.
MigrationStep chat_reports() {
  return MigrationStep{
      .version = 12,
      .name = "chat_reports",
      .statements =
          {
              R"(CREATE TABLE chat_reports (
                   id TEXT PRIMARY KEY,
                   message_id TEXT NOT NULL REFERENCES chat_messages (id),
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   reporter_id TEXT NOT NULL REFERENCES users (id),
                   reason TEXT NOT NULL CHECK (length(reason) > 0),
                   note TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   decided_by TEXT NOT NULL DEFAULT '',
                   decided_at_ms BIGINT NOT NULL DEFAULT 0,
                   decision TEXT NOT NULL DEFAULT ''
                     CHECK (decision IN ('', 'dismissed', 'hidden')),
                   UNIQUE (message_id, reporter_id)))",
              "CREATE INDEX chat_reports_by_program ON chat_reports (program_id, created_at_ms)",
              "CREATE INDEX chat_reports_open ON chat_reports (program_id, created_at_ms) "
              "WHERE decided_at_ms = 0",
          },
  };
}

// Migration 13: moderators' mutes and removals, one per person and room (a new one replaces the
// old). The person's own rooms are read by user_id when listing their rooms.
MigrationStep chat_restrictions() {
  return MigrationStep{
      .version = 13,
      .name = "chat_restrictions",
      .statements =
          {
              R"(CREATE TABLE chat_restrictions (
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   kind TEXT NOT NULL CHECK (kind IN ('muted', 'removed')),
                   until_ms BIGINT NOT NULL,
                   reason TEXT NOT NULL CHECK (length(reason) > 0),
                   note TEXT NOT NULL,
                   muted_by TEXT NOT NULL REFERENCES users (id),
                   at_ms BIGINT NOT NULL,
                   PRIMARY KEY (room_id, user_id)))",
              "CREATE INDEX chat_restrictions_by_user ON chat_restrictions (user_id)",
          },
  };
}

// Migration 14: threads, reactions, mentions and files. A reply names its thread's first message,
// which counts its replies; a thread is read over a partial index of replies. A message's
// reactions, mentions and file list are small and always read with it, so they are columns of
// its row (store/chat_message_extras.hpp encodes them) rather than joins on every history page.
// chat_mentions repeats the mentions by person, to count what names someone and is unread.
// chat_files keeps uploaded bytes in the database: backed up with it, served by every node, never
// under the web root; a file is uploaded before the message that sends it (message_id '').
MigrationStep chat_threads_reactions_files() {
  constexpr std::string_view files_table = R"(CREATE TABLE chat_files (
                   id TEXT PRIMARY KEY,
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   uploader_id TEXT NOT NULL REFERENCES users (id),
                   message_id TEXT NOT NULL DEFAULT '',
                   name TEXT NOT NULL CHECK (length(name) > 0),
                   type TEXT NOT NULL,
                   size BIGINT NOT NULL,
                   created_at_ms BIGINT NOT NULL,
                   content )";
  constexpr std::string_view unsent =
      "CREATE INDEX chat_files_unsent ON chat_files (created_at_ms) WHERE message_id = ''";
  return MigrationStep{
      .version = 14,
      .name = "chat_threads_reactions_files",
      .statements =
          {
              "ALTER TABLE chat_messages ADD COLUMN thread_root_id TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE chat_messages ADD COLUMN reply_count BIGINT NOT NULL DEFAULT 0",
              "ALTER TABLE chat_messages ADD COLUMN last_reply_at_ms BIGINT NOT NULL DEFAULT 0",
              "ALTER TABLE chat_messages ADD COLUMN reactions TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE chat_messages ADD COLUMN mentions TEXT NOT NULL DEFAULT ''",
              "ALTER TABLE chat_messages ADD COLUMN files TEXT NOT NULL DEFAULT ''",
              "CREATE INDEX chat_messages_thread ON chat_messages (thread_root_id, seq) "
              "WHERE thread_root_id <> ''",
              R"(CREATE TABLE chat_mentions (
                   message_id TEXT NOT NULL REFERENCES chat_messages (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   room_id TEXT NOT NULL REFERENCES chat_rooms (id),
                   seq BIGINT NOT NULL,
                   PRIMARY KEY (message_id, user_id)))",
              "CREATE INDEX chat_mentions_of_user ON chat_mentions (user_id, room_id, seq)",
          },
      // Bytes: a BLOB on SQLite, BYTEA on PostgreSQL (written and read as hex there).
      .sqlite_statements = {std::string(files_table) + "BLOB NOT NULL)", std::string(unsent)},
      .postgresql_statements = {std::string(files_table) + "BYTEA NOT NULL)", std::string(unsent)},
  };
}

// Migration 15: SQLite's search index is filled in batches, after the messages are committed,
// instead of by a trigger inside every posting transaction. FTS5 writes a new segment at every
// commit and merges segments as they pile up, which made it the largest part of a post's cost
// (docs/benchmarks.md, "Chat search in batches"). chat_search_progress holds the highest
// chat_messages rowid the index covers (rowids only grow: messages are never deleted, a
// deletion keeps a tombstone). Store::index_chat_search() moves it on; the edit and deletion
// triggers keep only messages already indexed in step, and only when the text changed (a
// reaction or a thread reply rewrites the row, not its words). Nothing changes on PostgreSQL,
// whose GIN index gathers new entries on its own (fastupdate).
MigrationStep chat_search_in_batches() {
  return MigrationStep{
      .version = 15,
      .name = "chat_search_in_batches",
      .statements = {},
      .sqlite_statements =
          {
              R"(CREATE TABLE chat_search_progress (
                   id INTEGER PRIMARY KEY CHECK (id = 1),
                   indexed_to BIGINT NOT NULL))",
              "INSERT INTO chat_search_progress (id, indexed_to) "
              "SELECT 1, COALESCE(MAX(rowid), 0) FROM chat_messages",
              "DROP TRIGGER chat_messages_search_insert",
              "DROP TRIGGER chat_messages_search_update",
              "DROP TRIGGER chat_messages_search_delete",
              R"(CREATE TRIGGER chat_messages_search_update AFTER UPDATE OF text ON chat_messages
                 WHEN old.text IS NOT new.text
                   AND old.rowid <= (SELECT indexed_to FROM chat_search_progress)
                 BEGIN
                   INSERT INTO chat_messages_search (chat_messages_search, rowid, text)
                     VALUES ('delete', old.rowid, old.text);
                   INSERT INTO chat_messages_search (rowid, text) VALUES (new.rowid, new.text);
                 END)",
              R"(CREATE TRIGGER chat_messages_search_delete AFTER DELETE ON chat_messages
                 WHEN old.rowid <= (SELECT indexed_to FROM chat_search_progress)
                 BEGIN
                   INSERT INTO chat_messages_search (chat_messages_search, rowid, text)
                     VALUES ('delete', old.rowid, old.text);
                 END)",
          },
      .postgresql_statements = {},
  };
}

// Migration 16: the index of changes holds only messages that changed. A new message has
// change_seq 0, and its entry under (room_id, 0) was one more page written to the log with every
// post, for an index that is only ever asked for changes (change_seq > 0).
MigrationStep chat_changes_index_partial() {
  return MigrationStep{
      .version = 16,
      .name = "chat_changes_index_partial",
      .statements =
          {
              "DROP INDEX chat_messages_by_change",
              "CREATE INDEX chat_messages_by_change ON chat_messages (room_id, change_seq) "
              "WHERE change_seq > 0",
          },
  };
}

}  // namespace

const std::vector<MigrationStep>& default_migrations() {
  static const std::vector<MigrationStep> steps = {programs_and_groups(),
                                                   accounts_and_audit(),
                                                   schedule_and_attendance(),
                                                   chat(),
                                                   staff_memberships_can_end(),
                                                   chat_read_positions(),
                                                   chat_edits(),
                                                   private_conversations(),
                                                   safety_net(),
                                                   chat_search(),
                                                   chat_moderation(),
                                                   chat_reports(),
                                                   chat_restrictions(),
                                                   chat_threads_reactions_files(),
                                                   chat_search_in_batches(),
                                                   chat_changes_index_partial(),
                                                   session_guests()};
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
    const bool has_statements = !step.statements.empty() || !step.sqlite_statements.empty() ||
                                !step.postgresql_statements.empty();
    if (step.name.empty() || !has_statements) {
      return Error::of(Errc::invalid_argument, "migration " + std::to_string(step.version) +
                                                   " needs a name and statements");
    }
    ++expected;
  }
  return ok();
}

}  // namespace hearth::store
