#include "realtime/hub.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <numeric>
#include <ranges>
#include <thread>
#include <vector>

#include "domain/chat/testing/chat_world.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using namespace testing;

TEST_F(HubChatTest, RoomsListAnswersTheRoomsOfThePerson) {
  auto alice = listening(1, world_.alice);
  const auto acks = alice->of_type("ack");
  ASSERT_EQ(acks.size(), 1u);
  ASSERT_EQ(acks[0]["rooms"].size(), 2u);
  EXPECT_EQ(acks[0]["rooms"][0]["name"], "Skills group");
  EXPECT_EQ(acks[0]["rooms"][0]["kind"], "group");
  EXPECT_EQ(acks[0]["rooms"][0]["group_id"], world_.skills.id);
  EXPECT_EQ(acks[0]["rooms"][0]["last_seq"], 0);
  EXPECT_EQ(acks[0]["rooms"][1]["kind"], "program");
}

TEST_F(HubChatTest, AStoredMessageIsToldOnceToEveryReaderOfTheRoomAndAckedToTheSender) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto carol = listening(3, world_.carol);
  auto alices_phone = listening(4, world_.alice);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "Made it through today", "req-7");

  const auto events = bob->of_type("message_posted");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["room_id"], room);
  EXPECT_EQ(events[0]["seq"], 1);
  EXPECT_EQ(events[0]["message"]["text"], "Made it through today");
  EXPECT_EQ(events[0]["message"]["author_id"], world_.alice.id);
  EXPECT_EQ(events[0]["message"]["author_name"], "Alice");
  EXPECT_EQ(posted_seqs(*alices_phone), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(carol->of_type("message_posted").empty()) << "not carol's group";
  EXPECT_EQ(RecordingPeer::unnumbered(*bob->frames.back()),
            RecordingPeer::unnumbered(*alices_phone->frames.back()))
      << "the same frame for everyone, each with its connection's number";
  EXPECT_NE(bob->event_seqs.back(), 0);

  ASSERT_EQ(alice->sent.back()["type"], "ack") << "acknowledged after it was told";
  EXPECT_EQ(alice->sent.back()["id"], "req-7");
  EXPECT_EQ(alice->sent.back()["message"]["seq"], 1);
  EXPECT_EQ(alice->sent.back()["message"]["client_message_id"], "a-1");
}

TEST_F(HubChatTest, AResendIsAckedWithTheStoredMessageAndToldToNobodyAgain) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "hello", 1);
  send(alice, room, "a-1", "hello", 2);
  EXPECT_EQ(posted_seqs(*bob), (std::vector<std::int64_t>{1}));
  const auto acks = alice->of_type("ack");
  ASSERT_EQ(acks.size(), 3u);  // rooms.list and both sends
  EXPECT_EQ(acks[1]["message"]["id"], acks[2]["message"]["id"]);
}

TEST_F(HubChatTest, MessagesSentAtOnceFromManyThreadsAreToldInTheirStoredOrder) {
  auto bob = listening(100, world_.bob);
  const auto room = room_named(*bob, "Skills group");
  constexpr int kSenders = 4;
  constexpr int kEach = 15;
  std::vector<std::shared_ptr<RecordingPeer>> senders;
  for (int i = 0; i < kSenders; ++i) senders.push_back(listening(i + 1, world_.alice));
  std::vector<std::thread> threads;
  for (int i = 0; i < kSenders; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < kEach; ++n) {
        send(senders[i], room, std::to_string(i) + "-" + std::to_string(n), "m");
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<std::int64_t> expected(kSenders * kEach);
  std::iota(expected.begin(), expected.end(), 1);
  EXPECT_EQ(posted_seqs(*bob), expected);
  for (const auto& sender : senders) EXPECT_EQ(posted_seqs(*sender), expected);
}

TEST_F(HubChatTest, ResumeSendsWhatWasMissedAfterTheLastNumberSeenThenAnAck) {
  auto alice = listening(1, world_.alice);
  const auto room = room_named(*alice, "Skills group");
  for (int i = 1; i <= 5; ++i) send(alice, room, "a-" + std::to_string(i), "m" + std::to_string(i));

  auto bob = std::make_shared<RecordingPeer>(2);  // back after losing his connection
  sessions_.live.insert_or_assign("t-bob", chat::testing::caller_of(world_.bob));
  hub_.on_open(bob, signed_in(chat::testing::caller_of(world_.bob), "t-bob"));
  hub_.on_text(bob, nlohmann::json{{"type", "resume"}, {"id", 9}, {"rooms", {{room, 2}}}}.dump());
  EXPECT_EQ(posted_seqs(*bob), (std::vector<std::int64_t>{3, 4, 5}));
  ASSERT_EQ(bob->sent.back()["type"], "ack");
  EXPECT_EQ(bob->sent.back()["id"], 9);
  EXPECT_TRUE(bob->sent.back()["more"].empty());

  auto carol = std::make_shared<RecordingPeer>(3);
  hub_.on_open(carol, signed_in(chat::testing::caller_of(world_.carol), "t-carol"));
  hub_.on_text(carol, nlohmann::json{{"type", "resume"}, {"id", 1}, {"rooms", {{room, 0}}}}.dump());
  EXPECT_TRUE(carol->of_type("message_posted").empty());
  EXPECT_EQ(carol->sent.back()["code"], "not_found") << "not her room";
}

TEST_F(HubChatTest, HistoryPagesBackWithHasMore) {
  auto alice = listening(1, world_.alice);
  const auto room = room_named(*alice, "Skills group");
  for (int i = 1; i <= 5; ++i) send(alice, room, "a-" + std::to_string(i), "m" + std::to_string(i));
  hub_.on_text(
      alice,
      nlohmann::json{{"type", "history"}, {"id", "h"}, {"room_id", room}, {"limit", 3}}.dump());
  auto page = alice->sent.back();
  ASSERT_EQ(page["type"], "ack") << page;
  ASSERT_EQ(page["messages"].size(), 3u);
  EXPECT_EQ(page["messages"][0]["seq"], 5);
  EXPECT_EQ(page["messages"][2]["seq"], 3);
  EXPECT_TRUE(page["has_more"]);
  hub_.on_text(
      alice,
      nlohmann::json{
          {"type", "history"}, {"id", "h"}, {"room_id", room}, {"before_seq", 3}, {"limit", 3}}
          .dump());
  page = alice->sent.back();
  ASSERT_EQ(page["messages"].size(), 2u);
  EXPECT_FALSE(page["has_more"]);
}

TEST_F(HubChatTest, SearchFindsTheSearchersRoomsMessagesNewestFirstPageByPage) {
  auto alice = listening(1, world_.alice);
  auto carol = listening(2, world_.carol);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "First check-in today");
  // Hits are ordered by when they were written, to the millisecond (ties by id).
  world_.clock().advance(std::chrono::milliseconds(1));
  send(alice, room, "a-2", "Second check-in today");
  send(carol, room_named(*carol, "Process group"), "c-1", "Carol's check-in");
  auto search = [&](nlohmann::json request) {
    request["type"] = "search";
    request["id"] = "s";
    hub_.on_text(alice, request.dump());
    return alice->sent.back();
  };
  auto first = search({{"query", "CHECK-IN"}, {"limit", 1}});
  ASSERT_EQ(first["type"], "ack") << first;
  ASSERT_EQ(first["messages"].size(), 1u);
  EXPECT_EQ(first["messages"][0]["text"], "Second check-in today");
  ASSERT_TRUE(first["next_cursor"].is_string());
  auto second = search({{"query", "check-in"}, {"limit", 1}, {"cursor", first["next_cursor"]}});
  ASSERT_EQ(second["messages"].size(), 1u);
  EXPECT_EQ(second["messages"][0]["text"], "First check-in today");
  EXPECT_TRUE(second["next_cursor"].is_null()) << "Carol's group is not Alice's to search";

  struct Case {
    nlohmann::json request;
    std::string field;
  };
  const Case refused[] = {{{{"limit", 5}}, "query"},
                          {{{"query", "   "}}, "query"},
                          {{{"query", 7}}, "query"},
                          {{{"query", "x"}, {"limit", 51}}, "limit"},
                          {{{"query", "x"}, {"cursor", "not-a-cursor"}}, "cursor"},
                          {{{"query", "x"}, {"room_id", 3}}, "room_id"}};
  for (const auto& c : refused) {
    const auto answer = search(c.request);
    EXPECT_EQ(answer["type"], "error") << c.request;
    EXPECT_EQ(answer["code"], "invalid_argument") << c.request;
    EXPECT_EQ(answer["field"], c.field) << c.request;
  }
}

TEST_F(HubChatTest, BadRequestsGetAnErrorWithTheirIdAndStoreNothing) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto carol = listening(3, world_.carol);
  const auto room = room_named(*alice, "Skills group");
  const auto carols_room = room_named(*carol, "Process group");
  struct Case {
    nlohmann::json request;
    std::string code;
  };
  const Case cases[] = {
      {{{"type", "message.send"}, {"id", 1}, {"client_message_id", "a"}, {"text", "x"}},
       "invalid_argument"},
      {{{"type", "message.send"}, {"id", 2}, {"room_id", room}, {"text", "x"}}, "invalid_argument"},
      {{{"type", "message.send"},
        {"id", 3},
        {"room_id", room},
        {"client_message_id", "a"},
        {"text", 5}},
       "invalid_argument"},
      {{{"type", "message.send"},
        {"id", 4},
        {"room_id", room},
        {"client_message_id", "a"},
        {"text", std::string(chat::kMaxMessageCharacters + 1, 'x')}},
       "invalid_argument"},
      {{{"type", "message.send"},
        {"id", 5},
        {"room_id", carols_room},
        {"client_message_id", "a"},
        {"text", "not my group"}},
       "not_found"},
      {{{"type", "history"}, {"id", 6}, {"room_id", room}, {"limit", 1000}}, "invalid_argument"},
      {{{"type", "history"}, {"id", 7}, {"room_id", room}, {"before_seq", "x"}},
       "invalid_argument"},
      {{{"type", "resume"}, {"id", 8}, {"rooms", {1, 2}}}, "invalid_argument"},
      {{{"type", "resume"}, {"id", 9}, {"rooms", {{room, -1}}}}, "invalid_argument"},
      {{{"type", "room.delete"}, {"id", 10}}, "unknown_type"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.request.dump().substr(0, 120));
    hub_.on_text(alice, c.request.dump());
    const auto& answer = alice->sent.back();
    EXPECT_EQ(answer["type"], "error");
    EXPECT_EQ(answer["code"], c.code);
    EXPECT_EQ(answer["id"], c.request["id"]);
  }
  EXPECT_TRUE(bob->of_type("message_posted").empty());
  EXPECT_TRUE(carol->of_type("message_posted").empty());
  EXPECT_TRUE(world_.chat().since(chat::testing::caller_of(world_.alice), room, 0, 100)->empty());
}

TEST_F(HubChatTest, MarkingReadAcksThePositionAndTellsThePersonsOtherConnections) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto bobs_phone = listening(3, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "one");
  send(alice, room, "a-2", "two");
  hub_.on_text(
      bob,
      nlohmann::json{{"type", "read.mark"}, {"id", "r"}, {"room_id", room}, {"seq", 1}}.dump());
  const auto ack = bob->of_type("ack").back();
  EXPECT_EQ(ack["id"], "r");
  EXPECT_EQ(ack["room_id"], room);
  EXPECT_EQ(ack["last_read_seq"], 1);
  const auto moved = bobs_phone->of_type("read_moved");
  ASSERT_EQ(moved.size(), 1u) << "the other tab clears its count too";
  EXPECT_EQ(moved[0]["room_id"], room);
  EXPECT_EQ(moved[0]["last_read_seq"], 1);
  EXPECT_TRUE(bob->of_type("read_moved").empty()) << "the asking connection has its ack";
  EXPECT_TRUE(alice->of_type("read_moved").empty()) << "nobody else hears of it";

  hub_.on_text(bobs_phone, R"({"type":"rooms.list","id":"again"})");
  const auto listed = bobs_phone->of_type("ack").back()["rooms"][0];
  EXPECT_EQ(listed["last_seq"], 2);
  EXPECT_EQ(listed["last_read_seq"], 1);
  EXPECT_EQ(listed["unread"], 1);

  hub_.on_text(bob, R"({"type":"read.mark","id":"bad","room_id":")" + room + R"(","seq":-3})");
  EXPECT_EQ(bob->of_type("error").back()["field"], "seq");
  hub_.on_text(bob, R"({"type":"read.mark","id":"bad2","seq":1})");
  EXPECT_EQ(bob->of_type("error").back()["field"], "room_id");
  auto carol = listening(4, world_.carol);
  hub_.on_text(
      carol,
      nlohmann::json{{"type", "read.mark"}, {"id", "c"}, {"room_id", room}, {"seq", 1}}.dump());
  EXPECT_EQ(carol->of_type("error").back()["code"], "not_found");
}

// The authorization rows of the room requests: someone outside the room gets not_found from
// each, exactly as for a room that does not exist, and the room is unchanged.
TEST_F(HubChatTest, EveryRoomRequestFromSomeoneOutsideTheRoomIsNotFound) {
  auto alice = listening(1, world_.alice);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "ours");
  const std::string ours = alice->of_type("ack").back()["message"]["id"];
  auto carol = listening(2, world_.carol);
  const std::vector<nlohmann::json> requests = {
      {{"type", "message.send"}, {"room_id", room}, {"client_message_id", "c"}, {"text", "hi"}},
      {{"type", "history"}, {"room_id", room}},
      {{"type", "resume"}, {"rooms", {{room, 0}}}},
      {{"type", "read.mark"}, {"room_id", room}, {"seq", 1}},
      {{"type", "typing"}, {"room_id", room}},
      {{"type", "search"}, {"query", "ours"}, {"room_id", room}},
      {{"type", "message.hide"}, {"room_id", room}, {"message_id", ours}, {"reason", "spam"}},
      {{"type", "message.unhide"}, {"room_id", room}, {"message_id", ours}},
      {{"type", "message.get"}, {"room_id", room}, {"message_id", ours}},
  };
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto request = requests[i];
    request["id"] = i;
    hub_.on_text(carol, request.dump());
    const auto errors = carol->of_type("error");
    ASSERT_FALSE(errors.empty()) << request.dump();
    EXPECT_EQ(errors.back()["id"], i);
    EXPECT_EQ(errors.back()["code"], "not_found") << request.dump();
  }
  EXPECT_TRUE(carol->of_type("message_posted").empty());
  const auto stored = world_.chat().history(chat::testing::caller_of(world_.alice), room, 0, 10);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->size(), 1u) << "nothing was stored";
}

TEST_F(HubChatTest, APrivateConversationReachesItsPeopleAtOnceAndShowsHowFarEachHasRead) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto carol = listening(3, world_.carol);
  hub_.on_text(alice, R"({"type":"people.reachable","id":"p"})");
  const auto people = alice->sent.back()["people"];
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[0]["name"], "Bob");

  hub_.on_text(
      alice,
      nlohmann::json{{"type", "private.start"}, {"id", "s"}, {"user_ids", {world_.bob.id}}}.dump());
  const auto started = alice->sent.back();
  ASSERT_EQ(started["type"], "ack") << started.dump();
  const std::string room = started["room"]["id"];
  EXPECT_EQ(started["room"]["kind"], "private");
  EXPECT_EQ(started["room"]["name"], "Bob");
  EXPECT_EQ(started["room"]["members"].size(), 2u);
  const auto added = bob->of_type("room_added");
  ASSERT_EQ(added.size(), 1u) << "Bob's open tab hears of it without listing again";
  EXPECT_EQ(added[0]["room"]["name"], "Alice");

  send(alice, room, "a-1", "can we talk?");
  EXPECT_EQ(bob->of_type("message_posted").back()["message"]["text"], "can we talk?");
  EXPECT_TRUE(carol->of_type("message_posted").empty());
  EXPECT_TRUE(carol->of_type("room_added").empty());

  hub_.on_text(
      bob,
      nlohmann::json{{"type", "read.mark"}, {"id", "r"}, {"room_id", room}, {"seq", 1}}.dump());
  const auto seen = alice->of_type("read_moved");
  ASSERT_EQ(seen.size(), 1u) << "Alice sees that Bob read it";
  EXPECT_EQ(seen[0]["user_id"], world_.bob.id);
  EXPECT_EQ(seen[0]["last_read_seq"], 1);

  hub_.on_text(
      alice, nlohmann::json{{"type", "private.start"}, {"id", "x"}, {"user_ids", {world_.carol.id}}}
                 .dump());
  EXPECT_EQ(alice->sent.back()["code"], "permission_denied");
  hub_.on_text(alice, R"({"type":"private.start","id":"y","user_ids":[1]})");
  EXPECT_EQ(alice->sent.back()["field"], "user_ids");
}

TEST_F(HubChatTest, AClosedConnectionHearsNothingMore) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  hub_.on_close(bob);
  send(alice, room, "a-1", "anyone there?");
  EXPECT_TRUE(bob->of_type("message_posted").empty());
  EXPECT_EQ(posted_seqs(*alice), (std::vector<std::int64_t>{1}));
}

TEST_F(HubChatTest, CrisisLanguageShowsTheAuthorResourcesAndAlertsTheCareTeamAtOnce) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto clinician = listening(3, world_.clinician);
  auto clinician_phone = listening(4, world_.clinician);
  auto former = listening(5, world_.former_clinician);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "i just want to end it all tonight", "s");

  EXPECT_EQ(posted_seqs(*bob), (std::vector<std::int64_t>{1})) << "the message is not held back";
  const auto resources = alice->of_type("crisis_resources_offered");
  ASSERT_EQ(resources.size(), 1u);
  EXPECT_EQ(resources[0]["resources"][0]["name"], "988 Suicide & Crisis Lifeline");
  EXPECT_EQ(resources[0]["message_id"], alice->of_type("ack").back()["message"]["id"]);
  for (const auto& peer : {clinician, clinician_phone}) {
    const auto alerts = peer->of_type("safety_alert_raised");
    ASSERT_EQ(alerts.size(), 1u);
    EXPECT_EQ(alerts[0]["alert"]["participant_id"], world_.alice.id);
    EXPECT_EQ(alerts[0]["alert"]["room_id"], room);
    EXPECT_EQ(alerts[0]["alert"]["priority"], "high");
    EXPECT_EQ(peer->frames.back()->find("end it all"), std::string::npos)
        << "the alert carries no text of the message";
  }
  EXPECT_TRUE(bob->of_type("safety_alert_raised").empty());
  EXPECT_TRUE(bob->of_type("crisis_resources_offered").empty());
  EXPECT_TRUE(former->of_type("safety_alert_raised").empty());
}

TEST_F(HubChatTest, APersonSendingFasterThanTheLimitGetsRateLimitedAndNothingMoreIsStored) {
  Hub strict{"0.1.0",
             sessions_,
             world_.chat(),
             world_.reports(),
             [](std::function<void()> work) { work(); },
             HubLimits{.read_burst = 100,
                       .read_every = std::chrono::hours(1),
                       .message_burst = 3,
                       .message_every = std::chrono::hours(1)}};
  sessions_.live.insert_or_assign("t-alice", chat::testing::caller_of(world_.alice));
  auto laptop = std::make_shared<RecordingPeer>(1);
  auto phone = std::make_shared<RecordingPeer>(2);
  for (const auto& peer : {laptop, phone}) {
    strict.on_open(peer, signed_in(chat::testing::caller_of(world_.alice), "t-alice"));
  }
  strict.on_text(laptop, R"({"type":"rooms.list","id":"rooms"})");
  const auto room = room_named(*laptop, "Skills group");
  auto send_on = [&](const std::shared_ptr<RecordingPeer>& peer, int n) {
    strict.on_text(peer, nlohmann::json{{"type", "message.send"},
                                        {"id", n},
                                        {"room_id", room},
                                        {"client_message_id", "m-" + std::to_string(n)},
                                        {"text", "hello"}}
                             .dump());
  };
  send_on(laptop, 1);
  send_on(phone, 2);
  send_on(laptop, 3);
  send_on(phone, 4);  // the limit is the person's, across their connections
  const auto refused = phone->sent.back();
  EXPECT_EQ(refused["type"], "error");
  EXPECT_EQ(refused["code"], "rate_limited");
  EXPECT_EQ(refused["id"], 4);
  EXPECT_GT(refused["retry_after_ms"].get<std::int64_t>(), 0);
  const auto stored =
      world_.chat().since(chat::testing::caller_of(world_.alice), room, 0, 100).value();
  EXPECT_EQ(stored.size(), 3u);
  strict.on_text(phone, R"({"type":"ping","id":5})");
  EXPECT_EQ(phone->sent.back()["type"], "pong") << "the connection stays";
}

// --- connections and sessions ---------------------------------------------------------------

TEST_F(HubTest, GreetsANewConnectionWithHelloNamingItsUser) {
  auto peer = open(1, "u-1", "t-1");
  ASSERT_EQ(peer->sent.size(), 1u);
  EXPECT_EQ(peer->sent[0]["type"], "hello");
  EXPECT_EQ(peer->sent[0]["protocol"], kProtocolVersion);
  EXPECT_EQ(peer->sent[0]["server_version"], "0.1.0");
  EXPECT_EQ(peer->sent[0]["user_id"], "u-1");
  EXPECT_EQ(hub_.connection_count(), 1u);
  EXPECT_EQ(peer->sent[0].dump().find("t-1"), std::string::npos) << "the token is never sent";
}

TEST_F(HubTest, AConnectionWithoutASignedInCallerIsClosedUnserved) {
  auto anonymous = std::make_shared<RecordingPeer>(1);
  hub_.on_open(anonymous, nullptr);
  auto nobody = std::make_shared<RecordingPeer>(2);
  hub_.on_open(nobody, signed_in(identity::Caller{}, "t-2"));
  for (const auto& peer : {anonymous, nobody}) {
    EXPECT_TRUE(peer->sent.empty());
    EXPECT_EQ(peer->closed_with, kCloseSessionEnded);
  }
  EXPECT_EQ(hub_.connection_count(), 0u);
}

TEST_F(HubTest, AnswersPingWithPongCarryingTheId) {
  auto peer = open(1, "u-1", "t-1");
  hub_.on_text(peer, R"({"type":"ping","id":7})");
  EXPECT_EQ(peer->sent.back(), (nlohmann::json{{"type", "pong"}, {"id", 7}}));
}

TEST_F(HubTest, MalformedAndUnknownMessagesGetErrorsWithoutEcho) {
  auto peer = open(1, "u-1", "t-1");
  hub_.on_text(peer, "not json {secret}");
  EXPECT_EQ(peer->sent.back()["code"], "malformed");
  EXPECT_EQ(peer->sent.back().dump().find("secret"), std::string::npos);
  hub_.on_text(peer, R"({"type":"dance"})");
  EXPECT_EQ(peer->sent.back()["code"], "unknown_type");
}

TEST_F(HubTest, ForgetsClosedSocketsAndCountsOnlyOpenOnes) {
  auto a = open(1, "u-1", "t-1");
  auto b = open(2, "u-2", "t-2");
  hub_.on_close(a);
  EXPECT_EQ(hub_.connection_count(), 1u);
  EXPECT_EQ(hub_.identity_of(1), nullptr);
  ASSERT_NE(hub_.identity_of(2), nullptr);
  EXPECT_EQ(hub_.identity_of(2)->caller.user_id, "u-2");
}

TEST_F(HubTest, EndedSessionsHaveTheirConnectionsClosedAndLiveOnesKeepThem) {
  auto ending_tab_1 = open(1, "u-1", "t-1");
  auto ending_tab_2 = open(2, "u-1", "t-1");
  auto staying = open(3, "u-2", "t-2");
  ASSERT_TRUE(hub_.check_sessions());
  EXPECT_EQ(ending_tab_1->closed_with, 0);

  sessions_.live.erase("t-1");  // signed out, timed out or deactivated: the hub cannot tell
  sessions_.questions = 0;
  ASSERT_TRUE(hub_.check_sessions());
  EXPECT_EQ(ending_tab_1->closed_with, kCloseSessionEnded);
  EXPECT_EQ(ending_tab_2->closed_with, kCloseSessionEnded);
  EXPECT_EQ(staying->closed_with, 0);
  EXPECT_EQ(sessions_.questions, 2) << "one question per session, not per tab";
}

TEST_F(HubTest, ASweepInSlicesChecksEachConnectionOnceAcrossItsSlices) {
  std::vector<std::shared_ptr<RecordingPeer>> tabs;
  for (std::uint64_t id = 1; id <= 7; ++id) {
    const auto n = std::to_string(id);
    tabs.push_back(open(id, "u-" + n, "t-" + n));
  }
  sessions_.live.clear();  // every session ended
  sessions_.questions = 0;
  ASSERT_TRUE(hub_.check_sessions(1, 3));
  for (std::uint64_t id = 1; id <= 7; ++id) {
    EXPECT_EQ(tabs[id - 1]->closed_with, id % 3 == 1 ? kCloseSessionEnded : 0) << id;
  }
  EXPECT_EQ(sessions_.questions, 3) << "connections 1, 4 and 7 are slice 1; only they are asked";
  ASSERT_TRUE(hub_.check_sessions(0, 3));
  ASSERT_TRUE(hub_.check_sessions(2, 3));
  for (const auto& tab : tabs) EXPECT_EQ(tab->closed_with, kCloseSessionEnded);
  EXPECT_EQ(sessions_.questions, 7);
}

TEST_F(HubTest, WhenTheStoreCannotTellConnectionsStayAndTheErrorIsReported) {
  auto peer = open(1, "u-1", "t-1");
  sessions_.live.clear();
  sessions_.failing = true;
  const auto checked = hub_.check_sessions();
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().code, Errc::unavailable);
  EXPECT_EQ(peer->closed_with, 0);
  EXPECT_EQ(hub_.connection_count(), 1u);
}

TEST_F(HubTest, AChangedRoleIsTakenUpByTheOpenConnection) {
  open(1, "u-1", "t-1");
  sessions_.live["t-1"] = caller("u-1", identity::Role::clinician);
  ASSERT_TRUE(hub_.check_sessions());
  const auto now = hub_.identity_of(1);
  ASSERT_NE(now, nullptr);
  EXPECT_TRUE(now->caller.roles.has(identity::Role::clinician));
  EXPECT_FALSE(now->caller.roles.has(identity::Role::participant));
  EXPECT_EQ(now->session_token, "t-1");
}

}  // namespace
}  // namespace hearth::realtime
