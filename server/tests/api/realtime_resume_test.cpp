// Numbered events and resuming over the real WebSocket against the running server, on SQLite and
// on PostgreSQL (docs/protocol/realtime.md, "Numbered events and resuming"): every event carries
// its connection's number; a client whose line dropped opens a new socket naming its connection
// and the last number it saw, and gets every frame it missed, in order, before hello; one the
// server cannot resume starts afresh; a malformed request is refused with 400.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr std::string_view kMoodGroup =
    "Mood & Anxiety Group (Evening)";  // Avery, Blake; led by Priya

nlohmann::json post(std::string_view room, std::string_view client_id, std::string_view text,
                    int id) {
  return {{"type", "message.send"},
          {"id", id},
          {"room_id", room},
          {"client_message_id", client_id},
          {"text", text}};
}

std::string resume_path(const nlohmann::json& hello, std::int64_t after) {
  return std::string(kSocketPath) + "?resume=" + hello.value("connection_id", "") +
         "&after=" + std::to_string(after);
}

class RealtimeResume : public DemoSiteTest {};

TEST_P(RealtimeResume, EveryEventCarriesItsConnectionsNextNumberAndAnswersNone) {
  Socket tab(signed_in(demo::kAvery));
  EXPECT_EQ(tab.hello().value("event_seq", 0), 1);
  EXPECT_EQ(tab.hello().value("resumed", true), false);
  EXPECT_EQ(tab.hello().value("connection_id", "").size(), 32u);
  const auto room = tab.room_named(kMoodGroup);
  tab.send({{"type", "ping"}, {"id", "p"}});
  tab.send(post(room, "n-1", "numbered", 1));
  tab.send({{"type", "no.such.thing"}, {"id", "x"}});
  // Events numbered one after the other, whatever answers come between them.
  std::int64_t last = 1;  // hello's, or that of the last event room_named() read past
  for (const auto& frame : tab.skipped()) last = frame.value("event_seq", last);
  int answers = 0;
  bool posted = false;
  while (answers < 3) {
    const auto frame = tab.next();
    const auto type = frame.value("type", "");
    if (type == "ack" || type == "error" || type == "pong") {
      EXPECT_FALSE(frame.contains("event_seq")) << frame.dump();
      ++answers;
      continue;
    }
    EXPECT_EQ(frame.value("event_seq", std::int64_t{-1}), last + 1) << frame.dump();
    last = frame.value("event_seq", last);
    posted = posted || type == "message_posted";
  }
  EXPECT_TRUE(posted);
}

TEST_P(RealtimeResume, AClientBackAfterADropGetsWhatItMissedThenHelloAndGoesOn) {
  Socket avery_tab(signed_in(demo::kAvery));
  const auto room = avery_tab.room_named(kMoodGroup);
  const Browser blake = signed_in(demo::kBlake);
  nlohmann::json blakes_hello;
  std::int64_t blake_saw = 0;
  {
    Socket blake_tab(blake);
    ASSERT_EQ(blake_tab.room_named(kMoodGroup), room);
    blakes_hello = blake_tab.hello();
    avery_tab.send(post(room, "r-1", "before the drop", 1));
    ASSERT_EQ(avery_tab.answer_to(1).value("type", ""), "ack");
    blake_saw = blake_tab.until([](const nlohmann::json& f) {
      return f.value("type", "") == "message_posted";
    })["event_seq"];
  }  // Blake's line drops: no closing handshake
  for (int i = 2; i <= 4; ++i) {
    avery_tab.send(post(room, "r-" + std::to_string(i), "while Blake was away", i));
    ASSERT_EQ(avery_tab.answer_to(i).value("type", ""), "ack");
  }

  Socket blake_back(blake, resume_path(blakes_hello, blake_saw));
  EXPECT_EQ(blake_back.hello().value("resumed", false), true) << blake_back.hello().dump();
  EXPECT_EQ(blake_back.hello()["connection_id"], blakes_hello["connection_id"]);
  std::vector<std::int64_t> message_seqs;
  std::int64_t expected = blake_saw + 1;
  for (const auto& frame : blake_back.skipped()) {
    EXPECT_EQ(frame.value("event_seq", -1), expected++) << frame.dump();
    if (frame.value("type", "") == "message_posted") message_seqs.push_back(frame["seq"]);
  }
  EXPECT_EQ(blake_back.hello().value("event_seq", -1), expected) << "hello follows, numbered";
  ASSERT_EQ(message_seqs.size(), 3u);
  EXPECT_EQ(message_seqs.back() - message_seqs.front(), 2);

  // Still in the room without listing it again: the next message comes live, numbered on.
  avery_tab.send(post(room, "r-5", "welcome back", 5));
  const auto live = blake_back.until(
      [](const nlohmann::json& f) { return f.value("type", "") == "message_posted"; });
  EXPECT_EQ(live["message"]["text"], "welcome back");
  EXPECT_EQ(live.value("event_seq", -1), expected + 1);
}

TEST_P(RealtimeResume, AConnectionTheServerCannotResumeStartsAfresh) {
  const Browser avery = signed_in(demo::kAvery);
  nlohmann::json first_hello;
  { first_hello = Socket(avery).hello(); }
  // Another browser of the same person cannot take it over.
  Socket elsewhere(signed_in(demo::kAvery), resume_path(first_hello, 1));
  EXPECT_EQ(elsewhere.hello().value("resumed", true), false);
  EXPECT_NE(elsewhere.hello()["connection_id"], first_hello["connection_id"]);
  EXPECT_EQ(elsewhere.hello().value("event_seq", -1), 1);
  EXPECT_TRUE(elsewhere.skipped().empty()) << "nothing replayed";
  // Nor a number it never sent.
  Socket too_far(avery, resume_path(first_hello, 1'000'000));
  EXPECT_EQ(too_far.hello().value("resumed", true), false);
  // Its own browser still can.
  Socket back(avery, resume_path(first_hello, 1));
  EXPECT_EQ(back.hello().value("resumed", false), true);
}

TEST_P(RealtimeResume, AMalformedResumeIsRefusedWith400AndNoSocket) {
  const Browser avery = signed_in(demo::kAvery);
  for (const std::string query :
       {"?resume=not-an-id&after=1", "?resume=0123456789abcdef0123456789abcdef",
        "?resume=0123456789abcdef0123456789abcdef&after=-1",
        "?resume=0123456789abcdef0123456789abcdef&after=1x", "?after=3"}) {
    SCOPED_TRACE(query);
    Connection c(avery.port());
    c.send(websocket_upgrade(std::string(kSocketPath) + query,
                             {{"Origin", "http://localhost"}, {"Cookie", session_cookie(avery)}}));
    const auto answer = c.read_response();
    EXPECT_EQ(answer.status, 400);
    const auto body = nlohmann::json::parse(answer.body, nullptr, false);
    EXPECT_EQ(body.value("error", nlohmann::json::object()).value("code", ""), "invalid_argument")
        << answer.body;
  }
  Socket still(avery);
  EXPECT_EQ(still.hello().value("type", ""), "hello");
}

INSTANTIATE_TEST_SUITE_P(Realtime, RealtimeResume,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

}  // namespace
}  // namespace hearth::api_test
