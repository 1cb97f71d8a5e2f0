// Who may send what, request type by request type (docs/protocol/realtime.md, "Who may send
// what"): every type the hub answers is sent by Carol, a participant of the same program but not
// of the Skills group, at the Skills group's room and its messages and people. Each is refused
// with the documented code and changes nothing, or is one that anyone connected may send and
// answers only what is hers. A type the hub answers without a row here fails the test, as does
// one the protocol's table does not list.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "realtime/hub.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using namespace testing;

// What Carol sends, given the room, a message of Alice's in it, and Alice's id; and what must
// come back: an error code, or "ack" / "pong" for the requests anyone may send.
struct Row {
  std::function<nlohmann::json(const std::string& room, const std::string& message,
                               const std::string& alice)>
      request;
  std::string answer;
};

std::map<std::string, Row, std::less<>> rows() {
  using J = nlohmann::json;
  const auto in_room = [](J fields) {
    return [fields](const std::string& room, const std::string&, const std::string&) {
      J out = fields;
      out["room_id"] = room;
      return out;
    };
  };
  const auto on_message = [](J fields) {
    return [fields](const std::string& room, const std::string& message, const std::string&) {
      J out = fields;
      out["room_id"] = room;
      out["message_id"] = message;
      return out;
    };
  };
  const auto on_alice = [](J fields) {
    return [fields](const std::string& room, const std::string&, const std::string& alice) {
      J out = fields;
      out["room_id"] = room;
      out["user_id"] = alice;
      return out;
    };
  };
  const auto alone = [](J fields) {
    return [fields](const std::string&, const std::string&, const std::string&) { return fields; };
  };
  return {
      {"ping", {alone({}), "pong"}},
      {"typing", {in_room({}), "not_found"}},
      {"rooms.list", {alone({}), "ack"}},
      {"message.send", {in_room({{"client_message_id", "c-1"}, {"text", "hi"}}), "not_found"}},
      {"history", {in_room({}), "not_found"}},
      {"resume",
       {[](const std::string& room, const std::string&, const std::string&) {
          return J{{"rooms", {{room, 0}}}};
        },
        "not_found"}},
      {"read.mark", {in_room({{"seq", 1}}), "not_found"}},
      {"message.edit", {on_message({{"text", "changed"}}), "not_found"}},
      {"message.delete", {on_message({}), "not_found"}},
      {"message.versions", {on_message({}), "not_found"}},
      {"message.hide", {on_message({{"reason", "spam"}}), "not_found"}},
      {"message.unhide", {on_message({}), "not_found"}},
      {"message.get", {on_message({}), "not_found"}},
      {"message.report", {on_message({{"reason", "spam"}}), "not_found"}},
      {"member.mute", {on_alice({{"minutes", 10}, {"reason", "spam"}}), "not_found"}},
      {"member.remove", {on_alice({{"reason", "spam"}}), "not_found"}},
      {"member.restore", {on_alice({}), "not_found"}},
      {"room.restrictions", {in_room({}), "not_found"}},
      {"private.start",
       {[](const std::string&, const std::string&, const std::string& alice) {
          return J{{"user_ids", {alice}}};
        },
        "permission_denied"}},
      {"people.reachable", {alone({}), "ack"}},
      {"search", {in_room({{"query", "feeling"}}), "not_found"}},
      {"reaction.add", {on_message({{"reaction", "heart"}}), "not_found"}},
      {"reaction.remove", {on_message({{"reaction", "heart"}}), "not_found"}},
      {"thread.get",
       {[](const std::string& room, const std::string& message, const std::string&) {
          return J{{"room_id", room}, {"root_id", message}};
        },
        "not_found"}},
      {"room.people", {in_room({}), "not_found"}},
      {"presence.set", {alone({{"status", "away"}}), "ack"}},
  };
}

// The request types named in the protocol's "Who may send what" table.
std::string who_may_send_table() {
  std::ifstream file(std::string(HEARTH_DOCS_DIR) + "/protocol/realtime.md");
  std::stringstream text;
  text << file.rdbuf();
  const auto all = text.str();
  const auto start = all.find("### Who may send what");
  const auto end = all.find("\n### ", start + 1);
  if (start == std::string::npos) return "";
  return all.substr(start, end - start);
}

TEST_F(HubChatTest, EveryRequestTypeHasARowInTheProtocolAndHere) {
  const auto table = who_may_send_table();
  ASSERT_FALSE(table.empty()) << "docs/protocol/realtime.md has no 'Who may send what'";
  const auto known = rows();
  for (const auto type : Hub::request_types()) {
    EXPECT_NE(table.find("`" + std::string(type) + "`"), std::string::npos)
        << type << " is not in the protocol's table";
    EXPECT_TRUE(known.contains(type)) << type << " has no row in this test";
  }
  EXPECT_EQ(known.size(), Hub::request_types().size()) << "a row for a type the hub does not know";
}

TEST_F(HubChatTest, EveryRequestTypeFromSomeoneOutsideTheRoomIsRefusedAndChangesNothing) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto carol = listening(3, world_.carol);
  const auto room = room_named(*alice, "Skills group");
  send(alice, room, "a-1", "feeling better today", "posted");
  const std::string message = alice->of_type("ack").back()["message"]["id"];
  const auto bob_heard = bob->sent.size();

  for (const auto& [type, row] : rows()) {
    SCOPED_TRACE(type);
    auto request = row.request(room, message, world_.alice.id);
    request["type"] = type;
    request["id"] = "q-" + type;
    hub_.on_text(carol, request.dump());
    const auto& answer = carol->sent.back();
    if (row.answer == "ack" || row.answer == "pong") {
      EXPECT_EQ(answer["type"], row.answer) << answer.dump();
      EXPECT_EQ(answer.dump().find(room), std::string::npos) << "nothing of the room";
    } else {
      EXPECT_EQ(answer["type"], "error") << answer.dump();
      EXPECT_EQ(answer.value("code", ""), row.answer) << answer.dump();
      EXPECT_EQ(answer.value("id", ""), "q-" + type);
    }
  }
  // Nothing changed: Alice's message as it was, nobody in the room told of anything.
  hub_.on_text(
      alice,
      nlohmann::json{
          {"type", "message.get"}, {"id", "check"}, {"room_id", room}, {"message_id", message}}
          .dump());
  const auto now = alice->sent.back()["message"];
  EXPECT_EQ(now["text"], "feeling better today");
  EXPECT_FALSE(now.value("hidden", false));
  EXPECT_TRUE(now.value("reactions", nlohmann::json::array()).empty()) << now.dump();
  // Carol shares the program's community room with Bob: he hears her presence, and only that.
  for (std::size_t i = bob_heard; i < bob->sent.size(); ++i) {
    EXPECT_EQ(bob->sent[i]["type"], "presence_changed") << bob->sent[i].dump();
    EXPECT_EQ(bob->sent[i]["user_id"], world_.carol.id);
  }
  hub_.on_text(alice, nlohmann::json{{"type", "history"}, {"id", "h"}, {"room_id", room}}.dump());
  EXPECT_EQ(alice->sent.back()["messages"].size(), 1u);
}

}  // namespace
}  // namespace hearth::realtime
