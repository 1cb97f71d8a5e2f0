// Conformance: Store::notice_outside_writes() finds the writes that another Store on the same
// database (another process, another node) committed, and moves the generation for them, so
// that caches drop what such a write may have changed; its own writes and writes that were
// rolled back are not news.
#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

// One look; a look sees every commit that finished before it began (store.hpp), so no test
// waits for a delivery.
bool looked_and_found(Store& store) {
  auto looked = store.notice_outside_writes();
  EXPECT_TRUE(looked.ok()) << looked.error().message;
  return looked.ok() && *looked;
}

TEST_P(StoreConformance, TheFirstLookAtOutsideWritesAssumesThereWereSome) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto start = store->generation();
  auto first = store->notice_outside_writes();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(*first);
  EXPECT_EQ(store->generation(), start + 1);
  EXPECT_FALSE(looked_and_found(*store));
  EXPECT_EQ(store->generation(), start + 1);
}

TEST_P(StoreConformance, AnotherStoresCommittedWriteIsNoticedAndMovesTheGeneration) {
  auto watcher = open_migrated();
  auto writer = open();
  ASSERT_TRUE(watcher && writer);
  ASSERT_TRUE(watcher->notice_outside_writes().ok());  // the first look
  const auto before = watcher->generation();

  ASSERT_TRUE(insert(*writer, make_program("elsewhere")).ok());
  EXPECT_TRUE(looked_and_found(*watcher));
  EXPECT_EQ(watcher->generation(), before + 1);
  // Noticed once: the next looks find nothing new.
  EXPECT_FALSE(looked_and_found(*watcher));
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
  EXPECT_FALSE(looked_and_found(*watcher));
  EXPECT_EQ(watcher->generation(), after_own);
}

}  // namespace
}  // namespace hearth::store::testing
