// Live sessions through the hub, as a browser's connection uses them: joining through the
// waiting room, the facilitators' commands, WebRTC signalling relayed between two people in the
// room, and the attendance it all writes — over a real SQLite store, with the clock in the
// test's hands.
#include "realtime/live_sessions.hpp"

#include "domain/audit/audit_trail.hpp"
#include "domain/schedule/attendance_service.hpp"
#include "domain/session/live_session_service.hpp"
#include "realtime/testing/hub_fixtures.hpp"

namespace hearth::realtime {
namespace {

using chat::testing::caller_of;
using testing::RecordingPeer;

constexpr std::int64_t kMinute = 60'000;

class LiveSessionsTest : public testing::HubTest {
 protected:
  void SetUp() override {
    HubTest::SetUp();
    hub_.serve_live_sessions(&live_);
    // The skills group meets from 5 minutes from now, for an hour.
    occurrence_.id = new_id();
    occurrence_.series_id = new_id();
    occurrence_.group_id = world_.skills.id;
    occurrence_.title = "Skills";
    occurrence_.starts_at_ms = world_.clock().now_ms() + 5 * kMinute;
    occurrence_.ends_at_ms = occurrence_.starts_at_ms + 60 * kMinute;
    occurrence_.original_starts_at_ms = occurrence_.starts_at_ms;
    store::SeriesRecord series{.id = occurrence_.series_id,
                               .group_id = world_.skills.id,
                               .title = "Skills",
                               .time_zone = "America/Chicago",
                               .first_start_local = "2027-01-15T10:00",
                               .duration_minutes = 60,
                               .rrule = "",
                               .created_by = world_.facilitator.id,
                               .created_at_ms = 1};
    ASSERT_TRUE(world_.store().transact(store::Access::read_write,
                                        [&](store::Transaction& tx) -> Result<void> {
                                          HEARTH_TRY(tx.insert_series(series));
                                          return tx.insert_occurrences({occurrence_});
                                        }));
  }

  std::shared_ptr<RecordingPeer> connect(std::uint64_t id, const store::UserRecord& user) {
    sessions_.live.insert_or_assign("t-" + std::to_string(id), caller_of(user));
    auto peer = std::make_shared<RecordingPeer>(id);
    hub_.on_open(peer, testing::signed_in(caller_of(user), "t-" + std::to_string(id)));
    return peer;
  }
  void say(const std::shared_ptr<RecordingPeer>& peer, nlohmann::json request) {
    if (!request.contains("occurrence_id")) request["occurrence_id"] = occurrence_.id;
    hub_.on_text(peer, request.dump());
  }
  // Joins and gives the participant id from the ack.
  std::string join(const std::shared_ptr<RecordingPeer>& peer) {
    say(peer, {{"type", "session.join"}, {"id", "join"}});
    for (const auto& ack : peer->of_type("ack")) {
      if (ack.value("id", "") == "join") return ack["participant_id"];
    }
    ADD_FAILURE() << "no ack to the join: " << (peer->sent.empty() ? "" : peer->sent.back().dump());
    return "";
  }
  static nlohmann::json last_state(const RecordingPeer& peer) {
    const auto states = peer.of_type("session_state");
    return states.empty() ? nlohmann::json() : states.back();
  }
  static std::string error_code(const RecordingPeer& peer) {
    const auto errors = peer.of_type("error");
    return errors.empty() ? "" : errors.back().value("code", "");
  }
  std::optional<store::AttendanceRecord> attendance_of(const store::UserRecord& user) {
    std::optional<store::AttendanceRecord> found;
    EXPECT_TRUE(world_.store().transact(
        store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
          HEARTH_TRY_ASSIGN(found, tx.find_attendance(occurrence_.id, user.id));
          return hearth::ok();
        }));
    return found;
  }
  // Fran (the facilitator) and Alice, admitted.
  struct Pair {
    std::shared_ptr<RecordingPeer> fran, alice;
    std::string fran_id, alice_id;
  };
  Pair both_in_the_room() {
    Pair p{connect(1, world_.facilitator), connect(2, world_.alice), "", ""};
    p.fran_id = join(p.fran);
    p.alice_id = join(p.alice);
    say(p.fran, {{"type", "session.admit"}, {"participant_id", p.alice_id}});
    return p;
  }

  audit::AuditTrail audit_{world_.store(), world_.clock()};
  schedule::AttendanceService attendance_{world_.store(), world_.clock(), audit_};
  session::LiveSessionService service_{world_.store(), world_.clock(), attendance_};
  LiveSessions live_{service_,
                     world_.clock(),
                     [](std::function<void()> work) { work(); },
                     [] {
                       return nlohmann::json::array({{{"urls", "stun:127.0.0.1:3478"}}});
                     },
                     MediaPolicy{},
                     LiveSessionLimits{},
                     [this] { return steady_now_; }};
  store::OccurrenceRecord occurrence_;
};

TEST_F(LiveSessionsTest, AFacilitatorEntersAndAMemberWaitsUntilAdmitted) {
  auto fran = connect(1, world_.facilitator);
  auto alice = connect(2, world_.alice);
  const auto fran_id = join(fran);
  const auto ack = fran->of_type("ack").back();
  EXPECT_EQ(ack["media"], "mesh");
  EXPECT_EQ(ack["ice_servers"][0]["urls"], "stun:127.0.0.1:3478");
  EXPECT_EQ(last_state(*fran)["stage"], "in_room");
  EXPECT_EQ(last_state(*fran)["role"], "facilitator");
  EXPECT_EQ(last_state(*fran)["lead"], fran_id);

  say(alice, {{"type", "session.join"}, {"id", "bad"}, {"muted", "yes"}});
  EXPECT_EQ(error_code(*alice), "invalid_argument");
  EXPECT_TRUE(alice->of_type("session_state").empty());
  const auto alice_id = join(alice);
  auto waiting = last_state(*alice);
  EXPECT_EQ(waiting["stage"], "waiting");
  EXPECT_EQ(waiting["place"], 1);
  EXPECT_FALSE(waiting.contains("participants"));  // nobody's name until admitted
  ASSERT_EQ(last_state(*fran)["waiting"].size(), 1u);
  EXPECT_EQ(last_state(*fran)["waiting_message"], "");
  EXPECT_EQ(last_state(*fran)["waiting"][0]["name"], "Alice");
  EXPECT_FALSE(attendance_of(world_.alice).has_value());  // waiting is not attending

  say(fran, {{"type", "session.admit"}, {"participant_id", alice_id}});
  const auto in_room = last_state(*alice);
  EXPECT_EQ(in_room["stage"], "in_room");
  EXPECT_EQ(in_room["participants"].size(), 2u);
  EXPECT_FALSE(in_room.contains("waiting"));  // the line is for facilitators
  const auto row = attendance_of(world_.alice);
  ASSERT_TRUE(row.has_value());
  EXPECT_GT(row->open_since_ms, 0);
}

TEST_F(LiveSessionsTest, OnlyTheRosterGetsInAndOnlyInItsHours) {
  auto carol = connect(3, world_.carol);  // in another group
  say(carol, {{"type", "session.join"}, {"id", 1}});
  EXPECT_EQ(error_code(*carol), "not_found");
  auto waitlisted = connect(4, world_.waiting);
  say(waitlisted, {{"type", "session.join"}, {"id", 1}});
  EXPECT_EQ(error_code(*waitlisted), "not_found");
  auto alice = connect(2, world_.alice);
  say(alice, {{"type", "session.join"}, {"id", 1}, {"occurrence_id", "not-an-id"}});
  EXPECT_EQ(error_code(*alice), "invalid_argument");
  world_.clock().advance(std::chrono::minutes(66));  // past the end
  say(alice, {{"type", "session.join"}, {"id", 2}});
  EXPECT_EQ(error_code(*alice), "conflict");
  EXPECT_EQ(live_.active_rooms(), 0u);
}

// Carol holds no seat in the skills group: invited as a guest, she may ask to come in, waits
// even while the room admits its roster by itself, is shown to all as a guest, and adds to no
// attendance. Withdrawn, she cannot come back.
TEST_F(LiveSessionsTest, AnInvitedGuestWaitsEvenWithAutoAdmitAndCountsTowardsNoAttendance) {
  world_.clock().advance(std::chrono::minutes(5));  // the start
  auto carol = connect(3, world_.carol);
  say(carol, {{"type", "session.join"}, {"id", 1}});
  EXPECT_EQ(error_code(*carol), "not_found");
  auto invite = [&](bool add) {
    ASSERT_TRUE(world_.store().transact(
        store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
          if (!add) {
            HEARTH_TRY(tx.delete_session_guest(occurrence_.id, world_.carol.id));
            return hearth::ok();
          }
          return tx.put_session_guest(
              {occurrence_.id, world_.carol.id, world_.facilitator.id, world_.clock().now_ms()});
        }));
  };
  invite(true);
  auto p = both_in_the_room();
  say(p.fran, {{"type", "session.settings"}, {"auto_admit", true}});
  const auto carol_id = join(carol);
  EXPECT_EQ(last_state(*carol)["stage"], "waiting");
  auto bob = connect(4, world_.bob);  // on the roster: auto-admit lets him in
  join(bob);
  EXPECT_EQ(last_state(*bob)["stage"], "in_room");
  const auto waiting = last_state(*p.fran)["waiting"];
  ASSERT_EQ(waiting.size(), 1u) << last_state(*p.fran).dump();
  EXPECT_EQ(waiting[0]["participant_id"], carol_id);
  EXPECT_EQ(waiting[0]["guest"], true);
  // The facilitator knows whom to expect, guests included, to place them in breakout rooms
  // before they come; the participants are not told.
  std::vector<std::pair<std::string, bool>> expected;
  const auto seen_by_fran = last_state(*p.fran);
  for (const auto& person : seen_by_fran["expected"]) {
    expected.emplace_back(person["name"], person["guest"]);
  }
  EXPECT_EQ(expected, (std::vector<std::pair<std::string, bool>>{
                          {"Alice", false}, {"Bob", false}, {"Carol", true}}));
  EXPECT_FALSE(last_state(*p.alice).contains("expected"));
  // Another guest invited while the room is open (the HTTP route tells the live sessions): the
  // facilitator's list has them at once, after the guests invited before them.
  world_.clock().advance(std::chrono::seconds(1));
  ASSERT_TRUE(world_.store().transact(store::Access::read_write, [&](store::Transaction& tx) {
    return tx.put_session_guest(
        {occurrence_.id, world_.outsider.id, world_.facilitator.id, world_.clock().now_ms()});
  }));
  live_.expected_changed(occurrence_.id);
  const auto after_invite = last_state(*p.fran);
  ASSERT_EQ(after_invite["expected"].size(), 4u) << after_invite.dump();
  EXPECT_EQ(after_invite["expected"][3]["name"], "Olly");
  EXPECT_EQ(after_invite["expected"][3]["guest"], true);
  say(p.fran, {{"type", "session.admit"}, {"participant_id", carol_id}});
  EXPECT_EQ(last_state(*carol)["stage"], "in_room");
  bool shown_as_guest = false;
  const auto seen_by_alice = last_state(*p.alice);
  for (const auto& person : seen_by_alice["participants"]) {
    if (person["participant_id"] == carol_id) shown_as_guest = person["guest"] == true;
    if (person["participant_id"] == p.alice_id) {
      EXPECT_EQ(person["guest"], false);
    }
  }
  EXPECT_TRUE(shown_as_guest) << seen_by_alice.dump();
  world_.clock().advance(std::chrono::minutes(10));
  EXPECT_FALSE(attendance_of(world_.carol).has_value());
  EXPECT_TRUE(attendance_of(world_.alice).has_value());
  // The invitation withdrawn (the HTTP route tells the live sessions): she is let go at once.
  invite(false);
  live_.dismiss(occurrence_.id, world_.carol.id);
  ASSERT_FALSE(carol->of_type("session_closed").empty());
  EXPECT_EQ(carol->of_type("session_closed").back()["reason"], "removed");
  EXPECT_EQ(last_state(*p.fran)["participants"].size(), 3u);  // Fran, Alice, Bob
  auto again = connect(11, world_.carol);
  say(again, {{"type", "session.join"}, {"id", 2}});
  EXPECT_EQ(error_code(*again), "not_found");
}

// The device check asks for the ICE servers before joining; only those who may enter get them,
// and asking joins nothing.
TEST_F(LiveSessionsTest, TheDeviceCheckGetsTheIceServersOnlyForThoseWhoMayEnter) {
  auto alice = connect(2, world_.alice);
  say(alice, {{"type", "session.check"}, {"id", "check"}});
  const auto acks = alice->of_type("ack");
  ASSERT_EQ(acks.size(), 1u) << (alice->sent.empty() ? "" : alice->sent.back().dump());
  EXPECT_EQ(acks[0]["id"], "check");
  EXPECT_EQ(acks[0]["ice_servers"][0]["urls"], "stun:127.0.0.1:3478");
  EXPECT_TRUE(alice->of_type("session_state").empty());
  EXPECT_EQ(live_.active_rooms(), 0u);
  auto carol = connect(3, world_.carol);  // in another group
  say(carol, {{"type", "session.check"}, {"id", "check"}});
  EXPECT_EQ(error_code(*carol), "not_found");
  EXPECT_TRUE(carol->of_type("ack").empty());
}

// In the mesh, browsers restart ICE between themselves: asking the server to offer again is
// refused, and before admission it is refused as any room action.
TEST_F(LiveSessionsTest, AskingToReceiveAgainIsForJanusModeOnly) {
  auto p = both_in_the_room();
  say(p.fran, {{"type", "session.receive_again"}, {"id", 1}, {"participant_id", p.alice_id}});
  EXPECT_EQ(error_code(*p.fran), "conflict");
  say(p.fran, {{"type", "session.receive_again"}, {"id", 2}});
  EXPECT_EQ(error_code(*p.fran), "invalid_argument");
}

TEST_F(LiveSessionsTest, ACancelledSessionCannotBeEntered) {
  occurrence_.status = "cancelled";
  ASSERT_TRUE(world_.store().transact(store::Access::read_write, [&](store::Transaction& tx) {
    return tx.update_occurrence(occurrence_);
  }));
  auto fran = connect(1, world_.facilitator);
  say(fran, {{"type", "session.join"}, {"id", 1}});
  EXPECT_EQ(error_code(*fran), "conflict");
}

TEST_F(LiveSessionsTest, SignalsGoOnlyBetweenPeopleInTheRoomWithTheSenderNamedByTheServer) {
  auto fran = connect(1, world_.facilitator);
  auto alice = connect(2, world_.alice);
  const auto fran_id = join(fran);
  const auto alice_id = join(alice);
  const nlohmann::json offer = {{"type", "offer"}, {"sdp", "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"}};
  // Waiting: no signalling either way.
  say(alice, {{"type", "session.signal"}, {"id", 1}, {"to", fran_id}, {"signal", offer}});
  EXPECT_EQ(error_code(*alice), "not_admitted");
  say(fran, {{"type", "session.signal"}, {"id", 1}, {"to", alice_id}, {"signal", offer}});
  EXPECT_EQ(error_code(*fran), "not_admitted");
  EXPECT_TRUE(alice->of_type("session_signal").empty());

  say(fran, {{"type", "session.admit"}, {"participant_id", alice_id}});
  say(alice, {{"type", "session.signal"},
              {"to", fran_id},
              {"from", fran_id},  // a false sender is ignored
              {"signal", {{"type", "offer"}, {"sdp", offer["sdp"]}, {"extra", "dropped"}}}});
  const auto relayed = fran->of_type("session_signal");
  ASSERT_EQ(relayed.size(), 1u);
  EXPECT_EQ(relayed[0]["from"], alice_id);
  EXPECT_EQ(relayed[0]["signal"], offer);

  say(fran, {{"type", "session.signal"},
             {"to", alice_id},
             {"signal",
              {{"type", "candidate"},
               {"candidate",
                {{"candidate", "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"},
                 {"sdpMid", "0"},
                 {"sdpMLineIndex", 0}}}}}});
  ASSERT_EQ(alice->of_type("session_signal").size(), 1u);
  EXPECT_EQ(alice->of_type("session_signal")[0]["signal"]["candidate"]["sdpMid"], "0");
}

TEST_F(LiveSessionsTest, BadSignalsAreRefusedAndNothingIsRelayed) {
  auto p = both_in_the_room();
  const std::vector<nlohmann::json> bad = {
      {{"type", "offer"}, {"sdp", "v=0\r\n" + std::string(kMaxSdpBytes, 'a')}},
      {{"type", "offer"}, {"sdp", "hello"}},
      {{"type", "answer"}},
      {{"type", "rollback"}},
      {{"type", "candidate"}, {"candidate", "candidate:1 1 udp"}},
      {{"type", "candidate"}, {"candidate", {{"candidate", "a=candidate"}}}},
      {{"type", "candidate"},
       {"candidate", {{"candidate", "candidate:" + std::string(kMaxCandidateBytes, '1')}}}},
      {{"type", "candidate"}, {"candidate", {{"candidate", ""}, {"sdpMLineIndex", -1}}}},
      "offer",
  };
  for (const auto& signal : bad) {
    say(p.alice, {{"type", "session.signal"}, {"id", 7}, {"to", p.fran_id}, {"signal", signal}});
    EXPECT_EQ(error_code(*p.alice), "invalid_argument") << signal.dump().substr(0, 80);
  }
  say(p.alice, {{"type", "session.signal"},
                {"id", 8},
                {"to", p.alice_id},
                {"signal", {{"type", "offer"}, {"sdp", "v=0\r\n"}}}});
  EXPECT_EQ(error_code(*p.alice), "invalid_argument");
  say(p.alice, {{"type", "session.signal"},
                {"id", 9},
                {"to", new_id()},
                {"signal", {{"type", "offer"}, {"sdp", "v=0\r\n"}}}});
  EXPECT_EQ(error_code(*p.alice), "not_admitted");
  EXPECT_TRUE(p.fran->of_type("session_signal").empty());
}

TEST_F(LiveSessionsTest, AParticipantsFacilitatorCommandsAreRefusedAndNobodyHearsOfThem) {
  auto p = both_in_the_room();
  auto bob = connect(5, world_.bob);
  const auto bob_id = join(bob);
  const auto fran_states = p.fran->of_type("session_state").size();
  for (const auto& command : std::vector<nlohmann::json>{
           {{"type", "session.admit"}, {"participant_id", bob_id}},
           {{"type", "session.admit"}, {"all", true}},
           {{"type", "session.mute"}, {"participant_id", p.fran_id}, {"hard", true}},
           {{"type", "session.remove"}, {"participant_id", p.fran_id}},
           {{"type", "session.send_back"}, {"participant_id", p.fran_id}},
           {{"type", "session.lock"}, {"locked", true}},
           {{"type", "session.spotlight"}, {"participant_id", p.alice_id}},
           {{"type", "session.settings"}, {"auto_admit", true}},
           {{"type", "session.end"}},
       }) {
    say(p.alice, command);
    EXPECT_EQ(error_code(*p.alice), "permission_denied") << command["type"];
  }
  EXPECT_EQ(p.fran->of_type("session_state").size(), fran_states);
  EXPECT_EQ(last_state(*bob)["stage"], "waiting");
}

TEST_F(LiveSessionsTest, AHardMuteHoldsAgainstTheParticipantsOwnUnmute) {
  auto p = both_in_the_room();
  say(p.fran, {{"type", "session.mute"}, {"participant_id", p.alice_id}, {"hard", true}});
  const auto alice_entry = last_state(*p.alice)["participants"][1];
  EXPECT_EQ(alice_entry["hard_muted"], true);
  say(p.alice, {{"type", "session.media"}, {"id", 3}, {"muted", false}});
  EXPECT_EQ(error_code(*p.alice), "hard_muted");
  EXPECT_EQ(last_state(*p.fran)["participants"][1]["muted"], true);
  say(p.fran, {{"type", "session.allow_unmute"}, {"participant_id", p.alice_id}});
  say(p.alice, {{"type", "session.media"}, {"id", 4}, {"muted", false}});
  EXPECT_EQ(last_state(*p.fran)["participants"][1]["muted"], false);
}

TEST_F(LiveSessionsTest, ASecondTabTakesOverAndTheFirstIsToldWhy) {
  auto p = both_in_the_room();
  auto second = connect(9, world_.alice);
  const auto new_id_of_alice = join(second);
  const auto closed = p.alice->of_type("session_closed");
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0]["reason"], "joined_elsewhere");
  EXPECT_EQ(last_state(*second)["stage"], "in_room");  // admitted before: straight back in
  // The old tab is out: its signalling is refused.
  say(p.alice, {{"type", "session.signal"},
                {"id", 5},
                {"to", p.fran_id},
                {"signal", {{"type", "offer"}, {"sdp", "v=0\r\n"}}}});
  EXPECT_EQ(error_code(*p.alice), "not_admitted");
  // Closing the old tab does not take the person out.
  hub_.on_close(p.alice);
  EXPECT_EQ(last_state(*p.fran)["participants"].size(), 2u);
  EXPECT_EQ(last_state(*p.fran)["participants"][1]["participant_id"], new_id_of_alice);
}

TEST_F(LiveSessionsTest, ClosingTheConnectionLeavesAndAttendanceCountsTheTimeInTheRoom) {
  world_.clock().advance(std::chrono::minutes(5));  // the start
  auto p = both_in_the_room();
  world_.clock().advance(std::chrono::minutes(20));
  hub_.on_close(p.alice);
  EXPECT_EQ(last_state(*p.fran)["participants"].size(), 1u);
  const auto row = attendance_of(world_.alice);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->attended_ms, 20 * kMinute);
  EXPECT_EQ(row->open_since_ms, 0);
  // Back later: straight into the room, and the stretches add up.
  auto again = connect(10, world_.alice);
  join(again);
  EXPECT_EQ(last_state(*again)["stage"], "in_room");
  world_.clock().advance(std::chrono::minutes(10));
  say(again, {{"type", "session.leave"}, {"id", "bye"}});
  EXPECT_EQ(again->of_type("session_closed").back()["reason"], "left");
  EXPECT_EQ(attendance_of(world_.alice)->attended_ms, 30 * kMinute);
}

TEST_F(LiveSessionsTest, SentBackToTheWaitingRoomStopsTheClock) {
  world_.clock().advance(std::chrono::minutes(5));
  auto p = both_in_the_room();
  world_.clock().advance(std::chrono::minutes(3));
  say(p.fran, {{"type", "session.send_back"}, {"participant_id", p.alice_id}});
  EXPECT_EQ(last_state(*p.alice)["stage"], "waiting");
  EXPECT_EQ(attendance_of(world_.alice)->attended_ms, 3 * kMinute);
  world_.clock().advance(std::chrono::minutes(7));
  say(p.fran, {{"type", "session.admit"}, {"participant_id", p.alice_id}});
  world_.clock().advance(std::chrono::minutes(1));
  say(p.fran, {{"type", "session.end"}});
  EXPECT_EQ(p.alice->of_type("session_closed").back()["reason"], "ended");
  EXPECT_EQ(p.fran->of_type("session_closed").back()["reason"], "ended");
  EXPECT_EQ(attendance_of(world_.alice)->attended_ms, 4 * kMinute);
  // Nobody gets back into an ended session.
  auto later = connect(11, world_.alice);
  say(later, {{"type", "session.join"}, {"id", 1}});
  EXPECT_EQ(error_code(*later), "conflict");
}

TEST_F(LiveSessionsTest, RemovedPeopleAreClosedAndCannotJoinAgain) {
  auto p = both_in_the_room();
  say(p.fran, {{"type", "session.remove"}, {"participant_id", p.alice_id}});
  EXPECT_EQ(p.alice->of_type("session_closed").back()["reason"], "removed");
  // Nor is she among those the facilitator still expects.
  const auto seen_by_fran = last_state(*p.fran);
  for (const auto& person : seen_by_fran["expected"]) EXPECT_NE(person["name"], "Alice");
  EXPECT_FALSE(seen_by_fran["expected"].empty());  // Bob still is
  auto again = connect(12, world_.alice);
  say(again, {{"type", "session.join"}, {"id", 1}});
  EXPECT_EQ(error_code(*again), "conflict");
  EXPECT_EQ(attendance_of(world_.alice)->open_since_ms, 0);
}

TEST_F(LiveSessionsTest, ReactionsReachTheRoomAtMostOneEveryTwoSeconds) {
  auto p = both_in_the_room();
  say(p.alice, {{"type", "session.react"}, {"id", 1}, {"reaction", "heart"}});
  ASSERT_EQ(p.fran->of_type("session_reacted").size(), 1u);
  EXPECT_EQ(p.fran->of_type("session_reacted")[0]["participant_id"], p.alice_id);
  say(p.alice, {{"type", "session.react"}, {"id", 2}, {"reaction", "heart"}});
  EXPECT_EQ(error_code(*p.alice), "rate_limited");
  say(p.alice, {{"type", "session.react"}, {"id", 3}, {"reaction", "<script>"}});
  EXPECT_EQ(error_code(*p.alice), "invalid_argument");
  advance(std::chrono::milliseconds(2000));
  say(p.alice, {{"type", "session.react"}, {"id", 4}, {"reaction", "clap"}});
  EXPECT_EQ(p.fran->of_type("session_reacted").size(), 2u);
}

TEST_F(LiveSessionsTest, RequestsBeforeJoiningAndUnknownSessionTypesAreRefused) {
  auto alice = connect(20, world_.alice);
  say(alice, {{"type", "session.media"}, {"id", 1}, {"muted", true}});
  EXPECT_EQ(error_code(*alice), "not_admitted");
  auto p = both_in_the_room();
  say(p.fran, {{"type", "session.teleport"}, {"id", 2}});
  EXPECT_EQ(error_code(*p.fran), "invalid_argument");
  say(p.fran, {{"type", "session.lock"}, {"id", 3}, {"locked", "yes"}});
  EXPECT_EQ(error_code(*p.fran), "invalid_argument");
  say(p.fran, {{"type", "session.mute"}, {"id", 4}});
  EXPECT_EQ(error_code(*p.fran), "invalid_argument");
}

}  // namespace
}  // namespace hearth::realtime

namespace hearth::realtime {
namespace {

// Breakout rooms and the pull-aside through the hub: where people are, who hears what, and the
// clock's warning and recall (the room's own rules are live_room_breakouts_test's).
class LiveBreakoutsTest : public LiveSessionsTest {
 protected:
  void SetUp() override {
    LiveSessionsTest::SetUp();
    world_.clock().advance(std::chrono::minutes(5));
    p_ = both_in_the_room();
    bob_ = connect(5, world_.bob);
    bob_id_ = join(bob_);
    say(p_.fran, {{"type", "session.admit"}, {"participant_id", bob_id_}});
  }
  static int place_of(const nlohmann::json& state, const std::string& participant_id) {
    for (const auto& p : state["participants"]) {
      if (p["participant_id"] == participant_id) return p["place"];
    }
    return -99;
  }

  Pair p_;
  std::shared_ptr<RecordingPeer> bob_;
  std::string bob_id_;
};

TEST_F(LiveBreakoutsTest, ARoundOfBreakoutsWithItsWordsItsClockAndItsRecall) {
  say(p_.fran, {{"type", "session.breakouts_prepare"}, {"rooms", 2}});
  say(p_.fran, {{"type", "session.breakout_assign"}, {"user_id", world_.alice.id}, {"room", 1}});
  say(p_.fran, {{"type", "session.breakout_assign"}, {"user_id", world_.bob.id}, {"room", 2}});
  say(p_.fran, {{"type", "session.breakouts_open"}, {"id", 9}, {"seconds", 10801}});
  EXPECT_EQ(error_code(*p_.fran), "invalid_argument");  // three hours at most
  say(p_.fran, {{"type", "session.breakouts_open"}, {"seconds", 300}});
  auto state = last_state(*p_.alice);
  EXPECT_EQ(state["place"], 1);
  EXPECT_EQ(state["breakouts"]["stage"], "open");
  EXPECT_EQ(state["breakouts"]["ends_at_ms"], world_.clock().now_ms() + 300'000);
  EXPECT_EQ(place_of(state, bob_id_), 2);

  // Alice and Bob are apart now: no signalling between them.
  say(p_.alice, {{"type", "session.signal"},
                 {"id", 1},
                 {"to", bob_id_},
                 {"signal", {{"type", "offer"}, {"sdp", "v=0\r\n"}}}});
  EXPECT_EQ(error_code(*p_.alice), "not_admitted");
  // A word in Alice's room reaches Alice's room only; a broadcast reaches every room.
  say(p_.alice, {{"type", "session.room_message"}, {"id", 2}, {"text", "hello room one"}});
  EXPECT_EQ(p_.alice->of_type("session_room_message").size(), 1u);
  EXPECT_TRUE(bob_->of_type("session_room_message").empty());
  EXPECT_TRUE(p_.fran->of_type("session_room_message").empty());
  say(p_.fran, {{"type", "session.broadcast"}, {"id", 3}, {"text", "Two minutes left"}});
  EXPECT_EQ(p_.alice->of_type("session_broadcast").back()["text"], "Two minutes left");
  EXPECT_EQ(bob_->of_type("session_broadcast").size(), 1u);
  say(p_.alice, {{"type", "session.broadcast"}, {"id", 4}, {"text", "me too"}});
  EXPECT_EQ(error_code(*p_.alice), "permission_denied");

  // Bob asks for a facilitator; Fran hears it and visits.
  say(bob_, {{"type", "session.help"}, {"id", 5}});
  ASSERT_EQ(p_.fran->of_type("session_help_requested").size(), 1u);
  EXPECT_EQ(p_.fran->of_type("session_help_requested")[0]["room"], 2);
  EXPECT_TRUE(p_.alice->of_type("session_help_requested").empty());
  EXPECT_EQ(last_state(*p_.fran)["breakouts"]["rooms"][1]["help_requested"], true);
  say(p_.fran, {{"type", "session.breakout_visit"}, {"room", 2}});
  EXPECT_EQ(last_state(*p_.fran)["place"], 2);

  // Extended by 20 minutes and shortened back: any length up to three hours is a length.
  say(p_.fran, {{"type", "session.breakouts_time"}, {"seconds", 1200}});
  EXPECT_EQ(last_state(*p_.alice)["breakouts"]["ends_at_ms"], world_.clock().now_ms() + 1'500'000);
  say(p_.fran, {{"type", "session.breakouts_time"}, {"seconds", -1200}});

  // The clock: a warning a minute before, then everyone back.
  world_.clock().advance(std::chrono::seconds(241));
  live_.tick();
  EXPECT_EQ(last_state(*p_.alice)["breakouts"]["warned"], true);
  world_.clock().advance(std::chrono::seconds(60));
  live_.tick();
  state = last_state(*p_.alice);
  EXPECT_EQ(state["place"], 0);
  EXPECT_EQ(state["breakouts"]["stage"], "prepared");
  EXPECT_EQ(last_state(*bob_)["place"], 0);
  // Time in the breakout rooms is time in the session.
  hub_.on_close(p_.alice);
  EXPECT_EQ(attendance_of(world_.alice)->attended_ms, 301'000);
}

TEST_F(LiveBreakoutsTest, AParticipantCannotRunTheBreakoutsAndBadRequestsChangeNothing) {
  const auto states = p_.fran->of_type("session_state").size();
  for (const auto& command : std::vector<nlohmann::json>{
           {{"type", "session.breakouts_prepare"}, {"rooms", 2}},
           {{"type", "session.breakouts_random"}},
           {{"type", "session.breakouts_open"}, {"seconds", 60}},
           {{"type", "session.breakouts_recall"}},
           {{"type", "session.pull_aside"}, {"participant_id", bob_id_}},
       }) {
    say(p_.alice, command);
    EXPECT_EQ(error_code(*p_.alice), "permission_denied") << command["type"];
  }
  EXPECT_EQ(p_.fran->of_type("session_state").size(), states);
  say(p_.fran, {{"type", "session.breakouts_prepare"}, {"rooms", "two"}});
  EXPECT_EQ(error_code(*p_.fran), "invalid_argument");
  say(p_.fran, {{"type", "session.breakout_assign"}, {"user_id", "x"}, {"room", 1}});
  EXPECT_EQ(error_code(*p_.fran), "invalid_argument");
  say(p_.alice, {{"type", "session.room_message"}, {"text", std::string(2001, 'a')}});
  EXPECT_EQ(error_code(*p_.alice), "invalid_argument");
  say(p_.alice, {{"type", "session.help"}});
  EXPECT_EQ(error_code(*p_.alice), "conflict");  // not in a breakout room
  EXPECT_EQ(p_.fran->of_type("session_state").size(), states);
}

TEST_F(LiveBreakoutsTest, APullAsideIsPrivateAndTheGroupGoesOn) {
  say(p_.fran, {{"type", "session.pull_aside"}, {"participant_id", p_.alice_id}});
  EXPECT_EQ(last_state(*p_.alice)["place"], -1);
  EXPECT_EQ(last_state(*p_.fran)["place"], -1);
  EXPECT_EQ(last_state(*bob_)["place"], 0);
  say(p_.alice, {{"type", "session.room_message"}, {"text", "can we talk"}});
  EXPECT_EQ(p_.fran->of_type("session_room_message").size(), 1u);
  EXPECT_TRUE(bob_->of_type("session_room_message").empty());
  say(p_.fran, {{"type", "session.aside_end"}});
  EXPECT_EQ(last_state(*p_.alice)["place"], 0);
}

}  // namespace
}  // namespace hearth::realtime
