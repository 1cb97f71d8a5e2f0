#include "domain/session/live_room.hpp"

#include <gtest/gtest.h>

namespace hearth::session {
namespace {

// The room's clock is whatever the test says it is: every operation takes `now`.
constexpr std::int64_t kStart = 1'790'000'000'000;

Person facilitator_person(std::string id = "usr_priya") {
  return {std::move(id), "Priya", "she/her", Role::facilitator};
}
Person member(std::string id, std::string name) {
  return {std::move(id), std::move(name), "", Role::participant};
}

std::vector<std::string> ids_of(const std::vector<const Participant*>& list) {
  std::vector<std::string> out;
  for (const auto* p : list) out.push_back(p->participant_id);
  return out;
}

class LiveRoomTest : public ::testing::Test {
 protected:
  // Priya facilitates; Avery and Blake wait.
  void SetUp() override {
    ASSERT_TRUE(room.join(facilitator_person(), "par_f", now));
    ASSERT_TRUE(room.join(member("usr_avery", "Avery"), "par_a", now));
    ASSERT_TRUE(room.join(member("usr_blake", "Blake"), "par_b", now + 1000));
  }
  void admit_both() { ASSERT_TRUE(room.admit_all("par_f", now)); }

  std::int64_t now = kStart;
  LiveRoom room{"occ_1"};
};

TEST_F(LiveRoomTest, FacilitatorsEnterAndParticipantsWaitInTheOrderTheyCame) {
  EXPECT_EQ(ids_of(room.in_room()), std::vector<std::string>{"par_f"});
  EXPECT_EQ(ids_of(room.waiting()), (std::vector<std::string>{"par_a", "par_b"}));
  EXPECT_EQ(room.place_in_line("par_a"), 1u);
  EXPECT_EQ(room.place_in_line("par_b"), 2u);
  EXPECT_EQ(room.place_in_line("par_f"), 0u);
  EXPECT_EQ(room.lead(), "par_f");
  EXPECT_EQ(room.find("par_b")->waiting_since_ms, kStart + 1000);
}

TEST_F(LiveRoomTest, AdmittingOneStartsTheirAttendanceAndMovesTheLine) {
  const auto effects = room.admit("par_f", "par_a", now);
  ASSERT_TRUE(effects);
  EXPECT_EQ(effects->attendance_started, std::vector<std::string>{"usr_avery"});
  EXPECT_EQ(room.place_in_line("par_b"), 1u);
  EXPECT_EQ(ids_of(room.in_room()), (std::vector<std::string>{"par_f", "par_a"}));
  // Admitting again changes nothing and starts nothing.
  const auto version = room.version();
  const auto again = room.admit("par_f", "par_a", now);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->attendance_started.empty());
  EXPECT_EQ(room.version(), version);
}

TEST_F(LiveRoomTest, AdmitAllLetsEveryoneInInTheLinesOrder) {
  const auto effects = room.admit_all("par_f", now);
  ASSERT_TRUE(effects);
  EXPECT_EQ(effects->attendance_started, (std::vector<std::string>{"usr_avery", "usr_blake"}));
  EXPECT_LT(room.find("par_a")->joined_seq, room.find("par_b")->joined_seq);
  EXPECT_TRUE(room.waiting().empty());
}

TEST_F(LiveRoomTest, AParticipantCannotUseAnyFacilitatorCommandAndNothingChanges) {
  admit_both();
  const auto version = room.version();
  EXPECT_EQ(room.admit("par_a", "par_b", now).error().code, Errc::permission_denied);
  EXPECT_EQ(room.admit_all("par_a", now).error().code, Errc::permission_denied);
  EXPECT_EQ(room.send_back("par_a", "par_b", now).error().code, Errc::permission_denied);
  EXPECT_EQ(room.remove("par_a", "par_b").error().code, Errc::permission_denied);
  EXPECT_EQ(room.mute("par_a", "par_b", true).error().code, Errc::permission_denied);
  EXPECT_EQ(room.mute_all("par_a", false).error().code, Errc::permission_denied);
  EXPECT_EQ(room.allow_unmute("par_a", "par_a").error().code, Errc::permission_denied);
  EXPECT_EQ(room.stop_camera("par_a", "par_b").error().code, Errc::permission_denied);
  EXPECT_EQ(room.lower_hand("par_a", "par_b").error().code, Errc::permission_denied);
  EXPECT_EQ(room.lock("par_a", true).error().code, Errc::permission_denied);
  EXPECT_EQ(room.spotlight("par_a", "par_a").error().code, Errc::permission_denied);
  EXPECT_EQ(room.change_settings("par_a", {.auto_admit = true}).error().code,
            Errc::permission_denied);
  EXPECT_EQ(room.hand_over("par_a", "par_a").error().code, Errc::permission_denied);
  EXPECT_EQ(room.end("par_a").error().code, Errc::permission_denied);
  EXPECT_EQ(room.version(), version);
  EXPECT_FALSE(room.ended());
  EXPECT_FALSE(room.locked());
}

TEST_F(LiveRoomTest, SomeoneWaitingCanNeitherSignalNorChangeTheirMedia) {
  EXPECT_EQ(room.may_signal("par_a", "par_f").error().code, Errc::not_admitted);
  EXPECT_EQ(room.may_signal("par_f", "par_a").error().code, Errc::not_admitted);
  EXPECT_EQ(room.change_media("par_a", {.muted = true}).error().code, Errc::not_admitted);
  EXPECT_EQ(room.raise_hand("par_a", true).error().code, Errc::not_admitted);
  EXPECT_EQ(room.admit("par_a", "par_b", now).error().code, Errc::not_admitted);
  ASSERT_TRUE(room.admit("par_f", "par_a", now));
  EXPECT_TRUE(room.may_signal("par_a", "par_f"));
  EXPECT_EQ(room.may_signal("par_a", "par_a").error().code, Errc::invalid_argument);
  EXPECT_EQ(room.may_signal("par_a", "par_nobody").error().code, Errc::not_admitted);
}

TEST_F(LiveRoomTest, AHardMuteHoldsAgainstTheParticipantsOwnUnmuteUntilAllowed) {
  admit_both();
  ASSERT_TRUE(room.mute("par_f", "par_a", /*hard=*/true));
  EXPECT_TRUE(room.find("par_a")->muted);
  EXPECT_TRUE(room.find("par_a")->hard_muted);
  const auto version = room.version();
  EXPECT_EQ(room.change_media("par_a", {.muted = false}).error().code, Errc::hard_muted);
  EXPECT_TRUE(room.find("par_a")->muted);
  EXPECT_EQ(room.version(), version);
  // Their camera is still theirs.
  EXPECT_TRUE(room.change_media("par_a", {.camera_on = false}));
  ASSERT_TRUE(room.allow_unmute("par_f", "par_a"));
  EXPECT_TRUE(room.find("par_a")->muted);  // allowed, not unmuted: that is the participant's call
  EXPECT_TRUE(room.change_media("par_a", {.muted = false}));
  EXPECT_FALSE(room.find("par_a")->muted);
}

TEST_F(LiveRoomTest, ASoftMuteCanBeLiftedByTheParticipant) {
  admit_both();
  ASSERT_TRUE(room.mute("par_f", "par_a", false));
  EXPECT_TRUE(room.change_media("par_a", {.muted = false}));
}

TEST_F(LiveRoomTest, MuteAllLeavesTheFacilitatorsAlone) {
  admit_both();
  ASSERT_TRUE(room.mute_all("par_f", /*hard=*/true));
  EXPECT_TRUE(room.find("par_a")->hard_muted);
  EXPECT_TRUE(room.find("par_b")->hard_muted);
  EXPECT_FALSE(room.find("par_f")->muted);
  ASSERT_TRUE(room.allow_unmute_all("par_f"));
  EXPECT_FALSE(room.find("par_b")->hard_muted);
  EXPECT_EQ(room.mute("par_f", "par_f", true).error().code, Errc::permission_denied);
}

TEST_F(LiveRoomTest, ReconnectingKeepsAHardMute) {
  admit_both();
  ASSERT_TRUE(room.mute("par_f", "par_a", true));
  // A new tab of Avery's while the old one is still open: the old one is closed, the new one is
  // in the room at once (admitted before), and the hard mute still holds.
  const auto effects = room.join(member("usr_avery", "Avery"), "par_a2", now + 5000);
  ASSERT_TRUE(effects);
  ASSERT_EQ(effects->closed.size(), 1u);
  EXPECT_EQ(effects->closed[0].participant_id, "par_a");
  EXPECT_EQ(effects->closed[0].reason, CloseReason::joined_elsewhere);
  EXPECT_TRUE(effects->attendance_started.empty());  // never left: the time counts on
  EXPECT_EQ(room.find("par_a"), nullptr);
  ASSERT_NE(room.find("par_a2"), nullptr);
  EXPECT_EQ(room.find("par_a2")->stage, Stage::in_room);
  EXPECT_TRUE(room.find("par_a2")->hard_muted);
  EXPECT_EQ(room.change_media("par_a2", {.muted = false}).error().code, Errc::hard_muted);
}

TEST_F(LiveRoomTest, ASecondTabOfSomeoneWaitingKeepsTheirPlaceInLine) {
  ASSERT_TRUE(room.join(member("usr_avery", "Avery"), "par_a2", now + 9000));
  EXPECT_EQ(ids_of(room.waiting()), (std::vector<std::string>{"par_a2", "par_b"}));
}

TEST_F(LiveRoomTest, LeavingStopsAttendanceAndComingBackSkipsTheWaitingRoom) {
  admit_both();
  const auto left = room.leave("par_a");
  EXPECT_EQ(left.attendance_stopped, std::vector<std::string>{"usr_avery"});
  EXPECT_EQ(room.find("par_a"), nullptr);
  const auto back = room.join(member("usr_avery", "Avery"), "par_a3", now + 60'000);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->attendance_started, std::vector<std::string>{"usr_avery"});
  EXPECT_EQ(room.find("par_a3")->stage, Stage::in_room);
  // Leaving from the waiting room never started attendance, so it stops none.
  EXPECT_TRUE(room.leave("par_nobody").attendance_stopped.empty());
}

TEST_F(LiveRoomTest, LeavingTheWaitingRoomStopsNoAttendance) {
  const auto left = room.leave("par_b");
  EXPECT_TRUE(left.attendance_stopped.empty());
  EXPECT_EQ(room.place_in_line("par_a"), 1u);
}

TEST_F(LiveRoomTest, SentBackToTheWaitingRoomMeansWaitingAgainEvenAfterAReload) {
  admit_both();
  ASSERT_TRUE(room.raise_hand("par_a", true));
  const auto effects = room.send_back("par_f", "par_a", now + 30'000);
  ASSERT_TRUE(effects);
  EXPECT_EQ(effects->attendance_stopped, std::vector<std::string>{"usr_avery"});
  EXPECT_EQ(room.find("par_a")->stage, Stage::waiting);
  EXPECT_EQ(room.find("par_a")->waiting_since_ms, now + 30'000);
  EXPECT_TRUE(room.hands().empty());
  // A reload does not get them back in.
  room.leave("par_a");
  ASSERT_TRUE(room.join(member("usr_avery", "Avery"), "par_a4", now + 40'000));
  EXPECT_EQ(room.find("par_a4")->stage, Stage::waiting);
  EXPECT_EQ(room.send_back("par_f", "par_f", now).error().code, Errc::permission_denied);
}

TEST_F(LiveRoomTest, RemovedPeopleAreClosedAndCannotComeBack) {
  admit_both();
  const auto effects = room.remove("par_f", "par_b");
  ASSERT_TRUE(effects);
  EXPECT_EQ(effects->attendance_stopped, std::vector<std::string>{"usr_blake"});
  ASSERT_EQ(effects->closed.size(), 1u);
  EXPECT_EQ(effects->closed[0].reason, CloseReason::removed);
  EXPECT_EQ(room.find("par_b"), nullptr);
  EXPECT_EQ(room.join(member("usr_blake", "Blake"), "par_b2", now).error().code, Errc::conflict);
  EXPECT_EQ(room.remove("par_f", "par_f").error().code, Errc::permission_denied);
  EXPECT_EQ(room.remove("par_f", "par_nobody").error().code, Errc::not_found);
}

TEST_F(LiveRoomTest, ALockedRoomRefusesNewcomersButNotThoseWaitingOrComingBack) {
  admit_both();
  ASSERT_TRUE(room.join(member("usr_casey", "Casey"), "par_c", now));
  ASSERT_TRUE(room.lock("par_f", true));
  EXPECT_EQ(room.join(member("usr_devon", "Devon"), "par_d", now).error().code, Errc::locked);
  EXPECT_EQ(room.find("par_d"), nullptr);
  EXPECT_TRUE(room.admit("par_f", "par_c", now));
  room.leave("par_a");
  EXPECT_TRUE(room.join(member("usr_avery", "Avery"), "par_a5", now));
  EXPECT_TRUE(room.join(facilitator_person("usr_sam"), "par_s", now));
  ASSERT_TRUE(room.lock("par_f", false));
  EXPECT_TRUE(room.join(member("usr_devon", "Devon"), "par_d", now));
}

TEST_F(LiveRoomTest, AutoAdmitLetsParticipantsStraightIn) {
  ASSERT_TRUE(room.change_settings("par_f", {.auto_admit = true}));
  const auto effects = room.join(member("usr_casey", "Casey"), "par_c", now);
  ASSERT_TRUE(effects);
  EXPECT_EQ(room.find("par_c")->stage, Stage::in_room);
  EXPECT_EQ(effects->attendance_started, std::vector<std::string>{"usr_casey"});
  // Those already waiting still wait for the facilitator.
  EXPECT_EQ(room.find("par_a")->stage, Stage::waiting);
}

TEST_F(LiveRoomTest, AGuestWaitsEvenWithAutoAdmitAndAddsToNoAttendance) {
  ASSERT_TRUE(room.change_settings("par_f", {.auto_admit = true}));
  Person guest = member("usr_robin", "Robin");
  guest.guest = true;
  auto effects = room.join(guest, "par_g", now);
  ASSERT_TRUE(effects);
  EXPECT_EQ(room.find("par_g")->stage, Stage::waiting);
  EXPECT_EQ(room.place_in_line("par_g"), 3u);  // behind Avery and Blake
  effects = room.admit("par_f", "par_g", now);
  ASSERT_TRUE(effects);
  EXPECT_EQ(room.find("par_g")->stage, Stage::in_room);
  EXPECT_TRUE(effects->attendance_started.empty());
  EXPECT_TRUE(room.leave("par_g").attendance_stopped.empty());
  // Admitted once, a guest who comes back is let in again, as anyone admitted before.
  ASSERT_TRUE(room.join(guest, "par_g2", now));
  EXPECT_EQ(room.find("par_g2")->stage, Stage::in_room);
  // The invitation withdrawn: out at once, told why; invited again, they wait again.
  const auto dismissed = room.dismiss("usr_robin");
  ASSERT_EQ(dismissed.closed.size(), 1u);
  EXPECT_EQ(dismissed.closed[0].participant_id, "par_g2");
  EXPECT_EQ(dismissed.closed[0].reason, CloseReason::removed);
  EXPECT_EQ(room.find("par_g2"), nullptr);
  EXPECT_TRUE(room.dismiss("usr_robin").closed.empty());
  ASSERT_TRUE(room.join(guest, "par_g3", now));
  EXPECT_EQ(room.find("par_g3")->stage, Stage::waiting);
}

TEST_F(LiveRoomTest, HandsQueueInTheOrderRaisedAndTheFacilitatorLowersThem) {
  admit_both();
  ASSERT_TRUE(room.raise_hand("par_b", true));
  ASSERT_TRUE(room.raise_hand("par_a", true));
  ASSERT_TRUE(room.raise_hand("par_b", true));  // raising again keeps the place
  EXPECT_EQ(ids_of(room.hands()), (std::vector<std::string>{"par_b", "par_a"}));
  ASSERT_TRUE(room.lower_hand("par_f", "par_b"));
  EXPECT_EQ(ids_of(room.hands()), std::vector<std::string>{"par_a"});
  ASSERT_TRUE(room.raise_hand("par_a", false));
  EXPECT_TRUE(room.hands().empty());
}

TEST_F(LiveRoomTest, ScreenSharingNeedsTheFacilitatorsLeaveAndLosingItStopsTheShare) {
  admit_both();
  EXPECT_EQ(room.change_media("par_a", {.sharing = true}).error().code, Errc::permission_denied);
  EXPECT_TRUE(room.change_media("par_f", {.sharing = true}));
  ASSERT_TRUE(room.change_settings("par_f", {.sharing_allowed = true}));
  EXPECT_TRUE(room.change_media("par_a", {.sharing = true}));
  ASSERT_TRUE(room.change_settings("par_f", {.sharing_allowed = false}));
  EXPECT_FALSE(room.find("par_a")->sharing);
  EXPECT_TRUE(room.find("par_f")->sharing);
}

TEST_F(LiveRoomTest, StopCameraTurnsItOffAndTheParticipantMayTurnItOnAgain) {
  admit_both();
  ASSERT_TRUE(room.stop_camera("par_f", "par_a"));
  EXPECT_FALSE(room.find("par_a")->camera_on);
  EXPECT_TRUE(room.change_media("par_a", {.camera_on = true}));
  EXPECT_EQ(room.stop_camera("par_f", "par_nobody").error().code, Errc::not_found);
}

TEST_F(LiveRoomTest, SpotlightFollowsAReloadAndEndsWhenThePersonLeaves) {
  admit_both();
  EXPECT_EQ(room.spotlight("par_f", std::string("par_nobody")).error().code, Errc::not_found);
  ASSERT_TRUE(room.spotlight("par_f", std::string("par_a")));
  ASSERT_TRUE(room.join(member("usr_avery", "Avery"), "par_a6", now));
  EXPECT_EQ(room.spotlight(), "par_a6");
  room.leave("par_a6");
  EXPECT_FALSE(room.spotlight().has_value());
}

TEST_F(LiveRoomTest, TheWaitingMessageIsBoundedInCharactersNotBytes) {
  std::string message;
  for (int i = 0; i < 280; ++i) message += "é";  // 560 bytes
  EXPECT_TRUE(room.change_settings("par_f", {.waiting_message = message}));
  EXPECT_EQ(room.waiting_message(), message);
  const auto version = room.version();
  const auto refused =
      room.change_settings("par_f", {.auto_admit = true, .waiting_message = message + "x"});
  EXPECT_EQ(refused.error().field, "waiting_message");
  EXPECT_FALSE(room.auto_admit());
  EXPECT_EQ(room.version(), version);
}

TEST_F(LiveRoomTest, HandingOverMovesTheLeadToAnotherFacilitatorInTheRoom) {
  admit_both();
  ASSERT_TRUE(room.join(facilitator_person("usr_sam"), "par_s", now));
  EXPECT_EQ(room.lead(), "par_f");
  EXPECT_EQ(room.hand_over("par_f", "par_a").error().code, Errc::invalid_argument);
  ASSERT_TRUE(room.hand_over("par_f", "par_s"));
  EXPECT_EQ(room.lead(), "par_s");
  // While the lead is away, the facilitator who entered first leads; back, the lead is theirs.
  room.leave("par_s");
  EXPECT_EQ(room.lead(), "par_f");
  ASSERT_TRUE(room.join(facilitator_person("usr_sam"), "par_s2", now));
  EXPECT_EQ(room.lead(), "par_s2");
}

TEST_F(LiveRoomTest, EndingClosesEveryoneStopsAllAttendanceAndRefusesJoins) {
  admit_both();
  const auto effects = room.end("par_f");
  ASSERT_TRUE(effects);
  EXPECT_EQ(effects->attendance_stopped,
            (std::vector<std::string>{"usr_priya", "usr_avery", "usr_blake"}));
  EXPECT_EQ(effects->closed.size(), 3u);
  for (const auto& c : effects->closed) EXPECT_EQ(c.reason, CloseReason::ended);
  EXPECT_TRUE(room.empty());
  EXPECT_TRUE(room.ended());
  EXPECT_EQ(room.join(facilitator_person(), "par_f2", now).error().code, Errc::conflict);
}

TEST_F(LiveRoomTest, PeopleComeInMutedOrWithTheirCameraOffAsTheyChoseButAHardMuteHolds) {
  ASSERT_TRUE(room.join(member("usr_casey", "Casey"), "par_c", now,
                        {.muted = true, .camera_on = false, .sharing = true}));
  EXPECT_TRUE(room.find("par_c")->muted);
  EXPECT_FALSE(room.find("par_c")->camera_on);
  EXPECT_FALSE(room.find("par_c")->sharing);
  admit_both();
  ASSERT_TRUE(room.mute("par_f", "par_a", /*hard=*/true));
  ASSERT_TRUE(room.join(member("usr_avery", "Avery"), "par_a7", now, {.muted = false}));
  EXPECT_TRUE(room.find("par_a7")->muted);
}

TEST_F(LiveRoomTest, EveryChangeMovesTheVersionOn) {
  auto version = room.version();
  ASSERT_TRUE(room.admit("par_f", "par_a", now));
  EXPECT_GT(room.version(), version);
  version = room.version();
  ASSERT_TRUE(room.change_media("par_a", {.camera_on = false}));
  EXPECT_GT(room.version(), version);
}

}  // namespace
}  // namespace hearth::session
