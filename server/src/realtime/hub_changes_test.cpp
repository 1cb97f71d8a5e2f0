// The hub's edits, deletions and hiding: each told to the room once, numbered as a change and
// replayed by resume, and shown to each reader as they may see it.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "realtime/hub.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using namespace testing;

TEST_F(HubChatTest, EditsAndDeletionsAreToldToTheRoomNumberedAndReplayedByResume) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto fran = listening(3, world_.facilitator);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "helo");
  send(bob, room, "b-1", "unkind words");
  const std::string first = alice->of_type("ack").back()["message"]["id"];
  const std::string second = bob->of_type("ack").back()["message"]["id"];
  auto request = [&](const std::shared_ptr<RecordingPeer>& peer, nlohmann::json r) {
    r["id"] = "q";
    hub_.on_text(peer, r.dump());
    return peer->sent.back();
  };

  auto answer = request(
      alice,
      {{"type", "message.edit"}, {"room_id", room}, {"message_id", first}, {"text", "hello"}});
  EXPECT_EQ(answer["type"], "ack") << answer.dump();
  EXPECT_EQ(answer["message"]["text"], "hello");
  EXPECT_TRUE(answer["message"].contains("edited_at"));
  const auto changed = bob->of_type("message_changed");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0]["change_seq"], 1);
  EXPECT_EQ(changed[0]["message"]["seq"], 1);
  EXPECT_EQ(changed[0]["message"]["text"], "hello");

  answer = request(
      bob,
      {{"type", "message.edit"}, {"room_id", room}, {"message_id", first}, {"text", "mine now"}});
  EXPECT_EQ(answer["code"], "permission_denied");
  answer = request(bob, {{"type", "message.delete"}, {"room_id", room}, {"message_id", first}});
  EXPECT_EQ(answer["code"], "permission_denied");
  answer = request(bob, {{"type", "message.versions"}, {"room_id", room}, {"message_id", first}});
  EXPECT_EQ(answer["code"], "permission_denied");
  answer = request(bob, {{"type", "message.delete"}, {"room_id", room}});
  EXPECT_EQ(answer["field"], "message_id");

  answer = request(fran, {{"type", "message.delete"}, {"room_id", room}, {"message_id", second}});
  EXPECT_EQ(answer["type"], "ack") << answer.dump();
  EXPECT_EQ(answer["message"]["deleted"], true);
  EXPECT_EQ(answer["message"]["deleted_by_author"], false);
  EXPECT_EQ(answer["message"]["text"], "");
  EXPECT_EQ(alice->of_type("message_changed").back()["change_seq"], 2);
  answer = request(fran, {{"type", "message.versions"}, {"room_id", room}, {"message_id", second}});
  ASSERT_EQ(answer["versions"].size(), 1u);
  EXPECT_EQ(answer["versions"][0]["text"], "unkind words");
  EXPECT_EQ(answer["versions"][0]["reason"], "deleted");

  auto later = listening(4, world_.bob);
  answer = request(later, {{"type", "history"}, {"room_id", room}});
  EXPECT_EQ(answer["last_change_seq"], 2);
  answer = request(later, {{"type", "resume"}, {"rooms", {{room, 2}}}, {"changes", {{room, 1}}}});
  EXPECT_EQ(answer["type"], "ack") << answer.dump();
  const auto replayed = later->of_type("message_changed");
  ASSERT_EQ(replayed.size(), 1u) << "only the changes after the one seen";
  EXPECT_EQ(replayed[0]["message"]["id"], second);
  answer = request(later, {{"type", "resume"}, {"rooms", {{room, 2}}}, {"changes", {{room, -1}}}});
  EXPECT_EQ(answer["field"], "changes");
}

TEST_F(HubChatTest, AHiddenMessageIsToldOnceAsAPlaceholderAndItsTextFetchedByThoseWhoMaySeeIt) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto fran = listening(3, world_.facilitator);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "Sam's number is 555-0100");
  const std::string hidden = alice->of_type("ack").back()["message"]["id"];
  auto request = [&](const std::shared_ptr<RecordingPeer>& peer, nlohmann::json r) {
    r["id"] = "q";
    hub_.on_text(peer, r.dump());
    return peer->sent.back();
  };

  auto answer = request(fran, {{"type", "message.hide"},
                               {"room_id", room},
                               {"message_id", hidden},
                               {"reason", "private_information"},
                               {"note", "a phone number"}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  EXPECT_EQ(answer["message"]["text"], "Sam's number is 555-0100") << "the moderator's own view";
  EXPECT_EQ(answer["message"]["hidden_by"], world_.facilitator.id);
  EXPECT_EQ(answer["message"]["hidden_note"], "a phone number");

  const auto told = bob->of_type("message_changed");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]["change_seq"], 1);
  EXPECT_EQ(told[0]["message"]["text"], "");
  EXPECT_EQ(told[0]["message"]["hidden"], true);
  EXPECT_EQ(told[0]["message"]["hidden_reason"], "private_information");
  EXPECT_FALSE(told[0]["message"].contains("hidden_by"));
  EXPECT_FALSE(told[0]["message"].contains("hidden_note"));
  EXPECT_EQ(alice->of_type("message_changed").back(), told[0]);
  EXPECT_EQ(fran->of_type("message_changed").back(), told[0]);
  const auto frame_of = [](const RecordingPeer& peer) {
    for (auto it = peer.frames.rbegin(); it != peer.frames.rend(); ++it) {
      if ((*it)->find("\"message_changed\"") != std::string::npos) {
        return std::string(RecordingPeer::unnumbered(**it));
      }
    }
    return std::string();
  };
  EXPECT_EQ(frame_of(*bob), frame_of(*alice)) << "the same frame for the whole room";

  const nlohmann::json get = {{"type", "message.get"}, {"room_id", room}, {"message_id", hidden}};
  answer = request(alice, get);
  EXPECT_EQ(answer["message"]["text"], "Sam's number is 555-0100") << "its author keeps it";
  EXPECT_EQ(answer["message"]["hidden_reason"], "private_information");
  EXPECT_FALSE(answer["message"].contains("hidden_note"));
  EXPECT_EQ(request(bob, get)["message"]["text"], "");
  EXPECT_EQ(request(fran, get)["message"]["hidden_note"], "a phone number");
  answer = request(bob, {{"type", "history"}, {"room_id", room}});
  EXPECT_EQ(answer["messages"][0]["text"], "");
  EXPECT_EQ(answer["last_change_seq"], 1);
  answer = request(bob, {{"type", "search"}, {"query", "number"}});
  EXPECT_TRUE(answer["messages"].empty()) << answer.dump();

  auto later = listening(4, world_.bob);
  request(later, {{"type", "resume"}, {"rooms", {{room, 0}}}, {"changes", {{room, 0}}}});
  ASSERT_EQ(later->of_type("message_posted").size(), 1u);
  EXPECT_EQ(later->of_type("message_posted")[0]["message"]["text"], "");
  ASSERT_EQ(later->of_type("message_changed").size(), 1u);
  EXPECT_EQ(later->of_type("message_changed")[0]["message"]["text"], "");

  answer = request(fran, {{"type", "message.unhide"}, {"room_id", room}, {"message_id", hidden}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  const auto shown = bob->of_type("message_changed").back();
  EXPECT_EQ(shown["change_seq"], 2);
  EXPECT_EQ(shown["message"]["text"], "Sam's number is 555-0100");
  EXPECT_FALSE(shown["message"].contains("hidden"));
}

TEST_F(HubChatTest, HidingByAMemberOrWithBadInputIsRefusedTellsNobodyAndKeepsTheConnection) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto fran = listening(3, world_.facilitator);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "hello");
  const std::string message = alice->of_type("ack").back()["message"]["id"];
  struct Case {
    std::shared_ptr<RecordingPeer> peer;
    nlohmann::json request;
    std::string code;
    std::string field;
  };
  const nlohmann::json hide = {
      {"type", "message.hide"}, {"room_id", room}, {"message_id", message}, {"reason", "spam"}};
  auto with = [&](std::string_view key, nlohmann::json value) {
    auto r = hide;
    r[std::string(key)] = std::move(value);
    return r;
  };
  auto without = [&](std::string_view key) {
    auto r = hide;
    r.erase(std::string(key));
    return r;
  };
  const std::vector<Case> cases = {
      {bob, hide, "permission_denied", ""},
      {alice, hide, "permission_denied", ""},
      {bob,
       {{"type", "message.unhide"}, {"room_id", room}, {"message_id", message}},
       "permission_denied",
       ""},
      {fran, with("reason", "rude"), "invalid_argument", "reason"},
      {fran, with("reason", 3), "invalid_argument", "reason"},
      {fran, without("reason"), "invalid_argument", "reason"},
      {fran, without("message_id"), "invalid_argument", "message_id"},
      {fran, without("room_id"), "invalid_argument", "room_id"},
      {fran, with("note", 7), "invalid_argument", "note"},
      {fran, with("note", std::string(281, 'n')), "invalid_argument", "note"},
      {fran, with("message_id", new_id()), "not_found", "message_id"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto r = cases[i].request;
    r["id"] = i;
    hub_.on_text(cases[i].peer, r.dump());
    const auto answer = cases[i].peer->sent.back();
    EXPECT_EQ(answer["type"], "error") << r.dump();
    EXPECT_EQ(answer["id"], i);
    EXPECT_EQ(answer["code"], cases[i].code) << r.dump();
    if (!cases[i].field.empty()) {
      EXPECT_EQ(answer["field"], cases[i].field) << r.dump();
    }
    EXPECT_EQ(cases[i].peer->closed_with, 0) << "the connection stays open";
  }
  EXPECT_TRUE(alice->of_type("message_changed").empty()) << "nothing was told";
  EXPECT_EQ(*world_.chat().last_change(chat::testing::caller_of(world_.alice), room), 0)
      << "nothing was stored";
}

}  // namespace
}  // namespace hearth::realtime
