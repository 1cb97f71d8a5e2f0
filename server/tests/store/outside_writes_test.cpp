// Conformance: Store::notice_outside_writes() finds the writes that another Store on the same
// database (another process, another node) committed, and moves the generation for them, so
// that caches drop what such a write may have changed; its own writes and writes that were
// rolled back are not news.
#include <chrono>
#include <thread>

#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

using namespace std::chrono_literals;

// PostgreSQL delivers a notification some time after the COMMIT returns: a look that must find
// a write keeps looking for a while.
bool noticed_within(Store& store, std::chrono::milliseconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  for (;;) {
    auto looked = store.notice_outside_writes();
    EXPECT_TRUE(looked.ok()) << looked.error().message;
    if (looked.ok() && *looked) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
}

// A look that must find nothing: it keeps looking for the same while, as a wrong answer could
// come late too.
bool quiet_for(Store& store, std::chrono::milliseconds span) {
  const auto deadline = std::chrono::steady_clock::now() + span;
  while (std::chrono::steady_clock::now() < deadline) {
    auto looked = store.notice_outside_writes();
    EXPECT_TRUE(looked.ok()) << looked.error().message;
    if (!looked.ok() || *looked) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

TEST_P(StoreConformance, TheFirstLookAtOutsideWritesAssumesThereWereSome) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto start = store->generation();
  auto first = store->notice_outside_writes();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(*first);
  EXPECT_EQ(store->generation(), start + 1);
  EXPECT_TRUE(quiet_for(*store, 300ms));
  EXPECT_EQ(store->generation(), start + 1);
}

TEST_P(StoreConformance, AnotherStoresCommittedWriteIsNoticedAndMovesTheGeneration) {
  auto watcher = open_migrated();
  auto writer = open();
  ASSERT_TRUE(watcher && writer);
  ASSERT_TRUE(watcher->notice_outside_writes().ok());  // the first look
  const auto before = watcher->generation();

  ASSERT_TRUE(insert(*writer, make_program("elsewhere")).ok());
  EXPECT_TRUE(noticed_within(*watcher, 5s));
  EXPECT_EQ(watcher->generation(), before + 1);
  // Noticed once: the next looks find nothing new.
  EXPECT_TRUE(quiet_for(*watcher, 300ms));
  EXPECT_EQ(watcher->generation(), before + 1);
}

TEST_P(StoreConformance, OwnWritesAndRolledBackOnesAreNotOutsideWrites) {
  auto watcher = open_migrated();
  auto writer = open();
  ASSERT_TRUE(watcher && writer);
  ASSERT_TRUE(watcher->notice_outside_writes().ok());

  ASSERT_TRUE(insert(*watcher, make_program("mine")).ok());
  ASSERT_FALSE(writer
                   ->transact(Access::read_write,
                              [&](Transaction& tx) -> Result<void> {
                                HEARTH_TRY(tx.insert_program(make_program("undone")));
                                return Error::of(Errc::invalid_argument, "rolled back");
                              })
                   .ok());
  const auto after_own = watcher->generation();
  EXPECT_TRUE(quiet_for(*watcher, 500ms));
  EXPECT_EQ(watcher->generation(), after_own);
}

}  // namespace
}  // namespace hearth::store::testing
