#include "postgres_backend.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <latch>
#include <thread>

#include "base/ids.hpp"
#include "records.hpp"
#include "store/open.hpp"

namespace hearth::store::testing {

namespace {

// The server URL from the file the CTest fixture wrote, or from the environment.
Result<std::string> server_url() {
  if (const char* file = std::getenv("HEARTH_TEST_POSTGRES_URL_FILE")) {
    std::ifstream in(file);
    std::string url;
    if (!std::getline(in, url) || url.empty()) {
      return Error::of(Errc::unavailable,
                       std::string("the PostgreSQL test server is not running: no URL in ") + file +
                           ". It is started by the CTest test store_postgres_start; see that "
                           "test's output for why it failed");
    }
    return url;
  }
  if (const char* url = std::getenv("HEARTH_TEST_POSTGRES_URL")) return std::string(url);
  return Error::of(Errc::unavailable,
                   "no PostgreSQL server for the PostgreSQL cases: run them through ctest (which "
                   "starts one), or set HEARTH_TEST_POSTGRES_URL to a server you started");
}

// The same server URL with another database name.
std::string with_database(const std::string& url, const std::string& database) {
  const auto authority = url.find("://") + 3;
  const auto path = url.find('/', authority);
  const auto query = url.find('?', authority);
  const auto head = url.substr(0, std::min(path, query));
  const auto tail = query == std::string::npos ? std::string() : url.substr(query);
  return head + "/" + database + tail;
}

}  // namespace

PostgresBackend::~PostgresBackend() {
  if (!database_.empty()) (void)admin("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  PQfinish(admin_);
}

Result<void> PostgresBackend::admin(const std::string& sql) {
  PGresult* result = PQexec(admin_, sql.c_str());
  const bool done = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  if (!done)
    return Error::of(Errc::internal, "test setup failed: " + std::string(PQerrorMessage(admin_)));
  return ok();
}

Result<std::string> PostgresBackend::create_database() {
  auto url = server_url();
  if (!url.ok()) return std::move(url).error();
  server_url_ = *url;
  admin_ = PQconnectdb(server_url_.c_str());
  if (PQstatus(admin_) != CONNECTION_OK) {
    return Error::of(Errc::unavailable, "cannot reach the PostgreSQL test server at " +
                                            redact_url(server_url_) + ": " +
                                            PQerrorMessage(admin_));
  }
  // Ids are lowercase base32, so the name is a plain identifier.
  const std::string name = "hearth_test_" + new_id().substr(0, 12);
  if (auto created = admin("CREATE DATABASE " + name); !created.ok()) return created.error();
  database_ = name;
  return with_database(server_url_, database_);
}

std::string PostgresBackend::unopenable_url() const {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  return "postgresql://hearth:" + password() + "@127.0.0.1:1/hearth";
}

std::string PostgresBackend::password() const {
  const auto authority = server_url_.find("://") + 3;
  const auto at = server_url_.rfind('@');
  const auto colon = server_url_.find(':', authority);
  if (at == std::string::npos || colon == std::string::npos || colon > at) return "no-password";
  return server_url_.substr(colon + 1, at - colon - 1);
}

Result<int> PostgresBackend::terminate_connections() {
  const std::string sql =
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '" +
      database_ + "' AND pid <> pg_backend_pid()";
  PGresult* result = PQexec(admin_, sql.c_str());
  const bool done = PQresultStatus(result) == PGRES_TUPLES_OK;
  const int count = done ? std::atoi(PQgetvalue(result, 0, 0)) : 0;
  PQclear(result);
  if (!done) return Error::of(Errc::internal, PQerrorMessage(admin_));
  return count;
}

void PostgresBackend::expect_retry_after_real_transient_failure(const std::string& url) {
  RetryLog retries;
  StoreSetup setup;
  setup.on_retry = retries.callback();
  StoreOptions options;
  options.pool_size = 4;
  options.max_attempts = 20;
  auto opened = open_store_with(url, options, std::move(setup));
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& store = **opened;
  ASSERT_TRUE(store.migrate().ok());
  const auto program = make_program("iop");
  ASSERT_TRUE(insert(store, program).ok());

  // Write skew: each transaction counts the program's groups, waits until the other has counted
  // too, then adds a group numbered after its count. Run one after the other they would number
  // 0 and 1; at once both would write 0. SERIALIZABLE refuses that with SQLSTATE 40001, and
  // transact() must run the loser's whole fn again, counting afresh.
  std::latch both_counted(2);
  std::atomic<int> runs{0};
  auto add_group = [&](const std::string& slug) {
    bool first_run = true;
    return store.transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
      ++runs;
      auto groups = tx.list_groups(program.id);
      if (first_run) {
        first_run = false;
        both_counted.arrive_and_wait();
      }
      if (!groups.ok()) return std::move(groups).error();
      auto group = make_group(program, slug, "group " + std::to_string(groups->size()));
      return tx.insert_group(group);
    });
  };
  Result<void> a = ok();
  Result<void> b = ok();
  std::thread first([&] { a = add_group("a"); });
  std::thread second([&] { b = add_group("b"); });
  first.join();
  second.join();

  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  ASSERT_GE(retries.count(), 1) << "no serialization failure was reported";
  EXPECT_EQ(retries.codes().front(), Errc::transient);
  EXPECT_GE(runs, 3);
  const auto groups = all_groups(store, program.id);
  ASSERT_EQ(groups.size(), 2U);
  EXPECT_EQ(groups[0].name, "group 0");
  EXPECT_EQ(groups[1].name, "group 1");
}

std::unique_ptr<Backend> make_postgres_backend() {
  return std::make_unique<PostgresBackend>();
}

}  // namespace hearth::store::testing
