#include "store/migration.hpp"

#include <gtest/gtest.h>

namespace hearth::store {
namespace {

TEST(Migrations, TheBuiltInListIsWellFormed) {
  EXPECT_TRUE(check_migrations(default_migrations()).ok());
  ASSERT_FALSE(default_migrations().empty());
  EXPECT_EQ(default_migrations().front().name, "programs_and_groups");
}

TEST(Migrations, RejectsAGapInVersions) {
  std::vector<MigrationStep> steps = {{1, "one", {"SELECT 1"}}, {3, "three", {"SELECT 1"}}};
  auto checked = check_migrations(steps);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().code, Errc::invalid_argument);
}

TEST(Migrations, RejectsAStepWithoutStatements) {
  std::vector<MigrationStep> steps = {{1, "one", {}}};
  EXPECT_FALSE(check_migrations(steps).ok());
}

}  // namespace
}  // namespace hearth::store
