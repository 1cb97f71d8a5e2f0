// Conformance: programs and groups are written, read and listed alike by both drivers.
#include "store_fixture.hpp"

namespace hearth::store::testing {
namespace {

Result<std::optional<ProgramRecord>> find(Store& store, const std::string& id) {
  std::optional<ProgramRecord> found;
  auto read = store.transact(Access::read_only, [&](Transaction& tx) -> Result<void> {
    auto program = tx.find_program(id);
    if (!program.ok()) return std::move(program).error();
    found = std::move(program).value();
    return ok();
  });
  if (!read.ok()) return std::move(read).error();
  return found;
}

TEST_P(StoreConformance, InsertsAProgramAndFindsItByIdAndSlug) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto program = make_program("evening-iop", "Evening IOP");
  program.description = "Quotes ' and \" and unicode: Ünïcödé ✓";
  ASSERT_TRUE(insert(*store, program).ok());

  auto by_id = find(*store, program.id);
  ASSERT_TRUE(by_id.ok());
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ((*by_id)->slug, "evening-iop");
  EXPECT_EQ((*by_id)->name, "Evening IOP");
  EXPECT_EQ((*by_id)->description, program.description);
  EXPECT_EQ((*by_id)->time_zone, "America/Chicago");
  EXPECT_EQ((*by_id)->created_at_ms, program.created_at_ms);

  auto by_slug = store->transact(Access::read_only, [&](Transaction& tx) -> Result<void> {
    auto found = tx.find_program_by_slug("evening-iop");
    if (!found.ok()) return std::move(found).error();
    EXPECT_EQ(found->value_or(ProgramRecord{}).id, program.id);
    return ok();
  });
  EXPECT_TRUE(by_slug.ok());
}

TEST_P(StoreConformance, FindingAMissingProgramIsEmptyNotAnError) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto found = find(*store, new_id());
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_P(StoreConformance, ListsProgramsByNameInCodePointOrder) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  for (auto [slug, name] :
       {std::pair{"b", "beta"}, {"c", "Ça va"}, {"a2", "alpha"}, {"a1", "Alpha"}}) {
    ASSERT_TRUE(insert(*store, make_program(slug, name)).ok());
  }
  std::vector<std::string> names;
  for (const auto& program : all_programs(*store)) names.push_back(program.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Alpha", "alpha", "beta", "Ça va"}));
}

TEST_P(StoreConformance, ListsTheGroupsOfOneProgramByName) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto evening = make_program("evening");
  const auto morning = make_program("morning");
  ASSERT_TRUE(insert(*store, evening).ok());
  ASSERT_TRUE(insert(*store, morning).ok());
  auto skills = make_group(evening, "skills", "Skills");
  skills.kind = "skills";
  skills.capacity = 10;
  auto family = make_group(evening, "family", "Family night");
  family.kind = "family";
  family.capacity = 0;
  ASSERT_TRUE(insert(*store, skills).ok());
  ASSERT_TRUE(insert(*store, family).ok());
  ASSERT_TRUE(insert(*store, make_group(morning, "skills", "Morning skills")).ok());

  const auto groups = all_groups(*store, evening.id);
  ASSERT_EQ(groups.size(), 2U);
  EXPECT_EQ(groups[0].name, "Family night");
  EXPECT_EQ(groups[0].kind, "family");
  EXPECT_EQ(groups[0].capacity, 0);
  EXPECT_EQ(groups[1].id, skills.id);
  EXPECT_EQ(groups[1].program_id, evening.id);
  EXPECT_EQ(groups[1].slug, "skills");
  EXPECT_EQ(groups[1].description, skills.description);
  EXPECT_EQ(groups[1].capacity, 10);
  EXPECT_EQ(groups[1].created_at_ms, skills.created_at_ms);
  EXPECT_TRUE(all_groups(*store, new_id()).empty());
}

TEST_P(StoreConformance, ADuplicateProgramSlugAlreadyExistsAndWritesNothing) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  ASSERT_TRUE(insert(*store, make_program("taken")).ok());
  const auto fresh = make_program("fresh");
  auto result = store->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
    if (auto done = tx.insert_program(fresh); !done.ok()) return done;
    return tx.insert_program(make_program("taken"));
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::already_exists);
  EXPECT_EQ(all_programs(*store).size(), 1U) << "the program inserted before the clash was kept";
}

TEST_P(StoreConformance, AGroupSlugIsUniqueWithinItsProgramOnly) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto first = make_program("first");
  const auto second = make_program("second");
  ASSERT_TRUE(insert(*store, first).ok());
  ASSERT_TRUE(insert(*store, second).ok());
  ASSERT_TRUE(insert(*store, make_group(first, "skills")).ok());
  auto clash = insert(*store, make_group(first, "skills"));
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, Errc::already_exists);
  EXPECT_TRUE(insert(*store, make_group(second, "skills")).ok());
}

TEST_P(StoreConformance, AGroupOfAMissingProgramIsRefused) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  ProgramRecord missing = make_program("never-inserted");
  auto result = insert(*store, make_group(missing, "orphan"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::conflict);
  EXPECT_TRUE(all_groups(*store, missing.id).empty());
}

TEST_P(StoreConformance, ANegativeCapacityIsRefused) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  const auto program = make_program("p");
  ASSERT_TRUE(insert(*store, program).ok());
  auto group = make_group(program, "g");
  group.capacity = -1;
  auto result = insert(*store, group);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::conflict);
}

TEST_P(StoreConformance, ErrorMessagesNameTheOperationButNoValue) {
  auto store = open_migrated();
  ASSERT_TRUE(store);
  auto program = make_program("jane-doe-relapse-group", "Jane Doe");
  ASSERT_TRUE(insert(*store, program).ok());
  program.id = new_id();
  auto result = insert(*store, program);
  ASSERT_FALSE(result.ok());
  const auto& message = result.error().message;
  EXPECT_NE(message.find("insert_program"), std::string::npos) << message;
  EXPECT_EQ(message.find("jane-doe"), std::string::npos) << message;
  EXPECT_EQ(message.find("Jane Doe"), std::string::npos) << message;
  EXPECT_EQ(message.find(program.id), std::string::npos) << message;
}

}  // namespace
}  // namespace hearth::store::testing
