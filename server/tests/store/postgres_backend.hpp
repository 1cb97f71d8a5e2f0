// The PostgreSQL backend of the conformance suite: a new database per test on the server that
// postgres_test_server.sh started (CTest fixture store_postgres), found through
// HEARTH_TEST_POSTGRES_URL_FILE (set by CTest) or HEARTH_TEST_POSTGRES_URL (for running the
// binary by hand against a server of your own).
//
// Ownership: holds one administrative libpq connection for the life of the test, through which
// it creates and finally drops the test database.
#pragma once

#include <libpq-fe.h>

#include <string>

#include "backend.hpp"

namespace hearth::store::testing {

class PostgresBackend final : public Backend {
 public:
  PostgresBackend() = default;
  PostgresBackend(const PostgresBackend&) = delete;
  PostgresBackend& operator=(const PostgresBackend&) = delete;
  ~PostgresBackend() override;

  Result<std::string> create_database() override;
  std::string unopenable_url() const override;
  void expect_retry_after_real_transient_failure(const std::string& url) override;

  // Ends every other session on the test database, as a server restart or a network cut would.
  Result<int> terminate_connections();
  std::string password() const override;

 private:
  Result<void> admin(const std::string& sql);

  PGconn* admin_ = nullptr;
  std::string server_url_;
  std::string database_;
};

}  // namespace hearth::store::testing
