#include "store/postgres/pg_connection.hpp"

#include <vector>

#include "store/store.hpp"

namespace hearth::store {

namespace {

using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// Every migration runner in every node takes this lock (pg_advisory_xact_lock) before it
// looks at schema_migrations, so two nodes starting at once apply each step once. The number
// is arbitrary but fixed: the bytes of "hearth" followed by 1, read as one integer.
constexpr std::string_view kMigrationLock = "SELECT pg_advisory_xact_lock(29384866784372737)";

// libpq's own account of a failed connection attempt, first line only. It names the host,
// port, user and database and says what failed; libpq never repeats the password.
std::string connect_failure(PGconn* conn) {
  if (conn == nullptr) return "out of memory";
  std::string message = PQerrorMessage(conn);
  if (auto end = message.find('\n'); end != std::string::npos) message.resize(end);
  return message;
}

}  // namespace

Errc errc_for_sqlstate(std::string_view sqlstate) {
  if (sqlstate == "40001" || sqlstate == "40P01") return Errc::transient;
  if (sqlstate == "23505") return Errc::already_exists;
  if (sqlstate.starts_with("23")) return Errc::conflict;
  // Class 08: connection exceptions; 57P01-03: the server is shutting down or starting up;
  // 53300: too many connections.
  if (sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03" || sqlstate == "53300") {
    return Errc::unavailable;
  }
  return Errc::internal;
}

std::string_view describe_sqlstate(std::string_view sqlstate) {
  if (sqlstate == "40001") return "serialization failure";
  if (sqlstate == "40P01") return "deadlock detected";
  if (sqlstate == "23505") return "unique key already exists";
  if (sqlstate == "23503") return "foreign key violation";
  if (sqlstate == "23502") return "null value not allowed";
  if (sqlstate == "23514") return "check constraint violation";
  if (sqlstate.starts_with("23")) return "integrity constraint violation";
  if (sqlstate == "25006") return "write in a read-only transaction";
  if (sqlstate.starts_with("08")) return "connection failure";
  if (sqlstate.starts_with("57P")) return "server shutting down or starting";
  if (sqlstate == "53300") return "too many connections";
  if (sqlstate.starts_with("42")) return "syntax error or undefined object";
  return "database error";
}

Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& url) {
  // Our defaults come first so that settings in the URL override them (expand_dbname = 1).
  const char* const keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname",
                              nullptr};
  const char* const values[] = {"10", "hearth", "UTF8", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, 1);
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    return Error::of(Errc::unavailable, "cannot connect to PostgreSQL at " + redact_url(url) +
                                            ": " + connect_failure(conn));
  }
  return connection;
}

PgConnection::~PgConnection() {
  PQfinish(conn_);
}

Result<void> PgConnection::begin(TransactionKind kind) {
  // read_write runs SERIALIZABLE: correctness first. Every transaction then behaves as if it ran
  // alone, and the price, SQLSTATE 40001 when two collide, is exactly what transact() already
  // handles by running the whole of fn again.
  // read_only runs REPEATABLE READ, READ ONLY: one snapshot for all its statements, and a
  // read-only transaction at that level never fails with 40001.
  // schema_change runs READ COMMITTED: after waiting for the migration lock it must see what
  // the runner that held the lock committed, which a snapshot taken before the wait would not.
  // bookkeeping runs READ COMMITTED too: its writers meet on one row (a chat room's message
  // counter, the audit head), and there an UPDATE waits for the row and then works on the
  // version just committed. SERIALIZABLE would fail the waiter with 40001 instead, and a busy
  // room would run its senders' transactions again and again.
  std::string_view sql = "BEGIN ISOLATION LEVEL SERIALIZABLE";
  if (kind == TransactionKind::read_only) sql = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  if (kind == TransactionKind::schema_change || kind == TransactionKind::bookkeeping) {
    sql = "BEGIN ISOLATION LEVEL READ COMMITTED";
  }
  auto begun = execute("begin", sql);
  if (!begun.ok() && PQstatus(conn_) == CONNECTION_BAD) {
    // The connection died while idle in the pool (a server restart, an idle timeout). Nothing
    // has run yet, so reconnecting once and beginning again is safe.
    PQreset(conn_);
    if (PQstatus(conn_) == CONNECTION_OK) begun = execute("begin", sql);
  }
  if (!begun.ok() || kind != TransactionKind::schema_change) return begun;
  return execute("taking the migration lock", kMigrationLock);
}

Result<void> PgConnection::commit() {
  PgResult result(PQexec(conn_, "COMMIT"), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return error_of("commit", result.get());
  // COMMIT of a transaction that had already failed answers "ROLLBACK" rather than an error.
  if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
    return Error::of(Errc::conflict, "commit failed: the transaction had already failed");
  }
  return ok();
}

void PgConnection::rollback() {
  if (PQstatus(conn_) != CONNECTION_OK || PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  PgResult result(PQexec(conn_, "ROLLBACK"), &PQclear);
}

bool PgConnection::healthy() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

Result<void> PgConnection::listen(std::string_view channel) {
  return execute("listen", "LISTEN " + std::string(channel));
}

Result<std::vector<std::string>> PgConnection::take_notifications() {
  // libpq keeps its socket non-blocking, so this reads only what has already arrived.
  if (PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK) {
    return Error::of(Errc::unavailable, "listening failed: the connection to PostgreSQL was lost");
  }
  std::vector<std::string> payloads;
  while (PGnotify* notification = PQnotifies(conn_)) {
    payloads.emplace_back(notification->extra);
    PQfreemem(notification);
  }
  return payloads;
}

Result<SqlRows> PgConnection::query(std::string_view operation, std::string_view sql,
                                    std::span<const SqlParam> params) {
  // Text-format parameters must be NUL-terminated, so each value gets its own string.
  std::vector<std::string> texts;
  texts.reserve(params.size());
  for (const auto& param : params) {
    if (const auto* number = std::get_if<std::int64_t>(&param)) {
      texts.push_back(std::to_string(*number));
    } else {
      texts.emplace_back(std::get<std::string_view>(param));
    }
  }
  std::vector<const char*> values;
  values.reserve(texts.size());
  for (const auto& text : texts) values.push_back(text.c_str());

  const std::string statement(sql);
  const int count_of_values = static_cast<int>(values.size());
  HEARTH_TRY_ASSIGN(const auto name, prepared_name(operation, statement, count_of_values));
  PgResult result(name.empty() ? PQexecParams(conn_, statement.c_str(), count_of_values, nullptr,
                                              values.data(), nullptr, nullptr, 0)
                               : PQexecPrepared(conn_, name.c_str(), count_of_values, values.data(),
                                                nullptr, nullptr, 0),
                  &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK) return SqlRows();
  if (status != PGRES_TUPLES_OK) return error_of(operation, result.get());
  const int columns = PQnfields(result.get());
  const int count = PQntuples(result.get());
  SqlRows rows(static_cast<std::size_t>(columns));
  for (int r = 0; r < count; ++r) {
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result.get(), r, c) != 0) {
        rows.add_cell(std::nullopt);
      } else {
        rows.add_cell(std::string(PQgetvalue(result.get(), r, c),
                                  static_cast<std::size_t>(PQgetlength(result.get(), r, c))));
      }
    }
  }
  return rows;
}

namespace {

bool is_data_statement(std::string_view sql) {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
  for (const std::string_view verb : {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}) {
    if (sql.size() > verb.size() && sql.substr(0, verb.size()) == verb) {
      const char next = sql[verb.size()];
      if (next == ' ' || next == '\n') return true;
    }
  }
  return false;
}

}  // namespace

Result<std::string> PgConnection::prepared_name(std::string_view operation, const std::string& sql,
                                                int parameters) {
  if (const auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  if (prepared_.size() >= kMaxPrepared || !is_data_statement(sql)) return std::string();
  auto name = "hearth_" + std::to_string(prepared_.size() + 1);
  PgResult result(PQprepare(conn_, name.c_str(), sql.c_str(), parameters, nullptr), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) return error_of(operation, result.get());
  prepared_.emplace(sql, name);
  return name;
}

Error PgConnection::error_of(std::string_view operation, const PGresult* result) const {
  const char* field = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = field != nullptr ? field : "";
  if (PQstatus(conn_) == CONNECTION_BAD) {
    return Error::of(Errc::unavailable,
                     std::string(operation) + " failed: the connection to PostgreSQL was lost");
  }
  if (sqlstate.empty()) {
    return Error::of(Errc::internal, std::string(operation) + " failed without a SQLSTATE");
  }
  return Error::of(errc_for_sqlstate(sqlstate),
                   std::string(operation) + " failed: " + std::string(describe_sqlstate(sqlstate)) +
                       " (SQLSTATE " + std::string(sqlstate) + ")");
}

}  // namespace hearth::store
