// Conformance: members' reports of chat messages and the reviewers' decisions (migration 12), and
// moderators' mutes and removals (migration 13), behave alike on both drivers.
#include "chat_fixture.hpp"

namespace hearth::store::testing {
namespace {

class ChatReports : public ChatStore {
 protected:
  ChatReportRecord report(const ChatMessageRecord& message, const UserRecord& reporter,
                          std::int64_t at_ms) {
    return ChatReportRecord{.id = new_id(),
                            .message_id = message.id,
                            .room_id = message.room_id,
                            .program_id = w_.program.id,
                            .reporter_id = reporter.id,
                            .reason = "disrespectful",
                            .note = "not the first time ünïcødé",
                            .created_at_ms = at_ms};
  }
  // What fn returns, written in a committed read-write transaction.
  template <class Fn>
  auto change(Fn fn) {
    std::decay_t<decltype(fn(std::declval<Transaction&>()).value())> value{};
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(value, fn(tx));
      return ok();
    });
    return value;
  }
  bool insert(const ChatReportRecord& r) {
    return change([&](Transaction& tx) { return tx.insert_chat_report(r); });
  }
  std::vector<ChatReportRecord> listed(bool open_only) {
    return read(
        [&](Transaction& tx) { return tx.list_chat_reports(w_.program.id, open_only, 100); });
  }
};

TEST_P(ChatReports, AReportIsKeptWithEveryFieldAndOncePerReporterAndMessage) {
  const auto room = ensure(group_room(w_.group));
  const auto said = post(room, w_.alice, "a-1");
  const auto first = report(said, w_.bob, 100);
  EXPECT_TRUE(insert(first));
  const auto found = read([&](Transaction& tx) { return tx.find_chat_report(first.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->message_id, said.id);
  EXPECT_EQ(found->room_id, room.id);
  EXPECT_EQ(found->program_id, w_.program.id);
  EXPECT_EQ(found->reporter_id, w_.bob.id);
  EXPECT_EQ(found->reason, "disrespectful");
  EXPECT_EQ(found->note, first.note);
  EXPECT_EQ(found->created_at_ms, 100);
  EXPECT_EQ(found->decided_at_ms, 0);
  EXPECT_EQ(found->decided_by, "");
  EXPECT_EQ(found->decision, "");

  EXPECT_FALSE(insert(report(said, w_.bob, 200))) << "one report per reporter and message";
  const auto bobs =
      read([&](Transaction& tx) { return tx.find_chat_report_by_reporter(said.id, w_.bob.id); });
  ASSERT_TRUE(bobs);
  EXPECT_EQ(bobs->id, first.id) << "the first one stays";
  EXPECT_TRUE(insert(report(said, w_.carol, 300))) << "another member's report is their own";
  EXPECT_FALSE(
      read([&](Transaction& tx) { return tx.find_chat_report_by_reporter(said.id, w_.dave.id); }));
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_chat_report(new_id()); }));
}

TEST_P(ChatReports, ADecisionSettlesEveryOpenReportOfTheMessageOnceAndLeavesTheOpenList) {
  const auto room = ensure(group_room(w_.group));
  const auto rude = post(room, w_.alice, "a-1");
  const auto other = post(room, w_.alice, "a-2");
  const auto by_bob = report(rude, w_.bob, 100);
  const auto by_carol = report(rude, w_.carol, 200);
  const auto elsewhere = report(other, w_.bob, 300);
  ASSERT_TRUE(insert(by_bob));
  ASSERT_TRUE(insert(by_carol));
  ASSERT_TRUE(insert(elsewhere));
  auto open = listed(true);
  ASSERT_EQ(open.size(), 3u);
  EXPECT_EQ(open[0].id, elsewhere.id) << "newest first";
  EXPECT_EQ(open[2].id, by_bob.id);

  EXPECT_EQ(change([&](Transaction& tx) {
              return tx.decide_chat_reports(rude.id, w_.clinician.id, "hidden", 400);
            }),
            2);
  EXPECT_EQ(change([&](Transaction& tx) {
              return tx.decide_chat_reports(rude.id, w_.co.id, "dismissed", 500);
            }),
            0)
      << "the first decision stays";
  open = listed(true);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].id, elsewhere.id);
  const auto all = listed(false);
  ASSERT_EQ(all.size(), 3u);
  const auto decided = read([&](Transaction& tx) { return tx.find_chat_report(by_carol.id); });
  ASSERT_TRUE(decided);
  EXPECT_EQ(decided->decision, "hidden");
  EXPECT_EQ(decided->decided_by, w_.clinician.id);
  EXPECT_EQ(decided->decided_at_ms, 400);
  EXPECT_TRUE(read([&](Transaction& tx) {
                return tx.list_chat_reports(w_.other_program.id, false, 100);
              }).empty());
  EXPECT_EQ(
      read([&](Transaction& tx) { return tx.list_chat_reports(w_.program.id, false, 2); }).size(),
      2u)
      << "at most the limit";
}

TEST_P(ChatReports, AReportMustNameAStoredMessage) {
  const auto room = ensure(group_room(w_.group));
  auto stray = report(post(room, w_.alice, "a-1"), w_.bob, 100);
  stray.message_id = new_id();
  EXPECT_TRUE(failure([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.insert_chat_report(stray));
    return ok();
  }));
}

TEST_P(ChatReports, ARestrictionIsKeptPerPersonAndRoomReplacedAndLifted) {
  const auto room = ensure(group_room(w_.group));
  const ChatRestrictionRecord muted{.room_id = room.id,
                                    .user_id = w_.bob.id,
                                    .kind = "muted",
                                    .until_ms = 5000,
                                    .reason = "spam",
                                    .note = "links again ✓",
                                    .by = w_.clinician.id,
                                    .at_ms = 100};
  commit([&](Transaction& tx) { return tx.put_chat_restriction(muted); });
  auto found = read([&](Transaction& tx) { return tx.find_chat_restriction(room.id, w_.bob.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kind, "muted");
  EXPECT_EQ(found->until_ms, 5000);
  EXPECT_EQ(found->reason, "spam");
  EXPECT_EQ(found->note, "links again ✓");
  EXPECT_EQ(found->by, w_.clinician.id);
  EXPECT_EQ(found->at_ms, 100);
  EXPECT_EQ(found->user_name, w_.bob.display_name);
  EXPECT_EQ(found->by_name, w_.clinician.display_name);
  EXPECT_FALSE(
      read([&](Transaction& tx) { return tx.find_chat_restriction(room.id, w_.alice.id); }));

  auto removed = muted;
  removed.kind = "removed";
  removed.until_ms = 0;
  removed.at_ms = 200;
  commit([&](Transaction& tx) { return tx.put_chat_restriction(removed); });
  auto alice = muted;
  alice.user_id = w_.alice.id;
  commit([&](Transaction& tx) { return tx.put_chat_restriction(alice); });
  const auto listed = read([&](Transaction& tx) { return tx.list_chat_restrictions(room.id); });
  ASSERT_EQ(listed.size(), 2u) << "one per person: the removal replaced the mute";
  EXPECT_EQ(listed[0].user_id, w_.alice.id) << "by name";
  EXPECT_EQ(listed[1].kind, "removed");
  EXPECT_EQ(listed[1].at_ms, 200);
  EXPECT_EQ(
      read([&](Transaction& tx) { return tx.list_chat_restrictions_of_user(w_.bob.id); }).size(),
      1u);

  EXPECT_TRUE(
      change([&](Transaction& tx) { return tx.delete_chat_restriction(room.id, w_.bob.id); }));
  EXPECT_FALSE(
      change([&](Transaction& tx) { return tx.delete_chat_restriction(room.id, w_.bob.id); }));
  EXPECT_TRUE(
      read([&](Transaction& tx) { return tx.list_chat_restrictions_of_user(w_.bob.id); }).empty());
  auto odd = muted;
  odd.kind = "banned";
  EXPECT_TRUE(failure([&](Transaction& tx) { return tx.put_chat_restriction(odd); }))
      << "only muted or removed";
}

INSTANTIATE_TEST_SUITE_P(Drivers, ChatReports,
                         ::testing::Values(BackendKind::sqlite, BackendKind::postgresql),
                         [](const auto& info) {
                           return info.param == BackendKind::sqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace hearth::store::testing
