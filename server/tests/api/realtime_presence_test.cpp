// Typing and presence over the real WebSocket against the running server, on SQLite and on
// PostgreSQL (docs/protocol/realtime.md, "Typing and presence"): the people of one group see each
// other typing and coming, going away and leaving; someone who shares no room sees nothing.
#include <gtest/gtest.h>

#include <optional>

#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr std::string_view kMoodGroup =
    "Mood & Anxiety Group (Evening)";  // Avery, Blake; led by Priya
// Offline is told once the last connection has been closed for 5 s, swept every second
// (app/serve.cpp); this leaves room for a slow machine.
constexpr auto kOfflineWithin = std::chrono::seconds(20);

bool is_type(const nlohmann::json& frame, std::string_view type) {
  return frame.value("type", "") == type;
}

// The next presence_changed about `user_id`.
nlohmann::json next_presence_of(Socket& socket, const std::string& user_id,
                                std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  return socket.until(
      [&](const nlohmann::json& f) {
        return is_type(f, "presence_changed") && f.value("user_id", "") == user_id;
      },
      limit);
}

// Pings and returns every frame that came before the pong: all that the server had sent this
// connection before it read the ping.
std::vector<nlohmann::json> frames_until_pong(Socket& socket) {
  const std::size_t before = socket.skipped().size();
  socket.send({{"type", "ping"}, {"id", "pong-marker"}});
  socket.until([](const nlohmann::json& f) { return is_type(f, "pong"); });
  return {socket.skipped().begin() + static_cast<std::ptrdiff_t>(before), socket.skipped().end()};
}

class RealtimeTogether : public DemoSiteTest {};

TEST_P(RealtimeTogether, BlakeSeesAveryTypingInTheirGroupAndAverysOtherTabDoesNot) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  Socket blake_tab(blake);
  const auto room = blake_tab.room_named(kMoodGroup);
  Socket avery_tab(avery);
  Socket avery_phone(avery);
  EXPECT_EQ(avery_tab.room_named(kMoodGroup), room);
  avery_phone.list_rooms();

  avery_tab.send({{"type", "typing"}, {"id", "t"}, {"room_id", room}});
  EXPECT_EQ(avery_tab.answer_to("t").value("type", ""), "ack");
  auto typing =
      blake_tab.until([](const nlohmann::json& f) { return is_type(f, "typing_started"); });
  typing.erase("event_seq");  // the connection's own number (realtime_resume_test.cpp)
  EXPECT_EQ(typing,
            (nlohmann::json{
                {"type", "typing_started"}, {"room_id", room}, {"user_id", avery.user_id()}}));
  // The relay goes out before the typist's ack, so the phone would have it before its pong.
  for (const auto& frame : frames_until_pong(avery_phone)) {
    EXPECT_FALSE(is_type(frame, "typing_started")) << "one's own tabs know";
  }
}

TEST_P(RealtimeTogether, BlakeSeesAveryComeOnlineGoAwayComeBackAndLeave) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  Socket blake_tab(blake);
  blake_tab.room_named(kMoodGroup);
  std::optional<Socket> avery_tab(std::in_place, avery);
  avery_tab->send({{"type", "rooms.list"}, {"id", "rooms"}});
  const auto listed = avery_tab->answer_to("rooms");
  ASSERT_EQ(listed.value("type", ""), "ack") << listed.dump();
  EXPECT_EQ(listed["presence"].value(blake.user_id(), ""), "online") << listed.dump();
  EXPECT_EQ(listed["presence"].value(avery.user_id(), ""), "online");
  EXPECT_EQ(next_presence_of(blake_tab, avery.user_id())["status"], "online");

  avery_tab->send({{"type", "presence.set"}, {"id", "away"}, {"status", "away"}});
  EXPECT_EQ(avery_tab->answer_to("away").value("status", ""), "away");
  EXPECT_EQ(next_presence_of(blake_tab, avery.user_id())["status"], "away");
  avery_tab->send({{"type", "presence.set"}, {"id", "back"}, {"status", "online"}});
  EXPECT_EQ(avery_tab->answer_to("back").value("status", ""), "online");
  EXPECT_EQ(next_presence_of(blake_tab, avery.user_id())["status"], "online");

  avery_tab.reset();  // the tab is closed
  EXPECT_EQ(next_presence_of(blake_tab, avery.user_id(), kOfflineWithin)["status"], "offline");
  blake_tab.send({{"type", "rooms.list"}, {"id", "again"}});
  EXPECT_FALSE(blake_tab.answer_to("again")["presence"].contains(avery.user_id()));
}

// The authorization rows of `typing` and `presence.set`, and their bad input.
TEST_P(RealtimeTogether, SomeoneWhoSharesNoRoomCannotTypeThereNorLearnsAnyonesPresence) {
  const Browser avery = signed_in(demo::kAvery);
  Socket robin_tab(signed_in(demo::kRobin));  // a family member with no program
  ASSERT_TRUE(robin_tab.list_rooms().empty());
  std::optional<Socket> avery_tab(std::in_place, avery);
  const auto room = avery_tab->room_named(kMoodGroup);
  Socket sam_tab(signed_in(demo::kSam));  // leads another group of the program
  sam_tab.list_rooms();

  for (Socket* outsider : {&robin_tab, &sam_tab}) {
    outsider->send({{"type", "typing"}, {"id", "t"}, {"room_id", room}});
    EXPECT_EQ(outsider->answer_to("t").value("code", ""), "not_found");
  }
  avery_tab->send({{"type", "typing"}, {"id", "no-room"}});
  const auto no_room = avery_tab->answer_to("no-room");
  EXPECT_EQ(no_room.value("code", ""), "invalid_argument");
  EXPECT_EQ(no_room.value("field", ""), "room_id");
  avery_tab->send({{"type", "presence.set"}, {"id", "busy"}, {"status", "busy"}});
  const auto busy = avery_tab->answer_to("busy");
  EXPECT_EQ(busy.value("code", ""), "invalid_argument");
  EXPECT_EQ(busy.value("field", ""), "status");
  EXPECT_TRUE(still_open(avery_tab->connection()));

  avery_tab->send({{"type", "presence.set"}, {"id", "away"}, {"status", "away"}});
  EXPECT_EQ(avery_tab->answer_to("away").value("type", ""), "ack");
  avery_tab.reset();
  // Sam shares the program's room with Avery: once he has heard her leave, so would anyone.
  sam_tab.until(
      [&](const nlohmann::json& f) {
        return is_type(f, "presence_changed") && f.value("user_id", "") == avery.user_id() &&
               f.value("status", "") == "offline";
      },
      kOfflineWithin);
  for (const auto& frame : frames_until_pong(robin_tab)) {
    EXPECT_FALSE(is_type(frame, "presence_changed")) << frame.dump();
    EXPECT_FALSE(is_type(frame, "typing_started")) << frame.dump();
  }
  robin_tab.send({{"type", "presence.set"}, {"id", "p"}, {"status", "away"}});
  EXPECT_EQ(robin_tab.answer_to("p").value("status", ""), "away") << "anyone connected may";
}

INSTANTIATE_TEST_SUITE_P(Realtime, RealtimeTogether,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

}  // namespace
}  // namespace hearth::api_test
