// Migrations: the versioned steps that build the schema, shared by both drivers.
//
// A step is a list of statements in the SQL both SQLite and PostgreSQL accept, and where the two
// must differ, a list for each. The runner
// (SqlStore::migrate) applies each pending step in its own transaction together with its row in
// schema_migrations, so a step that fails leaves the database at the previous version: both
// databases roll back DDL with the transaction. Steps are append-only: once released, a step is
// never edited; a change to the schema is a new step. docs/storage/schema.md describes them.
//
// Threads: plain values; default_migrations() may be called from any thread.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

namespace hearth::store {

struct MigrationStep {
  int version = 0;
  std::string name;
  std::vector<std::string> statements;  // run in order, each one statement without parameters
  // Then these, on that database only: for what the two spell differently (full-text search).
  std::vector<std::string> sqlite_statements;
  std::vector<std::string> postgresql_statements;

  const std::vector<std::string>& statements_for(Dialect dialect) const {
    return dialect == Dialect::sqlite ? sqlite_statements : postgresql_statements;
  }
};

// The schema of this build, in version order.
const std::vector<MigrationStep>& default_migrations();

// Checks that versions start at 1 and go up by one, and that every step has a name and
// statements; Errc::invalid_argument otherwise.
Result<void> check_migrations(const std::vector<MigrationStep>& steps);

}  // namespace hearth::store
