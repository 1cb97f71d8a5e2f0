// Backend: what the store conformance suite needs from each database it runs against, so that
// every case in StoreConformance is written once.
//
// A backend hands out a fresh, empty database per test and cleans it up afterwards, knows a URL
// that cannot be opened, and knows how to make its database report a real transient failure
// (SQLite: a lock held by another connection; PostgreSQL: a serialization failure).
//
// Ownership: one Backend per test, created and destroyed by the fixture on the test's thread.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::store::testing {

enum class BackendKind { sqlite, postgresql };

// Lets gtest print the parameter by name in test listings.
inline void PrintTo(BackendKind kind, std::ostream* out) {
  *out << (kind == BackendKind::sqlite ? "sqlite" : "postgresql");
}

class Backend {
 public:
  virtual ~Backend() = default;

  // The URL of a new, empty database, or an Error that says why there is none (for PostgreSQL:
  // that the test server is not running or cannot be reached).
  virtual Result<std::string> create_database() = 0;

  // A URL of this driver that cannot be opened (no such directory, nothing listening).
  virtual std::string unopenable_url() const = 0;

  // The password in this backend's URLs, which no message may show; empty if there is none.
  virtual std::string password() const { return {}; }

  // Runs transact() on the database at `url` while the database itself makes an attempt fail
  // with a transient error, and checks with gtest assertions that transact() ran the
  // transaction again and committed it once.
  virtual void expect_retry_after_real_transient_failure(const std::string& url) = 0;
};

std::unique_ptr<Backend> make_sqlite_backend();
std::unique_ptr<Backend> make_postgres_backend();

}  // namespace hearth::store::testing
