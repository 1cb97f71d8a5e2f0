// Numbered events and resuming (hub.hpp; docs/protocol/realtime.md, "Numbered events and
// resuming"): every event a connection receives is numbered; a client back after a drop names
// its connection and the last number it saw, gets what it missed in order, and goes on; one that
// cannot be resumed (another session, too late, too much missed, session ended) starts afresh.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "realtime/hub.hpp"
#include "realtime/protocol.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using namespace testing;

class HubResumeTest : public HubChatTest {
 protected:
  // A new socket of `user` asking to go on with `connection_id` after `after`, under the
  // session token `token` ("t-<id>", the one listening() uses, unless told otherwise).
  std::shared_ptr<RecordingPeer> resume(std::uint64_t socket_id, const store::UserRecord& user,
                                        const std::string& connection_id, std::int64_t after,
                                        std::string token = "") {
    if (token.empty()) token = "t-" + user.id;
    sessions_.live.insert_or_assign(token, chat::testing::caller_of(user));
    auto socket = std::make_shared<RecordingPeer>(socket_id);
    hub_.on_open(socket,
                 std::make_shared<const PeerIdentity>(PeerIdentity{
                     chat::testing::caller_of(user), token, ResumeRequest{connection_id, after}}));
    return socket;
  }
  static nlohmann::json hello_of(const RecordingPeer& socket) {
    const auto hellos = socket.of_type("hello");
    if (hellos.size() != 1) {
      ADD_FAILURE() << "hellos: " << hellos.size();
      return nlohmann::json::object();
    }
    return hellos[0];
  }
  static std::string connection_of(const RecordingPeer& socket) {
    return hello_of(socket).value("connection_id", "");
  }
  // True if the numbers run on by one from `from`.
  static bool consecutive(const std::vector<std::int64_t>& seqs, std::int64_t from) {
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      if (seqs[i] != from + static_cast<std::int64_t>(i)) return false;
    }
    return true;
  }
  // The last frame the socket got that was not an answer.
  static nlohmann::json last_event(const RecordingPeer& socket) {
    for (std::size_t i = socket.frames.size(); i-- > 0;) {
      if (!is_answer(RecordingPeer::unnumbered(*socket.frames[i]))) return socket.sent[i];
    }
    return nullptr;
  }
  static std::vector<std::string> texts_posted(const RecordingPeer& socket) {
    std::vector<std::string> out;
    for (const auto& event : socket.of_type("message_posted")) {
      out.push_back(event["message"]["text"]);
    }
    return out;
  }
};

TEST_F(HubResumeTest, EveryEventIsNumberedFromHelloOnAndHelloNamesTheConnection) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  send(bob, room, "b-1", "hello all");
  hub_.on_text(alice, R"({"type":"ping","id":3})");
  hub_.on_text(alice, R"({"type":"no.such"})");

  const auto hello = alice->sent.at(0);
  EXPECT_EQ(hello["type"], "hello");
  EXPECT_EQ(hello["resumed"], false);
  EXPECT_TRUE(is_connection_id(hello.value("connection_id", "")));
  EXPECT_NE(connection_of(*alice), connection_of(*bob));
  // Events numbered one after the other; answers (the rooms, the pong, the error) not at all.
  std::size_t answers = 0;
  for (const auto& frame : alice->frames) {
    const bool numbered = frame->starts_with(R"({"event_seq":)");
    EXPECT_NE(numbered, is_answer(*frame)) << *frame;
    answers += numbered ? 0 : 1;
  }
  EXPECT_EQ(answers, 3u);
  EXPECT_EQ(alice->event_seqs.size() + answers, alice->sent.size());
  EXPECT_GE(alice->event_seqs.size(), 2u) << "hello and bob's message";
  EXPECT_TRUE(consecutive(alice->event_seqs, 1));
  EXPECT_TRUE(consecutive(bob->event_seqs, 1));
}

TEST_F(HubResumeTest, AClientBackInTimeGetsWhatItMissedInOrderThenGoesOnWithTheConnection) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  send(bob, room, "b-1", "before the drop");
  const auto id = connection_of(*alice);
  // The last frame alice's socket was given never reached her: she saw one fewer.
  const auto saw = alice->event_seqs.back() - 1;
  hub_.on_close(alice);
  EXPECT_EQ(hub_.connection_count(), 1u) << "a connection waiting for its client has no socket";
  send(bob, room, "b-2", "while alice was away");
  hub_.on_text(bob, nlohmann::json{{"type", "typing"}, {"room_id", room}}.dump());

  auto back = resume(11, world_.alice, id, saw);
  ASSERT_FALSE(back->sent.empty());
  EXPECT_TRUE(consecutive(back->event_seqs, saw + 1)) << "no gap, nothing twice";
  EXPECT_EQ(back->sent.front(), last_event(*alice)) << "the event lost with the line comes first";
  EXPECT_EQ(texts_posted(*back),
            (std::vector<std::string>{"before the drop", "while alice was away"}));
  EXPECT_EQ(back->of_type("typing_started").size(), 1u);
  EXPECT_EQ(back->sent.back()["type"], "hello") << "hello follows what was missed";
  EXPECT_EQ(back->sent.back()["resumed"], true);
  EXPECT_EQ(back->sent.back()["connection_id"], id);
  EXPECT_EQ(hub_.connection_count(), 2u);

  // Still subscribed: no rooms.list needed to hear the room.
  send(bob, room, "b-3", "welcome back");
  EXPECT_EQ(texts_posted(*back).back(), "welcome back");
  EXPECT_TRUE(consecutive(back->event_seqs, saw + 1));
  send(back, room, "a-1", "thanks");
  EXPECT_EQ(texts_posted(*bob).back(), "thanks");
  EXPECT_EQ(back->sent.back()["type"], "ack");
}

TEST_F(HubResumeTest, AnotherSessionAnUnknownIdOrANumberNeverSentStartsAfresh) {
  auto alice = listening(1, world_.alice);
  const auto id = connection_of(*alice);
  const auto saw = alice->event_seqs.back();
  hub_.on_close(alice);

  for (auto [socket, label] :
       {std::pair{resume(11, world_.alice, id, saw, "t-other-browser"), "another session"},
        std::pair{resume(12, world_.alice, new_connection_id(), 0), "an unknown connection"},
        std::pair{resume(13, world_.alice, id, saw + 5), "a number never sent"}}) {
    SCOPED_TRACE(label);
    ASSERT_FALSE(socket->sent.empty());
    EXPECT_EQ(socket->sent.front()["type"], "hello") << "nothing replayed";
    EXPECT_EQ(socket->sent.front()["resumed"], false);
    EXPECT_NE(connection_of(*socket), id);
    EXPECT_EQ(socket->event_seqs.front(), 1);
  }
  // None of them took it: its own session still can.
  auto back = resume(14, world_.alice, id, saw);
  EXPECT_EQ(hello_of(*back)["resumed"], true);
}

TEST_F(HubResumeTest, AConnectionNotResumedWithinTheWindowIsForgotten) {
  auto alice = listening(1, world_.alice);
  auto carol = listening(2, world_.carol);
  const auto alices = connection_of(*alice);
  const auto carols = connection_of(*carol);
  hub_.on_close(alice);
  hub_.on_close(carol);
  advance(HubLimits{}.resume_window - std::chrono::milliseconds(1));
  hub_.announce_offline();
  EXPECT_EQ(hello_of(*resume(11, world_.alice, alices, alice->event_seqs.back()))["resumed"], true);

  advance(std::chrono::milliseconds(1));
  hub_.announce_offline();
  auto late = resume(12, world_.carol, carols, carol->event_seqs.back());
  EXPECT_EQ(hello_of(*late)["resumed"], false);
  EXPECT_NE(connection_of(*late), carols);
}

TEST_F(HubResumeTest, AConnectionWhoseSessionEndedWhileItWaitedIsForgotten) {
  auto alice = listening(1, world_.alice);
  const auto id = connection_of(*alice);
  hub_.on_close(alice);
  sessions_.live.erase("t-" + world_.alice.id);
  ASSERT_TRUE(hub_.check_sessions());
  // The upgrade itself would be refused without a live session; were the token live again, the
  // connection is gone all the same.
  auto back = resume(11, world_.alice, id, alice->event_seqs.back());
  EXPECT_EQ(hello_of(*back)["resumed"], false);
}

TEST_F(HubResumeTest, ResumingBeforeTheOldSocketsDropIsNoticedClosesItAndKeepsTheNewOne) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  auto back = resume(11, world_.alice, connection_of(*alice), alice->event_seqs.back());
  EXPECT_EQ(alice->closed_with, kCloseReplaced);
  EXPECT_EQ(hello_of(*back)["resumed"], true);
  hub_.on_close(alice);  // its close comes afterwards
  EXPECT_EQ(hub_.connection_count(), 2u);
  send(bob, room, "b-1", "still here?");
  EXPECT_EQ(texts_posted(*back), (std::vector<std::string>{"still here?"}));
  EXPECT_TRUE(texts_posted(*alice).empty());
  EXPECT_TRUE(bob->of_type("presence_changed").empty() ||
              bob->of_type("presence_changed").back()["status"] == "online")
      << "alice never looked gone";
}

TEST_F(HubResumeTest, SomeoneToldOfflineIsToldOnlineAgainWhenTheirConnectionIsResumed) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  hub_.on_close(alice);
  advance(HubLimits{}.offline_grace);
  hub_.announce_offline();
  ASSERT_EQ(bob->of_type("presence_changed").back()["status"], "offline");

  auto back = resume(11, world_.alice, connection_of(*alice), alice->event_seqs.back());
  EXPECT_EQ(hello_of(*back)["resumed"], true);
  const auto told = bob->of_type("presence_changed").back();
  EXPECT_EQ(told["user_id"], world_.alice.id);
  EXPECT_EQ(told["status"], "online");
  hub_.on_text(bob, R"({"type":"rooms.list","id":"again"})");
  EXPECT_EQ(bob->of_type("ack").back()["presence"][world_.alice.id], "online");
}

TEST_F(HubResumeTest, SomeoneRemovedFromARoomWhileAwayDoesNotHearItOnResuming) {
  auto bob = listening(1, world_.bob);
  auto fran = listening(2, world_.facilitator);
  const auto room = room_named(*bob, "Skills group");
  const auto id = connection_of(*bob);
  const auto saw = bob->event_seqs.back();
  hub_.on_close(bob);
  hub_.on_text(fran, nlohmann::json{{"type", "member.remove"},
                                    {"id", "rm"},
                                    {"room_id", room},
                                    {"user_id", world_.bob.id},
                                    {"reason", "disrespectful"}}
                         .dump());
  ASSERT_EQ(fran->sent.back()["type"], "ack") << fran->sent.back().dump();
  send(fran, room, "f-1", "after the removal");

  auto back = resume(11, world_.bob, id, saw);
  EXPECT_EQ(hello_of(*back)["resumed"], true);
  EXPECT_EQ(back->of_type("member_restricted").size(), 1u) << "told of it, as a socket would be";
  EXPECT_TRUE(texts_posted(*back).empty());
  send(fran, room, "f-2", "later still");
  EXPECT_TRUE(texts_posted(*back).empty());
}

}  // namespace
}  // namespace hearth::realtime
