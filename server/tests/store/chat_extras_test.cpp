// Conformance: a message's thread, reactions, mentions and files (migration 14) behave alike on
// both drivers, file bytes above all: a BLOB on SQLite, BYTEA in hex form on PostgreSQL.
#include "chat_fixture.hpp"

namespace hearth::store::testing {
namespace {

class ChatExtras : public ChatStore {};

TEST_P(ChatExtras, ReactionsMentionsAndFilesRoundTripWithTheMessage) {
  const auto room = ensure(group_room(w_.group));
  auto said = message(room, 1, w_.alice, "a-1");
  said.mentions = {w_.bob.id, w_.carol.id};
  said.files = {{.id = new_id(),
                 .name = "séance; notes, \"v2\".pdf",
                 .type = "application/pdf",
                 .size = 1234},
                {.id = new_id(), .name = "🌻.png", .type = "image/png", .size = 5}};
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.take_chat_seq(room.id));
    HEARTH_TRY(tx.insert_chat_message(said));
    return tx.put_chat_mentions(said);
  });
  auto reply = message(room, 2, w_.bob, "b-1");
  reply.thread_root_id = said.id;
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.take_chat_seq(room.id));
    HEARTH_TRY(tx.insert_chat_message(reply));
    said.reply_count = 1;
    said.last_reply_at_ms = 2002;
    said.reactions = {{"heart", {w_.bob.id, w_.carol.id}}, {"thanks", {w_.dave.id}}};
    return tx.update_chat_message(said);
  });
  const auto found = read([&](Transaction& tx) { return tx.find_chat_message(said.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->mentions, said.mentions);
  ASSERT_EQ(found->files.size(), 2U);
  EXPECT_EQ(found->files[0].name, said.files[0].name);
  EXPECT_EQ(found->files[0].size, 1234);
  EXPECT_EQ(found->files[1].type, "image/png");
  ASSERT_EQ(found->reactions.size(), 2U);
  EXPECT_EQ(found->reactions[0].reaction, "heart");
  EXPECT_EQ(found->reactions[0].user_ids, (std::vector<std::string>{w_.bob.id, w_.carol.id}));
  EXPECT_EQ(found->reply_count, 1);
  EXPECT_EQ(found->last_reply_at_ms, 2002);

  const auto thread = read([&](Transaction& tx) { return tx.list_chat_thread(said.id, 0, 10); });
  ASSERT_EQ(thread.size(), 1U);
  EXPECT_EQ(thread[0].id, reply.id);
  EXPECT_EQ(thread[0].thread_root_id, said.id);
  EXPECT_TRUE(read([&](Transaction& tx) { return tx.list_chat_thread(said.id, 2, 10); }).empty());
}

TEST_P(ChatExtras, UnreadMentionsAreCountedPerRoomAboveTheReadPosition) {
  const auto room = ensure(group_room(w_.group));
  for (int i = 1; i <= 3; ++i) {
    auto said = message(room, i, w_.alice, "a-" + std::to_string(i));
    said.mentions = {w_.bob.id};
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY(tx.take_chat_seq(room.id));
      HEARTH_TRY(tx.insert_chat_message(said));
      return tx.put_chat_mentions(said);
    });
  }
  auto counted = read([&](Transaction& tx) { return tx.count_unread_chat_mentions(w_.bob.id); });
  ASSERT_EQ(counted.size(), 1U);
  EXPECT_EQ(counted[0].first, room.id);
  EXPECT_EQ(counted[0].second, 3);
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.advance_chat_read_position(room.id, w_.bob.id, 2, 5000));
    return ok();
  });
  counted = read([&](Transaction& tx) { return tx.count_unread_chat_mentions(w_.bob.id); });
  ASSERT_EQ(counted.size(), 1U);
  EXPECT_EQ(counted[0].second, 1);
  EXPECT_TRUE(
      read([&](Transaction& tx) { return tx.count_unread_chat_mentions(w_.carol.id); }).empty());
}

TEST_P(ChatExtras, AFilesBytesComeBackExactlyAndItIsSentOnce) {
  const auto room = ensure(group_room(w_.group));
  std::string bytes;
  for (int round = 0; round < 3; ++round) {
    for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);  // NUL and non-UTF-8 included
  }
  const ChatFileRecord file{.id = new_id(),
                            .room_id = room.id,
                            .uploader_id = w_.alice.id,
                            .message_id = "",
                            .name = "bytes.pdf",
                            .type = "application/pdf",
                            .size = static_cast<std::int64_t>(bytes.size()),
                            .created_at_ms = 100};
  commit([&](Transaction& tx) { return tx.insert_chat_file(file, bytes); });
  EXPECT_EQ(read([&](Transaction& tx) { return tx.chat_file_content(file.id); }), bytes);
  const auto found = read([&](Transaction& tx) { return tx.find_chat_file(file.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "bytes.pdf");
  EXPECT_EQ(found->message_id, "");

  const auto said = post(room, w_.alice, "a-1");
  bool first = false;
  bool second = true;
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(first, tx.attach_chat_file(file.id, said.id));
    HEARTH_TRY_ASSIGN(second, tx.attach_chat_file(file.id, said.id));
    return ok();
  });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second) << "a file is sent once";
  std::int64_t deleted = -1;
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(deleted, tx.delete_unsent_chat_files(1'000'000));
    return ok();
  });
  EXPECT_EQ(deleted, 0) << "a sent file is kept";
}

INSTANTIATE_TEST_SUITE_P(Drivers, ChatExtras,
                         ::testing::Values(BackendKind::sqlite, BackendKind::postgresql),
                         [](const auto& info) {
                           return info.param == BackendKind::sqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace hearth::store::testing
