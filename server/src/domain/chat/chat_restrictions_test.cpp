#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "domain/chat/chat_service.hpp"
#include "domain/chat/testing/chat_world.hpp"

namespace hearth::chat {
namespace {

using testing::caller_of;

class ChatRestrictionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok());
    room_ = room_of(world_.alice, "Skills group");
  }

  std::string room_of(const store::UserRecord& user, std::string_view name) {
    auto rooms = world_.chat().rooms_of(caller_of(user));
    EXPECT_TRUE(rooms) << rooms.error().message;
    if (!rooms) return "";
    for (const auto& room : *rooms) {
      if (room.name == name) return room.record.id;
    }
    return "";
  }
  Result<Posted> post(const store::UserRecord& who, const std::string& text) {
    return world_.chat().post(caller_of(who), room_, "c-" + std::to_string(next_++), text);
  }
  Result<store::ChatRestrictionRecord> mute(const store::UserRecord& by,
                                            const store::UserRecord& who, std::int64_t minutes) {
    return world_.chat().restrict_member(caller_of(by), room_, who.id, "muted", minutes, "spam",
                                         "links");
  }

  testing::ChatWorld world_;
  std::string room_;
  int next_ = 0;
};

TEST_F(ChatRestrictionsTest, AMutedPersonReadsButCannotPostUntilTheTimeIsUp) {
  auto& chat = world_.chat();
  const auto earlier = post(world_.alice, "before");
  ASSERT_TRUE(earlier);
  const auto made = mute(world_.facilitator, world_.alice, 15);
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->kind, "muted");
  EXPECT_EQ(made->until_ms, world_.clock().now_ms() + 15 * 60'000);
  EXPECT_EQ(made->by_name, "Fran");

  EXPECT_EQ(post(world_.alice, "still here").error().code, Errc::muted);
  EXPECT_EQ(chat.edit(caller_of(world_.alice), room_, earlier->message.id, "changed").error().code,
            Errc::muted);
  const auto resent =
      chat.post(caller_of(world_.alice), room_, earlier->message.client_message_id, "before");
  ASSERT_TRUE(resent) << "a resend of a message stored before the mute is still answered";
  EXPECT_FALSE(resent->created);
  EXPECT_TRUE(chat.history(caller_of(world_.alice), room_, 0, 10)) << "reading goes on";
  EXPECT_TRUE(chat.remove(caller_of(world_.alice), room_, earlier->message.id))
      << "so does deleting one's own";
  EXPECT_TRUE(post(world_.bob, "others post as ever"));
  const auto rooms = *chat.rooms_of(caller_of(world_.alice));
  const auto skills = std::ranges::find(rooms, room_, [](const Room& r) { return r.record.id; });
  ASSERT_NE(skills, rooms.end());
  EXPECT_EQ(skills->muted_until_ms, made->until_ms);

  world_.clock().advance(std::chrono::minutes(15));
  EXPECT_TRUE(post(world_.alice, "back")) << "the mute is over";
  EXPECT_TRUE(chat.restrictions(caller_of(world_.facilitator), room_)->empty())
      << "a mute that is over is not listed";
}

TEST_F(ChatRestrictionsTest, ARemovedPersonNoLongerHasTheRoomUntilRestored) {
  auto& chat = world_.chat();
  const auto removed = chat.restrict_member(caller_of(world_.facilitator), room_, world_.bob.id,
                                            "removed", 0, "disrespectful", "");
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_EQ(room_of(world_.bob, "Skills group"), "") << "gone from the person's rooms";
  EXPECT_EQ(post(world_.bob, "hello").error().code, Errc::not_found);
  EXPECT_EQ(chat.history(caller_of(world_.bob), room_, 0, 10).error().code, Errc::not_found);
  const auto listed = chat.restrictions(caller_of(world_.facilitator), room_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].user_name, "Bob");

  const auto lifted = chat.restore_member(caller_of(world_.facilitator), room_, world_.bob.id);
  ASSERT_TRUE(lifted);
  ASSERT_TRUE(*lifted);
  EXPECT_EQ((*lifted)->kind, "removed");
  EXPECT_EQ(room_of(world_.bob, "Skills group"), room_);
  EXPECT_TRUE(post(world_.bob, "hello again"));
  const auto again = chat.restore_member(caller_of(world_.facilitator), room_, world_.bob.id);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again) << "nothing left to lift";
}

TEST_F(ChatRestrictionsTest, OnlyTheRoomsModeratorsRestrictAndNeverOneAnother) {
  auto& chat = world_.chat();
  EXPECT_EQ(mute(world_.bob, world_.alice, 15).error().code, Errc::permission_denied);
  EXPECT_EQ(mute(world_.carol, world_.alice, 15).error().code, Errc::not_found)
      << "someone outside the room";
  EXPECT_EQ(mute(world_.facilitator, world_.facilitator, 15).error().field, "user_id")
      << "a moderator cannot be muted, not even by themselves";
  EXPECT_EQ(mute(world_.clinician, world_.alice, 15).error().code, Errc::not_found)
      << "a clinician who is not in the group's room does not moderate it from outside";
  EXPECT_EQ(mute(world_.facilitator, world_.carol, 15).error().field, "user_id")
      << "only the room's people";
  EXPECT_EQ(mute(world_.facilitator, world_.alice, 0).error().field, "minutes");
  EXPECT_EQ(mute(world_.facilitator, world_.alice, kMaxMuteMinutes + 1).error().field, "minutes");
  EXPECT_EQ(chat.restrict_member(caller_of(world_.facilitator), room_, world_.alice.id, "banned",
                                 15, "spam", "")
                .error()
                .field,
            "kind");
  EXPECT_EQ(chat.restrict_member(caller_of(world_.facilitator), room_, world_.alice.id, "muted", 15,
                                 "boring", "")
                .error()
                .field,
            "reason");
  EXPECT_EQ(chat.restrict_member(caller_of(world_.facilitator), room_, "not an id", "muted", 15,
                                 "spam", "")
                .error()
                .field,
            "user_id");
  EXPECT_EQ(chat.restrictions(caller_of(world_.alice), room_).error().code,
            Errc::permission_denied);
  EXPECT_EQ(chat.restore_member(caller_of(world_.alice), room_, world_.bob.id).error().code,
            Errc::permission_denied);
  const auto conversation = chat.start_private(caller_of(world_.clinician), {world_.alice.id});
  ASSERT_TRUE(conversation);
  EXPECT_EQ(chat.restrict_member(caller_of(world_.clinician), conversation->record.id,
                                 world_.alice.id, "muted", 15, "spam", "")
                .error()
                .code,
            Errc::permission_denied)
      << "a private conversation has no moderators";
  EXPECT_TRUE(chat.restrictions(caller_of(world_.facilitator), room_)->empty())
      << "nothing was stored";
  EXPECT_TRUE(post(world_.alice, "free to post"));
}

TEST_F(ChatRestrictionsTest, MutingRemovingAndRestoringAreAuditedWithTheReasonNeverTheNote) {
  ASSERT_TRUE(mute(world_.facilitator, world_.alice, 60));
  ASSERT_TRUE(world_.chat().restrict_member(caller_of(world_.facilitator), room_, world_.alice.id,
                                            "removed", 0, "disrespectful", "called names"));
  ASSERT_TRUE(world_.chat().restore_member(caller_of(world_.facilitator), room_, world_.alice.id));
  std::vector<store::AuditRecord> audit;
  ASSERT_TRUE(world_.store().transact(store::Access::read_only,
                                      [&](store::Transaction& tx) -> Result<void> {
                                        HEARTH_TRY_ASSIGN(audit, tx.list_audit({}));
                                        return ok();
                                      }));
  std::vector<std::string> seen;
  for (const auto& entry : audit) {
    if (entry.subject_id != world_.alice.id || !entry.action.starts_with("chat.member_")) continue;
    seen.push_back(entry.action + ":" + entry.detail);
    EXPECT_EQ(entry.actor_id, world_.facilitator.id);
    EXPECT_EQ(entry.detail.find("links"), std::string::npos);
    EXPECT_EQ(entry.detail.find("names"), std::string::npos);
  }
  std::ranges::sort(seen);
  EXPECT_EQ(seen,
            (std::vector<std::string>{"chat.member_muted:spam", "chat.member_removed:disrespectful",
                                      "chat.member_restored:removed"}));
}

}  // namespace
}  // namespace hearth::chat
