// SqlConnection: the small internal interface over one database connection that lets the
// transaction code, the migrations and the retry loop be written once for both drivers.
//
// SQL is written in PostgreSQL's form with $1, $2 … placeholders; the SQLite driver rewrites them
// to ?1, ?2 … (sqlite_placeholders). Parameters are always bound, never spliced into the text.
// Results come back as text cells, the form libpq gives them, so both drivers read rows alike.
//
// Error messages built here name the operation and the database's code only: never a parameter
// value or a server message, since either may hold personal data.
//
// Threads: a connection is used by one thread at a time (ConnectionPool hands it out).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.hpp"

namespace hearth::store {

enum class Dialect { sqlite, postgresql };

// What a transaction is for; each driver maps it to its own BEGIN. schema_change is the
// migration runner's: it must see every migration committed before it starts, and two runners
// (two nodes starting at once) must take turns. bookkeeping is Access::bookkeeping's: writes
// built from single-row statements that take their row locks as they go (a counter moved with
// UPDATE … RETURNING), which need no snapshot of their own.
enum class TransactionKind { read_only, read_write, bookkeeping, schema_change };

using SqlParam = std::variant<std::int64_t, std::string_view>;

// The rows of one statement's result, every cell as text (or nullopt for NULL).
class SqlRows {
 public:
  SqlRows() = default;
  explicit SqlRows(std::size_t columns) : columns_(columns) {}

  std::size_t size() const { return columns_ == 0 ? 0 : cells_.size() / columns_; }
  bool empty() const { return size() == 0; }
  void add_cell(std::optional<std::string> cell) { cells_.push_back(std::move(cell)); }

  std::string text(std::size_t row, std::size_t column) const;  // "" for NULL
  // Reads a cell as a decimal integer; Errc::internal if it is not one.
  Result<std::int64_t> integer(std::size_t row, std::size_t column) const;

 private:
  std::size_t columns_ = 0;
  std::vector<std::optional<std::string>> cells_;
};

// Reads one row's cells left to right. The first cell that is not what was asked for is kept as
// the failure; later reads return empty values, so a reader can read every column and check once.
class SqlRowCursor {
 public:
  SqlRowCursor(const SqlRows& rows, std::size_t row) : rows_(rows), row_(row) {}

  std::string text() { return rows_.text(row_, column_++); }
  std::int64_t integer();
  bool boolean() { return integer() != 0; }

  // The record read, or the first failure.
  template <class Record>
  Result<Record> finish(Record record) {
    if (failure_) return *failure_;
    return record;
  }

 private:
  const SqlRows& rows_;
  std::size_t row_;
  std::size_t column_ = 0;
  std::optional<Error> failure_;
};

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;

  virtual Dialect dialect() const = 0;

  virtual Result<void> begin(TransactionKind kind) = 0;
  virtual Result<void> commit() = 0;
  // Best effort: ends any open transaction. A connection that cannot roll back reports
  // healthy() == false and its pool closes it.
  virtual void rollback() = 0;

  // Runs one statement. `operation` names it in error messages ("insert_program").
  virtual Result<SqlRows> query(std::string_view operation, std::string_view sql,
                                std::span<const SqlParam> params) = 0;

  // True when the connection is open and outside any transaction, fit to go back to the pool.
  virtual bool healthy() const = 0;

  Result<void> execute(std::string_view operation, std::string_view sql,
                       std::span<const SqlParam> params = {});
};

// Rewrites $N placeholders to SQLite's ?N, leaving quoted strings and identifiers alone.
std::string sqlite_placeholders(std::string_view sql);

}  // namespace hearth::store
