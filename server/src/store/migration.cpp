#include "store/migration.hpp"

namespace hearth::store {

namespace {

// Types are the ones both databases treat alike: TEXT, INTEGER, BIGINT (SQLite stores both
// integer types as 64-bit). Timestamps are milliseconds since the Unix epoch in UTC, ids the
// 26-character strings of base/ids.hpp.
MigrationStep programs_and_groups() {
  return MigrationStep{
      .version = 1,
      .name = "programs_and_groups",
      .statements =
          {
              R"(CREATE TABLE schema_migrations (
                   version INTEGER PRIMARY KEY,
                   name TEXT NOT NULL,
                   applied_at_ms BIGINT NOT NULL))",
              R"(CREATE TABLE programs (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   slug TEXT NOT NULL UNIQUE,
                   name TEXT NOT NULL,
                   description TEXT NOT NULL,
                   time_zone TEXT NOT NULL,
                   created_at_ms BIGINT NOT NULL))",
              R"(CREATE TABLE groups (
                   id TEXT PRIMARY KEY CHECK (length(id) = 26),
                   program_id TEXT NOT NULL REFERENCES programs (id),
                   slug TEXT NOT NULL,
                   name TEXT NOT NULL,
                   description TEXT NOT NULL,
                   kind TEXT NOT NULL,
                   capacity INTEGER NOT NULL CHECK (capacity >= 0),
                   created_at_ms BIGINT NOT NULL,
                   UNIQUE (program_id, slug)))",
          },
  };
}

}  // namespace

const std::vector<MigrationStep>& default_migrations() {
  static const std::vector<MigrationStep> steps = {programs_and_groups()};
  return steps;
}

Result<void> check_migrations(const std::vector<MigrationStep>& steps) {
  int expected = 1;
  for (const auto& step : steps) {
    if (step.version != expected) {
      return Error::of(Errc::invalid_argument,
                       "migration versions must count up from 1 without gaps; expected " +
                           std::to_string(expected) + ", found " + std::to_string(step.version));
    }
    if (step.name.empty() || step.statements.empty()) {
      return Error::of(Errc::invalid_argument, "migration " + std::to_string(step.version) +
                                                   " needs a name and statements");
    }
    ++expected;
  }
  return ok();
}

}  // namespace hearth::store
