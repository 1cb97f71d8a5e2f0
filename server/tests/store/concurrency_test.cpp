// Conformance: many threads reading and writing one store at once lose nothing and see
// nothing go backwards.
#include <atomic>
#include <latch>
#include <thread>

#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

TEST_P(StoreConformance, ConcurrentReadersAndWritersAddUp) {
  constexpr int kWriters = 4;
  constexpr int kProgramsEach = 20;
  constexpr int kReaders = 2;
  StoreOptions options;
  options.readers = 2;
  options.pool_size = 4;
  auto store = open_migrated(options);
  ASSERT_TRUE(store);

  std::latch start(kWriters + kReaders);
  std::atomic<int> writers_done{0};
  std::atomic<int> write_failures{0};
  std::atomic<int> read_failures{0};
  std::atomic<int> went_backwards{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      start.arrive_and_wait();
      for (int i = 0; i < kProgramsEach; ++i) {
        const auto program = make_program("w" + std::to_string(w) + "-" + std::to_string(i));
        auto result = store->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
          if (auto done = tx.insert_program(program); !done.ok()) return done;
          return tx.insert_group(make_group(program, "only"));
        });
        if (!result.ok()) ++write_failures;
      }
      ++writers_done;
    });
  }
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      std::size_t seen = 0;
      while (writers_done < kWriters) {
        auto result = store->transact(Access::read_only, [&](Transaction& tx) -> Result<void> {
          auto programs = tx.list_programs();
          if (!programs.ok()) return std::move(programs).error();
          if (programs->size() < seen) ++went_backwards;
          seen = programs->size();
          // A program and its group are committed together, so a reader sees both or neither.
          for (const auto& program : *programs) {
            auto groups = tx.list_groups(program.id);
            if (!groups.ok()) return std::move(groups).error();
            if (groups->size() != 1) ++went_backwards;
          }
          return ok();
        });
        if (!result.ok()) ++read_failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(write_failures, 0);
  EXPECT_EQ(read_failures, 0);
  EXPECT_EQ(went_backwards, 0);
  EXPECT_EQ(all_programs(*store).size(), static_cast<std::size_t>(kWriters * kProgramsEach));
  EXPECT_EQ(store->pool_stats().in_use, 0U);
}

}  // namespace
}  // namespace hearth::store::testing
