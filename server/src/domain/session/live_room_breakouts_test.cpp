#include <gtest/gtest.h>

#include "domain/session/live_room.hpp"

namespace hearth::session {
namespace {

constexpr std::int64_t kStart = 1'790'000'000'000;
constexpr std::int64_t kMinute = 60'000;

Person person(std::string id, Role role = Role::participant) {
  return {id, id, "", role};
}

// Fran facilitates; five participants are in the room; the clock is the test's.
class BreakoutsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(room.join(person("fran", Role::facilitator), "p_fran", now));
    ASSERT_TRUE(room.change_settings("p_fran", {.auto_admit = true}));
    for (const char* name : {"ann", "ben", "cat", "dan", "eve"}) {
      ASSERT_TRUE(room.join(person(name), std::string("p_") + name, now));
    }
  }
  int place(const std::string& participant_id) { return room.find(participant_id)->place; }

  std::int64_t now = kStart;
  LiveRoom room{"occ"};
};

TEST_F(BreakoutsTest, RoomsArePreparedAssignedByHandAndOpenedEveryoneToTheirRoom) {
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 2, 2));
  ASSERT_TRUE(room.assign("p_fran", "ann", 1));
  ASSERT_TRUE(room.assign("p_fran", "ben", 1));
  EXPECT_EQ(room.assign("p_fran", "cat", 1).error().message, "this breakout room is full");
  ASSERT_TRUE(room.assign("p_fran", "cat", 2));
  EXPECT_EQ(place("p_ann"), kMainRoom);  // prepared, not open
  ASSERT_TRUE(room.open_breakouts("p_fran", 10 * kMinute, now));
  EXPECT_EQ(place("p_ann"), 1);
  EXPECT_EQ(place("p_ben"), 1);
  EXPECT_EQ(place("p_cat"), 2);
  EXPECT_EQ(place("p_dan"), kMainRoom);  // not assigned: stays with the facilitator
  EXPECT_EQ(place("p_fran"), kMainRoom);
  // Only people in the same place reach each other.
  EXPECT_TRUE(room.may_signal("p_ann", "p_ben"));
  EXPECT_EQ(room.may_signal("p_ann", "p_cat").error().code, Errc::not_admitted);
  EXPECT_EQ(room.may_signal("p_ann", "p_fran").error().code, Errc::not_admitted);
}

TEST_F(BreakoutsTest, AssignmentsMadeBeforeAnyoneJoinsHoldWhenTheyArrive) {
  LiveRoom early{"occ2"};
  ASSERT_TRUE(early.join(person("fran", Role::facilitator), "f", now));
  ASSERT_TRUE(early.prepare_breakouts("f", 3, 4));
  ASSERT_TRUE(early.assign("f", "zoe", 3));  // not here yet
  ASSERT_TRUE(early.change_settings("f", {.auto_admit = true}));
  ASSERT_TRUE(early.open_breakouts("f", 5 * kMinute, now));
  ASSERT_TRUE(early.join(person("zoe"), "z", now + kMinute));
  EXPECT_EQ(early.find("z")->place, 3);
}

TEST_F(BreakoutsTest, RandomAssignmentFillsTheEmptiestRoomsAndRespectsTheCap) {
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 2, 2));
  ASSERT_TRUE(room.assign("p_fran", "ann", 1));
  ASSERT_TRUE(room.assign_randomly("p_fran", 42));
  std::size_t assigned = 0;
  for (const auto& r : room.breakouts().rooms) {
    EXPECT_LE(r.assigned.size(), 2u);
    assigned += r.assigned.size();
  }
  EXPECT_EQ(assigned, 4u);  // two rooms of two: one of the five stays in the main room
  EXPECT_EQ(room.assigned_room("fran"), kMainRoom);  // facilitators are never assigned
  // The same seed gives the same rooms: the caller's randomness is the only one.
  LiveRoom again{"occ"};
  ASSERT_TRUE(again.join(person("fran", Role::facilitator), "p_fran", now));
  ASSERT_TRUE(again.change_settings("p_fran", {.auto_admit = true}));
  for (const char* name : {"ann", "ben", "cat", "dan", "eve"}) {
    ASSERT_TRUE(again.join(person(name), std::string("p_") + name, now));
  }
  ASSERT_TRUE(again.prepare_breakouts("p_fran", 2, 2));
  ASSERT_TRUE(again.assign("p_fran", "ann", 1));
  ASSERT_TRUE(again.assign_randomly("p_fran", 42));
  EXPECT_EQ(again.breakouts().rooms[1].assigned, room.breakouts().rooms[1].assigned);
}

TEST_F(BreakoutsTest, ParticipantsChooseOnlyWhenAllowedAndOnlyWhileThereIsRoom) {
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 2, 2));
  EXPECT_EQ(room.choose_room("p_ann", 1).error().code, Errc::permission_denied);
  ASSERT_TRUE(room.set_choosing("p_fran", true));
  ASSERT_TRUE(room.choose_room("p_ann", 1));
  ASSERT_TRUE(room.choose_room("p_ben", 1));
  EXPECT_EQ(room.choose_room("p_cat", 1).error().code, Errc::conflict);
  EXPECT_EQ(room.choose_room("p_cat", 9).error().field, "room");
  ASSERT_TRUE(room.choose_room("p_ann", 2));  // changing one's mind frees the seat
  ASSERT_TRUE(room.choose_room("p_cat", 1));
  EXPECT_EQ(room.assigned_room("ann"), 2);
}

TEST_F(BreakoutsTest, TheClockWarnsAMinuteBeforeAndThenBringsEveryoneBack) {
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 1, 4));
  ASSERT_TRUE(room.assign("p_fran", "ann", 1));
  ASSERT_TRUE(room.open_breakouts("p_fran", 5 * kMinute, now));
  EXPECT_FALSE(room.tick(now + 3 * kMinute).warned);
  const auto warning = room.tick(now + 4 * kMinute);
  EXPECT_TRUE(warning.warned);
  EXPECT_FALSE(warning.recalled);
  EXPECT_FALSE(room.tick(now + 4 * kMinute + 1000).warned);  // once
  const auto done = room.tick(now + 5 * kMinute);
  EXPECT_TRUE(done.recalled);
  EXPECT_EQ(place("p_ann"), kMainRoom);
  EXPECT_EQ(room.breakouts().stage, BreakoutStage::prepared);  // ready for another round
  EXPECT_EQ(room.assigned_room("ann"), 1);
}

TEST_F(BreakoutsTest, ExtendingPutsTheWarningBackAndShorteningStopsTenSecondsAway) {
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 1, 4));
  ASSERT_TRUE(room.open_breakouts("p_fran", 2 * kMinute, now));
  EXPECT_TRUE(room.tick(now + kMinute).warned);
  ASSERT_TRUE(room.change_breakout_time("p_fran", 5 * kMinute, now + kMinute));
  EXPECT_EQ(room.breakouts().ends_at_ms, now + 7 * kMinute);
  EXPECT_FALSE(room.breakouts().warned);
  ASSERT_TRUE(room.change_breakout_time("p_fran", -60 * kMinute, now + kMinute));
  EXPECT_EQ(room.breakouts().ends_at_ms, now + kMinute + 10'000);
  EXPECT_EQ(room.change_breakout_time("p_ann", kMinute, now).error().code, Errc::permission_denied);
}

TEST_F(BreakoutsTest, HelpIsAskedFromABreakoutRoomAndAVisitAnswersIt) {
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 2, 4));
  ASSERT_TRUE(room.assign("p_fran", "ann", 2));
  EXPECT_EQ(room.request_help("p_ann").error().code, Errc::conflict);  // not open yet
  ASSERT_TRUE(room.open_breakouts("p_fran", 10 * kMinute, now));
  EXPECT_EQ(room.request_help("p_dan").error().code, Errc::conflict);  // in the main room
  const auto asked = room.request_help("p_ann");
  ASSERT_TRUE(asked);
  EXPECT_EQ(*asked, 2);
  EXPECT_TRUE(room.breakouts().rooms[1].help_requested);
  ASSERT_TRUE(room.visit("p_fran", 2));
  EXPECT_FALSE(room.breakouts().rooms[1].help_requested);
  EXPECT_TRUE(room.may_signal("p_fran", "p_ann"));
  EXPECT_EQ(room.visit("p_ann", 1).error().code, Errc::permission_denied);
  ASSERT_TRUE(room.recall("p_fran"));
  EXPECT_EQ(place("p_ann"), kMainRoom);
  EXPECT_EQ(place("p_fran"), kMainRoom);
}

TEST_F(BreakoutsTest, AParticipantsBreakoutCommandsAreRefusedAndChangeNothing) {
  const auto version = room.version();
  EXPECT_EQ(room.prepare_breakouts("p_ann", 2, 4).error().code, Errc::permission_denied);
  EXPECT_EQ(room.assign("p_ann", "ben", 1).error().code, Errc::permission_denied);
  EXPECT_EQ(room.assign_randomly("p_ann", 1).error().code, Errc::permission_denied);
  EXPECT_EQ(room.open_breakouts("p_ann", kMinute, now).error().code, Errc::permission_denied);
  EXPECT_EQ(room.recall("p_ann").error().code, Errc::permission_denied);
  EXPECT_EQ(room.pull_aside("p_ann", "p_ben").error().code, Errc::permission_denied);
  EXPECT_EQ(room.version(), version);
  EXPECT_EQ(room.prepare_breakouts("p_fran", 0, 4).error().field, "rooms");
  EXPECT_EQ(room.prepare_breakouts("p_fran", 2, 1).error().field, "cap");
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 2, 4));
  EXPECT_EQ(room.open_breakouts("p_fran", 1000, now).error().field, "seconds");
  EXPECT_EQ(room.set_lead("p_fran", 1, "ann").error().field, "user_id");  // not assigned there
}

TEST_F(BreakoutsTest, APullAsideTakesTwoOutOfTheGroupAndBringsThemBack) {
  ASSERT_TRUE(room.join(person("sam", Role::facilitator), "p_sam", now));
  ASSERT_TRUE(room.pull_aside("p_fran", "p_eve"));
  EXPECT_EQ(place("p_fran"), kAsideRoom);
  EXPECT_EQ(place("p_eve"), kAsideRoom);
  EXPECT_TRUE(room.may_signal("p_fran", "p_eve"));
  EXPECT_EQ(room.may_signal("p_ann", "p_eve").error().code, Errc::not_admitted);
  EXPECT_TRUE(room.may_signal("p_ann", "p_sam"));  // the group goes on with the co-facilitator
  EXPECT_EQ(room.pull_aside("p_sam", "p_ann").error().code, Errc::conflict);  // one at a time
  EXPECT_EQ(room.pull_aside("p_fran", "p_sam").error().field, "participant_id");
  ASSERT_TRUE(room.end_aside("p_fran"));
  EXPECT_EQ(place("p_eve"), kMainRoom);
  EXPECT_EQ(place("p_fran"), kMainRoom);
  EXPECT_EQ(room.end_aside("p_fran").error().code, Errc::conflict);
}

TEST_F(BreakoutsTest, ReconnectingDuringBreakoutsKeepsThePlaceAndSentBackLosesIt) {
  ASSERT_TRUE(room.prepare_breakouts("p_fran", 1, 4));
  ASSERT_TRUE(room.assign("p_fran", "ann", 1));
  ASSERT_TRUE(room.open_breakouts("p_fran", 10 * kMinute, now));
  ASSERT_TRUE(room.join(person("ann"), "p_ann2", now));  // another tab
  EXPECT_EQ(place("p_ann2"), 1);
  room.leave("p_ann2");
  ASSERT_TRUE(room.join(person("ann"), "p_ann3", now));  // back after a drop
  EXPECT_EQ(place("p_ann3"), 1);
  ASSERT_TRUE(room.send_back("p_fran", "p_ann3", now));
  EXPECT_EQ(place("p_ann3"), kMainRoom);
}

}  // namespace
}  // namespace hearth::session
