#include "app/demo_program.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "store/store.hpp"

namespace hearth::app {
namespace {

TEST(DemoProgram, LoadingTwiceAddsNothingTheSecondTime) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("hearth-demo-" + std::to_string(std::random_device{}()) + ".db");
  auto store = store::open_store("sqlite://" + path.string(), {});
  ASSERT_TRUE(store.ok()) << store.error().message;
  ASSERT_TRUE((*store)->migrate().ok());
  SystemClock clock;
  program::ProgramService programs(**store, clock);

  auto first = load_demo_program(programs);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->groups_added, first->groups_total);
  auto second = load_demo_program(programs);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->groups_added, 0);

  auto overview = programs.overview(program::Requester::anonymous);
  ASSERT_TRUE(overview.ok());
  ASSERT_EQ(overview->size(), 1u);
  EXPECT_EQ((*overview)[0].groups.size(), static_cast<std::size_t>(first->groups_total));
  store->reset();
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
}

}  // namespace
}  // namespace hearth::app
