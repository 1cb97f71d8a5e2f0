// PgConnection: one libpq connection behind the SqlConnection interface.
//
// Statements go out with every value bound as a text parameter, never spliced into the SQL.
// Each data statement (SELECT, INSERT, UPDATE, DELETE, WITH) is prepared once per connection and
// then only executed (PQprepare, PQexecPrepared), so PostgreSQL parses and plans it once rather
// than on every call (about 40% of its CPU on the schedule benchmark's reads, docs/benchmarks.md);
// other statements (the migrations' DDL) and any past kMaxPrepared go through PQexecParams. A
// connection whose socket broke reports healthy() == false, so its pool closes it and opens a fresh
// one for the next caller. A connection that listens (listen, take_notifications) is kept for
// that alone, outside the pool.
//
// Ownership: owns the PGconn and closes it in the destructor.
// Threads: one thread at a time (libpq connections are not shared between threads).
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sql.hpp"

namespace hearth::store {

class PgConnection final : public SqlConnection {
 public:
  // `url` is a postgresql:// URL; Errc::unavailable if the server cannot be reached.
  static Result<std::unique_ptr<PgConnection>> open(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Dialect dialect() const override { return Dialect::postgresql; }
  Result<void> begin(TransactionKind kind) override;
  Result<void> commit() override;
  void rollback() override;
  Result<SqlRows> query(std::string_view operation, std::string_view sql,
                        std::span<const SqlParam> params) override;
  bool healthy() const override;

  // LISTEN on `channel` (an identifier of letters and underscores), outside any transaction.
  Result<void> listen(std::string_view channel);
  // The payloads of the notifications that have arrived since the last call, without waiting
  // for any; Errc::unavailable when the connection broke (notifications may then have been lost).
  Result<std::vector<std::string>> take_notifications();

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  Error error_of(std::string_view operation, const PGresult* result) const;
  // The name of `sql`'s prepared statement on this connection, preparing it first if need be;
  // empty when it is not to be prepared. Named statements outlive transactions, rolled back or
  // not, so a name stays good for the connection's life.
  Result<std::string> prepared_name(std::string_view operation, const std::string& sql,
                                    int parameters);

  static constexpr std::size_t kMaxPrepared = 1000;
  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL → statement name
};

// The Errc for a SQLSTATE, and the short description used in messages (never the server's
// message text, which can quote the values of a row).
Errc errc_for_sqlstate(std::string_view sqlstate);
std::string_view describe_sqlstate(std::string_view sqlstate);

}  // namespace hearth::store
