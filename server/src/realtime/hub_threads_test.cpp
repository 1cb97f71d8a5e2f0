// The hub's threads, reactions and mentions: a reply is told to the room and then its root's new
// count; a reaction is a change the room hears; a person named hears `mentioned` on every
// connection, without the words; someone outside the room is refused each request.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "realtime/hub.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using namespace testing;

class HubThreadsTest : public HubChatTest {
 protected:
  nlohmann::json request(const std::shared_ptr<RecordingPeer>& peer, nlohmann::json fields) {
    fields["id"] = "q";
    hub_.on_text(peer, fields.dump());
    return peer->sent.back();
  }
};

TEST_F(HubThreadsTest, AReplyIsToldThenItsRootsCount) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "How was today?");
  const std::string root = alice->of_type("ack").back()["message"]["id"];
  const auto answer = request(bob, {{"type", "message.send"},
                                    {"room_id", room},
                                    {"client_message_id", "b-1"},
                                    {"text", "Calmer"},
                                    {"thread_root_id", root}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  std::vector<std::string> order;
  for (const auto& frame : alice->sent) {
    const std::string type = frame.value("type", "");
    if (type == "message_posted" || type == "message_changed") order.push_back(type);
  }
  EXPECT_EQ(order,
            (std::vector<std::string>{"message_posted", "message_posted", "message_changed"}));
  EXPECT_EQ(alice->of_type("message_changed").back()["message"]["reply_count"], 1);
  EXPECT_EQ(alice->of_type("message_posted").back()["message"]["thread_root_id"], root);

  const auto thread =
      request(alice, {{"type", "thread.get"}, {"room_id", room}, {"root_id", root}});
  ASSERT_EQ(thread["type"], "ack") << thread.dump();
  EXPECT_EQ(thread["replies"].size(), 1u);
  EXPECT_EQ(request(alice, {{"type", "thread.get"}, {"room_id", room}})["field"], "root_id");
  EXPECT_EQ(
      request(
          alice,
          {{"type", "thread.get"}, {"room_id", room}, {"root_id", root}, {"limit", 0}})["field"],
      "limit");
}

TEST_F(HubThreadsTest, AReactionIsAChangeTheRoomHears) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "One week sober");
  const std::string said = alice->of_type("ack").back()["message"]["id"];
  const auto given = request(
      bob,
      {{"type", "reaction.add"}, {"room_id", room}, {"message_id", said}, {"reaction", "clap"}});
  ASSERT_EQ(given["type"], "ack") << given.dump();
  const auto changed = alice->of_type("message_changed");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0]["message"]["reactions"][0]["reaction"], "clap");
  request(
      bob,
      {{"type", "reaction.add"}, {"room_id", room}, {"message_id", said}, {"reaction", "clap"}});
  EXPECT_EQ(alice->of_type("message_changed").size(), 1u) << "nothing new, nothing told";
  request(
      bob,
      {{"type", "reaction.remove"}, {"room_id", room}, {"message_id", said}, {"reaction", "clap"}});
  EXPECT_TRUE(alice->of_type("message_changed").back()["message"]["reactions"].empty());
  EXPECT_EQ(
      request(bob, {{"type", "reaction.add"}, {"room_id", room}, {"message_id", said}})["field"],
      "reaction");
}

TEST_F(HubThreadsTest, APersonNamedHearsItOnEveryConnectionWithoutTheWords) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto bobs_phone = listening(3, world_.bob);
  auto fran = listening(4, world_.facilitator);
  const auto room = room_named(*alice, "Skills group");
  const auto answer = request(alice, {{"type", "message.send"},
                                      {"room_id", room},
                                      {"client_message_id", "a-1"},
                                      {"text", "@Bob I thought of you today"},
                                      {"mentions", {world_.bob.id}}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  for (const auto& peer : {bob, bobs_phone}) {
    const auto told = peer->of_type("mentioned");
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0]["room_id"], room);
    EXPECT_EQ(told[0]["author_name"], "Alice");
    EXPECT_EQ(told[0].dump().find("thought of you"), std::string::npos);
  }
  EXPECT_TRUE(fran->of_type("mentioned").empty()) << "only the person named";
  EXPECT_TRUE(alice->of_type("mentioned").empty());

  const auto people = request(alice, {{"type", "room.people"}, {"room_id", room}});
  ASSERT_EQ(people["type"], "ack") << people.dump();
  EXPECT_EQ(people["people"].size(), 3u);
}

TEST_F(HubThreadsTest, SomeoneOutsideTheRoomIsRefusedEachRequest) {
  auto alice = listening(1, world_.alice);
  auto carol = listening(2, world_.carol);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "Hello");
  const std::string said = alice->of_type("ack").back()["message"]["id"];
  EXPECT_EQ(request(carol, {{"type", "reaction.add"},
                            {"room_id", room},
                            {"message_id", said},
                            {"reaction", "heart"}})["code"],
            "not_found");
  EXPECT_EQ(request(carol, {{"type", "thread.get"}, {"room_id", room}, {"root_id", said}})["code"],
            "not_found");
  EXPECT_EQ(request(carol, {{"type", "room.people"}, {"room_id", room}})["code"], "not_found");
  EXPECT_EQ(request(carol, {{"type", "message.send"},
                            {"room_id", room},
                            {"client_message_id", "c-1"},
                            {"text", "hi"},
                            {"thread_root_id", said}})["code"],
            "not_found");
  EXPECT_TRUE(alice->of_type("message_changed").empty());
  EXPECT_EQ(carol->closed_with, 0);
}

}  // namespace
}  // namespace hearth::realtime
