#include "store/sqlite/sqlite_connection.hpp"

#include <string>

namespace hearth::store {

namespace {

// Resets a statement after use so it can be run again and holds no read snapshot open.
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* statement) : statement_(statement) {}
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;
  ~StatementReset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }

 private:
  sqlite3_stmt* statement_;
};

int bind(sqlite3_stmt* statement, int index, const SqlParam& param) {
  if (const auto* number = std::get_if<std::int64_t>(&param)) {
    return sqlite3_bind_int64(statement, index, *number);
  }
  const auto text = std::get<std::string_view>(param);
  // A null pointer would bind SQL NULL; an empty string_view may carry one.
  const char* data = text.data() != nullptr ? text.data() : "";
  // SQLITE_STATIC: the caller's strings outlive the statement's run, so no copy is needed.
  return sqlite3_bind_text(statement, index, data, static_cast<int>(text.size()), SQLITE_STATIC);
}

}  // namespace

Errc errc_for_sqlite(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Errc::already_exists;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Errc::transient;
    case SQLITE_CONSTRAINT:
      return Errc::conflict;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_PERM:
    case SQLITE_NOLFS:
      return Errc::unavailable;
    default:
      return Errc::internal;
  }
}

Error sqlite_error(std::string_view operation, int extended_code) {
  // sqlite3_errstr gives the generic text for the code; sqlite3_errmsg is not used because a
  // future message might quote more than our constant SQL.
  return Error::of(errc_for_sqlite(extended_code),
                   std::string(operation) + " failed: " + sqlite3_errstr(extended_code) +
                       " (SQLite code " + std::to_string(extended_code) + ")");
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(
    const std::string& path, SqliteRole role, std::chrono::milliseconds busy_timeout,
    bool checkpoint_on_commit) {
  // NOMUTEX: the pool already guarantees one thread at a time, so SQLite's own per-call mutex
  // would only cost time. EXRESCODE: extended codes tell UNIQUE from other constraint failures.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (role == SqliteRole::writer) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  if (rc != SQLITE_OK) {
    auto error = sqlite_error("opening the SQLite database", rc);
    return Error::of(Errc::unavailable, error.message + " at " + path);
  }
  sqlite3_extended_result_codes(db, 1);
  if (auto configured = connection->configure(role, busy_timeout, checkpoint_on_commit);
      !configured.ok()) {
    return std::move(configured).error();
  }
  return connection;
}

Result<void> SqliteConnection::configure(SqliteRole role, std::chrono::milliseconds busy_timeout,
                                         bool checkpoint_on_commit) {
  sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
  // Foreign keys are off by default in SQLite, per connection; PostgreSQL always enforces them.
  if (auto done = execute("enabling foreign keys", "PRAGMA foreign_keys = ON"); !done.ok()) {
    return done;
  }
  // Sorts, temporary indexes and statement journals in memory: SQLite would otherwise write
  // them to files in /var/tmp (opened and at once unlinked) — a file per chat message under
  // load, and pieces of health information outside the data folder.
  if (auto done = execute("keeping temporary data in memory", "PRAGMA temp_store = MEMORY");
      !done.ok()) {
    return done;
  }
  if (role == SqliteRole::reader) {
    // A write in a read_only transaction then fails here as it does in PostgreSQL's READ ONLY.
    return execute("making a reader query-only", "PRAGMA query_only = ON");
  }
  // WAL: readers keep reading from their snapshot while the writer commits, and a commit is
  // one append to the log. The setting is stored in the file, so readers opened later use it.
  auto mode = query("enabling WAL", "PRAGMA journal_mode = WAL", {});
  if (!mode.ok()) return std::move(mode).error();
  if (mode->empty() || mode->text(0, 0) != "wal") {
    return Error::of(Errc::unavailable,
                     "enabling WAL failed: the file system does not support it for this database");
  }
  // synchronous=FULL: in WAL mode every commit fsyncs the log before it returns, so a write
  // acknowledged to a client survives an OS crash or power cut too ("nothing acknowledged is
  // lost", DESIGN.md). NORMAL would skip that fsync and could lose the last commits on power
  // loss; for clinical records the fsync per write is the right price. docs/storage/schema.md.
  if (auto done = execute("setting synchronous", "PRAGMA synchronous = FULL"); !done.ok()) {
    return done;
  }
  // By default the commit that takes the log past 1000 pages copies it into the database file
  // and fsyncs that file before it returns: a stall of many milliseconds for whoever wrote it,
  // every few seconds under load. A server does it on the side instead (SqliteStore::checkpoint).
  if (checkpoint_on_commit) return ok();
  return execute("turning off checkpoints on commit", "PRAGMA wal_autocheckpoint = 0");
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(db_);
}

Result<void> SqliteConnection::begin(TransactionKind kind) {
  // read_write: IMMEDIATE takes the write lock at BEGIN, so the only SQLITE_BUSY a writer can
  // meet comes before fn runs, never from a lock upgrade halfway through it.
  // read_only: a deferred BEGIN starts a read snapshot at the first SELECT and never blocks
  // the writer (WAL).
  if (kind == TransactionKind::read_only) return execute("begin", "BEGIN");
  return execute("begin", "BEGIN IMMEDIATE");
}

Result<void> SqliteConnection::commit() {
  return execute("commit", "COMMIT");
}

void SqliteConnection::rollback() {
  // SQLite may have rolled back by itself (e.g. after SQLITE_FULL); then there is nothing to do.
  if (sqlite3_get_autocommit(db_) == 0) (void)execute("rollback", "ROLLBACK");
}

bool SqliteConnection::healthy() const {
  return sqlite3_get_autocommit(db_) != 0;
}

Result<sqlite3_stmt*> SqliteConnection::prepare(std::string_view operation, std::string_view sql) {
  std::string key(sql);
  if (auto found = statements_.find(key); found != statements_.end()) return found->second;
  const std::string translated = sqlite_placeholders(sql);
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v3(db_, translated.c_str(), static_cast<int>(translated.size()),
                                    SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (rc != SQLITE_OK) return sqlite_error(operation, sqlite3_extended_errcode(db_));
  statements_.emplace(std::move(key), statement);
  return statement;
}

Result<SqlRows> SqliteConnection::query(std::string_view operation, std::string_view sql,
                                        std::span<const SqlParam> params) {
  auto prepared = prepare(operation, sql);
  if (!prepared.ok()) return std::move(prepared).error();
  sqlite3_stmt* statement = *prepared;
  StatementReset reset(statement);
  if (static_cast<std::size_t>(sqlite3_bind_parameter_count(statement)) != params.size()) {
    return Error::of(Errc::internal, std::string(operation) + " failed: wrong parameter count");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (int rc = bind(statement, static_cast<int>(i + 1), params[i]); rc != SQLITE_OK) {
      return sqlite_error(operation, rc);
    }
  }
  const int columns = sqlite3_column_count(statement);
  SqlRows rows(static_cast<std::size_t>(columns));
  while (true) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) return rows;
    if (rc != SQLITE_ROW) return sqlite_error(operation, rc);
    for (int c = 0; c < columns; ++c) {
      if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
        rows.add_cell(std::nullopt);
        continue;
      }
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
      rows.add_cell(
          std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
    }
  }
}

}  // namespace hearth::store
