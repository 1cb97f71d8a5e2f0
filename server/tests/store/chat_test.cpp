// Conformance: chat rooms and their numbered messages (migration 4) behave alike on both
// drivers, and writers racing to one room get every number once, in commit order.
#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

#include <sqlite3.h>

#include "chat_fixture.hpp"

namespace hearth::store::testing {
namespace {

inline auto fields(const ChatRoomRecord& r) {
  return std::tie(r.id, r.kind, r.program_id, r.group_id, r.last_seq, r.created_at_ms);
}

std::vector<std::int64_t> seqs(const std::vector<ChatMessageRecord>& messages) {
  std::vector<std::int64_t> out;
  for (const auto& m : messages) out.push_back(m.seq);
  return out;
}

TEST_P(ChatStore, ARoomIsMadeOnceForItsGroupAndFoundById) {
  const auto wanted = group_room(w_.group);
  const auto room = ensure(wanted);
  EXPECT_EQ(fields(room), fields(wanted));
  auto again = group_room(w_.group);
  again.created_at_ms = 99;
  EXPECT_EQ(fields(ensure(again)), fields(wanted)) << "the room already there wins";
  const auto found = read([&](Transaction& tx) { return tx.find_chat_room(room.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(fields(*found), fields(wanted));
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_chat_room(new_id()); }));

  auto community = wanted;
  community.id = new_id();
  community.kind = "program";
  community.group_id = "";
  EXPECT_NE(ensure(community).id, room.id) << "a program's room is another room";
  auto unknown_kind = group_room(w_.second_group);
  unknown_kind.kind = "broadcast";
  EXPECT_TRUE(failure([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.ensure_chat_room(unknown_kind));
    return ok();
  }));
}

TEST_P(ChatStore, MessagesAreNumberedPerRoomAndReadForwardOrBackWithTheirAuthorsName) {
  const auto room = ensure(group_room(w_.group));
  const auto other = ensure(group_room(w_.second_group));
  std::vector<ChatMessageRecord> posted;
  for (int i = 0; i < 5; ++i) {
    posted.push_back(post(room, i % 2 == 0 ? w_.alice : w_.bob, "c" + std::to_string(i)));
  }
  EXPECT_EQ(seqs(posted), (std::vector<std::int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(post(other, w_.alice, "c0").seq, 1) << "each room counts from 1";
  EXPECT_EQ(read([&](Transaction& tx) { return tx.find_chat_room(room.id); })->last_seq, 5);

  const auto after_2 = read(
      [&](Transaction& tx) { return tx.list_chat_messages({.room_id = room.id, .after_seq = 2}); });
  EXPECT_EQ(seqs(after_2), (std::vector<std::int64_t>{3, 4, 5}));
  ASSERT_EQ(after_2.size(), 3u);
  EXPECT_EQ(after_2[0].text, posted[2].text);
  EXPECT_EQ(after_2[0].author_id, w_.alice.id);
  EXPECT_EQ(after_2[0].author_name, w_.alice.display_name);
  EXPECT_EQ(after_2[1].author_name, w_.bob.display_name);
  EXPECT_EQ(after_2[0].client_message_id, "c2");
  EXPECT_EQ(after_2[0].created_at_ms, posted[2].created_at_ms);

  const auto page = read([&](Transaction& tx) {
    return tx.list_chat_messages(
        {.room_id = room.id, .before_seq = 5, .limit = 2, .newest_first = true});
  });
  EXPECT_EQ(seqs(page), (std::vector<std::int64_t>{4, 3}));
  const auto first_page = read(
      [&](Transaction& tx) { return tx.list_chat_messages({.room_id = room.id, .limit = 2}); });
  EXPECT_EQ(seqs(first_page), (std::vector<std::int64_t>{1, 2}));
}

TEST_P(ChatStore, ASendersOwnIdIsUniqueInTheRoomAndFindsTheStoredMessage) {
  const auto room = ensure(group_room(w_.group));
  const auto stored = post(room, w_.alice, "phone-17");
  const auto found = read([&](Transaction& tx) {
    return tx.find_chat_message_by_client_id(room.id, w_.alice.id, "phone-17");
  });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, stored.id);
  EXPECT_EQ(found->seq, stored.seq);
  EXPECT_FALSE(read([&](Transaction& tx) {
    return tx.find_chat_message_by_client_id(room.id, w_.bob.id, "phone-17");
  }));
  EXPECT_EQ(failure([&](Transaction& tx) {
              return tx.insert_chat_message(message(room, 9, w_.alice, "phone-17"));
            }),
            Errc::already_exists);
  EXPECT_EQ(post(room, w_.bob, "phone-17").seq, 2) << "another author may use the same id";
  EXPECT_EQ(failure([&](Transaction& tx) {
              return tx.insert_chat_message(message(room, 1, w_.carol, "other"));
            }),
            Errc::already_exists)
      << "one message per number";
}

// Writers to one room at once, in bookkeeping transactions as the chat service writes: every
// number is given once and the numbers have no gaps, on PostgreSQL through the row lock (READ
// COMMITTED: a writer waits for the row, then counts on from what was committed), on SQLite
// through its one writer.
TEST_P(ChatStore, WritersRacingToOneRoomGetEveryNumberOnce) {
  const auto room = ensure(group_room(w_.group));
  constexpr int kWriters = 4;
  constexpr int kEach = 25;
  std::mutex mutex;
  std::vector<std::int64_t> taken;
  std::vector<std::string> failures;
  std::latch start(kWriters);
  auto writer = [&](int index) {
    start.arrive_and_wait();
    for (int i = 0; i < kEach; ++i) {
      std::int64_t seq = 0;
      const auto done = store_->transact(Access::bookkeeping, [&](Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(seq, tx.take_chat_seq(room.id));
        return tx.insert_chat_message(
            message(room, seq, w_.alice, std::to_string(index) + "-" + std::to_string(i)));
      });
      std::lock_guard lock(mutex);
      if (done) {
        taken.push_back(seq);
      } else {
        failures.push_back(done.error().message);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) threads.emplace_back(writer, i);
  for (auto& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  std::sort(taken.begin(), taken.end());
  std::vector<std::int64_t> expected(kWriters * kEach);
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(taken, expected);
  const auto all = read(
      [&](Transaction& tx) { return tx.list_chat_messages({.room_id = room.id, .limit = 1000}); });
  EXPECT_EQ(seqs(all), expected);
}

TEST_P(ChatStore, ASafetyAlertIsKeptOncePerMessageAndListedNewestFirst) {
  const auto room = ensure(group_room(w_.group));
  const auto first = post(room, w_.alice, "a-1");
  const auto second = post(room, w_.alice, "a-2");
  auto alert = [&](const ChatMessageRecord& m, std::int64_t at_ms, std::string category) {
    return SafetyAlertRecord{.id = new_id(),
                             .participant_id = w_.alice.id,
                             .program_id = w_.program.id,
                             .room_id = room.id,
                             .message_id = m.id,
                             .category = std::move(category),
                             .created_at_ms = at_ms,
                             .acknowledged_by = "",
                             .acknowledged_at_ms = 0};
  };
  const auto older = alert(first, 100, "self_harm");
  const auto newer = alert(second, 200, "farewell");
  commit([&](Transaction& tx) { return tx.insert_safety_alert(older); });
  commit([&](Transaction& tx) { return tx.insert_safety_alert(newer); });
  const auto listed =
      read([&](Transaction& tx) { return tx.list_safety_alerts(w_.program.id, false, 100); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, newer.id);
  EXPECT_EQ(listed[1].id, older.id);
  EXPECT_EQ(listed[1].category, "self_harm");
  EXPECT_EQ(listed[1].message_id, first.id);
  EXPECT_EQ(listed[1].created_at_ms, 100);
  EXPECT_TRUE(read([&](Transaction& tx) {
                return tx.list_safety_alerts(w_.other_program.id, false, 100);
              }).empty());
  EXPECT_EQ(failure([&](Transaction& tx) {
              return tx.insert_safety_alert(alert(first, 300, "self_harm"));
            }),
            Errc::already_exists)
      << "one alert per message";
  const auto third = post(room, w_.bob, "b-1");
  EXPECT_TRUE(failure([&](Transaction& tx) {
    return tx.insert_safety_alert(alert(third, 300, "sadness"));
  })) << "only the matcher's categories";
}

TEST_P(ChatStore, AnAlertIsAcknowledgedOnceAndLeavesTheOpenList) {
  const auto room = ensure(group_room(w_.group));
  std::vector<SafetyAlertRecord> alerts;
  for (int i = 0; i < 3; ++i) {
    const auto m = post(room, w_.alice, "a-" + std::to_string(i));
    alerts.push_back({.id = new_id(),
                      .participant_id = w_.alice.id,
                      .program_id = w_.program.id,
                      .room_id = room.id,
                      .message_id = m.id,
                      .category = "overdose",
                      .created_at_ms = 100 + i,
                      .acknowledged_by = "",
                      .acknowledged_at_ms = 0});
    commit([&](Transaction& tx) { return tx.insert_safety_alert(alerts.back()); });
  }
  auto acknowledge = [&](const std::string& id, const UserRecord& by, std::int64_t at_ms) {
    bool done = false;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(done, tx.acknowledge_safety_alert(id, by.id, at_ms));
      return ok();
    });
    return done;
  };
  EXPECT_TRUE(acknowledge(alerts[1].id, w_.bob, 500));
  EXPECT_FALSE(acknowledge(alerts[1].id, w_.alice, 600)) << "the first acknowledgement stays";
  EXPECT_FALSE(acknowledge(new_id(), w_.bob, 600)) << "no such alert";

  const auto found = read([&](Transaction& tx) { return tx.find_safety_alert(alerts[1].id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->acknowledged_by, w_.bob.id);
  EXPECT_EQ(found->acknowledged_at_ms, 500);
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_safety_alert(new_id()); }));

  const auto open =
      read([&](Transaction& tx) { return tx.list_safety_alerts(w_.program.id, true, 100); });
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0].id, alerts[2].id);
  EXPECT_EQ(open[1].id, alerts[0].id);
  const auto newest =
      read([&](Transaction& tx) { return tx.list_safety_alerts(w_.program.id, false, 2); });
  ASSERT_EQ(newest.size(), 2u) << "the limit holds";
  EXPECT_EQ(newest[1].id, alerts[1].id);
}

TEST_P(ChatStore, AProgramsCrisisResourcesAreKeptInItsOrderAndReplacedWhole) {
  auto list = [&](const ProgramRecord& p) {
    return read([&](Transaction& tx) { return tx.list_crisis_resources(p.id); });
  };
  EXPECT_TRUE(list(w_.program).empty()) << "none until a program sets its own";
  const std::vector<CrisisResourceRecord> own = {
      {"Samaritans", "Call 116 123", "https://www.samaritans.org"},
      {"Emergency services", "Call 999", ""},
      {"Shout", "Text SHOUT to 85258", ""}};
  commit([&](Transaction& tx) { return tx.replace_crisis_resources(w_.program.id, own); });
  const auto kept = list(w_.program);
  ASSERT_EQ(kept.size(), 3u);
  for (std::size_t i = 0; i < own.size(); ++i) {
    EXPECT_EQ(kept[i].name, own[i].name);
    EXPECT_EQ(kept[i].contact, own[i].contact);
    EXPECT_EQ(kept[i].url, own[i].url);
  }
  EXPECT_TRUE(list(w_.other_program).empty()) << "per program";
  commit([&](Transaction& tx) {
    return tx.replace_crisis_resources(w_.program.id, {{"Lifeline", "Call 13 11 14", ""}});
  });
  ASSERT_EQ(list(w_.program).size(), 1u);
  EXPECT_EQ(list(w_.program)[0].name, "Lifeline");
  commit([&](Transaction& tx) { return tx.replace_crisis_resources(w_.program.id, {}); });
  EXPECT_TRUE(list(w_.program).empty());
}

TEST_P(ChatStore, AReadPositionOnlyMovesForwardAndIsKeptPerPersonAndRoom) {
  const auto room = ensure(group_room(w_.group));
  auto community = group_room(w_.group);
  community.kind = "program";
  community.group_id = "";
  const auto other = ensure(community);
  auto advance = [&](const ChatRoomRecord& r, const UserRecord& u, std::int64_t seq) {
    std::int64_t now = -1;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(now, tx.advance_chat_read_position(r.id, u.id, seq, 500 + seq));
      return ok();
    });
    return now;
  };
  auto positions = [&](const UserRecord& u) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    const auto listed = read([&](Transaction& tx) { return tx.list_chat_read_positions(u.id); });
    for (const auto& p : listed) out.emplace_back(p.room_id, p.last_read_seq);
    return out;
  };
  EXPECT_TRUE(positions(w_.alice).empty()) << "no position before the first read";
  EXPECT_EQ(advance(room, w_.alice, 4), 4);
  EXPECT_EQ(advance(room, w_.alice, 2), 4) << "a slower tab's older mark does not move it back";
  EXPECT_EQ(advance(room, w_.alice, 7), 7);
  EXPECT_EQ(advance(other, w_.alice, 1), 1);
  EXPECT_EQ(advance(room, w_.bob, 3), 3) << "each person has their own";
  auto expected = std::vector<std::pair<std::string, std::int64_t>>{{room.id, 7}, {other.id, 1}};
  std::ranges::sort(expected);
  EXPECT_EQ(positions(w_.alice), expected);
  EXPECT_EQ(positions(w_.bob), (std::vector<std::pair<std::string, std::int64_t>>{{room.id, 3}}));
}

TEST_P(ChatStore, AnEditOrADeletionTakesTheNextChangeNumberAndKeepsTheEarlierText) {
  const auto room = ensure(group_room(w_.group));
  const auto first = post(room, w_.alice, "a-1");
  const auto second = post(room, w_.bob, "b-1");
  auto change = [&](ChatMessageRecord m, std::string reason) {
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(m.change_seq, tx.take_chat_change_seq(room.id));
      HEARTH_TRY(tx.insert_chat_message_version(
          ChatMessageVersion{.id = new_id(),
                             .message_id = m.id,
                             .text = "was: " + std::to_string(m.change_seq),
                             .replaced_at_ms = 2000 + m.change_seq,
                             .replaced_by = m.author_id,
                             .reason = std::move(reason)}));
      return tx.update_chat_message(m);
    });
  };
  auto edited = second;
  edited.text = "better words";
  edited.edited_at_ms = 3000;
  change(edited, "edited");
  auto deleted = first;
  deleted.text = "";
  deleted.deleted_at_ms = 3100;
  deleted.deleted_by = w_.clinician.id;
  change(deleted, "deleted");
  auto again = edited;
  again.text = "best words";
  change(again, "edited");

  const auto found = read([&](Transaction& tx) { return tx.find_chat_message(second.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->text, "best words");
  EXPECT_EQ(found->edited_at_ms, 3000);
  EXPECT_EQ(found->change_seq, 3);
  EXPECT_EQ(found->seq, second.seq) << "a change keeps the message's number";
  const auto gone = read([&](Transaction& tx) { return tx.find_chat_message(first.id); });
  EXPECT_EQ(gone->text, "");
  EXPECT_EQ(gone->deleted_by, w_.clinician.id);
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_chat_message(new_id()); }));
  EXPECT_EQ(read([&](Transaction& tx) { return tx.find_chat_room(room.id); })->last_seq, 2)
      << "changes do not use message numbers";

  const auto changed =
      read([&](Transaction& tx) { return tx.list_changed_chat_messages(room.id, 1, 10); });
  ASSERT_EQ(changed.size(), 2u);
  EXPECT_EQ(changed[0].id, first.id) << "in change order, after the number given";
  EXPECT_EQ(changed[1].id, second.id);
  EXPECT_EQ(
      read([&](Transaction& tx) { return tx.list_changed_chat_messages(room.id, 0, 1); }).size(),
      1u);
  const auto versions =
      read([&](Transaction& tx) { return tx.list_chat_message_versions(second.id); });
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].text, "was: 1");
  EXPECT_EQ(versions[0].reason, "edited");
  EXPECT_EQ(versions[1].text, "was: 3");

  EXPECT_FALSE(read([&](Transaction& tx) { return tx.has_safety_alert(first.id); }));
  auto missing = first;
  missing.id = new_id();
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_chat_message(missing); }),
            Errc::not_found);
}

TEST_P(ChatStore, AHiddenMessageKeepsItsTextAndWhoHidItWhyUntilUnhidden) {
  const auto room = ensure(group_room(w_.group));
  auto hidden = post(room, w_.alice, "a-1");
  hidden.hidden_at_ms = 4000;
  hidden.hidden_by = w_.clinician.id;
  hidden.hidden_reason = "private_information";
  hidden.hidden_note = "names a member's employer";
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(hidden.change_seq, tx.take_chat_change_seq(room.id));
    return tx.update_chat_message(hidden);
  });

  const auto found = read([&](Transaction& tx) { return tx.find_chat_message(hidden.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->text, hidden.text) << "the store keeps the text; who sees it is the domain's";
  EXPECT_EQ(found->hidden_at_ms, 4000);
  EXPECT_EQ(found->hidden_by, w_.clinician.id);
  EXPECT_EQ(found->hidden_reason, "private_information");
  EXPECT_EQ(found->hidden_note, "names a member's employer");
  EXPECT_EQ(found->seq, hidden.seq);
  const auto page = read(
      [&](Transaction& tx) { return tx.list_chat_messages({.room_id = room.id, .limit = 10}); });
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].hidden_reason, "private_information");
  const auto changed =
      read([&](Transaction& tx) { return tx.list_changed_chat_messages(room.id, 0, 10); });
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].hidden_at_ms, 4000);

  auto shown = *found;
  shown.hidden_at_ms = 0;
  shown.hidden_by.clear();
  shown.hidden_reason.clear();
  shown.hidden_note.clear();
  commit([&](Transaction& tx) { return tx.update_chat_message(shown); });
  const auto back = read([&](Transaction& tx) { return tx.find_chat_message(hidden.id); });
  EXPECT_EQ(back->hidden_at_ms, 0);
  EXPECT_EQ(back->hidden_by, "");
  EXPECT_EQ(back->hidden_reason, "");
  EXPECT_EQ(back->hidden_note, "");
}

TEST_P(ChatStore, ANewMessageIsNotHidden) {
  const auto room = ensure(group_room(w_.group));
  const auto posted = post(room, w_.alice, "a-1");
  const auto found = read([&](Transaction& tx) { return tx.find_chat_message(posted.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->hidden_at_ms, 0);
  EXPECT_EQ(found->hidden_reason, "");
}

TEST_P(ChatStore, APrivateRoomListsItsPeopleWithHowFarEachHasRead) {
  auto wanted = group_room(w_.group);
  wanted.kind = "private";
  wanted.group_id = w_.alice.id + "," + w_.bob.id;
  const auto room = ensure(wanted);
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.insert_chat_room_member(room.id, w_.alice.id, 1));
    HEARTH_TRY(tx.insert_chat_room_member(room.id, w_.bob.id, 2));
    HEARTH_TRY(tx.insert_chat_room_member(room.id, w_.bob.id, 3));  // again: nothing changes
    HEARTH_TRY(tx.advance_chat_read_position(room.id, w_.bob.id, 4, 5));
    return ok();
  });
  const auto members = read([&](Transaction& tx) { return tx.list_chat_room_members(room.id); });
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].user_id, w_.alice.id);
  EXPECT_EQ(members[0].display_name, w_.alice.display_name);
  EXPECT_EQ(members[0].last_read_seq, 0) << "no position yet";
  EXPECT_EQ(members[1].last_read_seq, 4);
  const auto bobs = read([&](Transaction& tx) { return tx.list_private_chat_rooms(w_.bob.id); });
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_EQ(bobs[0].id, room.id);
  EXPECT_TRUE(
      read([&](Transaction& tx) { return tx.list_private_chat_rooms(w_.carol.id); }).empty());
  ensure(group_room(w_.group));
  EXPECT_EQ(read([&](Transaction& tx) { return tx.list_private_chat_rooms(w_.bob.id); }).size(), 1u)
      << "only private rooms";
}

INSTANTIATE_TEST_SUITE_P(Drivers, ChatStore,
                         ::testing::Values(BackendKind::sqlite, BackendKind::postgresql),
                         [](const auto& info) {
                           return info.param == BackendKind::sqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace hearth::store::testing

namespace hearth::store::testing {
namespace {

std::vector<std::string> ids(const std::vector<ChatMessageRecord>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.id);
  return out;
}

class ChatSearch : public ChatStore {
 protected:
  ChatMessageRecord say(const ChatRoomRecord& room, const std::string& text) {
    ChatMessageRecord stored;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(auto seq, tx.take_chat_seq(room.id));
      stored = message(room, seq, w_.alice, "said-" + std::to_string(next_));
      stored.text = text;
      stored.created_at_ms = 5000 + next_++;
      return tx.insert_chat_message(stored);
    });
    return stored;
  }
  // What index_chat_search() took, `most` at a time.
  std::size_t index(std::size_t most) {
    std::size_t taken = 0;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(taken, tx.index_chat_search(most));
      return ok();
    });
    return taken;
  }
  // Searches once the index has every message, as ChatService::search does.
  std::vector<ChatMessageRecord> search(ChatSearchQuery query) {
    while (index(100) > 0) {
    }
    return read([&](Transaction& tx) { return tx.search_chat_messages(query); });
  }
  std::vector<ChatMessageRecord> search_as_indexed(ChatSearchQuery query) {
    return read([&](Transaction& tx) { return tx.search_chat_messages(query); });
  }
  // SQLite's own check that the index holds exactly the words of the messages it covers.
  void expect_index_intact() {
    if (!is_sqlite()) return;
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(url().substr(std::string_view("sqlite://").size()).c_str(), &db),
              SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(
        db, "INSERT INTO chat_messages_search (chat_messages_search) VALUES ('integrity-check')",
        nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
  void change(ChatMessageRecord message) {
    commit([&](Transaction& tx) { return tx.update_chat_message(message); });
  }

  int next_ = 0;
};

TEST_P(ChatSearch, FindsWordBeginningsAfterStemmingInTheRoomsAskedNewestFirst) {
  const auto room = ensure(group_room(w_.group));
  const auto other = ensure(group_room(w_.second_group));
  const auto a = say(room, "Cravings were strong after dinner");
  const auto b = say(room, "No craving today, feeling calm");
  const auto c = say(other, "A craving in the other group");
  const auto d = say(room, "Dinner plans for the weekend");

  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"crav"}})), (Ids{b.id, a.id}));
  EXPECT_EQ(ids(search({.room_ids = {room.id, other.id}, .terms = {"cravings"}})),
            (Ids{c.id, b.id, a.id}));
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"craving", "dinner"}})), (Ids{a.id}))
      << "every term must be found";
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"weekend"}})), (Ids{d.id}));
  EXPECT_TRUE(search({.room_ids = {room.id}, .terms = {"elephant"}}).empty());
  EXPECT_TRUE(search({.room_ids = {other.id}, .terms = {"dinner"}}).empty())
      << "another room's messages are not found";
  EXPECT_TRUE(search({.room_ids = {}, .terms = {"dinner"}}).empty());
}

TEST_P(ChatSearch, PagesGoOnBelowTheLastHitShown) {
  const auto room = ensure(group_room(w_.group));
  std::vector<ChatMessageRecord> said;
  for (int i = 0; i < 5; ++i) said.push_back(say(room, "meeting note " + std::to_string(i)));
  const auto first = search({.room_ids = {room.id}, .terms = {"meeting"}, .limit = 2});
  EXPECT_EQ(ids(first), (std::vector<std::string>{said[4].id, said[3].id}));
  const auto second = search({.room_ids = {room.id},
                              .terms = {"meeting"},
                              .before_ms = first.back().created_at_ms,
                              .before_id = first.back().id,
                              .limit = 2});
  EXPECT_EQ(ids(second), (std::vector<std::string>{said[2].id, said[1].id}));
}

TEST_P(ChatSearch, TheIndexTakesNewMessagesInBatchesOldestFirst) {
  const auto room = ensure(group_room(w_.group));
  const auto a = say(room, "first walk of the week");
  const auto b = say(room, "second walk, by the river");
  const auto c = say(room, "third walk in the rain");
  using Ids = std::vector<std::string>;
  if (!is_sqlite()) {
    // PostgreSQL's index has them as they are committed.
    EXPECT_EQ(index(10), 0u);
    EXPECT_EQ(ids(search_as_indexed({.room_ids = {room.id}, .terms = {"walk"}})),
              (Ids{c.id, b.id, a.id}));
    return;
  }
  EXPECT_TRUE(search_as_indexed({.room_ids = {room.id}, .terms = {"walk"}}).empty());
  EXPECT_EQ(index(2), 2u);
  EXPECT_EQ(ids(search_as_indexed({.room_ids = {room.id}, .terms = {"walk"}})), (Ids{b.id, a.id}));
  EXPECT_EQ(index(2), 1u);
  EXPECT_EQ(index(2), 0u) << "up to date";
  EXPECT_EQ(ids(search_as_indexed({.room_ids = {room.id}, .terms = {"walk"}})),
            (Ids{c.id, b.id, a.id}));
  const auto d = say(room, "a fourth walk");
  EXPECT_EQ(index(100), 1u) << "only what came since";
  EXPECT_EQ(ids(search_as_indexed({.room_ids = {room.id}, .terms = {"fourth"}})), (Ids{d.id}));
  expect_index_intact();
}

TEST_P(ChatSearch, EditsBeforeAndAfterIndexingAndChangesBesideTheTextKeepTheIndexTrue) {
  const auto room = ensure(group_room(w_.group));
  auto early = say(room, "meet at the lake");
  auto late = say(room, "meet at the bridge");
  ASSERT_EQ(ids(search({.room_ids = {room.id}, .terms = {"meet"}})).size(), 2u);
  // Edited once indexed: the trigger swaps the words. Edited before: the batch takes the new.
  early.text = "meet at the library";
  early.edited_at_ms = 9000;
  change(early);
  const auto pending = say(room, "meet at the harbour");
  auto edited_pending = pending;
  edited_pending.text = "meet at the station";
  edited_pending.edited_at_ms = 9001;
  change(edited_pending);
  // A reaction and a reply count rewrite the row but not its words.
  late.reactions = {{"heart", {w_.bob.id}}};
  late.reply_count = 2;
  change(late);
  using Ids = std::vector<std::string>;
  EXPECT_TRUE(search({.room_ids = {room.id}, .terms = {"lake"}}).empty());
  EXPECT_TRUE(search({.room_ids = {room.id}, .terms = {"harbour"}}).empty());
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"library"}})), (Ids{early.id}));
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"station"}})), (Ids{pending.id}));
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"bridge"}})), (Ids{late.id}));
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"meet"}})),
            (Ids{pending.id, late.id, early.id}));
  expect_index_intact();
}

TEST_P(ChatSearch, AnEditIsFoundByItsNewWordsAndADeletedMessageNotAtAll) {
  const auto room = ensure(group_room(w_.group));
  auto edited = say(room, "see you at the weekend");
  auto deleted = say(room, "my weekend was hard");
  ASSERT_EQ(search({.room_ids = {room.id}, .terms = {"weekend"}}).size(), 2u);
  edited.text = "see you on Monday";
  edited.edited_at_ms = 9000;
  change(edited);
  deleted.text = "";
  deleted.deleted_at_ms = 9001;
  deleted.deleted_by = w_.alice.id;
  change(deleted);
  EXPECT_TRUE(search({.room_ids = {room.id}, .terms = {"weekend"}}).empty());
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"monday"}})),
            (std::vector<std::string>{edited.id}));
  expect_index_intact();
}

TEST_P(ChatSearch, AHiddenMessageIsNotFoundUntilUnhidden) {
  const auto room = ensure(group_room(w_.group));
  auto hidden = say(room, "my neighbour's address is on Elm street");
  const auto kept = say(room, "the street was quiet");
  hidden.hidden_at_ms = 9000;
  hidden.hidden_by = w_.clinician.id;
  hidden.hidden_reason = "private_information";
  change(hidden);
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"street"}})),
            (std::vector<std::string>{kept.id}));
  EXPECT_TRUE(search({.room_ids = {room.id}, .terms = {"neighbour"}}).empty());
  hidden.hidden_at_ms = 0;
  hidden.hidden_by.clear();
  hidden.hidden_reason.clear();
  change(hidden);
  EXPECT_EQ(ids(search({.room_ids = {room.id}, .terms = {"neighbour"}})),
            (std::vector<std::string>{hidden.id}));
}

INSTANTIATE_TEST_SUITE_P(Drivers, ChatSearch,
                         ::testing::Values(BackendKind::sqlite, BackendKind::postgresql),
                         [](const auto& info) {
                           return info.param == BackendKind::sqlite ? "sqlite" : "postgresql";
                         });

}  // namespace
}  // namespace hearth::store::testing
