#include "store/sqlite/sqlite_connection.hpp"

#include <gtest/gtest.h>

namespace hearth::store {
namespace {

TEST(SqliteErrors, BusyAndLockedAreTransient) {
  EXPECT_EQ(errc_for_sqlite(SQLITE_BUSY), Errc::transient);
  EXPECT_EQ(errc_for_sqlite(SQLITE_BUSY_SNAPSHOT), Errc::transient);
  EXPECT_EQ(errc_for_sqlite(SQLITE_LOCKED), Errc::transient);
}

TEST(SqliteErrors, UniqueAndPrimaryKeyClashesAlreadyExist) {
  EXPECT_EQ(errc_for_sqlite(SQLITE_CONSTRAINT_UNIQUE), Errc::already_exists);
  EXPECT_EQ(errc_for_sqlite(SQLITE_CONSTRAINT_PRIMARYKEY), Errc::already_exists);
}

TEST(SqliteErrors, OtherConstraintsConflict) {
  EXPECT_EQ(errc_for_sqlite(SQLITE_CONSTRAINT_FOREIGNKEY), Errc::conflict);
  EXPECT_EQ(errc_for_sqlite(SQLITE_CONSTRAINT_CHECK), Errc::conflict);
  EXPECT_EQ(errc_for_sqlite(SQLITE_CONSTRAINT_NOTNULL), Errc::conflict);
}

TEST(SqliteErrors, OpenAndIoFailuresAreUnavailable) {
  EXPECT_EQ(errc_for_sqlite(SQLITE_CANTOPEN), Errc::unavailable);
  EXPECT_EQ(errc_for_sqlite(SQLITE_IOERR_FSYNC), Errc::unavailable);
  EXPECT_EQ(errc_for_sqlite(SQLITE_FULL), Errc::unavailable);
}

TEST(SqliteErrors, MessageNamesTheOperationAndCodeOnly) {
  auto error = sqlite_error("insert_program", SQLITE_CONSTRAINT_UNIQUE);
  EXPECT_EQ(error.message, "insert_program failed: constraint failed (SQLite code 2067)");
}

}  // namespace
}  // namespace hearth::store
