// The hub's typing and presence (hub_presence.cpp): who hears that someone is typing or comes,
// goes away and leaves, and who never does.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <ranges>
#include <string>
#include <thread>
#include <vector>

#include "realtime/hub.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using namespace testing;

class HubTogetherTest : public HubChatTest {
 protected:
  void typing(const std::shared_ptr<RecordingPeer>& peer, const std::string& room,
              const nlohmann::json& id = nullptr) {
    nlohmann::json request = {{"type", "typing"}, {"room_id", room}};
    if (!id.is_null()) request["id"] = id;
    hub_.on_text(peer, request.dump());
  }
  void set_presence(const std::shared_ptr<RecordingPeer>& peer, std::string_view status,
                    const nlohmann::json& id = "p") {
    hub_.on_text(peer,
                 nlohmann::json{{"type", "presence.set"}, {"id", id}, {"status", status}}.dump());
  }
  // The statuses told to `peer` about `user`, in order.
  static std::vector<std::string> told_about(const RecordingPeer& peer,
                                             const store::UserRecord& user) {
    std::vector<std::string> out;
    for (const auto& event : peer.of_type("presence_changed")) {
      if (event["user_id"] == user.id) out.push_back(event["status"]);
    }
    return out;
  }
  // The `presence` of the peer's latest rooms.list answer.
  static nlohmann::json listed_presence(const RecordingPeer& peer) {
    for (const auto& ack : peer.of_type("ack") | std::views::reverse) {
      if (ack.contains("rooms")) return ack["presence"];
    }
    ADD_FAILURE() << "no rooms.list answer";
    return nullptr;
  }
  void close_and_wait_out_the_grace(const std::shared_ptr<RecordingPeer>& peer) {
    hub_.on_close(peer);
    advance(HubLimits{}.offline_grace);
    hub_.announce_offline();
  }
};

TEST_F(HubTogetherTest, TypingReachesTheRoomsOtherPeopleButNotTheTypistsOwnTabsNorOtherRooms) {
  auto alice = listening(1, world_.alice);
  auto alices_phone = listening(2, world_.alice);
  auto bob = listening(3, world_.bob);
  auto fran = listening(4, world_.facilitator);
  auto carol = listening(5, world_.carol);
  const auto room = room_named(*alice, "Skills group");
  const auto runs_before = blocking_runs_.load();
  typing(alice, room, "t");

  for (const auto& reader : {bob, fran}) {
    const auto events = reader->of_type("typing_started");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0],
              (nlohmann::json{
                  {"type", "typing_started"}, {"room_id", room}, {"user_id", world_.alice.id}}));
  }
  EXPECT_TRUE(alices_phone->of_type("typing_started").empty()) << "one's own tabs know";
  EXPECT_TRUE(alice->of_type("typing_started").empty());
  EXPECT_TRUE(carol->of_type("typing_started").empty()) << "not carol's group";
  EXPECT_EQ(alice->sent.back(), (nlohmann::json{{"type", "ack"}, {"id", "t"}}));
  EXPECT_EQ(blocking_runs_.load(), runs_before) << "no store work per keystroke";

  const auto community = room_named(*alice, "Evening IOP");
  const auto answers_before = alice->sent.size();
  typing(alice, community);
  EXPECT_EQ(alice->sent.size(), answers_before) << "without an id, no answer";
  ASSERT_EQ(carol->of_type("typing_started").size(), 1u) << "the program's room is hers too";
  EXPECT_EQ(carol->of_type("typing_started")[0]["room_id"], community);
}

TEST_F(HubTogetherTest, TypingIsRelayedOncePerPersonAndRoomEveryTwoSecondsAndAckedEachTime) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  const auto community = room_named(*alice, "Evening IOP");
  const auto typing_in = [&](std::string_view in) {
    std::size_t n = 0;
    for (const auto& event : bob->of_type("typing_started")) n += event["room_id"] == in;
    return n;
  };
  typing(alice, room, 1);
  typing(alice, room, 2);
  advance(std::chrono::milliseconds(1900));
  typing(alice, room, 3);
  EXPECT_EQ(typing_in(room), 1u) << "the others' indicator still shows";
  EXPECT_EQ(alice->of_type("ack").size(), 4u) << "rooms.list and each typing";
  typing(alice, community, 4);
  EXPECT_EQ(typing_in(community), 1u) << "each room has its own";
  typing(bob, room, 5);
  EXPECT_EQ(alice->of_type("typing_started").size(), 1u) << "each person has their own";
  advance(std::chrono::milliseconds(200));  // 2.1 s after the first
  typing(alice, room, 6);
  EXPECT_EQ(typing_in(room), 2u);
}

TEST_F(HubTogetherTest, TypingWhereTheConnectionHasNotListedTheRoomIsNotFoundAndBadInputAnError) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  auto unlisted = std::make_shared<RecordingPeer>(3);  // Alice's, before its rooms.list
  hub_.on_open(unlisted, signed_in(chat::testing::caller_of(world_.alice), "t-alice"));
  const auto runs_before = blocking_runs_.load();
  typing(unlisted, room, "u");
  EXPECT_EQ(unlisted->sent.back()["code"], "not_found");
  EXPECT_EQ(unlisted->sent.back()["id"], "u");
  typing(alice, "01JAAAAAAAAAAAAAAAAAAAAAAA", "none");
  EXPECT_EQ(alice->sent.back()["code"], "not_found");
  hub_.on_text(alice, R"({"type":"typing","id":"m"})");
  EXPECT_EQ(alice->sent.back()["code"], "invalid_argument");
  EXPECT_EQ(alice->sent.back()["field"], "room_id");
  hub_.on_text(alice, R"({"type":"typing","id":"n","room_id":7})");
  EXPECT_EQ(alice->sent.back()["field"], "room_id");
  EXPECT_EQ(blocking_runs_.load(), runs_before) << "answered from the subscriptions alone";
  EXPECT_TRUE(bob->of_type("typing_started").empty());
  hub_.on_text(alice, R"({"type":"ping","id":"still"})");
  EXPECT_EQ(alice->sent.back()["type"], "pong") << "the connection stays";
}

TEST_F(HubTogetherTest, APersonIsOnlineAwayAndOfflineAndThoseSharingARoomHearEachChange) {
  auto bob = listening(1, world_.bob);
  EXPECT_EQ(listed_presence(*bob), (nlohmann::json{{world_.bob.id, "online"}}));
  sessions_.live.insert_or_assign("t-alice", chat::testing::caller_of(world_.alice));
  auto laptop = std::make_shared<RecordingPeer>(2);
  hub_.on_open(laptop, signed_in(chat::testing::caller_of(world_.alice), "t-alice"));
  EXPECT_TRUE(told_about(*bob, world_.alice).empty()) << "in no room until her rooms.list";
  hub_.on_text(laptop, R"({"type":"rooms.list","id":"rooms"})");
  EXPECT_EQ(told_about(*bob, world_.alice), (std::vector<std::string>{"online"}));
  EXPECT_EQ(listed_presence(*laptop),
            (nlohmann::json{{world_.alice.id, "online"}, {world_.bob.id, "online"}}));

  auto phone = listening(3, world_.alice);
  EXPECT_EQ(told_about(*bob, world_.alice).size(), 1u) << "a second tab changes nothing";
  set_presence(laptop, "away", "a1");
  EXPECT_EQ(told_about(*bob, world_.alice).size(), 1u) << "the phone is still in use";
  EXPECT_EQ(laptop->sent.back(),
            (nlohmann::json{{"type", "ack"}, {"id", "a1"}, {"status", "online"}}));
  set_presence(phone, "away", "a2");
  EXPECT_EQ(told_about(*bob, world_.alice), (std::vector<std::string>{"online", "away"}));
  EXPECT_EQ(phone->sent.back()["status"], "away");
  EXPECT_EQ(told_about(*laptop, world_.alice), (std::vector<std::string>{"away"}))
      << "her own tabs hear it too";
  hub_.on_text(bob, R"({"type":"rooms.list","id":"rooms"})");
  EXPECT_EQ(listed_presence(*bob)[world_.alice.id], "away");

  set_presence(phone, "online");
  EXPECT_EQ(told_about(*bob, world_.alice), (std::vector<std::string>{"online", "away", "online"}));
  hub_.on_close(phone);
  EXPECT_EQ(told_about(*bob, world_.alice).back(), "away") << "the laptop left is away";
  hub_.on_close(laptop);
  hub_.announce_offline();
  EXPECT_EQ(told_about(*bob, world_.alice).back(), "away") << "not yet: she may be reloading";
  advance(HubLimits{}.offline_grace - std::chrono::milliseconds(1));
  hub_.announce_offline();
  EXPECT_EQ(told_about(*bob, world_.alice).back(), "away");
  advance(std::chrono::milliseconds(1));
  hub_.announce_offline();
  EXPECT_EQ(told_about(*bob, world_.alice),
            (std::vector<std::string>{"online", "away", "online", "away", "offline"}));
  hub_.on_text(bob, R"({"type":"rooms.list","id":"rooms"})");
  EXPECT_FALSE(listed_presence(*bob).contains(world_.alice.id));
  hub_.announce_offline();
  EXPECT_EQ(told_about(*bob, world_.alice).size(), 5u) << "told once";
}

TEST_F(HubTogetherTest, AReconnectWithinTheGraceShowsNoOfflineAndNoOnlineAgain) {
  auto bob = listening(1, world_.bob);
  auto alice = listening(2, world_.alice);
  hub_.on_close(alice);
  advance(std::chrono::seconds(2));
  hub_.announce_offline();
  auto alice_again = listening(3, world_.alice);
  advance(std::chrono::seconds(30));
  hub_.announce_offline();
  EXPECT_EQ(told_about(*bob, world_.alice), (std::vector<std::string>{"online"}));
  EXPECT_EQ(listed_presence(*alice_again)[world_.alice.id], "online");

  set_presence(alice_again, "away");
  hub_.on_close(alice_again);
  listening(4, world_.alice);
  EXPECT_EQ(told_about(*bob, world_.alice), (std::vector<std::string>{"online", "away", "online"}))
      << "back from away with a fresh connection";
}

TEST_F(HubTogetherTest, PresenceNeverReachesSomeoneWhoSharesNoRoomWithThePerson) {
  auto outsider = listening(1, world_.outsider);        // no program
  auto former = listening(2, world_.former_clinician);  // left the program's staff
  auto carol = listening(3, world_.carol);              // another group, the same program
  ASSERT_TRUE(outsider->of_type("ack").back()["rooms"].empty());
  auto alice = listening(4, world_.alice);
  set_presence(alice, "away");
  close_and_wait_out_the_grace(alice);
  EXPECT_EQ(told_about(*carol, world_.alice),
            (std::vector<std::string>{"online", "away", "offline"}));
  for (const auto& stranger : {outsider, former}) {
    EXPECT_TRUE(stranger->of_type("presence_changed").empty());
    hub_.on_text(stranger, R"({"type":"rooms.list","id":"rooms"})");
    EXPECT_FALSE(listed_presence(*stranger).contains(world_.alice.id));
  }
  auto bob = listening(5, world_.bob);
  EXPECT_TRUE(told_about(*bob, world_.outsider).empty());
  EXPECT_FALSE(listed_presence(*bob).contains(world_.outsider.id));
  EXPECT_FALSE(listed_presence(*bob).contains(world_.former_clinician.id));
}

TEST_F(HubTogetherTest, APrivateConversationTellsItsPeopleWhoOfThemIsHere) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  set_presence(bob, "away");
  hub_.on_text(
      alice,
      nlohmann::json{{"type", "private.start"}, {"id", "s"}, {"user_ids", {world_.bob.id}}}.dump());
  const nlohmann::json both = {{world_.alice.id, "online"}, {world_.bob.id, "away"}};
  EXPECT_EQ(alice->sent.back()["presence"], both);
  ASSERT_EQ(bob->of_type("room_added").size(), 1u);
  EXPECT_EQ(bob->of_type("room_added")[0]["presence"], both);
}

TEST_F(HubTogetherTest, BadPresenceGetsAnErrorAndChangesNothing) {
  auto bob = listening(1, world_.bob);
  auto alice = listening(2, world_.alice);
  const std::vector<std::string> requests = {
      R"({"type":"presence.set","id":1})",
      R"({"type":"presence.set","id":2,"status":"busy"})",
      R"({"type":"presence.set","id":3,"status":"offline"})",
      R"({"type":"presence.set","id":4,"status":["away"]})",
  };
  for (const auto& request : requests) {
    SCOPED_TRACE(request);
    hub_.on_text(alice, request);
    EXPECT_EQ(alice->sent.back()["type"], "error");
    EXPECT_EQ(alice->sent.back()["code"], "invalid_argument");
    EXPECT_EQ(alice->sent.back()["field"], "status");
  }
  EXPECT_EQ(told_about(*bob, world_.alice), (std::vector<std::string>{"online"}));
  hub_.on_text(alice, R"({"type":"ping","id":"still"})");
  EXPECT_EQ(alice->sent.back()["type"], "pong") << "the connection stays";
}

TEST_F(HubTogetherTest, TypingAndPresenceDoNotSpendTheMessageLimitAndPresenceHasItsOwn) {
  Hub strict{"0.1.0",
             sessions_,
             world_.chat(),
             world_.reports(),
             [](std::function<void()> work) { work(); },
             HubLimits{.read_burst = 100,
                       .message_burst = 1,
                       .message_every = std::chrono::hours(1),
                       .presence_burst = 2,
                       .presence_every = std::chrono::hours(1)},
             support::default_crisis_resources(),
             [this] { return steady_now_; }};
  sessions_.live.insert_or_assign("t-alice", chat::testing::caller_of(world_.alice));
  auto tab = std::make_shared<RecordingPeer>(1);
  strict.on_open(tab, signed_in(chat::testing::caller_of(world_.alice), "t-alice"));
  strict.on_text(tab, R"({"type":"rooms.list","id":"rooms"})");
  const auto room = room_named(*tab, "Skills group");
  for (int i = 0; i < 5; ++i) {
    advance(std::chrono::seconds(3));
    strict.on_text(tab, nlohmann::json{{"type", "typing"}, {"id", i}, {"room_id", room}}.dump());
    EXPECT_EQ(tab->sent.back()["type"], "ack");
  }
  strict.on_text(tab, nlohmann::json{{"type", "message.send"},
                                     {"id", "m"},
                                     {"room_id", room},
                                     {"client_message_id", "m-1"},
                                     {"text", "still allowed"}}
                          .dump());
  EXPECT_EQ(tab->sent.back()["type"], "ack") << "typing spent none of the message limit";
  strict.on_text(tab, R"({"type":"presence.set","id":1,"status":"away"})");
  strict.on_text(tab, R"({"type":"presence.set","id":2,"status":"online"})");
  strict.on_text(tab, R"({"type":"presence.set","id":3,"status":"away"})");
  EXPECT_EQ(tab->sent.back()["code"], "rate_limited");
  EXPECT_EQ(tab->sent.back()["id"], 3);
}

// Opening, listing, going away and closing at once from many threads: nothing deadlocks, and in
// the end everyone who watched has been told each person's latest status.
TEST_F(HubTogetherTest, ConnectionsComingAndGoingAtOnceLeaveEveryWatcherWithTheLatestStatus) {
  auto bob = listening(100, world_.bob);
  const std::vector<store::UserRecord> people = {world_.alice, world_.carol, world_.clinician,
                                                 world_.facilitator};
  for (const auto& person : people) {
    sessions_.live.insert_or_assign("t-" + person.id, chat::testing::caller_of(person));
  }
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < people.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 20; ++round) {
        auto tab = std::make_shared<RecordingPeer>(1000 * (i + 1) + round);
        hub_.on_open(tab, signed_in(chat::testing::caller_of(people[i]), "t-" + people[i].id));
        hub_.on_text(tab, R"({"type":"rooms.list","id":"rooms"})");
        set_presence(tab, round % 2 == 0 ? "away" : "online");
        typing(tab, room_named(*tab, "Evening IOP"));
        if (round < 19) hub_.on_close(tab);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < people.size(); ++i) {
    SCOPED_TRACE(people[i].display_name);
    const auto told = told_about(*bob, people[i]);
    ASSERT_FALSE(told.empty());
    EXPECT_EQ(told.back(), "online") << "the last tab stays, set online";
  }
}

}  // namespace
}  // namespace hearth::realtime
