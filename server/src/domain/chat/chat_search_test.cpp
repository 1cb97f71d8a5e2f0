// ChatService::search and index_for_search against a real SQLite store (testing/chat_world.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/chat/chat_service.hpp"
#include "domain/chat/testing/chat_world.hpp"

namespace hearth::chat {
namespace {

using testing::caller_of;

class ChatSearchTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.ok()); }

  testing::ChatWorld world_;
};

TEST_F(ChatSearchTest, TheSearchIndexTakesABacklogBatchByBatchAndASearchCatchesUpFirst) {
  auto& chat = world_.chat();
  const auto skills = world_.room_of(world_.alice, "Skills group");
  const std::size_t backlog = kSearchIndexBatch + 5;
  for (std::size_t i = 0; i < backlog; ++i) {
    ASSERT_TRUE(chat.post(caller_of(world_.alice), skills, "a-" + std::to_string(i),
                          "evening walk " + std::to_string(i)));
  }
  // The test store is SQLite, whose index is filled in batches (migration 15).
  auto added = chat.index_for_search();
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(*added, backlog) << "more than one batch, all of it";
  EXPECT_EQ(*chat.index_for_search(), 0u);

  ASSERT_TRUE(chat.post(caller_of(world_.alice), skills, "a-last", "a quiet lighthouse"));
  const auto found = chat.search(caller_of(world_.alice), "lighthouse", "", "", 20);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->messages.size(), 1u) << "posted just before the search, found by it";
  EXPECT_EQ(found->messages[0].text, "a quiet lighthouse");
}

TEST_F(ChatSearchTest, SearchFindsOnlyWhatTheSearcherMayReadNewestFirstPageByPage) {
  auto& chat = world_.chat();
  const auto skills = world_.room_of(world_.alice, "Skills group");
  const auto community = world_.room_of(world_.alice, "Evening IOP");
  const auto process = world_.room_of(world_.carol, "Process group");
  ASSERT_TRUE(chat.post(caller_of(world_.alice), skills, "a-1", "Urges were strong tonight"));
  world_.clock().advance(std::chrono::seconds(1));
  ASSERT_TRUE(chat.post(caller_of(world_.bob), community, "b-1", "Any tips for urges?"));
  world_.clock().advance(std::chrono::seconds(1));
  ASSERT_TRUE(chat.post(caller_of(world_.carol), process, "c-1", "My urge to drink passed"));
  const auto texts = [](const SearchPage& page) {
    std::vector<std::string> out;
    for (const auto& m : page.messages) out.push_back(m.text);
    return out;
  };
  using Texts = std::vector<std::string>;

  auto all = chat.search(caller_of(world_.alice), "URGES", "", "", 20);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(texts(*all), (Texts{"Any tips for urges?", "Urges were strong tonight"}))
      << "not Carol's group, which Alice is not in";
  EXPECT_TRUE(all->next_cursor.empty());
  EXPECT_EQ(texts(*chat.search(caller_of(world_.carol), "urge", "", "", 20)),
            (Texts{"My urge to drink passed", "Any tips for urges?"}));
  EXPECT_EQ(texts(*chat.search(caller_of(world_.alice), "urges", skills, "", 20)),
            (Texts{"Urges were strong tonight"}))
      << "one room when asked";

  const auto first = chat.search(caller_of(world_.carol), "urge", "", "", 1);
  ASSERT_TRUE(first);
  EXPECT_EQ(texts(*first), (Texts{"My urge to drink passed"}));
  ASSERT_FALSE(first->next_cursor.empty());
  const auto second = chat.search(caller_of(world_.carol), "urge", "", first->next_cursor, 1);
  ASSERT_TRUE(second);
  EXPECT_EQ(texts(*second), (Texts{"Any tips for urges?"}));
  EXPECT_TRUE(second->next_cursor.empty());

  EXPECT_TRUE(chat.search(caller_of(world_.outsider), "urges", "", "", 20)->messages.empty());
  EXPECT_EQ(chat.search(caller_of(world_.alice), "urges", process, "", 20).error().code,
            Errc::not_found)
      << "a room one is not in looks like no room";
  for (const auto& [query, cursor, limit, field] :
       std::vector<std::tuple<std::string, std::string, std::size_t, std::string>>{
           {"", "", 20, "query"},
           {"?!", "", 20, "query"},
           {"urges", "", 0, "limit"},
           {"urges", "", 51, "limit"},
           {"urges", "yesterday", 20, "cursor"},
           {"urges", "12.not-an-id", 20, "cursor"}}) {
    const auto refused = chat.search(caller_of(world_.alice), query, "", cursor, limit);
    ASSERT_FALSE(refused) << query << " " << cursor << " " << limit;
    EXPECT_EQ(refused.error().code, Errc::invalid_argument);
    EXPECT_EQ(refused.error().field, field);
  }
}

}  // namespace
}  // namespace hearth::chat
