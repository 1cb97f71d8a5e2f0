// The hub's side of chat reports: message.report is answered to the reporter alone and told to
// the program's clinicians without the words; a change made outside any connection (a report's
// decision) is told to the room as its own changes are.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "realtime/hub.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using namespace testing;

class HubReportsTest : public HubChatTest {
 protected:
  nlohmann::json report(const std::shared_ptr<RecordingPeer>& peer, const std::string& room,
                        const std::string& message, nlohmann::json fields = {}) {
    fields["type"] = "message.report";
    fields["id"] = "r";
    fields["room_id"] = room;
    fields["message_id"] = message;
    if (!fields.contains("reason")) fields["reason"] = "triggering";
    hub_.on_text(peer, fields.dump());
    return peer->sent.back();
  }
};

TEST_F(HubReportsTest, AReportIsAckedToItsReporterAndToldToTheClinicianWithoutTheWords) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto cleo = listening(3, world_.clinician);
  auto fran = listening(4, world_.facilitator);
  const auto room = room_named(*alice, "Skills group");
  send(bob, room, "b-1", "graphic story");
  const std::string said = bob->of_type("ack").back()["message"]["id"];

  const auto answer = report(alice, room, said, {{"note", "please look"}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  EXPECT_EQ(answer["created"], true);
  EXPECT_EQ(answer["report"]["reason"], "triggering");
  const auto filed = cleo->of_type("chat_report_filed");
  ASSERT_EQ(filed.size(), 1u);
  EXPECT_EQ(filed[0]["report"]["id"], answer["report"]["id"]);
  EXPECT_EQ(filed[0].dump().find("graphic"), std::string::npos);
  EXPECT_EQ(filed[0].dump().find("please look"), std::string::npos);
  EXPECT_TRUE(bob->of_type("chat_report_filed").empty()) << "the author is not told";
  EXPECT_TRUE(fran->of_type("chat_report_filed").empty()) << "facilitators review no reports";
  EXPECT_TRUE(alice->of_type("chat_report_filed").empty()) << "nor the reporter";

  EXPECT_EQ(report(alice, room, said)["created"], false);
  EXPECT_EQ(cleo->of_type("chat_report_filed").size(), 1u) << "a second report tells nobody";
}

TEST_F(HubReportsTest, BadReportsAreRefusedAndKeepTheConnection) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto carol = listening(3, world_.carol);
  const auto room = room_named(*alice, "Skills group");
  send(bob, room, "b-1", "words");
  const std::string said = bob->of_type("ack").back()["message"]["id"];
  EXPECT_EQ(report(carol, room, said)["code"], "not_found") << "someone outside the room";
  EXPECT_EQ(report(bob, room, said)["code"], "invalid_argument") << "one's own message";
  EXPECT_EQ(report(alice, room, said, {{"reason", 3}})["field"], "reason");
  EXPECT_EQ(report(alice, room, said, {{"note", false}})["field"], "note");
  EXPECT_EQ(report(alice, room, said, {{"reason", "boring"}})["field"], "reason");
  EXPECT_EQ(alice->closed_with, 0);
  EXPECT_EQ(report(alice, room, said)["type"], "ack");
}

TEST_F(HubReportsTest, AChangeFromOutsideIsToldToTheRoomAsAPlaceholder) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  const auto room = room_named(*alice, "Skills group");
  send(bob, room, "b-1", "words");
  const std::string said = bob->of_type("ack").back()["message"]["id"];
  auto hidden = *world_.chat().message(chat::testing::caller_of(world_.bob), room, said);
  hidden.hidden_at_ms = 1;
  hidden.hidden_reason = "spam";
  hidden.hidden_note = "for moderators";
  hidden.change_seq = 7;
  hub_.change_from_outside(room, [&] { return std::optional(hidden); });
  hub_.change_from_outside(room, [] { return std::optional<store::ChatMessageRecord>(); });
  const auto changed = alice->of_type("message_changed");
  ASSERT_EQ(changed.size(), 1u) << "nothing to tell, nothing told";
  EXPECT_EQ(changed[0]["message"]["hidden"], true);
  EXPECT_EQ(changed[0]["message"]["text"], "");
  EXPECT_EQ(changed[0].dump().find("for moderators"), std::string::npos);
}

}  // namespace
}  // namespace hearth::realtime
