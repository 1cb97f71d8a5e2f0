#include "store/postgres/pg_store.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <memory>

#include "store/connection_pool.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sql_store.hpp"
#include "store/url.hpp"

namespace hearth::store {

namespace {

std::string shell_quote(std::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// libpq's own check of the URL, so a typo is reported as such rather than as a failed connection.
Result<void> check_url(const std::string& url) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
  // libpq's message can quote part of the URL, which may hold the password: not passed on.
  PQfreemem(message);
  if (options == nullptr) {
    return Error::of(Errc::invalid_argument,
                     "not a valid PostgreSQL URL: " + redact_url(url) +
                         " (expected postgresql://user:password@host:port/database)");
  }
  PQconninfoFree(options);
  return ok();
}

class PgStore final : public SqlStore {
 public:
  PgStore(std::string url, const StoreOptions& options, StoreSetup setup)
      : SqlStore(options, std::move(setup)),
        url_(std::move(url)),
        pool_size_(options.pool_size),
        pool_(options.pool_size, [this]() -> Result<std::unique_ptr<SqlConnection>> {
          auto connection = PgConnection::open(url_);
          if (!connection.ok()) return std::move(connection).error();
          return std::unique_ptr<SqlConnection>(std::move(connection).value());
        }) {}

  Result<void> connect() { return pool_.fill(1); }

  std::string_view driver() const override { return "postgresql"; }

  // Connections that died while idle (a server restart) fail a ping and are dropped; by the
  // time every pooled one has been tried, a fresh connection tells whether the database is up.
  Result<void> ping() override {
    Result<void> answer = ok();
    for (std::size_t tries = 0; tries <= pool_size_; ++tries) {
      auto connection = pool_.acquire();
      if (!connection.ok()) return std::move(connection).error();
      answer = (*connection)->execute("ping", "SELECT 1");
      if (answer.ok() || (*connection)->healthy()) return answer;
    }
    return answer;
  }

  PoolStats pool_stats() const override { return pool_.stats(); }

  Result<void> backup_to(const std::string& path) override {
    return Error::of(Errc::invalid_argument, pg_dump_advice(url_, path));
  }

 protected:
  Result<ConnectionPool::Lease> lease(Access) override { return pool_.acquire(); }

  // Delivered to every listener when the transaction commits, and not at all if it rolls back.
  Result<void> announce_write(SqlConnection& connection) override {
    const std::array<SqlParam, 1> params{std::string_view(writer_id())};
    return connection.execute(
        "announce_write", "SELECT pg_notify('" + std::string(kWritesChannel) + "', $1)", params);
  }

  // A listener opened now, or opened again after its connection broke, cannot know what was
  // committed before it listened: that look answers true.
  Result<bool> outside_writes_since_last_look() override {
    if (!listener_) {
      auto opened = PgConnection::open(url_);
      if (!opened.ok()) return std::move(opened).error();
      if (auto listening = (*opened)->listen(kWritesChannel); !listening.ok()) {
        return std::move(listening).error();
      }
      listener_ = std::move(opened).value();
      return true;
    }
    // A round trip first: PostgreSQL hands a listener the notifications of every commit that
    // finished before this query, ahead of the query's answer, so that the look misses none of
    // them (and a test need not wait for their delivery).
    if (auto fence = listener_->execute("look", "SELECT 1"); !fence.ok()) {
      listener_.reset();
      return std::move(fence).error();
    }
    auto payloads = listener_->take_notifications();
    if (!payloads.ok()) {
      listener_.reset();
      return std::move(payloads).error();
    }
    return std::any_of(payloads->begin(), payloads->end(),
                       [this](const std::string& writer) { return writer != writer_id(); });
  }

 private:
  static constexpr std::string_view kWritesChannel = "hearth_writes";

  const std::string url_;
  const std::size_t pool_size_;
  ConnectionPool pool_;
  std::unique_ptr<PgConnection> listener_;  // used by one look at a time
};

}  // namespace

std::string pg_dump_advice(const std::string& url, const std::string& path) {
  return "a PostgreSQL database is backed up with pg_dump, which takes a consistent copy while "
         "Hearth runs: pg_dump --format=custom --file=" +
         shell_quote(path) + " " + shell_quote(url_without_password(url)) +
         " (give the password through PGPASSWORD or ~/.pgpass)";
}

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   const StoreOptions& options, StoreSetup setup) {
  if (auto checked = check_url(url); !checked.ok()) return std::move(checked).error();
  auto store = std::make_unique<PgStore>(url, options, std::move(setup));
  if (auto connected = store->connect(); !connected.ok()) return std::move(connected).error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace hearth::store
