// Store: the one interface through which the domain reads and writes durable state.
//
// Two drivers implement it (store/sqlite, store/postgres); the conformance suite in
// server/tests/store/ runs the same cases against both. docs/storage/schema.md has the tables.
// Upper layers never see SQLite or libpq types: they get records and Results with typed error codes
// (Errc::already_exists, not_found, conflict, transient, unavailable, internal).
//
// Threads: every method blocks, so callers on I/O threads go through BlockingPool. A Store is
// safe to use from many threads at once; a Transaction belongs to the one call of transact()
// that created it and must not escape it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "store/chat_records.hpp"
#include "store/schedule_records.hpp"

namespace hearth::store {

struct ProgramRecord {
  std::string id;    // base/ids.hpp shape
  std::string slug;  // unique across programs; [a-z0-9-]{1,64}
  std::string name;
  std::string description;
  std::string time_zone;  // IANA name, e.g. "America/Chicago"
  std::int64_t created_at_ms = 0;
  // Sessions of the program's people end after this many idle minutes when it is shorter than
  // the server's default; 0: the default applies.
  int idle_timeout_minutes = 0;
  // The attendance targets (ASAM level 2.1: 9 h a week for adults, 6 for adolescents; payers such
  // as H0015: 3 h a day on at least 3 days a week) and the program's shape.
  std::string audience = "adult";  // "adult" or "adolescent"
  int weekly_target_minutes = 540;
  int daily_minimum_minutes = 180;
  int days_per_week_minimum = 3;
  int length_weeks = 12;        // typical length of a participant's stay
  int group_capacity_cap = 12;  // no group of the program may admit more
  std::int64_t updated_at_ms = 0;
  // Who may write privately: "all" (people who share a group, and anyone with the program's
  // staff) or "care_team" (participants only with staff).
  std::string private_messages = "all";
};

struct GroupRecord {
  std::string id;
  std::string program_id;
  std::string slug;  // unique within its program
  std::string name;
  std::string description;
  // "therapy", "skills", "psychoeducation", "peer_support", "family", "social", "individual",
  // "medication", "alumni" (domain/program/program.hpp says what each means)
  std::string kind;
  int capacity = 0;  // most participants the group admits
  std::int64_t created_at_ms = 0;
  std::string facilitator_id;       // a clinician or peer specialist; "" until one is named
  std::string co_facilitator_id;    // "" when none
  std::string membership = "open";  // "open" (join directly) or "closed" (ask to join)
  std::string tags;                 // comma-separated, lower case: "substance-use,young-adults"
  std::string age_band;           // "" for any; "adolescent", "young_adult", "adult", "older_adult"
  std::string status = "active";  // "active" or "archived"
  std::int64_t updated_at_ms = 0;
};

// The name a person is shown by, without the rest of their account (its email, its secrets).
struct PersonNameRecord {
  std::string id;
  std::string display_name;
  std::string pronouns;
  std::string roles;  // as in UserRecord: what the name is shown with ("clinician")
};

// A person with an account. Roles are kept as a comma-separated list of role names
// ("clinician,admin"): a person holds a handful at most, and the domain decides what they mean.
struct UserRecord {
  std::string id;
  std::string email;  // normalised (trimmed, lower case); unique
  std::string display_name;
  std::string pronouns;       // "" when not given
  std::string time_zone;      // IANA name
  std::string roles;          // "participant,peer_mentor"
  std::string status;         // "active" or "deactivated"
  std::string password_hash;  // Argon2id encoded string (crypto/password_hash.hpp)
  std::string totp_secret;    // base32; "" when none. Pending until totp_enabled.
  bool totp_enabled = false;
  std::int64_t totp_last_step = 0;  // the last accepted TOTP step; a code is never used twice
  int text_size = 100;              // percent, 100..200
  bool high_contrast = false;
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

// A person's place in a program: "participant" or "staff". For participants it is the
// enrollment: dates are local dates in the program's time zone ("2026-11-23"), "" when unset.
// Memberships are never deleted (the audit trail refers to them): staff who leave are "ended".
struct MembershipRecord {
  std::string program_id;
  std::string user_id;
  std::string kind;
  std::int64_t created_at_ms = 0;
  // participants: "active", "on_hold" or "discharged" (an alumnus); staff: "active" or "ended"
  std::string status = "active";
  std::string admitted_on;
  std::string expected_discharge_on;
  std::string discharged_on;
  std::string age_band;  // as GroupRecord::age_band; what the catalogue offers the participant
  std::int64_t updated_at_ms = 0;

  bool is_current_staff() const { return kind == "staff" && status != "ended"; }
};

// A person's place in a group. "member" holds a seat; "waiting" is on the waiting list of a full
// group, first come first served by requested_at_ms; "requested" waits for a facilitator's or
// clinician's approval to join a closed group.
struct GroupMemberRecord {
  std::string group_id;
  std::string user_id;
  std::string state;
  std::int64_t requested_at_ms = 0;
  std::int64_t joined_at_ms = 0;  // 0 until a member
  std::string added_by;           // who assigned or approved; the person themself when they joined
};

// A single-use link: an invitation to enrol ("invite") or a password reset ("reset"). Only the
// digest of its token is stored. Timestamps of things that have not happened are 0.
struct InviteRecord {
  std::string id;
  std::string token_digest;  // SHA-256 hex of the token; unique
  std::string purpose;       // "invite" or "reset"
  std::string email;
  std::string roles;       // for invites: the roles the new account gets
  std::string program_id;  // for invites: "" or the program the person joins
  std::string user_id;     // for resets: whose password
  std::string created_by;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  std::int64_t used_at_ms = 0;
  std::int64_t revoked_at_ms = 0;
};

struct SessionRecord {
  std::string id;
  std::string token_digest;  // SHA-256 hex of the cookie's token; unique
  std::string user_id;
  std::string csrf_token;  // sent back in X-CSRF-Token; useless without the cookie
  std::int64_t created_at_ms = 0;
  std::int64_t last_seen_ms = 0;
  std::int64_t idle_timeout_ms = 0;
  std::int64_t absolute_expires_ms = 0;
  std::string user_agent;  // shortened: browser and device only
  std::int64_t ended_at_ms = 0;
  std::string end_reason;  // "signed_out", "signed_out_everywhere", "deactivated", ...
};

// Failed sign-ins counted per key ("account:<id>", "address:<ip>").
struct ThrottleRecord {
  std::string key;
  int failures = 0;
  std::int64_t last_failure_ms = 0;
};

// Break-glass: time-limited access for a clinician to one participant's record.
struct GrantRecord {
  std::string id;
  std::string clinician_id;
  std::string participant_id;
  std::string reason;
  std::string granted_by;
  std::int64_t created_at_ms = 0;
  std::int64_t expires_at_ms = 0;
  std::int64_t revoked_at_ms = 0;
};

// One entry of the audit trail. `seq` counts from 1 without gaps; `hash` covers every other
// field and `prev_hash` (the previous entry's hash), so that changing, removing or reordering an
// entry breaks the chain (domain/audit/audit_chain.hpp).
struct AuditRecord {
  std::int64_t seq = 0;
  std::string id;
  std::int64_t at_ms = 0;
  std::string actor_id;  // "" for the unauthenticated
  std::string action;    // "sign_in", "person.read", ...
  std::string subject_type;
  std::string subject_id;
  std::string client_address;
  std::string user_agent;
  std::string outcome;  // "success", "failure", "denied"
  std::string detail;   // codes only, never free text or secrets
  std::string prev_hash;
  std::string hash;
};

struct AuditQuery {
  std::int64_t from_ms = 0;             // inclusive
  std::int64_t to_ms = INT64_MAX;       // exclusive
  std::int64_t before_seq = INT64_MAX;  // exclusive, for paging newest first
  std::int64_t after_seq = 0;           // exclusive, for walking oldest first
  std::string actor_id;                 // "" for any
  std::string action;                   // "" for any
  std::size_t limit = 100;
  bool newest_first = true;
};

// One unit of work. Methods report Errc::already_exists for a unique-key clash, Errc::conflict
// for another violated constraint (a missing program, a negative capacity) and Errc::transient
// for errors after which the whole transaction should be run again. A failed method spoils the
// transaction, as PostgreSQL does: later methods fail too, and transact() rolls back and returns
// the first failure even if fn returns ok. Lists are in code point order of the name, then id,
// on both drivers.
class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual Result<void> insert_program(const ProgramRecord& program) = 0;
  virtual Result<std::optional<ProgramRecord>> find_program(std::string_view id) = 0;
  virtual Result<std::optional<ProgramRecord>> find_program_by_slug(std::string_view slug) = 0;
  virtual Result<std::vector<ProgramRecord>> list_programs() = 0;  // ordered by name
  // Errc::not_found if there is no such program.
  virtual Result<void> set_program_idle_timeout(std::string_view id, int minutes) = 0;

  // update_program writes every field but id and created_at_ms (Errc::not_found if none).
  virtual Result<void> update_program(const ProgramRecord& program) = 0;

  virtual Result<void> insert_group(const GroupRecord& group) = 0;
  virtual Result<std::vector<GroupRecord>> list_groups(std::string_view program_id) = 0;  // by name
  virtual Result<std::optional<GroupRecord>> find_group(std::string_view id) = 0;
  // Writes every field but id, program_id and created_at_ms (Errc::not_found if none).
  virtual Result<void> update_group(const GroupRecord& group) = 0;

  // Group places (sql_schedule.cpp). Seats are counted inside the same transaction that takes
  // one; both drivers serialise writers (SQLite's single writer, PostgreSQL's SERIALIZABLE), so
  // two requests for the last seat cannot both win.
  virtual Result<void> insert_group_member(const GroupMemberRecord& member) = 0;
  virtual Result<void> update_group_member(const GroupMemberRecord& member) = 0;
  virtual Result<bool> delete_group_member(std::string_view group_id,
                                           std::string_view user_id) = 0;  // true if it existed
  virtual Result<std::optional<GroupMemberRecord>> find_group_member(std::string_view group_id,
                                                                     std::string_view user_id) = 0;
  // Ordered by state ("member", "requested", "waiting"), then requested_at_ms, then user id.
  virtual Result<std::vector<GroupMemberRecord>> list_group_members(std::string_view group_id) = 0;
  // Every place of the user in any group, ordered by group id.
  virtual Result<std::vector<GroupMemberRecord>> list_places_of_user(std::string_view user_id) = 0;
  virtual Result<std::int64_t> count_group_seats_taken(std::string_view group_id) = 0;  // "member"

  virtual Result<void> update_membership(const MembershipRecord& membership) = 0;  // by both ids
  // A person holding both kinds in one program gets the staff one.
  virtual Result<std::optional<MembershipRecord>> find_membership(std::string_view program_id,
                                                                  std::string_view user_id) = 0;
  virtual Result<std::vector<MembershipRecord>> list_memberships_of_program(
      std::string_view program_id) = 0;  // ordered by user id

  // Sessions. Lists of occurrences are ordered by starts_at_ms, then id, and take the half-open
  // range [from_ms, to_ms) on starts_at_ms; they include cancelled ones.
  virtual Result<void> insert_series(const SeriesRecord& series) = 0;
  virtual Result<std::optional<SeriesRecord>> find_series(std::string_view id) = 0;
  virtual Result<void> insert_occurrences(const std::vector<OccurrenceRecord>& occurrences) = 0;
  virtual Result<std::optional<OccurrenceRecord>> find_occurrence(std::string_view id) = 0;
  virtual Result<void> update_occurrence(const OccurrenceRecord& occurrence) = 0;
  virtual Result<std::vector<OccurrenceRecord>> list_occurrences_of_group(std::string_view group_id,
                                                                          std::int64_t from_ms,
                                                                          std::int64_t to_ms) = 0;
  virtual Result<std::vector<OccurrenceRecord>> list_occurrences_of_program(
      std::string_view program_id, std::int64_t from_ms, std::int64_t to_ms) = 0;
  // Occurrences of every group in which the user holds a seat ("member") or which they
  // facilitate or co-facilitate.
  virtual Result<std::vector<OccurrenceRecord>> list_occurrences_of_user(std::string_view user_id,
                                                                         std::int64_t from_ms,
                                                                         std::int64_t to_ms) = 0;
  // Every program's, for the reminder sweep.
  virtual Result<std::vector<OccurrenceRecord>> list_occurrences_starting(std::int64_t from_ms,
                                                                          std::int64_t to_ms) = 0;
  // Occurrences the user is a guest of, as list_occurrences_of_user.
  virtual Result<std::vector<OccurrenceRecord>> list_guest_occurrences_of_user(
      std::string_view user_id, std::int64_t from_ms, std::int64_t to_ms) = 0;

  // Invited guests: one row per (occurrence, user); put_session_guest fails on a second.
  virtual Result<void> put_session_guest(const SessionGuestRecord& guest) = 0;
  virtual Result<bool> delete_session_guest(std::string_view occurrence_id,
                                            std::string_view user_id) = 0;
  virtual Result<std::vector<SessionGuestRecord>> list_session_guests(
      std::string_view occurrence_id) = 0;  // by invited_at_ms, then user id

  // Attendance: put_attendance inserts or replaces the row for (occurrence_id, user_id).
  virtual Result<void> put_attendance(const AttendanceRecord& attendance) = 0;
  virtual Result<std::optional<AttendanceRecord>> find_attendance(std::string_view occurrence_id,
                                                                  std::string_view user_id) = 0;
  virtual Result<std::vector<AttendanceRecord>> list_attendance_of_occurrence(
      std::string_view occurrence_id) = 0;  // by user id
  // Rows of the program's occurrences starting in [from_ms, to_ms), by occurrence then user.
  virtual Result<std::vector<AttendanceRecord>> list_attendance_of_program(
      std::string_view program_id, std::int64_t from_ms, std::int64_t to_ms) = 0;
  // The user's rows for occurrences starting in [from_ms, to_ms), by occurrence id.
  virtual Result<std::vector<AttendanceRecord>> list_attendance_of_user(std::string_view user_id,
                                                                        std::int64_t from_ms,
                                                                        std::int64_t to_ms) = 0;

  // Notifications. insert_notification returns false, and changes nothing, when the user already
  // has one with that dedupe_key (INSERT ... ON CONFLICT DO NOTHING: the transaction stays good).
  virtual Result<bool> insert_notification(const NotificationRecord& notification) = 0;
  // Newest first: created_at_ms descending, then id descending; before_ms exclusive.
  virtual Result<std::vector<NotificationRecord>> list_notifications(std::string_view user_id,
                                                                     std::int64_t before_ms,
                                                                     std::size_t limit) = 0;
  virtual Result<std::int64_t> count_unread_notifications(std::string_view user_id) = 0;
  // Marks one (true if it was the user's and unread) or all of the user's (how many).
  virtual Result<bool> mark_notification_read(std::string_view user_id, std::string_view id,
                                              std::int64_t at_ms) = 0;
  virtual Result<std::int64_t> mark_all_notifications_read(std::string_view user_id,
                                                           std::int64_t at_ms) = 0;

  // Calendar feeds: put replaces the user's feed (rotation), so the old token stops working.
  virtual Result<void> put_calendar_feed(const CalendarFeedRecord& feed) = 0;
  virtual Result<std::optional<CalendarFeedRecord>> find_calendar_feed(
      std::string_view user_id) = 0;
  virtual Result<std::optional<CalendarFeedRecord>> find_calendar_feed_by_digest(
      std::string_view digest) = 0;
  // Turns the user's feed off; true if they had one.
  virtual Result<bool> delete_calendar_feed(std::string_view user_id) = 0;

  // People. update_user writes every field of the row with that id (Errc::not_found if none).
  virtual Result<void> insert_user(const UserRecord& user) = 0;
  virtual Result<void> update_user(const UserRecord& user) = 0;
  virtual Result<std::optional<UserRecord>> find_user(std::string_view id) = 0;
  virtual Result<std::optional<UserRecord>> find_user_by_email(std::string_view email) = 0;
  virtual Result<std::vector<UserRecord>> list_users() = 0;  // by display name
  // The names of everyone with a membership of any kind or status in the program, by id: what
  // a list of the program's people shows, without reading every account whole.
  virtual Result<std::vector<PersonNameRecord>> list_people_of_program(
      std::string_view program_id) = 0;

  virtual Result<void> insert_membership(const MembershipRecord& membership) = 0;
  virtual Result<std::vector<MembershipRecord>> list_memberships_of_user(
      std::string_view user_id) = 0;
  virtual Result<std::vector<MembershipRecord>> list_memberships() = 0;

  virtual Result<void> insert_invite(const InviteRecord& invite) = 0;
  virtual Result<void> update_invite(const InviteRecord& invite) = 0;
  virtual Result<std::optional<InviteRecord>> find_invite(std::string_view id) = 0;
  virtual Result<std::optional<InviteRecord>> find_invite_by_digest(std::string_view digest) = 0;
  virtual Result<std::vector<InviteRecord>> list_invites(
      std::string_view purpose) = 0;  // newest first

  virtual Result<void> insert_session(const SessionRecord& session) = 0;
  virtual Result<void> update_session(const SessionRecord& session) = 0;
  // Records activity: moves the session's last-seen time forward to `last_seen_ms`, only if it
  // has not been ended (so that a copy read before another node ended it cannot undo the end).
  // Whether it did.
  virtual Result<bool> touch_session(std::string_view id, std::int64_t last_seen_ms) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(std::string_view id) = 0;
  virtual Result<std::optional<SessionRecord>> find_session_by_digest(std::string_view digest) = 0;
  // Sessions of a user that have not been ended (some may have timed out), newest first.
  virtual Result<std::vector<SessionRecord>> list_open_sessions(std::string_view user_id) = 0;
  // Ends every open session of the user except `except_id`; returns how many it ended.
  virtual Result<std::int64_t> end_sessions_of_user(std::string_view user_id,
                                                    std::string_view except_id, std::int64_t at_ms,
                                                    std::string_view reason) = 0;

  // Recovery codes: replacing drops all earlier ones; using marks one spent and reports whether
  // an unspent code with that digest existed.
  virtual Result<void> replace_recovery_codes(std::string_view user_id,
                                              const std::vector<std::string>& digests,
                                              std::int64_t at_ms) = 0;
  virtual Result<bool> use_recovery_code(std::string_view user_id, std::string_view digest,
                                         std::int64_t at_ms) = 0;

  virtual Result<std::optional<ThrottleRecord>> find_throttle(std::string_view key) = 0;
  virtual Result<void> put_throttle(const ThrottleRecord& throttle) = 0;
  virtual Result<void> clear_throttle(std::string_view key) = 0;

  virtual Result<void> insert_grant(const GrantRecord& grant) = 0;
  virtual Result<void> update_grant(const GrantRecord& grant) = 0;
  virtual Result<std::optional<GrantRecord>> find_grant(std::string_view id) = 0;
  virtual Result<std::vector<GrantRecord>> list_grants() = 0;  // newest first

  // Server-wide settings such as "demo_mode".
  virtual Result<std::optional<std::string>> find_setting(std::string_view key) = 0;
  virtual Result<void> put_setting(std::string_view key, std::string_view value) = 0;

  // The audit trail. append_audit takes the record with every field but seq, prev_hash and hash
  // set, and `seal` which computes the hash from the record once seq and prev_hash are filled in.
  // Appends are serialised (one head row), so the chain has no forks.
  virtual Result<AuditRecord> append_audit(
      AuditRecord record, const std::function<std::string(const AuditRecord&)>& seal) = 0;
  virtual Result<std::vector<AuditRecord>> list_audit(const AuditQuery& query) = 0;
  // How many entries the chain's head says were appended: a trail cut short shows as fewer rows.
  virtual Result<std::int64_t> audit_length() = 0;

  // Chat (sql_chat.cpp). ensure_chat_room returns the room of (kind, program_id, group_id),
  // made from `wanted` if there is none yet.
  virtual Result<ChatRoomRecord> ensure_chat_room(const ChatRoomRecord& wanted) = 0;
  virtual Result<std::optional<ChatRoomRecord>> find_chat_room(std::string_view id) = 0;
  // Gives the room's next message number (last_seq + 1, recorded). Writers to one room wait for
  // each other here until they commit.
  virtual Result<std::int64_t> take_chat_seq(std::string_view room_id) = 0;
  virtual Result<void> insert_chat_message(const ChatMessageRecord& message) = 0;
  virtual Result<std::optional<ChatMessageRecord>> find_chat_message(std::string_view id) = 0;
  // Gives the room's next change number (last_change_seq + 1, recorded), as take_chat_seq does.
  virtual Result<std::int64_t> take_chat_change_seq(std::string_view room_id) = 0;
  // Writes a message's text, edited_at_ms, deleted_at_ms, deleted_by and change_seq.
  virtual Result<void> update_chat_message(const ChatMessageRecord& message) = 0;
  virtual Result<void> insert_chat_message_version(const ChatMessageVersion& version) = 0;
  // A message's earlier texts, oldest first.
  virtual Result<std::vector<ChatMessageVersion>> list_chat_message_versions(
      std::string_view message_id) = 0;
  // The room's messages changed after `after_change_seq`, in change order, at most `limit`.
  virtual Result<std::vector<ChatMessageRecord>> list_changed_chat_messages(
      std::string_view room_id, std::int64_t after_change_seq, std::size_t limit) = 0;
  virtual Result<std::optional<ChatMessageRecord>> find_chat_message_by_client_id(
      std::string_view room_id, std::string_view author_id, std::string_view client_message_id) = 0;
  virtual Result<std::vector<ChatMessageRecord>> list_chat_messages(
      const ChatMessageQuery& query) = 0;
  // Finds only what the full-text index covers: on SQLite, the messages index_chat_search() has
  // taken; on PostgreSQL, every committed message.
  virtual Result<std::vector<ChatMessageRecord>> search_chat_messages(
      const ChatSearchQuery& query) = 0;
  // Adds up to `most` messages not yet in SQLite's full-text index (oldest first) and returns
  // how many it took: 0 once the index is up to date. Migration 15: one batch costs far less
  // than indexing in every posting transaction. PostgreSQL's index keeps up by itself: 0.
  virtual Result<std::size_t> index_chat_search(std::size_t most) = 0;
  // Private conversations (migration 8). Adding someone already in the room changes nothing.
  virtual Result<void> insert_chat_room_member(std::string_view room_id, std::string_view user_id,
                                               std::int64_t added_at_ms) = 0;
  // The room's people in the order they were added, each with their read position.
  virtual Result<std::vector<ChatRoomMember>> list_chat_room_members(std::string_view room_id) = 0;
  // The private rooms the user is in, oldest first.
  virtual Result<std::vector<ChatRoomRecord>> list_private_chat_rooms(std::string_view user_id) = 0;
  // Moves the user's read position in the room up to `seq` (never back: a later mark from a slower
  // tab must not undo an earlier one) and returns where it now is.
  virtual Result<std::int64_t> advance_chat_read_position(std::string_view room_id,
                                                          std::string_view user_id,
                                                          std::int64_t seq,
                                                          std::int64_t now_ms) = 0;
  // The user's read positions in every room they have read in.
  virtual Result<std::vector<ChatReadPosition>> list_chat_read_positions(
      std::string_view user_id) = 0;
  virtual Result<void> insert_safety_alert(const SafetyAlertRecord& alert) = 0;
  virtual Result<bool> has_safety_alert(std::string_view message_id) = 0;
  virtual Result<std::optional<SafetyAlertRecord>> find_safety_alert(std::string_view id) = 0;
  // A program's alerts, newest first, at most `limit`; with open_only, those no one has
  // acknowledged yet.
  virtual Result<std::vector<SafetyAlertRecord>> list_safety_alerts(std::string_view program_id,
                                                                    bool open_only,
                                                                    std::size_t limit) = 0;
  // Marks the alert acknowledged unless someone already has; false when someone had (the first
  // acknowledgement stays), or there is no such alert.
  virtual Result<bool> acknowledge_safety_alert(std::string_view id, std::string_view user_id,
                                                std::int64_t at_ms) = 0;

  // Members' reports of messages (sql_chat_moderation.cpp, migration 12). insert_chat_report
  // returns false, and changes nothing, when the reporter has reported that message already.
  virtual Result<bool> insert_chat_report(const ChatReportRecord& report) = 0;
  virtual Result<std::optional<ChatReportRecord>> find_chat_report(std::string_view id) = 0;
  virtual Result<std::optional<ChatReportRecord>> find_chat_report_by_reporter(
      std::string_view message_id, std::string_view reporter_id) = 0;
  // A program's reports, newest first, at most `limit`; with open_only, the undecided ones.
  virtual Result<std::vector<ChatReportRecord>> list_chat_reports(std::string_view program_id,
                                                                  bool open_only,
                                                                  std::size_t limit) = 0;
  // Records the decision on every open report of the message; how many it settled (0 when
  // someone had decided already: the first decision stays).
  virtual Result<std::int64_t> decide_chat_reports(std::string_view message_id,
                                                   std::string_view decided_by,
                                                   std::string_view decision,
                                                   std::int64_t at_ms) = 0;

  // Mentions and files (sql_chat_extras.cpp, migration 14). A mention row per message and person
  // named, for counting what names someone and is not yet read; put replaces a message's rows.
  virtual Result<void> put_chat_mentions(const ChatMessageRecord& message) = 0;
  // Per room, how many messages numbered above the person's read position name them.
  virtual Result<std::vector<std::pair<std::string, std::int64_t>>> count_unread_chat_mentions(
      std::string_view user_id) = 0;
  // A thread's replies numbered above after_seq, oldest first, at most `limit`.
  virtual Result<std::vector<ChatMessageRecord>> list_chat_thread(std::string_view root_id,
                                                                  std::int64_t after_seq,
                                                                  std::size_t limit) = 0;
  virtual Result<void> insert_chat_file(const ChatFileRecord& file, std::string_view content) = 0;
  virtual Result<std::optional<ChatFileRecord>> find_chat_file(std::string_view id) = 0;
  virtual Result<std::string> chat_file_content(std::string_view id) = 0;
  // Marks a waiting file sent with a message; false when it was not waiting.
  virtual Result<bool> attach_chat_file(std::string_view id, std::string_view message_id) = 0;
  // Deletes files never sent that were uploaded before `before_ms`; how many.
  virtual Result<std::int64_t> delete_unsent_chat_files(std::int64_t before_ms) = 0;

  // Moderators' mutes and removals (sql_chat_moderation.cpp, migration 13). put replaces the
  // person's restriction in the room; delete reports whether there was one.
  virtual Result<void> put_chat_restriction(const ChatRestrictionRecord& restriction) = 0;
  virtual Result<std::optional<ChatRestrictionRecord>> find_chat_restriction(
      std::string_view room_id, std::string_view user_id) = 0;
  virtual Result<bool> delete_chat_restriction(std::string_view room_id,
                                               std::string_view user_id) = 0;
  // A room's restrictions by the person's name; a person's in every room.
  virtual Result<std::vector<ChatRestrictionRecord>> list_chat_restrictions(
      std::string_view room_id) = 0;
  virtual Result<std::vector<ChatRestrictionRecord>> list_chat_restrictions_of_user(
      std::string_view user_id) = 0;

  // The program's own crisis resources, in its order (empty: it uses the deployment's).
  virtual Result<std::vector<CrisisResourceRecord>> list_crisis_resources(
      std::string_view program_id) = 0;
  // Replaces the program's whole list (empty: back to the deployment's).
  virtual Result<void> replace_crisis_resources(
      std::string_view program_id, const std::vector<CrisisResourceRecord>& resources) = 0;
};

// read_write transactions advance the store's generation (see Store::generation); bookkeeping
// ones write too but change nothing a cached answer is built from: a session's last-seen time,
// chat messages. On PostgreSQL, read_write runs SERIALIZABLE and bookkeeping READ COMMITTED (its
// writers meet on single rows they lock as they go; see postgres/pg_connection.cpp).
enum class Access { read_only, read_write, bookkeeping };

struct PoolStats {
  std::size_t connections = 0;  // open connections (SQLite: the writer and the readers)
  std::size_t in_use = 0;       // held by a running transaction right now
  std::size_t waiting = 0;      // callers waiting for a connection
};

// Store::transact_grouped's sharing so far (all zero where it does not share).
struct GroupCommitStats {
  std::uint64_t commits = 0;  // shared transactions committed
  std::uint64_t calls = 0;    // the calls they carried: calls / commits is the mean group
  std::size_t queued = 0;     // calls waiting for the next shared transaction right now
};

struct Migration {
  int version = 0;
  std::string name;  // e.g. "programs_and_groups"
};

class Store {
 public:
  virtual ~Store() = default;

  virtual std::string_view driver() const = 0;  // "sqlite" or "postgresql"

  // Runs fn in one transaction: commits if it returns ok, rolls back otherwise. When the
  // database reports a transient failure (SQLITE_BUSY, SQLSTATE 40001 or 40P01) at any point,
  // the transaction is rolled back and the whole of fn runs again, a bounded number of times;
  // single statements are never retried on their own. fn must therefore have no effects
  // outside the transaction (publish events after transact() returns), and must not call
  // transact() itself (it would wait for the connection it holds).
  virtual Result<void> transact(Access access,
                                const std::function<Result<void>(Transaction&)>& fn) = 0;

  // transact(Access::bookkeeping, fn) for the small writes many threads make at once (chat
  // messages), with group commit where the database has a single writer (SQLite): the callers
  // that arrive while one commit is being written share the next transaction, and so its one
  // fsync, instead of each paying for its own. Each fn runs in its own savepoint, so a failing
  // one undoes its own writes only and gets its own error; nobody hears back before the shared
  // commit is durable. If the shared transaction itself fails, each fn runs again alone, as
  // transact() would run it. fn must meet transact()'s terms; it may run on another caller's
  // thread (an exception it throws is rethrown on its own). PostgreSQL, whose connections write
  // side by side and whose log flush already groups commits, runs transact().
  virtual Result<void> transact_grouped(const std::function<Result<void>(Transaction&)>& fn) {
    return transact(Access::bookkeeping, fn);
  }
  virtual GroupCommitStats group_commit_stats() const { return {}; }
  // Whether messages reach the full-text index only through Transaction::index_chat_search()
  // (SQLite, migration 15), rather than as they are written (PostgreSQL).
  virtual bool indexes_search_in_batches() const { return false; }

  // Moves on with every read_write transaction this Store object commits, and with every
  // notice_outside_writes() that finds another process's. Caches tag what they read with the
  // generation taken before reading and trust it only while it is unchanged, so every write
  // made through this process shows at once, and one made by another process (a second node on
  // the same PostgreSQL, a `hearth` command on the same SQLite file) at the next look.
  virtual std::uint64_t generation() const = 0;

  // Looks whether another process has committed a write to the database since the last look
  // and, if it has (or this is the first look), advances the generation and answers true. Meant
  // for one background caller a few times a second (app/serve.cpp). SQLite: PRAGMA data_version
  // on the writer connection, which moves only when another connection commits; PostgreSQL: the
  // notification that every read_write transaction of a Hearth process sends as it commits
  // (channel hearth_writes, payload the writing Store's id), less this Store's own. Either way a
  // look sees every commit that finished before it began. A change made
  // outside Hearth on PostgreSQL (psql) sends none and is seen when the copies run out.
  virtual Result<bool> notice_outside_writes() = 0;

  // Copies the write-ahead log into the database file, where the driver keeps one apart (SQLite),
  // without waiting for or blocking writers or readers; a store opened with
  // StoreOptions::checkpoint_in_background needs it called about once a second (app/serve.cpp),
  // or its log keeps growing. Nothing to do for PostgreSQL, which checkpoints by itself.
  virtual Result<void> checkpoint() { return ok(); }

  // A cheap round trip to the database, for /readyz.
  virtual Result<void> ping() = 0;
  virtual PoolStats pool_stats() const = 0;

  // Migrations: the highest applied version (0 for an empty database), the ones not yet
  // applied, and applying them in order. Each migration runs in its own transaction together
  // with its row in schema_migrations, so a failing one leaves the previous version in place.
  virtual Result<int> schema_version() = 0;
  virtual Result<std::vector<Migration>> pending_migrations() = 0;
  virtual Result<std::vector<Migration>> migrate() = 0;  // returns what it applied

  // A consistent copy of the database written to `path` while others keep using it (SQLite's
  // online backup API). The PostgreSQL driver answers Errc::invalid_argument with a message
  // that shows the pg_dump command to use instead (without the password).
  virtual Result<void> backup_to(const std::string& path) = 0;
};

struct StoreOptions {
  std::size_t readers = 4;    // SQLite: reader connections besides the single writer
  std::size_t pool_size = 8;  // PostgreSQL: connections in the pool
  std::chrono::milliseconds busy_timeout{5000};  // SQLite busy_timeout
  int max_attempts = 5;  // transact(): runs of fn before a transient error is returned
  // SQLite: commits never copy the log into the database file themselves; the owner calls
  // Store::checkpoint() instead, off the writers' path. For a long-running server.
  bool checkpoint_in_background = false;
};

// Opens a store from a URL: "sqlite:///absolute/path.db", "sqlite://relative/path.db" or
// "postgresql://user:pass@host:port/db" (also "postgres://"). Does not migrate.
Result<std::unique_ptr<Store>> open_store(std::string_view url, const StoreOptions& options);

// For a database whose backups are made by its own tool rather than Store::backup_to
// (PostgreSQL: pg_dump), the advice with the command to run for writing `path`, without the
// password; nullopt for SQLite. Connects to nothing, so it works while the database is down.
// Errc::invalid_argument for a URL open_store would not accept.
Result<std::optional<std::string>> external_backup_advice(std::string_view url,
                                                          const std::string& path);

// The URL with any password replaced by "***", safe to print and log.
std::string redact_url(std::string_view url);

}  // namespace hearth::store
