#include "domain/chat/chat_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "domain/chat/testing/chat_world.hpp"

namespace hearth::chat {
namespace {

using testing::caller_of;

std::vector<std::string> names(const std::vector<Room>& rooms) {
  std::vector<std::string> out;
  for (const auto& r : rooms) out.push_back(r.name);
  return out;
}

std::vector<std::int64_t> seqs(const std::vector<store::ChatMessageRecord>& messages) {
  std::vector<std::int64_t> out;
  for (const auto& m : messages) out.push_back(m.seq);
  return out;
}

class ChatServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.ok()); }

  std::string room_of(const store::UserRecord& user, std::string_view name) {
    return world_.room_of(user, name);
  }

  testing::ChatWorld world_;
};

TEST_F(ChatServiceTest, PeopleSeeTheirGroupsRoomsThenTheirProgramsRoom) {
  auto& chat = world_.chat();
  EXPECT_EQ(names(*chat.rooms_of(caller_of(world_.alice))),
            (std::vector<std::string>{"Skills group", "Evening IOP"}));
  EXPECT_EQ(names(*chat.rooms_of(caller_of(world_.carol))),
            (std::vector<std::string>{"Process group", "Evening IOP"}));
  EXPECT_EQ(names(*chat.rooms_of(caller_of(world_.facilitator))),
            (std::vector<std::string>{"Skills group", "Evening IOP"}))
      << "a facilitator has the room of the group they lead";
  EXPECT_EQ(names(*chat.rooms_of(caller_of(world_.former_clinician))), (std::vector<std::string>{}))
      << "staff who left have no rooms";
  EXPECT_EQ(names(*chat.rooms_of(caller_of(world_.waiting))),
            (std::vector<std::string>{"Evening IOP"}))
      << "a place on the waiting list is not a seat";
  EXPECT_TRUE(chat.rooms_of(caller_of(world_.discharged))->empty());
  EXPECT_TRUE(chat.rooms_of(caller_of(world_.outsider))->empty());

  const auto again = *chat.rooms_of(caller_of(world_.bob));
  EXPECT_EQ(again.front().record.id, room_of(world_.alice, "Skills group"))
      << "one room per group, made once";
  EXPECT_EQ(again.front().record.kind, "group");
  EXPECT_EQ(again.front().record.group_id, world_.skills.id);
  EXPECT_EQ(again.back().record.kind, "program");
}

TEST_F(ChatServiceTest, UnreadCountsFollowReadPositionsAndOnesOwnMessages) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  auto read_in_room = [&](const store::UserRecord& user) -> std::int64_t {
    const auto rooms = chat.rooms_of(caller_of(user));
    for (const auto& r : *rooms) {
      if (r.record.id == room) return r.record.last_seq - r.last_read_seq;
    }
    ADD_FAILURE() << "no room";
    return -1;
  };
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(chat.post(caller_of(world_.alice), room, "a-" + std::to_string(i), "hi"));
  }
  EXPECT_EQ(read_in_room(world_.alice), 0) << "one has read what one wrote";
  EXPECT_EQ(read_in_room(world_.bob), 3);

  EXPECT_EQ(chat.mark_read(caller_of(world_.bob), room, 2)->last_read_seq, 2);
  EXPECT_EQ(read_in_room(world_.bob), 1);
  EXPECT_EQ(chat.mark_read(caller_of(world_.bob), room, 1)->last_read_seq, 2) << "never back";
  EXPECT_EQ(chat.mark_read(caller_of(world_.bob), room, 99)->last_read_seq, 3)
      << "not past the newest message";
  EXPECT_EQ(read_in_room(world_.bob), 0);
  ASSERT_TRUE(chat.post(caller_of(world_.facilitator), room, "f-1", "welcome"));
  EXPECT_EQ(read_in_room(world_.bob), 1);
  EXPECT_EQ(read_in_room(world_.alice), 1);

  EXPECT_EQ(chat.mark_read(caller_of(world_.bob), room, -1).error().code, Errc::invalid_argument);
  EXPECT_EQ(chat.mark_read(caller_of(world_.carol), room, 1).error().code, Errc::not_found)
      << "not one's room";
  EXPECT_EQ(chat.mark_read(caller_of(world_.bob), "nonsense", 1).error().code, Errc::not_found);
}

TEST_F(ChatServiceTest, AMessageIsStoredNumberedAndAResendStoresNothing) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto first = chat.post(caller_of(world_.alice), room, "a-1", "Hello, group 👋");
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->message.seq, 1);
  EXPECT_EQ(first->message.author_name, "Alice");
  EXPECT_EQ(first->message.created_at_ms, world_.clock().now_ms());
  const auto second = chat.post(caller_of(world_.facilitator), room, "f-1", "Welcome\nall");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->message.seq, 2);

  const auto resent = chat.post(caller_of(world_.alice), room, "a-1", "Hello, group 👋");
  ASSERT_TRUE(resent);
  EXPECT_FALSE(resent->created);
  EXPECT_EQ(resent->message.id, first->message.id);
  EXPECT_EQ(seqs(*chat.since(caller_of(world_.bob), room, 0, 100)),
            (std::vector<std::int64_t>{1, 2}));
}

TEST_F(ChatServiceTest, OnlyTheRoomsPeopleMayPostOrReadAndOthersCannotTellItExists) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  ASSERT_TRUE(chat.post(caller_of(world_.alice), room, "a-1", "hi"));
  for (const auto* stranger : {&world_.carol, &world_.waiting, &world_.outsider}) {
    SCOPED_TRACE(stranger->display_name);
    const auto caller = caller_of(*stranger);
    EXPECT_EQ(chat.post(caller, room, "x-1", "let me in").error().code, Errc::not_found);
    EXPECT_EQ(chat.history(caller, room, 0, 50).error().code, Errc::not_found);
    EXPECT_EQ(chat.since(caller, room, 0, 50).error().code, Errc::not_found);
    EXPECT_EQ(chat.room_for(caller, room).error().code, Errc::not_found);
  }
  EXPECT_EQ(chat.post(caller_of(world_.alice), new_id(), "a-2", "hi").error().code,
            Errc::not_found);
  EXPECT_EQ(chat.post(caller_of(world_.alice), "../../etc", "a-2", "hi").error().code,
            Errc::not_found);
  EXPECT_EQ(seqs(*chat.since(caller_of(world_.alice), room, 0, 100)),
            (std::vector<std::int64_t>{1}))
      << "nothing refused was stored";
}

TEST_F(ChatServiceTest, BadTextOrIdsAreRefusedAndNothingIsStored) {
  const auto room = room_of(world_.alice, "Skills group");
  const auto alice = caller_of(world_.alice);
  auto& chat = world_.chat();
  struct Case {
    std::string client_message_id;
    std::string text;
    std::string field;
  };
  const Case cases[] = {
      {"a-1", "", "text"},
      {"a-1", " \n\t ", "text"},
      {"a-1", std::string(kMaxMessageCharacters + 1, 'x'), "text"},
      {"a-1", "bell\a", "text"},
      {"a-1", std::string("nul\0inside", 10), "text"},
      {"", "hello", "client_message_id"},
      {std::string(kMaxClientMessageIdBytes + 1, 'c'), "hello", "client_message_id"},
      {"has space", "hello", "client_message_id"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.field + ": " + c.text.substr(0, 20));
    const auto posted = chat.post(alice, room, c.client_message_id, c.text);
    ASSERT_FALSE(posted);
    EXPECT_EQ(posted.error().code, Errc::invalid_argument);
    EXPECT_EQ(posted.error().field, c.field);
  }
  EXPECT_TRUE(chat.since(alice, room, 0, 100)->empty());

  // The limit counts characters, not bytes: 4000 three-byte characters are allowed.
  std::string widest;
  for (std::size_t i = 0; i < kMaxMessageCharacters; ++i) widest += "✓";
  EXPECT_TRUE(chat.post(alice, room, "a-2", widest));
}

TEST_F(ChatServiceTest, HistoryPagesGoBackAndSinceGoesForward) {
  const auto room = room_of(world_.alice, "Skills group");
  const auto alice = caller_of(world_.alice);
  auto& chat = world_.chat();
  for (int i = 1; i <= 7; ++i) {
    ASSERT_TRUE(chat.post(alice, room, "a-" + std::to_string(i), "message " + std::to_string(i)));
  }
  EXPECT_EQ(seqs(*chat.history(alice, room, 0, 3)), (std::vector<std::int64_t>{7, 6, 5}));
  EXPECT_EQ(seqs(*chat.history(alice, room, 5, 3)), (std::vector<std::int64_t>{4, 3, 2}));
  EXPECT_EQ(seqs(*chat.history(alice, room, 2, 3)), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(seqs(*chat.since(alice, room, 4, 100)), (std::vector<std::int64_t>{5, 6, 7}));
  EXPECT_EQ(seqs(*chat.since(alice, room, 5, 1)), (std::vector<std::int64_t>{6}));
  EXPECT_EQ(chat.history(alice, room, 0, 0).error().field, "limit");
  EXPECT_EQ(chat.since(alice, room, 0, kMaxPage + 1).error().field, "limit");
}

}  // namespace
}  // namespace hearth::chat

namespace hearth::chat {
namespace {

std::vector<std::string> sorted(std::vector<std::string> ids) {
  std::ranges::sort(ids);
  return ids;
}

TEST_F(ChatServiceTest, OnlyTheAuthorEditsAndTheEarlierTextIsKeptForModerators) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto posted = *chat.post(caller_of(world_.alice), room, "a-1", "I feel okey");
  world_.clock().advance(std::chrono::seconds(30));
  const auto edited = chat.edit(caller_of(world_.alice), room, posted.message.id, "I feel okay");
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_TRUE(edited->changed);
  EXPECT_EQ(edited->message.text, "I feel okay");
  EXPECT_EQ(edited->message.seq, 1) << "it keeps its place";
  EXPECT_EQ(edited->message.change_seq, 1);
  EXPECT_EQ(edited->message.edited_at_ms, world_.clock().now_ms());
  const auto same = chat.edit(caller_of(world_.alice), room, posted.message.id, "I feel okay");
  EXPECT_FALSE(same->changed) << "the same text is no change";
  EXPECT_EQ(same->message.change_seq, 1);

  EXPECT_EQ(chat.edit(caller_of(world_.bob), room, posted.message.id, "hijack").error().code,
            Errc::permission_denied);
  EXPECT_EQ(chat.edit(caller_of(world_.facilitator), room, posted.message.id, "x").error().code,
            Errc::permission_denied)
      << "moderators delete; they do not put words in someone's mouth";
  EXPECT_EQ(chat.edit(caller_of(world_.carol), room, posted.message.id, "x").error().code,
            Errc::not_found);
  EXPECT_EQ(chat.edit(caller_of(world_.alice), room, posted.message.id, " ").error().field, "text");
  EXPECT_EQ(chat.edit(caller_of(world_.alice), room, "nonsense", "x").error().field, "message_id");

  const auto versions = chat.versions(caller_of(world_.facilitator), room, posted.message.id);
  ASSERT_TRUE(versions) << versions.error().message;
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].text, "I feel okey");
  EXPECT_EQ((*versions)[0].reason, "edited");
  EXPECT_EQ(chat.versions(caller_of(world_.clinician), room, posted.message.id).error().code,
            Errc::not_found)
      << "a clinician who does not lead the group is not in its room";
  EXPECT_EQ(chat.versions(caller_of(world_.alice), room, posted.message.id).error().code,
            Errc::permission_denied)
      << "not even the author reads the history: it is for moderators";
  const auto seen = chat.history(caller_of(world_.bob), room, 0, 10);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->front().text, "I feel okay");
}

TEST_F(ChatServiceTest, TheAuthorOrAModeratorDeletesLeavingATombstoneAndAModeratorsIsAudited) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto mine = *chat.post(caller_of(world_.alice), room, "a-1", "oops, wrong room");
  const auto hurtful = *chat.post(caller_of(world_.bob), room, "b-1", "something unkind");
  EXPECT_EQ(chat.remove(caller_of(world_.bob), room, mine.message.id).error().code,
            Errc::permission_denied)
      << "another member may not";

  const auto own = chat.remove(caller_of(world_.alice), room, mine.message.id);
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_TRUE(own->changed);
  EXPECT_EQ(own->message.text, "");
  EXPECT_EQ(own->message.deleted_by, world_.alice.id);
  EXPECT_NE(own->message.deleted_at_ms, 0);
  EXPECT_FALSE(chat.remove(caller_of(world_.alice), room, mine.message.id)->changed)
      << "deleting twice changes nothing";
  EXPECT_EQ(chat.edit(caller_of(world_.alice), room, mine.message.id, "back").error().code,
            Errc::invalid_argument);

  const auto moderated = chat.remove(caller_of(world_.facilitator), room, hurtful.message.id);
  ASSERT_TRUE(moderated) << moderated.error().message;
  EXPECT_EQ(moderated->message.change_seq, 2);

  const auto page = *chat.history(caller_of(world_.bob), room, 0, 10);
  ASSERT_EQ(page.size(), 2u) << "tombstones keep their places";
  for (const auto& m : page) EXPECT_EQ(m.text, "");
  const auto changes = chat.changes_since(caller_of(world_.bob), room, 1, 10);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().id, hurtful.message.id);
  EXPECT_EQ(chat.changes_since(caller_of(world_.carol), room, 0, 10).error().code, Errc::not_found);

  // In the program's community room, its current clinicians moderate.
  const auto community = room_of(world_.alice, "Evening IOP");
  const auto there = *chat.post(caller_of(world_.bob), community, "b-2", "also unkind");
  EXPECT_EQ(chat.remove(caller_of(world_.facilitator), community, there.message.id).error().code,
            Errc::permission_denied)
      << "a peer specialist leads a group, not the program's room";
  ASSERT_TRUE(chat.remove(caller_of(world_.clinician), community, there.message.id));
  EXPECT_EQ(
      chat.remove(caller_of(world_.former_clinician), community, there.message.id).error().code,
      Errc::not_found);

  std::vector<store::AuditRecord> audit;
  ASSERT_TRUE(world_.store().transact(store::Access::read_only,
                                      [&](store::Transaction& tx) -> Result<void> {
                                        HEARTH_TRY_ASSIGN(audit, tx.list_audit({}));
                                        return ok();
                                      }));
  std::vector<std::string> removed;
  for (const auto& entry : audit) {
    if (entry.action == "chat.message_removed") removed.push_back(entry.subject_id);
    EXPECT_EQ(entry.detail.find("unkind"), std::string::npos) << "never the text";
  }
  EXPECT_EQ(sorted(removed), sorted({hurtful.message.id, there.message.id}))
      << "a moderator's deletion is audited; an author's own is not";
}

TEST_F(ChatServiceTest, AHiddenMessageIsAPlaceholderForMembersAndKeepsItsTextForItsAuthor) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto posted = *chat.post(caller_of(world_.alice), room, "a-1", "Sam lives at 4 Elm St");
  ASSERT_TRUE(chat.post(caller_of(world_.bob), room, "b-1", "hello"));

  const auto hidden = chat.hide(caller_of(world_.facilitator), room, posted.message.id,
                                "private_information", "a member's address");
  ASSERT_TRUE(hidden) << hidden.error().message;
  EXPECT_TRUE(hidden->changed);
  EXPECT_EQ(hidden->message.change_seq, 1);
  EXPECT_EQ(hidden->message.seq, posted.message.seq) << "it keeps its place and number";
  EXPECT_EQ(hidden->message.text, "Sam lives at 4 Elm St") << "the moderator's view";
  EXPECT_EQ(hidden->message.hidden_by, world_.facilitator.id);
  EXPECT_EQ(hidden->message.hidden_note, "a member's address");

  const auto for_room = seen_by_room(hidden->message);
  EXPECT_EQ(for_room.text, "") << "the room's event carries no text";
  EXPECT_EQ(for_room.hidden_reason, "private_information");
  EXPECT_EQ(for_room.hidden_by, "");
  EXPECT_EQ(for_room.hidden_note, "");

  const auto bobs = *chat.history(caller_of(world_.bob), room, 0, 10);
  ASSERT_EQ(bobs.size(), 2u);
  EXPECT_EQ(bobs[1].text, "");
  EXPECT_NE(bobs[1].hidden_at_ms, 0);
  EXPECT_EQ(bobs[1].hidden_reason, "private_information");
  EXPECT_EQ(bobs[1].hidden_by, "") << "members are not told which moderator hid it";
  EXPECT_EQ(bobs[0].text, "hello");
  EXPECT_EQ(chat.since(caller_of(world_.bob), room, 0, 10)->front().text, "");
  EXPECT_EQ(chat.changes_since(caller_of(world_.bob), room, 0, 10)->front().text, "");
  EXPECT_EQ(chat.message(caller_of(world_.bob), room, posted.message.id)->text, "");

  const auto alices = *chat.message(caller_of(world_.alice), room, posted.message.id);
  EXPECT_EQ(alices.text, "Sam lives at 4 Elm St") << "its author sees what she wrote";
  EXPECT_EQ(alices.hidden_reason, "private_information") << "and why it was hidden";
  EXPECT_EQ(alices.hidden_note, "") << "the note is for moderators";
  EXPECT_EQ(alices.hidden_by, "");
  EXPECT_EQ(chat.history(caller_of(world_.alice), room, 0, 10)->back().text,
            "Sam lives at 4 Elm St");
  EXPECT_EQ(chat.message(caller_of(world_.facilitator), room, posted.message.id)->hidden_note,
            "a member's address");

  EXPECT_EQ(chat.edit(caller_of(world_.alice), room, posted.message.id, "edited back").error().code,
            Errc::invalid_argument)
      << "an edit would show again what a moderator hid";
  EXPECT_FALSE(
      chat.hide(caller_of(world_.facilitator), room, posted.message.id, "spam", "")->changed)
      << "hiding a hidden message changes nothing";

  const auto shown = chat.unhide(caller_of(world_.facilitator), room, posted.message.id);
  ASSERT_TRUE(shown) << shown.error().message;
  EXPECT_TRUE(shown->changed);
  EXPECT_EQ(shown->message.change_seq, 2);
  EXPECT_EQ(shown->message.hidden_at_ms, 0);
  EXPECT_EQ(chat.history(caller_of(world_.bob), room, 0, 10)->back().text, "Sam lives at 4 Elm St");
  EXPECT_FALSE(chat.unhide(caller_of(world_.facilitator), room, posted.message.id)->changed);
}

TEST_F(ChatServiceTest, OnlyTheRoomsModeratorsHideAndPrivateConversationsHaveNone) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto posted = *chat.post(caller_of(world_.alice), room, "a-1", "off topic");
  EXPECT_EQ(chat.hide(caller_of(world_.bob), room, posted.message.id, "off_topic", "").error().code,
            Errc::permission_denied)
      << "a member may not";
  EXPECT_EQ(
      chat.hide(caller_of(world_.alice), room, posted.message.id, "off_topic", "").error().code,
      Errc::permission_denied)
      << "nor its author";
  EXPECT_EQ(
      chat.hide(caller_of(world_.carol), room, posted.message.id, "off_topic", "").error().code,
      Errc::not_found)
      << "someone outside the room cannot tell it exists";
  EXPECT_EQ(
      chat.hide(caller_of(world_.clinician), room, posted.message.id, "off_topic", "").error().code,
      Errc::not_found)
      << "a clinician who does not lead the group is not in its room";

  const auto community = room_of(world_.alice, "Evening IOP");
  const auto there = *chat.post(caller_of(world_.bob), community, "b-1", "buy my course");
  EXPECT_EQ(chat.hide(caller_of(world_.facilitator), community, there.message.id, "spam", "")
                .error()
                .code,
            Errc::permission_denied)
      << "a peer specialist leads a group, not the program's room";
  ASSERT_TRUE(chat.hide(caller_of(world_.clinician), community, there.message.id, "spam", ""));
  EXPECT_EQ(chat.unhide(caller_of(world_.bob), community, there.message.id).error().code,
            Errc::permission_denied);

  const auto conversation = chat.start_private(caller_of(world_.clinician), {world_.alice.id});
  ASSERT_TRUE(conversation);
  const auto said =
      *chat.post(caller_of(world_.alice), conversation->record.id, "a-2", "just between us");
  EXPECT_EQ(
      chat.hide(caller_of(world_.clinician), conversation->record.id, said.message.id, "other", "")
          .error()
          .code,
      Errc::permission_denied)
      << "a private conversation has no moderators, staff in it included";
  ASSERT_TRUE(chat.edit(caller_of(world_.alice), conversation->record.id, said.message.id,
                        "just between the two of us"));
  EXPECT_EQ(chat.versions(caller_of(world_.clinician), conversation->record.id, said.message.id)
                .error()
                .code,
            Errc::permission_denied)
      << "nor does a clinician read what the other person wrote before an edit";
  EXPECT_EQ(chat.remove(caller_of(world_.clinician), conversation->record.id, said.message.id)
                .error()
                .code,
            Errc::permission_denied)
      << "nor delete it";
  EXPECT_EQ(chat.message(caller_of(world_.alice), room, new_id()).error().code, Errc::not_found);
}

TEST_F(ChatServiceTest, ABadHideIsRefusedAndChangesNothing) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto posted = *chat.post(caller_of(world_.alice), room, "a-1", "hmm");
  const auto moderator = caller_of(world_.facilitator);
  for (const auto& [reason, note, field] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"", "", "reason"},
           {"rude", "", "reason"},
           {"Spam", "", "reason"},
           {"spam", std::string(281, 'x'), "note"},
           {"spam", "line\x01", "note"}}) {
    const auto refused = chat.hide(moderator, room, posted.message.id, reason, note);
    ASSERT_FALSE(refused) << reason;
    EXPECT_EQ(refused.error().code, Errc::invalid_argument);
    EXPECT_EQ(refused.error().field, field);
  }
  EXPECT_TRUE(chat.hide(moderator, room, posted.message.id, "spam", std::string(280, 'x')))
      << "280 characters is allowed";
  ASSERT_TRUE(chat.unhide(moderator, room, posted.message.id));
  EXPECT_EQ(chat.hide(moderator, room, new_id(), "spam", "").error().code, Errc::not_found);
  ASSERT_TRUE(chat.remove(caller_of(world_.alice), room, posted.message.id));
  EXPECT_EQ(chat.hide(moderator, room, posted.message.id, "spam", "").error().field, "message_id")
      << "a deleted message has nothing to hide";
  EXPECT_EQ(*chat.last_change(moderator, room), 3) << "hide, unhide, delete; nothing else";
}

TEST_F(ChatServiceTest, HidingIsAuditedWithTheReasonNeverTheTextNorTheNoteAndNotFoundBySearch) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto posted = *chat.post(caller_of(world_.bob), room, "b-1", "graphic relapse story");
  ASSERT_TRUE(chat.post(caller_of(world_.alice), room, "a-1", "my relapse plan helped"));
  ASSERT_TRUE(chat.hide(caller_of(world_.facilitator), room, posted.message.id, "triggering",
                        "too graphic"));
  for (const auto* who : {&world_.alice, &world_.bob, &world_.facilitator}) {
    const auto found = chat.search(caller_of(*who), "relapse", "", "", 20);
    ASSERT_TRUE(found);
    ASSERT_EQ(found->messages.size(), 1u) << who->display_name;
    EXPECT_EQ(found->messages[0].text, "my relapse plan helped");
  }
  ASSERT_TRUE(chat.unhide(caller_of(world_.facilitator), room, posted.message.id));
  EXPECT_EQ(chat.search(caller_of(world_.alice), "graphic", "", "", 20)->messages.size(), 1u);

  std::vector<store::AuditRecord> audit;
  ASSERT_TRUE(world_.store().transact(store::Access::read_only,
                                      [&](store::Transaction& tx) -> Result<void> {
                                        HEARTH_TRY_ASSIGN(audit, tx.list_audit({}));
                                        return ok();
                                      }));
  std::vector<std::string> actions;
  for (const auto& entry : audit) {
    if (entry.subject_id != posted.message.id) continue;
    actions.push_back(entry.action);
    EXPECT_EQ(entry.detail, "triggering");
    EXPECT_EQ(entry.actor_id, world_.facilitator.id);
  }
  EXPECT_EQ(sorted(actions), sorted({"chat.message_hidden", "chat.message_unhidden"}));
  for (const auto& entry : audit) {
    EXPECT_EQ(entry.detail.find("graphic"), std::string::npos) << "never the text nor the note";
  }
}

TEST_F(ChatServiceTest, AnEditThatBringsInCrisisLanguageRaisesTheAlertOnce) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto posted = *chat.post(caller_of(world_.alice), room, "a-1", "rough day");
  EXPECT_FALSE(posted.alert);
  const auto edited =
      chat.edit(caller_of(world_.alice), room, posted.message.id, "rough day, i want to die");
  ASSERT_TRUE(edited);
  ASSERT_TRUE(edited->alert);
  EXPECT_EQ(edited->alert->record.message_id, posted.message.id);
  const auto again =
      chat.edit(caller_of(world_.alice), room, posted.message.id, "i want to die, truly");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->alert) << "one alert a message";
}

std::vector<std::string> people_names(const std::vector<Person>& people) {
  std::vector<std::string> out;
  for (const auto& p : people) out.push_back(p.name);
  return out;
}

TEST_F(ChatServiceTest, ParticipantsWritePrivatelyToGroupmatesAndTheirCareTeamOnly) {
  auto& chat = world_.chat();
  EXPECT_EQ(people_names(*chat.reachable(caller_of(world_.alice))),
            (std::vector<std::string>{"Bob", "Cleo", "Fran"}))
      << "her groupmate and the program's current staff; not Carol of another group, not the "
         "waiting list, not staff who left";
  EXPECT_EQ(people_names(*chat.reachable(caller_of(world_.clinician))),
            (std::vector<std::string>{"Alice", "Bob", "Carol", "Fran", "Wren"}))
      << "staff reach everyone in treatment, and colleagues";
  EXPECT_TRUE(chat.reachable(caller_of(world_.outsider))->empty());

  const auto started = chat.start_private(caller_of(world_.alice), {world_.bob.id});
  ASSERT_TRUE(started) << started.error().message;
  EXPECT_EQ(started->record.kind, "private");
  EXPECT_EQ(started->name, "Bob");
  ASSERT_EQ(started->members.size(), 2u);
  const auto again = chat.start_private(caller_of(world_.bob), {world_.alice.id, world_.alice.id});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->record.id, started->record.id) << "the same two people find the same room";
  EXPECT_EQ(again->name, "Alice");

  EXPECT_EQ(chat.start_private(caller_of(world_.alice), {world_.carol.id}).error().code,
            Errc::permission_denied)
      << "participants who share no group";
  EXPECT_EQ(chat.start_private(caller_of(world_.alice), {}).error().field, "user_ids");
  EXPECT_EQ(chat.start_private(caller_of(world_.alice), {world_.alice.id}).error().field,
            "user_ids");
  EXPECT_EQ(chat.start_private(caller_of(world_.alice), {"nonsense"}).error().field, "user_ids");

  const auto room = started->record.id;
  ASSERT_TRUE(chat.post(caller_of(world_.alice), room, "a-1", "just us"));
  EXPECT_EQ(chat.history(caller_of(world_.carol), room, 0, 10).error().code, Errc::not_found)
      << "nobody else reads it";
  EXPECT_EQ(chat.history(caller_of(world_.clinician), room, 0, 10).error().code, Errc::not_found)
      << "not even staff";
  const auto bobs = chat.rooms_of(caller_of(world_.bob));
  ASSERT_TRUE(bobs);
  EXPECT_EQ(bobs->back().record.id, room);
  EXPECT_EQ(bobs->back().name, "Alice");
  const auto mark = chat.mark_read(caller_of(world_.bob), room, 1);
  EXPECT_TRUE(mark->seen_by_others);
  const auto alices = chat.rooms_of(caller_of(world_.alice));
  const auto& members = alices->back().members;
  const auto bob = std::ranges::find(members, world_.bob.id, &store::ChatRoomMember::user_id);
  ASSERT_NE(bob, members.end());
  EXPECT_EQ(bob->last_read_seq, 1) << "seen by Bob";

  const auto small_group =
      chat.start_private(caller_of(world_.clinician), {world_.alice.id, world_.carol.id});
  ASSERT_TRUE(small_group) << "a clinician may bring participants together";
  EXPECT_EQ(small_group->name, "Alice, Carol");
}

TEST_F(ChatServiceTest, AProgramMayKeepParticipantsPrivateMessagesToTheCareTeam) {
  ASSERT_TRUE(world_.store().transact(store::Access::read_write,
                                      [&](store::Transaction& tx) -> Result<void> {
                                        auto program = world_.program;
                                        program.private_messages = "care_team";
                                        return tx.update_program(program);
                                      }));
  auto& chat = world_.chat();
  EXPECT_EQ(people_names(*chat.reachable(caller_of(world_.alice))),
            (std::vector<std::string>{"Cleo", "Fran"}));
  EXPECT_EQ(chat.start_private(caller_of(world_.alice), {world_.bob.id}).error().code,
            Errc::permission_denied);
  EXPECT_TRUE(chat.start_private(caller_of(world_.alice), {world_.clinician.id}));
}

TEST_F(ChatServiceTest, CrisisLanguageFromAParticipantRaisesOneAlertForTheirCareTeamAndIsAudited) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto posted = chat.post(caller_of(world_.alice), room, "a-1",
                                "honestly I keep thinking i want to kil myself");
  ASSERT_TRUE(posted) << posted.error().message;
  EXPECT_TRUE(posted->created) << "a match never blocks the message";
  ASSERT_TRUE(posted->alert);
  const auto& alert = *posted->alert;
  EXPECT_EQ(alert.record.category, "suicidal_thoughts");
  EXPECT_EQ(alert.record.participant_id, world_.alice.id);
  EXPECT_EQ(alert.record.message_id, posted->message.id);
  EXPECT_EQ(alert.record.room_id, room);
  EXPECT_EQ(alert.participant_name, "Alice");
  EXPECT_EQ(sorted(alert.recipients), sorted({world_.clinician.id, world_.facilitator.id}))
      << "current clinicians and the group's facilitator; not staff who left";

  std::vector<store::SafetyAlertRecord> alerts;
  std::vector<store::AuditRecord> audit;
  ASSERT_TRUE(world_.store().transact(
      store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(alerts, tx.list_safety_alerts(world_.program.id, false, 100));
        HEARTH_TRY_ASSIGN(audit, tx.list_audit({}));
        return ok();
      }));
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].id, alert.record.id);
  const auto flagged = std::ranges::find(audit, std::string("chat.crisis_language_flagged"),
                                         &store::AuditRecord::action);
  ASSERT_NE(flagged, audit.end());
  EXPECT_EQ(flagged->subject_id, posted->message.id);
  EXPECT_EQ(flagged->detail, "suicidal_thoughts");
  for (const auto& entry : audit) {
    EXPECT_EQ(entry.detail.find("myself"), std::string::npos) << "the text is never audited";
  }

  const auto resent = chat.post(caller_of(world_.alice), room, "a-1",
                                "honestly I keep thinking i want to kil myself");
  ASSERT_TRUE(resent);
  EXPECT_FALSE(resent->alert) << "a resend raises nothing twice";
}

TEST_F(ChatServiceTest, OrdinaryMessagesAndStaffWritingAboutCrisisRaiseNothing) {
  const auto room = room_of(world_.alice, "Skills group");
  auto& chat = world_.chat();
  const auto ordinary = chat.post(caller_of(world_.bob), room, "b-1", "Killed it at work today!");
  ASSERT_TRUE(ordinary);
  EXPECT_FALSE(ordinary->alert);
  const auto staff = chat.post(caller_of(world_.facilitator), room, "f-1",
                               "If you have thoughts of suicide, call 988 any time.");
  ASSERT_TRUE(staff);
  EXPECT_FALSE(staff->alert);
}

}  // namespace
}  // namespace hearth::chat
