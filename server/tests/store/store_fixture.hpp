// StoreConformance: the parameterized fixture every conformance case runs in, once per driver.
//
// SetUp creates a fresh database through the Backend and fails the test, with the backend's
// reason, if it cannot (for PostgreSQL: the test server is not running) — never a skip.
// TearDown drops the database. open() and open_migrated() return stores on it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "backend.hpp"
#include "records.hpp"
#include "store/open.hpp"
#include "store/store.hpp"

namespace hearth::store::testing {

class StoreConformance : public ::testing::TestWithParam<BackendKind> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A store on this test's database, or null after recording a failure.
  std::unique_ptr<Store> open(const StoreOptions& options = {}, StoreSetup setup = {});
  // The same, with every migration applied.
  std::unique_ptr<Store> open_migrated(const StoreOptions& options = {}, StoreSetup setup = {});

  Backend& backend() { return *backend_; }
  const std::string& url() const { return url_; }
  bool is_sqlite() const { return GetParam() == BackendKind::sqlite; }

 private:
  std::unique_ptr<Backend> backend_;
  std::string url_;
};

}  // namespace hearth::store::testing
