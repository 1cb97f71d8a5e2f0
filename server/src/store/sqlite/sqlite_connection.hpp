// SqliteConnection: one sqlite3 handle behind the SqlConnection interface, with the settings its
// role needs (see open()) and a cache of prepared statements.
//
// Ownership: owns the handle and its statements; closing happens in the destructor.
// Threads: one thread at a time (the handle is opened with SQLITE_OPEN_NOMUTEX; the pool makes
// sure no two threads share it).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sql.hpp"

namespace hearth::store {

// The writer takes every read_write transaction; readers are opened query-only.
enum class SqliteRole { writer, reader };

class SqliteConnection final : public SqlConnection {
 public:
  // checkpoint_on_commit false: the writer leaves copying the log into the database file to
  // SqliteStore::checkpoint() (StoreOptions::checkpoint_in_background).
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, SqliteRole role,
                                                        std::chrono::milliseconds busy_timeout,
                                                        bool checkpoint_on_commit = true);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Dialect dialect() const override { return Dialect::sqlite; }
  Result<void> begin(TransactionKind kind) override;
  Result<void> commit() override;
  void rollback() override;
  Result<SqlRows> query(std::string_view operation, std::string_view sql,
                        std::span<const SqlParam> params) override;
  bool healthy() const override;

  // For the online backup, which works on the handle itself.
  sqlite3* handle() const { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  Result<sqlite3_stmt*> prepare(std::string_view operation, std::string_view sql);
  Result<void> configure(SqliteRole role, std::chrono::milliseconds busy_timeout,
                         bool checkpoint_on_commit);

  sqlite3* db_;
  // Keyed by the SQL as the caller wrote it ($N placeholders), so each text is translated once.
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// The Errc for an extended SQLite result code, and an Error naming `operation` and the code
// (never a parameter value or the statement's text).
Errc errc_for_sqlite(int extended_code);
Error sqlite_error(std::string_view operation, int extended_code);

}  // namespace hearth::store
