// Guests invited to one session (docs/api.md, "Guests"): who may invite, list and withdraw them,
// what the guest sees of the session, what they are told, and what bad invitations get — over
// real HTTP, on SQLite and on PostgreSQL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "schedule_fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::Contains;
using ::testing::Not;

class SessionGuests : public ScheduleSiteTest {
 protected:
  // No reminders arrive behind the tests' backs while they count notifications.
  std::vector<std::string> server_args() const override {
    return {"--reminder-sweep-seconds", "0"};
  }
  void SetUp() override {
    ScheduleSiteTest::SetUp();
    if (HasFatalFailure()) return;
    // A session of the mood group (Priya leads it; Avery holds a seat) in a few days.
    session_ = make_session(group_id("mood-anxiety-evening"), now_ms() + 3 * kDayMs);
    guests_ = "/api/v1/occurrences/" + session_ + "/guests";
  }
  Reply invite(const Browser& who, std::string_view email) const {
    return who.post(guests_, {{"email", email}});
  }
  std::vector<std::string> guest_emails() const {
    const Reply list = priya().get(guests_);
    EXPECT_EQ(list.status(), 200) << list.describe();
    std::vector<std::string> emails;
    for (const auto& g : list.json["guests"]) emails.push_back(g.value("email", ""));
    return emails;
  }

  std::string session_;
  std::string guests_;
};

TEST_P(SessionGuests, AGuestIsInvitedSeesTheSessionAndLosesItWhenWithdrawn) {
  const Browser robin = signed_in(demo::kRobin);
  const std::string occurrence = "/api/v1/occurrences/" + session_;
  EXPECT_EQ(robin.get(occurrence).status(), 404);

  const Reply invited = invite(priya(), "  Robin@Riverbend.example ");
  ASSERT_EQ(invited.status(), 201) << invited.describe();
  const auto& guest = invited.json["guest"];
  EXPECT_EQ(guest["person"]["id"], id_of(demo::kRobin));
  EXPECT_EQ(guest["person"]["display_name"], "Robin M.");
  EXPECT_EQ(guest["email"], demo::kRobin);
  EXPECT_EQ(guest["invited_by"]["id"], id_of(demo::kPriya));
  EXPECT_TRUE(guest["invited_at"].is_string());
  EXPECT_EQ(guest_emails(), std::vector<std::string>{std::string(demo::kRobin)});

  // The guest sees the session, as a guest, in it and in their schedule, and is told.
  const Reply seen = robin.get(occurrence);
  ASSERT_EQ(seen.status(), 200) << seen.describe();
  EXPECT_EQ(seen.json["my_role"], "guest");
  EXPECT_EQ(seen.json["can_manage"], false);
  const std::int64_t now = now_ms();
  EXPECT_THAT(schedule_ids(robin, now, now + 7 * kDayMs), Contains(session_));
  const Reply schedule = robin.get("/api/v1/me/schedule");
  ASSERT_EQ(schedule.status(), 200) << schedule.describe();
  for (const auto& o : schedule.json["occurrences"]) {
    if (o["id"] == session_) {
      EXPECT_EQ(o["my_role"], "guest");
    }
  }
  const Reply notes = robin.get("/api/v1/me/notifications");
  ASSERT_FALSE(notes.json["notifications"].empty()) << notes.describe();
  EXPECT_EQ(notes.json["notifications"][0]["kind"], "session_invited");
  EXPECT_EQ(notes.json["notifications"][0]["occurrence_id"], session_);
  // A guest manages nothing: not the guest list, not the session.
  EXPECT_EQ(robin.get(guests_).status(), 403);
  EXPECT_EQ(robin.post(occurrence + "/cancel", {{"reason", "no"}}).status(), 403);

  // The invitation is audited with the guest's id, never their email.
  const Reply trail = admin().get("/api/v1/audit?action=occurrence.guest_invite");
  ASSERT_EQ(trail.status(), 200) << trail.describe();
  ASSERT_EQ(trail.json["events"].size(), 1u) << trail.describe();
  EXPECT_EQ(trail.json["events"][0]["subject_id"], session_);
  EXPECT_EQ(trail.json["events"][0]["detail"], "guest=" + id_of(demo::kRobin));

  // Withdrawn: the session is gone from the guest's view, and they are told.
  const Reply withdrawn = priya().del(guests_ + "/" + id_of(demo::kRobin));
  ASSERT_EQ(withdrawn.status(), 204) << withdrawn.describe();
  EXPECT_EQ(robin.get(occurrence).status(), 404);
  EXPECT_THAT(schedule_ids(robin, now, now + 7 * kDayMs), Not(Contains(session_)));
  EXPECT_EQ(notification_kinds(robin).front(), "session_invitation_withdrawn");
  EXPECT_TRUE(guest_emails().empty());
  EXPECT_EQ(priya().del(guests_ + "/" + id_of(demo::kRobin)).status(), 404);
  EXPECT_EQ(admin().get("/api/v1/audit?action=occurrence.guest_withdraw").json["events"].size(),
            1u);
}

TEST_P(SessionGuests, AGuestIsToldWhenTheSessionIsCancelled) {
  const Browser robin = signed_in(demo::kRobin);
  ASSERT_EQ(invite(priya(), demo::kRobin).status(), 201);
  const Reply cancelled = priya().post("/api/v1/occurrences/" + session_ + "/cancel",
                                       {{"reason", "Dr. Shah is away this week."}});
  ASSERT_EQ(cancelled.status(), 200) << cancelled.describe();
  EXPECT_EQ(notification_kinds(robin).front(), "session_cancelled");
  // Nobody is invited to a cancelled session.
  const Reply late = invite(priya(), demo::kSam);
  EXPECT_EQ(late.status(), 409) << late.describe();
}

// The guest's calendar feed carries the session, and the reminder sweep reminds them of it.
TEST_P(SessionGuests, AGuestsCalendarFeedAndRemindersHaveTheSession) {
  const std::string soon =
      make_session(group_id("mood-anxiety-evening"), now_ms() + 20 * kMinuteMs);
  ASSERT_FALSE(soon.empty());
  ASSERT_EQ(
      priya().post("/api/v1/occurrences/" + soon + "/guests", {{"email", demo::kRobin}}).status(),
      201);
  const Browser robin = signed_in(demo::kRobin);
  const Reply made = robin.post("/api/v1/me/calendar-feed");
  ASSERT_EQ(made.status(), 201) << made.describe();
  const std::string url = made.json["url"];
  const Reply feed = Browser(port()).get(url.substr(url.find("/api/v1/calendar/")));
  ASSERT_EQ(feed.status(), 200) << feed.describe();
  EXPECT_THAT(feed.http.body, ::testing::HasSubstr("UID:" + soon + "@hearth"));
  // With the sweep on, it runs when the server starts.
  ASSERT_TRUE(site().stop());
  site().start({"--reminder-sweep-seconds", "30"});
  ASSERT_TRUE(site().error().empty()) << site().error();
  Browser again(port());
  ASSERT_EQ(again.sign_in(demo::kRobin).status(), 200);
  const Reply list = again.get("/api/v1/me/notifications");
  int reminders = 0;
  for (const auto& n : list.json["notifications"]) {
    if (n["occurrence_id"] == soon && n["kind"] == "reminder_24h") ++reminders;
  }
  EXPECT_EQ(reminders, 1) << list.describe();
}

TEST_P(SessionGuests, OnlyTheGroupsManagersUseTheGuestList) {
  struct Row {
    std::string_view email;
    int list, invite;
  };
  // Admins and the program's clinicians manage every group of it; Jordan is staff without
  // leading this group; the rest are refused by the route's rule.
  const Row table[] = {
      {demo::kAdmin, 200, 201}, {demo::kSam, 200, 201},   {demo::kJordan, 403, 403},
      {demo::kAvery, 403, 403}, {demo::kCasey, 403, 403}, {demo::kRobin, 403, 403},
  };
  int invited = 0;
  for (const auto& [email, list, invite_status] : table) {
    SCOPED_TRACE(std::string(email));
    const Browser who = signed_in(email);
    EXPECT_EQ(who.get(guests_).status(), list);
    // The first manager invites Robin, the second Jordan; the others are refused before that.
    const std::string_view guest = invited == 0 ? demo::kRobin : demo::kJordan;
    const Reply r = invite(who, guest);
    EXPECT_EQ(r.status(), invite_status) << r.describe();
    if (r.status() == 201) ++invited;
    EXPECT_EQ(who.del(guests_ + "/" + id_of(demo::kBlake)).status(), list == 200 ? 404 : 403);
  }
  EXPECT_EQ(guest_emails(),
            (std::vector<std::string>{std::string(demo::kRobin), std::string(demo::kJordan)}));
}

TEST_P(SessionGuests, BadInvitationsAreRefusedAndNothingIsStored) {
  const auto refused = [&](const nlohmann::json& body, int status, std::string_view field) {
    SCOPED_TRACE(body.dump());
    const Reply r = priya().post(guests_, body);
    EXPECT_EQ(r.status(), status) << r.describe();
    if (!field.empty()) {
      EXPECT_EQ(r.json["error"]["field"], field) << r.describe();
    }
  };
  refused({{"email", "not an email"}}, 422, "email");
  refused({{"email", ""}}, 422, "email");
  refused({{"mail", "robin@riverbend.example"}}, 422, "email");
  refused({{"email", 42}}, 400, "email");  // not a string: malformed
  refused({{"email", "nobody@riverbend.example"}}, 404, "email");
  refused({{"email", demo::kAvery}}, 409, "email");  // holds a seat
  refused({{"email", demo::kPriya}}, 409, "email");  // leads the group
  ASSERT_EQ(invite(priya(), demo::kRobin).status(), 201);
  refused({{"email", demo::kRobin}}, 409, "email");  // invited already
  EXPECT_EQ(guest_emails(), std::vector<std::string>{std::string(demo::kRobin)});
  // A session that does not exist, or an id that is not one.
  EXPECT_EQ(
      priya()
          .post("/api/v1/occurrences/00000000000000000000000000/guests", {{"email", demo::kSam}})
          .status(),
      404);
  EXPECT_EQ(priya().get("/api/v1/occurrences/not-an-id/guests").status(), 404);
  EXPECT_EQ(priya().del(guests_ + "/not-an-id").status(), 404);
  // The server keeps serving.
  EXPECT_EQ(guest_emails(), std::vector<std::string>{std::string(demo::kRobin)});
}

INSTANTIATE_TEST_SUITE_P(Schedule, SessionGuests,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
