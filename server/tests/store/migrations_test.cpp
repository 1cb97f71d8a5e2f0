// Conformance: migrations are applied in order, recorded, listed for --dry-run, and a failing
// one leaves the database at the previous version.
#include <thread>

#include "store/migration.hpp"
#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

std::vector<std::string> names(const std::vector<Migration>& migrations) {
  std::vector<std::string> out;
  for (const auto& m : migrations) out.push_back(m.name);
  return out;
}

std::vector<std::string> default_names() {
  std::vector<std::string> out;
  for (const auto& step : default_migrations()) out.push_back(step.name);
  return out;
}

// The built-in migrations plus a step 2 with the given statements.
// The project's migrations plus one more step after them.
const int kShipped = static_cast<int>(default_migrations().size());

StoreSetup with_extra_step(std::vector<std::string> statements) {
  StoreSetup setup;
  setup.migrations.push_back(MigrationStep{kShipped + 1, "extra", std::move(statements)});
  return setup;
}

TEST_P(StoreConformance, AFreshDatabaseIsAtVersionZeroWithEveryMigrationPending) {
  auto store = open();
  ASSERT_TRUE(store);
  auto version = store->schema_version();
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(*version, 0);
  auto pending = store->pending_migrations();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(names(*pending), default_names());
  // Listing is a dry run: it changes nothing.
  EXPECT_EQ(*store->schema_version(), 0);
}

TEST_P(StoreConformance, MigrateAppliesEverythingOnceAndRecordsIt) {
  auto store = open();
  ASSERT_TRUE(store);
  auto applied = store->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(names(*applied), default_names());
  EXPECT_EQ(*store->schema_version(), static_cast<int>(default_migrations().size()));
  EXPECT_TRUE(store->pending_migrations()->empty());
  auto again = store->migrate();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST_P(StoreConformance, AppliesOnlyTheNewStepsToAMigratedDatabase) {
  {
    auto store = open_migrated();
    ASSERT_TRUE(store);
    ASSERT_TRUE(insert(*store, make_program("kept")).ok());
  }
  auto store = open({}, with_extra_step({"CREATE TABLE extra (id TEXT PRIMARY KEY)"}));
  ASSERT_TRUE(store);
  EXPECT_EQ(names(*store->pending_migrations()), std::vector<std::string>{"extra"});
  auto applied = store->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(names(*applied), std::vector<std::string>{"extra"});
  EXPECT_EQ(*store->schema_version(), kShipped + 1);
  EXPECT_EQ(all_programs(*store).size(), 1U);
}

TEST_P(StoreConformance, AFailingMigrationLeavesThePreviousVersionAndItsTables) {
  auto broken = open({}, with_extra_step({"CREATE TABLE extra (id TEXT PRIMARY KEY)",
                                          "INSERT INTO no_such_table (id) VALUES ('x')"}));
  ASSERT_TRUE(broken);
  auto failed = broken->migrate();
  ASSERT_FALSE(failed.ok());
  const auto expected = "migration " + std::to_string(kShipped + 1) + " (extra)";
  EXPECT_NE(failed.error().message.find(expected), std::string::npos) << failed.error().message;
  EXPECT_EQ(*broken->schema_version(), kShipped);
  EXPECT_EQ(names(*broken->pending_migrations()), std::vector<std::string>{"extra"});
  // The shipped versions' tables still work.
  const auto program = make_program("still-here");
  ASSERT_TRUE(insert(*broken, program).ok());
  ASSERT_TRUE(insert(*broken, make_group(program, "g")).ok());
  broken.reset();

  // The failed step's CREATE TABLE was rolled back with it: a fixed step can create the table.
  auto fixed = open({}, with_extra_step({"CREATE TABLE extra (id TEXT PRIMARY KEY)"}));
  ASSERT_TRUE(fixed);
  auto applied = fixed->migrate();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*fixed->schema_version(), kShipped + 1);
  EXPECT_EQ(all_programs(*fixed).size(), 1U);
}

TEST_P(StoreConformance, TwoNodesMigratingAtOnceApplyEachStepOnce) {
  auto first = open();
  auto second = open();
  ASSERT_TRUE(first && second);
  Result<std::vector<Migration>> a = std::vector<Migration>{};
  Result<std::vector<Migration>> b = std::vector<Migration>{};
  std::thread one([&] { a = first->migrate(); });
  std::thread two([&] { b = second->migrate(); });
  one.join();
  two.join();
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ(a->size() + b->size(), default_migrations().size());
  EXPECT_EQ(*first->schema_version(), static_cast<int>(default_migrations().size()));
}

}  // namespace
}  // namespace hearth::store::testing
