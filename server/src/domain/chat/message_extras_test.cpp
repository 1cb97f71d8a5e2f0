// Threads, reactions and mentions through ChatService (message_extras.hpp).
#include "domain/chat/message_extras.hpp"

#include <gtest/gtest.h>

#include "domain/chat/chat_service.hpp"
#include "domain/chat/testing/chat_world.hpp"

namespace hearth::chat {
namespace {

using testing::caller_of;

class MessageExtrasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok());
    auto rooms = world_.chat().rooms_of(caller_of(world_.alice));
    ASSERT_TRUE(rooms);
    room_ = rooms->front().record.id;  // the Skills group's
  }

  store::ChatMessageRecord post(const store::UserRecord& who, std::string text,
                                MessageExtras extras = {}) {
    auto posted =
        world_.chat().post(caller_of(who), room_, "c-" + std::to_string(++sent_), text, extras);
    EXPECT_TRUE(posted) << posted.error().message;
    return posted ? posted->message : store::ChatMessageRecord{};
  }

  std::int64_t unread_mentions(const store::UserRecord& who) {
    auto rooms = world_.chat().rooms_of(caller_of(who));
    EXPECT_TRUE(rooms);
    for (const auto& room : *rooms) {
      if (room.record.id == room_) return room.unread_mentions;
    }
    return -1;
  }

  testing::ChatWorld world_;
  std::string room_;
  int sent_ = 0;
};

TEST_F(MessageExtrasTest, ARepliesJoinTheThreadAndItsRootCountsThem) {
  auto& chat = world_.chat();
  const auto root = post(world_.alice, "How was everyone's week?");
  auto first = chat.post(caller_of(world_.bob), room_, "b-1", "Hard, but I made it",
                         {.thread_root_id = root.id, .mentions = {}, .file_ids = {}});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->message.thread_root_id, root.id);
  ASSERT_TRUE(first->thread_root);
  EXPECT_EQ(first->thread_root->reply_count, 1);
  EXPECT_GT(first->thread_root->change_seq, root.change_seq) << "the room hears the root change";

  // Replying to a reply joins the same thread: threads do not nest.
  const auto second = post(world_.facilitator, "Proud of you",
                           {.thread_root_id = first->message.id, .mentions = {}, .file_ids = {}});
  EXPECT_EQ(second.thread_root_id, root.id);

  const auto thread = chat.thread(caller_of(world_.alice), room_, root.id, 0, 50);
  ASSERT_TRUE(thread) << thread.error().message;
  EXPECT_EQ(thread->root.reply_count, 2);
  EXPECT_EQ(thread->root.last_reply_at_ms, world_.clock().now_ms());
  ASSERT_EQ(thread->replies.size(), 2U);
  EXPECT_EQ(thread->replies[0].id, first->message.id);
  EXPECT_EQ(thread->replies[1].id, second.id);
  EXPECT_FALSE(thread->has_more);
  const auto page = chat.thread(caller_of(world_.alice), room_, root.id, 0, 1);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->replies.size(), 1U);

  // A reply is a message of the room like any other.
  EXPECT_EQ(chat.since(caller_of(world_.bob), room_, 0, 100)->size(), 3U);
  EXPECT_EQ(chat.thread(caller_of(world_.alice), room_, first->message.id, 0, 50).error().code,
            Errc::not_found)
      << "a reply has no thread of its own";
  EXPECT_EQ(chat.thread(caller_of(world_.carol), room_, root.id, 0, 50).error().code,
            Errc::not_found)
      << "not Carol's room";
}

TEST_F(MessageExtrasTest, NoReplyToADeletedMessageNorToOneOfAnotherRoom) {
  auto& chat = world_.chat();
  const auto root = post(world_.alice, "Going to delete this");
  ASSERT_TRUE(chat.remove(caller_of(world_.alice), room_, root.id));
  const auto refused = chat.post(caller_of(world_.bob), room_, "b-1", "Hm?",
                                 {.thread_root_id = root.id, .mentions = {}, .file_ids = {}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_argument);
  EXPECT_EQ(refused.error().field, "thread_root_id");

  auto carols = chat.rooms_of(caller_of(world_.carol));
  const auto elsewhere =
      chat.post(caller_of(world_.carol), carols->front().record.id, "c-1", "In my room");
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(chat.post(caller_of(world_.bob), room_, "b-2", "Reply",
                      {.thread_root_id = elsewhere->message.id, .mentions = {}, .file_ids = {}})
                .error()
                .field,
            "thread_root_id");
  EXPECT_EQ(chat.since(caller_of(world_.bob), room_, 0, 100)->size(), 1U) << "nothing stored";
}

TEST_F(MessageExtrasTest, ReactionsAreGivenAndTakenBackInTheirOwnOrder) {
  auto& chat = world_.chat();
  const auto message = post(world_.alice, "30 days today");
  auto given = chat.react(caller_of(world_.bob), room_, message.id, "thanks", true);
  ASSERT_TRUE(given) << given.error().message;
  EXPECT_TRUE(given->changed);
  given = chat.react(caller_of(world_.facilitator), room_, message.id, "heart", true);
  ASSERT_TRUE(given);
  given = chat.react(caller_of(world_.bob), room_, message.id, "heart", true);
  ASSERT_TRUE(given);
  ASSERT_EQ(given->message.reactions.size(), 2U);
  EXPECT_EQ(given->message.reactions[0].reaction, "heart") << "in the order of kReactions";
  EXPECT_EQ(given->message.reactions[0].user_ids,
            (std::vector<std::string>{world_.facilitator.id, world_.bob.id}));
  EXPECT_EQ(given->message.reactions[1].reaction, "thanks");

  const auto again = chat.react(caller_of(world_.bob), room_, message.id, "heart", true);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->changed) << "one reaction of a kind per person";
  const auto taken = chat.react(caller_of(world_.bob), room_, message.id, "thanks", false);
  ASSERT_TRUE(taken);
  EXPECT_TRUE(taken->changed);
  EXPECT_EQ(taken->message.reactions.size(), 1U);
  EXPECT_FALSE(chat.react(caller_of(world_.bob), room_, message.id, "thanks", false)->changed);

  // Stored, and read back with the message.
  const auto stored = chat.message(caller_of(world_.alice), room_, message.id);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->reactions.size(), 1U);
  EXPECT_EQ(stored->reactions[0].user_ids.size(), 2U);

  const auto unknown = chat.react(caller_of(world_.bob), room_, message.id, "thumbsdown", true);
  EXPECT_EQ(unknown.error().field, "reaction");
  EXPECT_EQ(chat.react(caller_of(world_.carol), room_, message.id, "heart", true).error().code,
            Errc::not_found)
      << "not Carol's room";
  ASSERT_TRUE(chat.remove(caller_of(world_.alice), room_, message.id));
  EXPECT_EQ(chat.react(caller_of(world_.bob), room_, message.id, "hug", true).error().code,
            Errc::invalid_argument)
      << "no reactions to a tombstone";
  EXPECT_TRUE(chat.message(caller_of(world_.bob), room_, message.id)->reactions.empty())
      << "a deletion takes its reactions with it";
}

TEST_F(MessageExtrasTest, AMutedPersonCannotReact) {
  auto& chat = world_.chat();
  const auto message = post(world_.alice, "Hello");
  ASSERT_TRUE(chat.restrict_member(caller_of(world_.facilitator), room_, world_.bob.id, "muted", 10,
                                   "spam", ""));
  EXPECT_EQ(chat.react(caller_of(world_.bob), room_, message.id, "heart", true).error().code,
            Errc::muted);
}

TEST_F(MessageExtrasTest, MentionsMustNameTheRoomsPeopleInTheText) {
  auto& chat = world_.chat();
  const MessageExtras naming_bob{.thread_root_id = "", .mentions = {world_.bob.id}, .file_ids = {}};
  const auto named = post(world_.alice, "Thanks @Bob for the idea", naming_bob);
  EXPECT_EQ(named.mentions, (std::vector<std::string>{world_.bob.id}));
  EXPECT_EQ(unread_mentions(world_.bob), 1);
  EXPECT_EQ(unread_mentions(world_.alice), 0);

  const auto not_in_text =
      chat.post(caller_of(world_.alice), room_, "x-1", "Thanks all", naming_bob);
  EXPECT_EQ(not_in_text.error().field, "mentions") << "nobody is named out of sight";
  const auto not_here =
      chat.post(caller_of(world_.alice), room_, "x-2", "Hi @Carol",
                {.thread_root_id = "", .mentions = {world_.carol.id}, .file_ids = {}});
  EXPECT_EQ(not_here.error().field, "mentions") << "Carol is in another group";
  const auto oneself =
      chat.post(caller_of(world_.alice), room_, "x-3", "Me, @Alice",
                {.thread_root_id = "", .mentions = {world_.alice.id}, .file_ids = {}});
  EXPECT_EQ(oneself.error().field, "mentions");
  EXPECT_EQ(unread_mentions(world_.bob), 1) << "nothing stored by the refusals";

  ASSERT_TRUE(chat.mark_read(caller_of(world_.bob), room_, named.seq));
  EXPECT_EQ(unread_mentions(world_.bob), 0) << "read, so no longer waiting";

  // An edit names someone new: they alone are told.
  const auto message = post(world_.alice, "Morning @Bob", naming_bob);
  const auto edited =
      chat.edit(caller_of(world_.alice), room_, message.id, "Morning @Bob and @Fran",
                std::vector<std::string>{world_.bob.id, world_.facilitator.id});
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->mentioned, (std::vector<std::string>{world_.facilitator.id}));
  EXPECT_EQ(unread_mentions(world_.facilitator), 1);
  ASSERT_TRUE(chat.remove(caller_of(world_.alice), room_, message.id));
  EXPECT_EQ(unread_mentions(world_.facilitator), 0) << "a deleted message names nobody";
}

TEST_F(MessageExtrasTest, TheRoomsPeopleAreThoseWhoMayReadIt) {
  auto& chat = world_.chat();
  const auto people = chat.people(caller_of(world_.alice), room_);
  ASSERT_TRUE(people) << people.error().message;
  std::vector<std::string> names;
  for (const auto& p : *people) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Alice", "Bob", "Fran"}));
  ASSERT_TRUE(chat.restrict_member(caller_of(world_.facilitator), room_, world_.bob.id, "removed",
                                   0, "spam", ""));
  EXPECT_EQ(chat.people(caller_of(world_.alice), room_)->size(), 2U) << "removed: not named";
  EXPECT_EQ(chat.people(caller_of(world_.carol), room_).error().code, Errc::not_found);
}

TEST(ChangeReaction, KeepsTheListsOrderAndDropsEmptyReactions) {
  std::vector<store::ChatReaction> reactions;
  EXPECT_TRUE(change_reaction(reactions, "sunflower", "u1", true));
  EXPECT_TRUE(change_reaction(reactions, "hug", "u2", true));
  EXPECT_TRUE(change_reaction(reactions, "sunflower", "u2", true));
  ASSERT_EQ(reactions.size(), 2U);
  EXPECT_EQ(reactions[0].reaction, "hug");
  EXPECT_EQ(reactions[1].user_ids, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_TRUE(change_reaction(reactions, "hug", "u2", false));
  EXPECT_EQ(reactions.size(), 1U);
  EXPECT_FALSE(change_reaction(reactions, "hug", "u2", false));
}

}  // namespace
}  // namespace hearth::chat
