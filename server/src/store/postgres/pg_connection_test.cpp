#include "store/postgres/pg_connection.hpp"

#include <gtest/gtest.h>

#include "store/postgres/pg_store.hpp"

namespace hearth::store {
namespace {

TEST(PgErrors, SerializationFailuresAndDeadlocksAreTransient) {
  EXPECT_EQ(errc_for_sqlstate("40001"), Errc::transient);
  EXPECT_EQ(errc_for_sqlstate("40P01"), Errc::transient);
}

TEST(PgErrors, UniqueViolationAlreadyExistsOtherIntegrityViolationsConflict) {
  EXPECT_EQ(errc_for_sqlstate("23505"), Errc::already_exists);
  EXPECT_EQ(errc_for_sqlstate("23503"), Errc::conflict);
  EXPECT_EQ(errc_for_sqlstate("23514"), Errc::conflict);
}

TEST(PgErrors, ConnectionFailuresAreUnavailable) {
  EXPECT_EQ(errc_for_sqlstate("08006"), Errc::unavailable);
  EXPECT_EQ(errc_for_sqlstate("57P01"), Errc::unavailable);
  EXPECT_EQ(errc_for_sqlstate("53300"), Errc::unavailable);
}

TEST(PgErrors, EverythingElseIsInternal) {
  EXPECT_EQ(errc_for_sqlstate("42P01"), Errc::internal);
  EXPECT_EQ(errc_for_sqlstate("25006"), Errc::internal);
}

TEST(PgDumpAdvice, ShowsARunnableCommandWithoutThePassword) {
  auto advice = pg_dump_advice("postgresql://hearth:s3cret@db:5432/hearth", "/backups/it's.dump");
  EXPECT_NE(advice.find("pg_dump --format=custom --file='/backups/it'\\''s.dump' "
                        "'postgresql://hearth@db:5432/hearth'"),
            std::string::npos)
      << advice;
  EXPECT_EQ(advice.find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace hearth::store
