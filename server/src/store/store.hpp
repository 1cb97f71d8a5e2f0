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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

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
};

struct GroupRecord {
  std::string id;
  std::string program_id;
  std::string slug;  // unique within its program
  std::string name;
  std::string description;
  std::string kind;  // "therapy", "skills", "peer_support", "family", "alumni", "social"
  int capacity = 0;  // most participants the group admits
  std::int64_t created_at_ms = 0;
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

// A person's place in a program: "participant" or "staff".
struct MembershipRecord {
  std::string program_id;
  std::string user_id;
  std::string kind;
  std::int64_t created_at_ms = 0;
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

  virtual Result<void> insert_group(const GroupRecord& group) = 0;
  virtual Result<std::vector<GroupRecord>> list_groups(std::string_view program_id) = 0;  // by name

  // People. update_user writes every field of the row with that id (Errc::not_found if none).
  virtual Result<void> insert_user(const UserRecord& user) = 0;
  virtual Result<void> update_user(const UserRecord& user) = 0;
  virtual Result<std::optional<UserRecord>> find_user(std::string_view id) = 0;
  virtual Result<std::optional<UserRecord>> find_user_by_email(std::string_view email) = 0;
  virtual Result<std::vector<UserRecord>> list_users() = 0;  // by display name

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
};

enum class Access { read_only, read_write };

struct PoolStats {
  std::size_t connections = 0;  // open connections (SQLite: the writer and the readers)
  std::size_t in_use = 0;       // held by a running transaction right now
  std::size_t waiting = 0;      // callers waiting for a connection
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
