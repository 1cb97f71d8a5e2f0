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

  virtual Result<void> insert_group(const GroupRecord& group) = 0;
  virtual Result<std::vector<GroupRecord>> list_groups(std::string_view program_id) = 0;  // by name
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
