// Conformance: ping, pool statistics, opening failures and backups.
#include <filesystem>
#include <latch>
#include <thread>

#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

namespace fs = std::filesystem;

TEST_P(StoreConformance, PingsTheDatabase) {
  auto store = open();
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->ping().ok());
  EXPECT_EQ(store->driver(), is_sqlite() ? "sqlite" : "postgresql");
}

TEST_P(StoreConformance, AnUnopenableDatabaseIsUnavailableAndTheMessageHasNoPassword) {
  auto opened = open_store(backend().unopenable_url(), {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, Errc::unavailable);
  if (!backend().password().empty()) {
    EXPECT_EQ(opened.error().message.find(backend().password()), std::string::npos)
        << opened.error().message;
  }
}

TEST_P(StoreConformance, PoolStatsCountConnectionsAndTheOnesInUse) {
  StoreOptions options;
  options.readers = 2;
  options.pool_size = 3;
  auto store = open_migrated(options);
  ASSERT_TRUE(store);
  const auto idle = store->pool_stats();
  EXPECT_GE(idle.connections, 1U);
  EXPECT_LE(idle.connections, 3U);
  EXPECT_EQ(idle.in_use, 0U);
  EXPECT_EQ(idle.waiting, 0U);
  PoolStats inside;
  ASSERT_TRUE(store
                  ->transact(Access::read_write,
                             [&](Transaction&) {
                               inside = store->pool_stats();
                               return ok();
                             })
                  .ok());
  EXPECT_EQ(inside.in_use, 1U);
  if (is_sqlite()) {
    EXPECT_EQ(inside.connections, 3U);  // the writer and two readers
  }
  EXPECT_EQ(store->pool_stats().in_use, 0U);
}

TEST_P(StoreConformance, PoolStatsCountCallersWaitingForAConnection) {
  StoreOptions options;
  options.pool_size = 1;  // PostgreSQL: one connection; SQLite: there is one writer anyway
  auto store = open_migrated(options);
  ASSERT_TRUE(store);
  std::latch holding(1);
  std::latch release(1);
  std::thread holder([&] {
    (void)store->transact(Access::read_write, [&](Transaction&) {
      holding.count_down();
      release.wait();
      return ok();
    });
  });
  holding.wait();
  std::thread waiter(
      [&] { (void)store->transact(Access::read_write, [](Transaction&) { return ok(); }); });
  // pool_stats() has no notification to wait on, so poll it, yielding rather than sleeping.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (store->pool_stats().waiting == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  const auto stats = store->pool_stats();
  release.count_down();
  holder.join();
  waiter.join();
  EXPECT_EQ(stats.waiting, 1U);
  EXPECT_EQ(stats.in_use, 1U);
  EXPECT_EQ(store->pool_stats().waiting, 0U);
}

TEST_P(StoreConformance, BacksUpOrSaysHowTo) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto program = make_program("backed-up");
  ASSERT_TRUE(insert(*store, program).ok());
  const fs::path dir = fs::temp_directory_path() / ("hearth-backup-" + new_id().substr(0, 12));
  fs::create_directories(dir);
  const fs::path copy = dir / "copy.db";
  auto result = store->backup_to(copy.string());

  if (is_sqlite()) {
    ASSERT_TRUE(result.ok()) << result.error().message;
    auto opened = open_store("sqlite://" + copy.string(), {});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(*(*opened)->schema_version(), static_cast<int>(default_migrations().size()));
    const auto programs = all_programs(**opened);
    ASSERT_EQ(programs.size(), 1U);
    EXPECT_EQ(programs[0].id, program.id);
    opened->reset();
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(dir)) left.push_back(entry.path().filename());
    EXPECT_EQ(left, std::vector<std::string>{"copy.db"}) << "a temporary file was left behind";
  } else {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, Errc::invalid_argument);
    EXPECT_NE(result.error().message.find("pg_dump"), std::string::npos);
    EXPECT_NE(result.error().message.find(copy.string()), std::string::npos);
    EXPECT_EQ(result.error().message.find(backend().password()), std::string::npos)
        << result.error().message;
    EXPECT_FALSE(fs::exists(copy));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace hearth::store::testing
