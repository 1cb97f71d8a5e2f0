// Store::transact_grouped: whether or not the driver shares commits, every call commits or fails
// on its own, as if it had run alone; on SQLite, the calls that queue behind a commit share the
// next one.
#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <thread>

#include "backend.hpp"
#include "records.hpp"
#include "store/open.hpp"
#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

using namespace std::chrono_literals;

// Inserts a program named by `slug`, then fails if told to: the program must then be gone.
Result<void> insert_then(Transaction& tx, const std::string& slug, bool fail) {
  if (auto done = tx.insert_program(make_program(slug)); !done.ok()) return done;
  if (fail) return Error::of(Errc::conflict, "this call fails after writing");
  return ok();
}

bool has_program(Store& store, const std::string& slug) {
  for (const auto& program : all_programs(store)) {
    if (program.slug == slug) return true;
  }
  return false;
}

TEST_P(StoreConformance, GroupedCallsCommitOrFailEachOnTheirOwn) {
  constexpr int kThreads = 6;
  constexpr int kCallsEach = 25;
  auto store = open_migrated();
  ASSERT_TRUE(store);

  std::latch start(kThreads);
  std::atomic<int> wrong_outcomes{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kCallsEach; ++i) {
        const auto slug = "t" + std::to_string(t) + "-" + std::to_string(i);
        const bool fail = i % 5 == 0;
        auto result = store->transact_grouped(
            [&](Transaction& tx) -> Result<void> { return insert_then(tx, slug, fail); });
        if (fail ? result.ok() || result.error().code != Errc::conflict : !result.ok()) {
          ++wrong_outcomes;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(wrong_outcomes, 0);
  // Every fifth call failed after its insert: exactly the others' programs are there.
  const auto programs = all_programs(*store);
  EXPECT_EQ(programs.size(), static_cast<std::size_t>(kThreads * (kCallsEach - kCallsEach / 5)));
  for (const auto& program : programs) {
    const auto dash = program.slug.find('-');
    EXPECT_NE(std::stoi(program.slug.substr(dash + 1)) % 5, 0) << program.slug;
  }
  EXPECT_EQ(store->group_commit_stats().queued, 0U);
}

TEST_P(StoreConformance, AGroupedCallThatBreaksAUniqueRuleSparesTheOthers) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store->transact_grouped([](Transaction& tx) { return insert_then(tx, "taken", false); })
          .ok());
  // The statement fails inside the call; the call must get already_exists and leave nothing
  // half done, and the store must go on serving.
  auto again = store->transact_grouped([](Transaction& tx) -> Result<void> {
    if (auto done = tx.insert_program(make_program("fresh")); !done.ok()) return done;
    return tx.insert_program(make_program("taken"));
  });
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, Errc::already_exists);
  EXPECT_FALSE(has_program(*store, "fresh"));
  EXPECT_TRUE(
      store->transact_grouped([](Transaction& tx) { return insert_then(tx, "next", false); }).ok());
  EXPECT_TRUE(has_program(*store, "next"));
}

TEST_P(StoreConformance, AGroupedCallThatThrowsRethrowsOnItsOwnThread) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  EXPECT_THROW((void)store->transact_grouped([](Transaction& tx) -> Result<void> {
    (void)tx.insert_program(make_program("thrown"));
    throw std::runtime_error("a bug in the caller");
  }),
               std::runtime_error);
  EXPECT_FALSE(has_program(*store, "thrown"));
  EXPECT_EQ(store->pool_stats().in_use, 0U);
}

// SQLite: the shared commit itself.
class SqliteGroupCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = backend_->create_database();
    ASSERT_TRUE(url.ok()) << url.error().message;
    auto opened = open_store(*url, {});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->migrate().ok());
  }

  // Blocks until `calls` calls wait for the next shared transaction (bounded: a hang would
  // otherwise hide as a test time-out).
  bool wait_for_queued(std::size_t calls) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (store_->group_commit_stats().queued < calls) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::yield();
    }
    return true;
  }

  // Starts a first call that holds the writer (it leads, alone) until let_the_writer_go(), so
  // that the calls made meanwhile queue behind it.
  void hold_the_writer() {
    first_ = std::thread([this] {
      EXPECT_TRUE(store_
                      ->transact_grouped([this](Transaction& tx) {
                        entered_.count_down();
                        release_.wait();
                        return insert_then(tx, "first", false);
                      })
                      .ok());
    });
    entered_.wait();
  }
  void let_the_writer_go() {
    release_.count_down();
    first_.join();
  }

  std::unique_ptr<Backend> backend_ = make_sqlite_backend();
  std::unique_ptr<Store> store_;
  std::latch entered_{1};
  std::latch release_{1};
  std::thread first_;
};

TEST_F(SqliteGroupCommit, CallsThatQueueBehindACommitShareTheNextAndFailAlone) {
  hold_the_writer();
  std::vector<std::thread> queued;
  std::atomic<int> wrong_outcomes{0};
  for (const auto* slug : {"second", "third", "fourth"}) {
    queued.emplace_back([&, slug] {
      const bool fail = std::string(slug) == "third";
      auto result =
          store_->transact_grouped([&](Transaction& tx) { return insert_then(tx, slug, fail); });
      if (result.ok() == fail) ++wrong_outcomes;
    });
  }
  const bool all_queued = wait_for_queued(3);
  let_the_writer_go();
  for (auto& thread : queued) thread.join();
  ASSERT_TRUE(all_queued);

  EXPECT_EQ(wrong_outcomes, 0);
  const auto stats = store_->group_commit_stats();
  EXPECT_EQ(stats.commits, 1U);  // the three that waited, together; the first ran alone
  EXPECT_EQ(stats.calls, 3U);
  EXPECT_EQ(stats.queued, 0U);
  EXPECT_TRUE(has_program(*store_, "first"));
  EXPECT_TRUE(has_program(*store_, "second"));
  EXPECT_FALSE(has_program(*store_, "third"));
  EXPECT_TRUE(has_program(*store_, "fourth"));
}

TEST_F(SqliteGroupCommit, ACallThatThrowsInASharedTransactionRethrowsOnItsOwnThreadOnly) {
  hold_the_writer();
  std::atomic<bool> threw{false};
  std::atomic<bool> other_ok{false};
  std::thread thrower([&] {
    try {
      (void)store_->transact_grouped([](Transaction& tx) -> Result<void> {
        (void)tx.insert_program(make_program("thrown"));
        throw std::runtime_error("a bug in the caller");
      });
    } catch (const std::runtime_error&) {
      threw = true;
    }
  });
  const bool thrower_queued = wait_for_queued(1);
  std::thread other([&] {
    other_ok =
        store_->transact_grouped([](Transaction& tx) { return insert_then(tx, "other", false); })
            .ok();
  });
  const bool both_queued = wait_for_queued(2);
  let_the_writer_go();
  thrower.join();
  other.join();
  ASSERT_TRUE(thrower_queued);
  ASSERT_TRUE(both_queued);

  EXPECT_TRUE(threw);
  EXPECT_TRUE(other_ok);
  EXPECT_EQ(store_->group_commit_stats().commits, 1U);
  EXPECT_FALSE(has_program(*store_, "thrown"));
  EXPECT_TRUE(has_program(*store_, "other"));
}

}  // namespace
}  // namespace hearth::store::testing
