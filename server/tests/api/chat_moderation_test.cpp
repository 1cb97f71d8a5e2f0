// Chat moderation against the running server, on SQLite and on PostgreSQL (docs/api.md, "Chat
// reports"; docs/protocol/realtime.md, "Reports" and "Muting and removing"): a member reports a
// message over the WebSocket, the program's clinicians hear of it at once and review it over HTTP
// with the messages around it, and a decision to hide reaches the room; a facilitator mutes and
// removes members and restores them. Who may not gets 403 or 404; bad input changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr std::string_view kMoodGroup =
    "Mood & Anxiety Group (Evening)";  // Avery, Blake; led by Priya

bool has_type(const nlohmann::json& frame, std::string_view type) {
  return frame.value("type", "") == type;
}

class ChatModeration : public DemoSiteTest {
 protected:
  // Writes `text` in the room and returns the stored message's id.
  static std::string say(Socket& tab, const std::string& room, std::string_view text,
                         const std::string& client_id) {
    tab.send({{"type", "message.send"},
              {"id", client_id},
              {"room_id", room},
              {"client_message_id", client_id},
              {"text", text}});
    const auto answer = tab.answer_to(client_id);
    EXPECT_EQ(answer.value("type", ""), "ack") << answer.dump();
    return answer["message"].value("id", "");
  }
  static nlohmann::json report(Socket& tab, const std::string& room, const std::string& message,
                               nlohmann::json fields, const std::string& request_id) {
    fields["type"] = "message.report";
    fields["id"] = request_id;
    fields["room_id"] = room;
    fields["message_id"] = message;
    tab.send(fields);
    return tab.answer_to(request_id);
  }
};

TEST_P(ChatModeration, AMembersReportReachesTheClinicianWhoHidesTheMessageForTheRoom) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  const Browser priya = signed_in(demo::kPriya);
  const Browser sam = signed_in(demo::kSam);
  Socket avery_tab(avery);
  Socket blake_tab(blake);
  Socket sam_tab(sam);
  sam_tab.list_rooms();
  const auto room = avery_tab.room_named(kMoodGroup);
  say(blake_tab, room, "before it", "b-0");
  const auto rude = say(blake_tab, room, "nobody wants to hear your story", "b-1");
  say(blake_tab, room, "after it", "b-2");

  const auto made = report(avery_tab, room, rude,
                           {{"reason", "disrespectful"}, {"note", "this keeps happening"}}, "r-1");
  ASSERT_EQ(made.value("type", ""), "ack") << made.dump();
  EXPECT_EQ(made["created"], true);
  const auto filed =
      sam_tab.until([](const nlohmann::json& f) { return has_type(f, "chat_report_filed"); });
  EXPECT_EQ(filed["report"]["id"], made["report"]["id"]);
  EXPECT_EQ(filed["report"]["room_name"], kMoodGroup);
  EXPECT_EQ(filed.dump().find("nobody wants"), std::string::npos) << "never the text";
  EXPECT_EQ(filed.dump().find("keeps happening"), std::string::npos) << "never the note";
  const auto again = report(avery_tab, room, rude, {{"reason", "spam"}}, "r-2");
  EXPECT_EQ(again["created"], false) << again.dump();
  EXPECT_EQ(again["report"]["id"], made["report"]["id"]);

  const Reply open = priya.get("/api/v1/chat-reports");
  ASSERT_EQ(open.status(), 200) << open.describe();
  ASSERT_EQ(open.json["reports"].size(), 1U) << open.describe();
  const auto listed = open.json["reports"][0];
  EXPECT_EQ(listed["reporter_id"], avery.user_id());
  EXPECT_EQ(listed["author_id"], blake.user_id());
  EXPECT_EQ(listed["reason"], "disrespectful");
  EXPECT_EQ(listed["note"], "this keeps happening");
  EXPECT_EQ(open.http.body.find("nobody wants"), std::string::npos) << "the list has no text";
  const std::string path = "/api/v1/chat-reports/" + listed["id"].get<std::string>();

  const Reply detail = priya.get(path);
  ASSERT_EQ(detail.status(), 200) << detail.describe();
  std::vector<std::string> texts;
  for (const auto& m : detail.json["messages"]) {
    texts.push_back(m["text"]);
    EXPECT_EQ(m["reported"], m["id"] == rude) << m.dump();
  }
  EXPECT_THAT(texts,
              ::testing::ElementsAre("before it", "nobody wants to hear your story", "after it"));

  // Neither members, the peer specialist, nor someone outside the program may review.
  for (const auto& email : {demo::kAvery, demo::kBlake, demo::kJordan, demo::kRobin}) {
    const Browser other = signed_in(email);
    EXPECT_EQ(other.get("/api/v1/chat-reports").status(), 403) << email;
    EXPECT_EQ(other.get(path).status(), 403) << email;
    EXPECT_EQ(other.post(path + "/decision", {{"decision", "dismiss"}}).status(), 403) << email;
  }
  EXPECT_EQ(priya.get("/api/v1/chat-reports/no-such-report").status(), 404);
  EXPECT_EQ(priya.get("/api/v1/chat-reports?status=closed").status(), 422);
  for (const auto& bad :
       {nlohmann::json{{"decision", "ban"}},
        nlohmann::json{{"decision", "hide"}, {"reason", "rude"}},
        nlohmann::json{{"decision", "hide"}}, nlohmann::json{{"decision", 1}},
        nlohmann::json{
            {"decision", "hide"}, {"reason", "triggering"}, {"note", std::string(281, 'x')}}}) {
    const Reply refused = priya.post(path + "/decision", bad);
    EXPECT_TRUE(refused.status() == 422 || refused.status() == 400)
        << bad.dump() << " " << refused.describe();
  }
  EXPECT_EQ(priya.get("/api/v1/chat-reports").json["reports"].size(), 1U)
      << "bad decisions changed nothing";

  const Reply hidden =
      priya.post(path + "/decision", {{"decision", "hide"}, {"reason", "disrespectful"}});
  ASSERT_EQ(hidden.status(), 200) << hidden.describe();
  EXPECT_EQ(hidden.json["changed"], true);
  EXPECT_EQ(hidden.json["report"]["decision"], "hidden");
  EXPECT_EQ(hidden.json["report"]["decided_by"], priya.user_id());
  const auto changed = avery_tab.until([&](const nlohmann::json& f) {
    return has_type(f, "message_changed") && f["message"]["id"] == rude;
  });
  EXPECT_EQ(changed["message"]["hidden"], true);
  EXPECT_EQ(changed["message"]["text"], "") << "the room hears the placeholder";
  const auto decided =
      sam_tab.until([](const nlohmann::json& f) { return has_type(f, "chat_report_decided"); });
  EXPECT_EQ(decided["report"]["decision"], "hidden");

  const Reply later = sam.post(path + "/decision", {{"decision", "dismiss"}});
  ASSERT_EQ(later.status(), 200) << later.describe();
  EXPECT_EQ(later.json["changed"], false);
  EXPECT_EQ(later.json["report"]["decision"], "hidden") << "the first decision stands";
  EXPECT_TRUE(sam.get("/api/v1/chat-reports").json["reports"].empty());
  EXPECT_EQ(sam.get("/api/v1/chat-reports?status=all").json["reports"].size(), 1U);
}

TEST_P(ChatModeration, BadReportsGetAnErrorAndTheConnectionStays) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  Socket avery_tab(avery);
  Socket blake_tab(blake);
  const auto room = avery_tab.room_named(kMoodGroup);
  const auto mine = say(avery_tab, room, "my own words", "a-1");
  const auto blakes = say(blake_tab, room, "blake's words", "b-1");
  EXPECT_EQ(report(avery_tab, room, blakes, {{"reason", "rude"}}, "x-1")["code"],
            "invalid_argument");
  EXPECT_EQ(report(avery_tab, room, blakes, {}, "x-2")["code"], "invalid_argument");
  EXPECT_EQ(report(avery_tab, room, blakes, {{"reason", "spam"}, {"note", 5}}, "x-3")["code"],
            "invalid_argument");
  EXPECT_EQ(report(avery_tab, room, mine, {{"reason", "spam"}}, "x-4")["code"], "invalid_argument");
  EXPECT_EQ(report(avery_tab, room, "no-such-message", {{"reason", "spam"}}, "x-5")["code"],
            "not_found");
  Socket robin_tab(signed_in(demo::kRobin));
  EXPECT_EQ(report(robin_tab, room, blakes, {{"reason", "spam"}}, "x-6")["code"], "not_found")
      << "someone outside the room";
  EXPECT_TRUE(signed_in(demo::kPriya).get("/api/v1/chat-reports").json["reports"].empty())
      << "nothing was stored";
  EXPECT_EQ(report(avery_tab, room, blakes, {{"reason", "spam"}}, "ok")["type"], "ack")
      << "the connection is still good";
}

TEST_P(ChatModeration, AReportInAPrivateConversationShowsTheCareTeamOnlyItsNeighbours) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  const Browser priya = signed_in(demo::kPriya);
  Socket avery_tab(avery);
  Socket blake_tab(blake);
  avery_tab.send({{"type", "private.start"}, {"id", "p"}, {"user_ids", {blake.user_id()}}});
  const auto started = avery_tab.answer_to("p");
  ASSERT_EQ(started.value("type", ""), "ack") << started.dump();
  const std::string room = started["room"]["id"];
  blake_tab.list_rooms();
  for (int i = 0; i < 6; ++i)
    say(blake_tab, room, "line " + std::to_string(i), "l-" + std::to_string(i));
  const auto reported = say(blake_tab, room, "tell me where you live", "b-x");
  const auto made = report(avery_tab, room, reported, {{"reason", "private_information"}}, "r");
  ASSERT_EQ(made.value("type", ""), "ack") << made.dump();

  const std::string path = "/api/v1/chat-reports/" + made["report"]["id"].get<std::string>();
  const Reply detail = priya.get(path);
  ASSERT_EQ(detail.status(), 200) << detail.describe();
  EXPECT_EQ(detail.json["report"]["room_kind"], "private");
  std::vector<std::string> texts;
  for (const auto& m : detail.json["messages"]) texts.push_back(m["text"]);
  EXPECT_THAT(texts, ::testing::ElementsAre("line 3", "line 4", "line 5", "tell me where you live"))
      << "three before it, nothing further back";
  const Reply hidden =
      priya.post(path + "/decision", {{"decision", "hide"}, {"reason", "private_information"}});
  ASSERT_EQ(hidden.status(), 200) << hidden.describe();
  const auto changed = avery_tab.until([&](const nlohmann::json& f) {
    return has_type(f, "message_changed") && f["message"]["id"] == reported;
  });
  EXPECT_EQ(changed["message"]["hidden_reason"], "private_information");
}

TEST_P(ChatModeration, AFacilitatorMutesAndRemovesAMemberAndRestoresThem) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  const Browser priya = signed_in(demo::kPriya);
  Socket avery_tab(avery);
  Socket blake_tab(blake);
  Socket priya_tab(priya);
  const auto room = priya_tab.room_named(kMoodGroup);
  avery_tab.list_rooms();
  blake_tab.list_rooms();
  auto ask = [](Socket& tab, nlohmann::json request, const std::string& id) {
    request["id"] = id;
    tab.send(request);
    return tab.answer_to(id);
  };

  auto answer = ask(priya_tab,
                    {{"type", "member.mute"},
                     {"room_id", room},
                     {"user_id", avery.user_id()},
                     {"minutes", 15},
                     {"reason", "off_topic"}},
                    "mute");
  ASSERT_EQ(answer.value("type", ""), "ack") << answer.dump();
  const auto told =
      avery_tab.until([](const nlohmann::json& f) { return has_type(f, "member_restricted"); });
  EXPECT_EQ(told["kind"], "muted");
  EXPECT_EQ(told["room_id"], room);
  answer = ask(avery_tab,
               {{"type", "message.send"},
                {"room_id", room},
                {"client_message_id", "muted-1"},
                {"text", "can you hear me"}},
               "send");
  EXPECT_EQ(answer["code"], "muted") << answer.dump();
  Socket avery_again(avery);
  bool listed_muted = false;
  avery_again.send({{"type", "rooms.list"}, {"id", "rooms"}});
  const auto listed = avery_again.answer_to("rooms");
  for (const auto& r : listed["rooms"]) {
    if (r["id"] == room) listed_muted = r.contains("muted_until");
  }
  EXPECT_TRUE(listed_muted) << "a new tab knows too";

  answer = ask(blake_tab,
               {{"type", "member.remove"},
                {"room_id", room},
                {"user_id", avery.user_id()},
                {"reason", "spam"}},
               "not-blakes");
  EXPECT_EQ(answer["code"], "permission_denied");

  answer = ask(priya_tab,
               {{"type", "member.remove"},
                {"room_id", room},
                {"user_id", blake.user_id()},
                {"reason", "disrespectful"},
                {"note", "second time"}},
               "remove");
  ASSERT_EQ(answer.value("type", ""), "ack") << answer.dump();
  blake_tab.until([](const nlohmann::json& f) { return has_type(f, "member_restricted"); });
  answer = ask(blake_tab, {{"type", "history"}, {"room_id", room}}, "history");
  EXPECT_EQ(answer["code"], "not_found") << "the room is no longer Blake's";

  answer = ask(priya_tab, {{"type", "room.restrictions"}, {"room_id", room}}, "list");
  ASSERT_EQ(answer["restrictions"].size(), 2U) << answer.dump();

  for (const auto& [who, id] :
       {std::pair{avery.user_id(), "r-a"}, std::pair{blake.user_id(), "r-b"}}) {
    answer = ask(priya_tab, {{"type", "member.restore"}, {"room_id", room}, {"user_id", who}}, id);
    ASSERT_EQ(answer.value("type", ""), "ack") << answer.dump();
  }
  blake_tab.until([](const nlohmann::json& f) { return has_type(f, "member_restored"); });
  answer = ask(blake_tab, {{"type", "history"}, {"room_id", room}}, "history-again");
  EXPECT_EQ(answer.value("type", ""), "ack") << answer.dump();
  answer = ask(avery_tab,
               {{"type", "message.send"},
                {"room_id", room},
                {"client_message_id", "free-1"},
                {"text", "thanks for having me back"}},
               "send-again");
  EXPECT_EQ(answer.value("type", ""), "ack") << answer.dump();
}

INSTANTIATE_TEST_SUITE_P(Realtime, ChatModeration,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

}  // namespace
}  // namespace hearth::api_test
