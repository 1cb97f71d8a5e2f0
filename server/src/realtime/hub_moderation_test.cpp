// The hub's moderation: message.report is answered to the reporter alone and told to the
// program's clinicians without the words; a change made outside any connection (a report's
// decision) is told to the room as its own changes are; a mute is told to the person alone, and
// a removal stops their connections hearing the room at once.
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

TEST_F(HubReportsTest, AMutedPersonIsToldAndRefusedAndARemovedOneStopsHearingTheRoom) {
  auto alice = listening(1, world_.alice);
  auto bob = listening(2, world_.bob);
  auto fran = listening(3, world_.facilitator);
  const auto room = room_named(*alice, "Skills group");
  auto request = [&](const std::shared_ptr<RecordingPeer>& peer, nlohmann::json r) {
    r["id"] = "m";
    hub_.on_text(peer, r.dump());
    return peer->sent.back();
  };

  auto answer = request(fran, {{"type", "member.mute"},
                               {"room_id", room},
                               {"user_id", world_.alice.id},
                               {"minutes", 15},
                               {"reason", "spam"},
                               {"note", "for moderators"}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  EXPECT_EQ(answer["restriction"]["kind"], "muted");
  EXPECT_EQ(answer["restriction"]["note"], "for moderators");
  const auto told = alice->of_type("member_restricted");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]["kind"], "muted");
  EXPECT_TRUE(told[0].contains("until"));
  EXPECT_EQ(told[0].dump().find("for moderators"), std::string::npos) << "never the note";
  EXPECT_TRUE(bob->of_type("member_restricted").empty()) << "the room is not told";
  send(alice, room, "a-1", "can I?", "try");
  EXPECT_EQ(alice->sent.back()["code"], "muted");
  EXPECT_EQ(alice->closed_with, 0);

  answer = request(bob, {{"type", "member.remove"},
                         {"room_id", room},
                         {"user_id", world_.alice.id},
                         {"reason", "spam"}});
  EXPECT_EQ(answer["code"], "permission_denied");
  answer = request(fran, {{"type", "member.mute"},
                          {"room_id", room},
                          {"user_id", world_.alice.id},
                          {"reason", "spam"}});
  EXPECT_EQ(answer["field"], "minutes") << "a mute needs its length";

  answer = request(fran, {{"type", "member.remove"},
                          {"room_id", room},
                          {"user_id", world_.bob.id},
                          {"reason", "disrespectful"}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  EXPECT_EQ(bob->of_type("member_restricted").back()["kind"], "removed");
  const auto heard_before = bob->of_type("message_posted").size();
  send(fran, room, "f-1", "after the removal");
  EXPECT_EQ(bob->of_type("message_posted").size(), heard_before) << "no longer hears the room";
  EXPECT_EQ(alice->of_type("message_posted").back()["message"]["text"], "after the removal");
  const auto gone = alice->of_type("presence_changed");
  ASSERT_FALSE(gone.empty());
  EXPECT_EQ(gone.back()["user_id"], world_.bob.id);
  EXPECT_EQ(gone.back()["status"], "offline");

  answer = request(fran, {{"type", "room.restrictions"}, {"room_id", room}});
  ASSERT_EQ(answer["restrictions"].size(), 2u) << answer.dump();
  answer =
      request(fran, {{"type", "member.restore"}, {"room_id", room}, {"user_id", world_.bob.id}});
  ASSERT_EQ(answer["type"], "ack") << answer.dump();
  EXPECT_EQ(bob->of_type("member_restored").size(), 1u);
  EXPECT_EQ(request(alice, {{"type", "room.restrictions"}, {"room_id", room}})["code"],
            "permission_denied");
}

}  // namespace
}  // namespace hearth::realtime
