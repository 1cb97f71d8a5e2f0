// Conformance: transact() commits or rolls back as a unit, and retries the whole of fn on
// transient errors only.
#include <atomic>

#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

TEST_P(StoreConformance, RollsBackEverythingWhenFnReturnsAnError) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto program = make_program("p");
  auto result = store->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
    if (auto done = tx.insert_program(program); !done.ok()) return done;
    if (auto done = tx.insert_group(make_group(program, "g")); !done.ok()) return done;
    return Error::of(Errc::invalid_argument, "changed my mind");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::invalid_argument);
  EXPECT_EQ(result.error().message, "changed my mind");
  EXPECT_TRUE(all_programs(*store).empty());
  EXPECT_TRUE(all_groups(*store, program.id).empty());
}

TEST_P(StoreConformance, SeesItsOwnWritesBeforeCommit) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto result = store->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
    if (auto done = tx.insert_program(make_program("p")); !done.ok()) return done;
    auto listed = tx.list_programs();
    if (!listed.ok()) return std::move(listed).error();
    EXPECT_EQ(listed->size(), 1U);
    return ok();
  });
  EXPECT_TRUE(result.ok());
}

// PostgreSQL aborts a transaction at its first failed statement; both drivers behave so.
TEST_P(StoreConformance, AFailedStatementSpoilsTheTransactionEvenIfFnCarriesOn) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  ASSERT_TRUE(insert(*store, make_program("taken")).ok());
  Result<void> after_failure = ok();
  auto result = store->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
    (void)tx.insert_program(make_program("taken"));
    after_failure = tx.insert_program(make_program("other"));
    return ok();
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::already_exists);
  EXPECT_FALSE(after_failure.ok());
  EXPECT_EQ(all_programs(*store).size(), 1U);
}

// Caches trust what they read while the generation stays where it was before the read.
TEST_P(StoreConformance, OnlyACommittedReadWriteTransactionMovesTheGeneration) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto start = store->generation();
  ASSERT_TRUE(store
                  ->transact(Access::read_only,
                             [](Transaction& tx) -> Result<void> {
                               return tx.list_programs().ok() ? ok()
                                                              : Error::of(Errc::internal, "read");
                             })
                  .ok());
  EXPECT_EQ(store->generation(), start);

  const auto program = make_program("p");
  ASSERT_FALSE(store
                   ->transact(Access::read_write,
                              [&](Transaction& tx) -> Result<void> {
                                HEARTH_TRY(tx.insert_program(program));
                                return Error::of(Errc::invalid_argument, "rolled back");
                              })
                   .ok());
  EXPECT_EQ(store->generation(), start);

  ASSERT_TRUE(store
                  ->transact(Access::read_write,
                             [&](Transaction& tx) { return tx.insert_program(program); })
                  .ok());
  EXPECT_EQ(store->generation(), start + 1);

  // Bookkeeping writes for real but leaves the generation alone.
  auto renamed = program;
  renamed.name = "Renamed";
  ASSERT_TRUE(store
                  ->transact(Access::bookkeeping,
                             [&](Transaction& tx) { return tx.update_program(renamed); })
                  .ok());
  EXPECT_EQ(store->generation(), start + 1);
  const auto programs = all_programs(*store);
  ASSERT_EQ(programs.size(), 1U);
  EXPECT_EQ(programs.front().name, "Renamed");
}

TEST_P(StoreConformance, AReadOnlyTransactionCannotWrite) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto result = store->transact(
      Access::read_only, [&](Transaction& tx) { return tx.insert_program(make_program("p")); });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::internal);
  EXPECT_TRUE(all_programs(*store).empty());
}

TEST_P(StoreConformance, RunsTheWholeFnAgainWhenItReportsATransientError) {
  RetryLog retries;
  StoreSetup setup;
  setup.on_retry = retries.callback();
  auto store = open_migrated({}, std::move(setup));
  ASSERT_TRUE(store);
  int runs = 0;
  auto result = store->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
    ++runs;
    if (auto done = tx.insert_program(make_program("run-" + std::to_string(runs))); !done.ok()) {
      return done;
    }
    if (runs == 1) return Error::of(Errc::transient, "try again");
    return ok();
  });
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(retries.count(), 1);
  const auto programs = all_programs(*store);
  ASSERT_EQ(programs.size(), 1U) << "the first run's insert was not rolled back";
  EXPECT_EQ(programs[0].slug, "run-2");
}

TEST_P(StoreConformance, GivesUpAfterMaxAttemptsWithATransientError) {
  RetryLog retries;
  StoreSetup setup;
  setup.on_retry = retries.callback();
  StoreOptions options;
  options.max_attempts = 3;
  auto store = open_migrated(options, std::move(setup));
  ASSERT_TRUE(store);
  int runs = 0;
  auto result = store->transact(Access::read_write, [&](Transaction&) -> Result<void> {
    ++runs;
    return Error::of(Errc::transient, "always busy");
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::transient);
  EXPECT_EQ(runs, 3);
  EXPECT_EQ(retries.count(), 2);
}

TEST_P(StoreConformance, DoesNotRetryOtherErrors) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  ASSERT_TRUE(insert(*store, make_program("taken")).ok());
  int runs = 0;
  auto result = store->transact(Access::read_write, [&](Transaction& tx) {
    ++runs;
    return tx.insert_program(make_program("taken"));
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::already_exists);
  EXPECT_EQ(runs, 1);
}

TEST_P(StoreConformance, RetriesTheWholeTransactionAfterARealTransientFailure) {
  backend().expect_retry_after_real_transient_failure(url());
}

}  // namespace
}  // namespace hearth::store::testing
