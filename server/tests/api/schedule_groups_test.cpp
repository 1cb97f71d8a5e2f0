// Programs, enrollments and places in groups over real HTTP (docs/api.md, "Programs, groups and
// the schedule"), each case on SQLite and on PostgreSQL: defaults and refusals for programs,
// enrollment rules, capacity bounds, the catalogue, waiting lists, closed groups, and the last
// seat wanted by two people at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "schedule_fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::Contains;
using ::testing::Not;

std::vector<std::string> slugs(const Reply& groups) {
  std::vector<std::string> out;
  for (const auto& g : groups.json["groups"]) out.push_back(g["slug"]);
  return out;
}

class ProgramsAndGroups : public ScheduleSiteTest {
 protected:
  std::size_t program_count() const {
    const Reply list = admin().get("/api/v1/programs");
    EXPECT_EQ(list.status(), 200) << list.describe();
    return list.json["programs"].size();
  }
  std::size_t group_count() const {
    const Reply list = admin().get("/api/v1/programs/" + program_id() + "/groups");
    EXPECT_EQ(list.status(), 200) << list.describe();
    return list.json["groups"].size();
  }
  std::string place_of(const Browser& who, std::string_view group) const {
    const Reply g = who.get("/api/v1/groups/" + std::string(group));
    EXPECT_EQ(g.status(), 200) << g.describe();
    return g.json["my_place"].is_string() ? g.json["my_place"].get<std::string>() : "";
  }
};

TEST_P(ProgramsAndGroups, ProgramTargetsDefaultByAudience) {
  const Reply adults = admin().post(
      "/api/v1/programs",
      {{"slug", "adult-mh"}, {"name", "Adult Mental Health IOP"}, {"time_zone", "America/Denver"}});
  ASSERT_EQ(adults.status(), 201) << adults.describe();
  EXPECT_EQ(adults.json["targets"]["weekly_minutes"], 540);
  EXPECT_EQ(adults.json["targets"]["daily_minimum_minutes"], 180);
  EXPECT_EQ(adults.json["targets"]["days_per_week"], 3);
  const Reply teens = admin().post("/api/v1/programs", {{"slug", "adolescent"},
                                                        {"name", "Adolescent IOP"},
                                                        {"time_zone", "Europe/London"},
                                                        {"audience", "adolescent"}});
  ASSERT_EQ(teens.status(), 201) << teens.describe();
  EXPECT_EQ(teens.json["targets"]["weekly_minutes"], 360);
  const Reply again = admin().post("/api/v1/programs",
                                   {{"slug", "adult-mh"}, {"name", "Again"}, {"time_zone", "UTC"}});
  EXPECT_EQ(again.status(), 409) << again.describe();
}

TEST_P(ProgramsAndGroups, AnInvalidTimeZoneIsRefusedAndNothingIsMade) {
  const std::size_t before = program_count();
  for (const char* zone : {"Mars/Olympus_Mons", "", "../../etc/passwd", "EST5EDT,M3.2.0"}) {
    const Reply r = admin().post("/api/v1/programs",
                                 {{"slug", "nowhere"}, {"name", "Nowhere"}, {"time_zone", zone}});
    EXPECT_EQ(r.status(), 422) << zone << ": " << r.describe();
    EXPECT_EQ(r.json["error"]["field"], "time_zone") << r.describe();
  }
  EXPECT_EQ(program_count(), before);
  const Reply patch = admin().patch("/api/v1/programs/" + program_id(), {{"time_zone", "Nope"}});
  EXPECT_EQ(patch.status(), 422) << patch.describe();
}

TEST_P(ProgramsAndGroups, AnAdminSetsWhoMayWritePrivately) {
  const std::string path = "/api/v1/programs/" + program_id();
  EXPECT_EQ(admin().get(path).json["private_messages"], "all") << "the default";
  const Reply set = admin().patch(path, {{"private_messages", "care_team"}});
  ASSERT_EQ(set.status(), 200) << set.describe();
  EXPECT_EQ(set.json["private_messages"], "care_team");
  EXPECT_EQ(admin().get(path).json["private_messages"], "care_team");
  // A value it does not know is refused (422); a value of the wrong type is malformed (400).
  for (const auto& [bad, status] :
       {std::pair{nlohmann::json("nobody"), 422}, std::pair{nlohmann::json(3), 400}}) {
    const Reply r = admin().patch(path, {{"private_messages", bad}});
    EXPECT_EQ(r.status(), status) << bad.dump() << ": " << r.describe();
    EXPECT_EQ(r.json["error"]["field"], "private_messages") << r.describe();
  }
  EXPECT_EQ(admin().get(path).json["private_messages"], "care_team") << "bad input changed nothing";
  EXPECT_EQ(signed_in(demo::kPriya).patch(path, {{"private_messages", "all"}}).status(), 403);
}

TEST_P(ProgramsAndGroups, OnlyAdminsMakePrograms) {
  for (const auto email : {demo::kPriya, demo::kAvery}) {
    const Reply r = signed_in(email).post("/api/v1/programs",
                                          {{"slug", "x"}, {"name", "X"}, {"time_zone", "UTC"}});
    EXPECT_EQ(r.status(), 403) << email << ": " << r.describe();
  }
}

TEST_P(ProgramsAndGroups, EnrollmentRunsFromAdmissionToAlumnus) {
  const Reply program =
      admin().post("/api/v1/programs",
                   {{"slug", "su-iop"}, {"name", "Substance Use IOP"}, {"time_zone", "UTC"}});
  ASSERT_EQ(program.status(), 201) << program.describe();
  const std::string path = "/api/v1/programs/" + program.json["id"].get<std::string>();
  const Browser sam = signed_in(demo::kSam);
  // Sam is not staff of the new program yet.
  const nlohmann::json avery = {{"participant_id", id_of(demo::kAvery)},
                                {"admitted_on", "2026-11-23"},
                                {"expected_discharge_on", "2027-02-15"}};
  EXPECT_EQ(sam.post(path + "/enrollments", avery).status(), 404);
  ASSERT_EQ(admin().put(path + "/staff/" + id_of(demo::kSam), {}).status(), 204);

  const Reply enrolled = sam.post(path + "/enrollments", avery);
  ASSERT_EQ(enrolled.status(), 201) << enrolled.describe();
  EXPECT_EQ(enrolled.json["status"], "active");
  EXPECT_EQ(enrolled.json["admitted_on"], "2026-11-23");
  EXPECT_EQ(sam.post(path + "/enrollments", avery).status(), 409);

  const Reply bad_date = sam.post(path + "/enrollments", {{"participant_id", id_of(demo::kBlake)},
                                                          {"admitted_on", "2026-02-30"}});
  EXPECT_EQ(bad_date.status(), 422) << bad_date.describe();
  EXPECT_EQ(bad_date.json["error"]["field"], "admitted_on");
  const Reply staff_member =
      sam.post(path + "/enrollments",
               {{"participant_id", id_of(demo::kJordan)}, {"admitted_on", "2026-11-23"}});
  EXPECT_EQ(staff_member.status(), 422) << staff_member.describe();

  const std::string avery_path = path + "/enrollments/" + id_of(demo::kAvery);
  EXPECT_EQ(signed_in(demo::kAvery).patch(avery_path, {{"status", "discharged"}}).status(), 403);
  const Reply hold = sam.patch(avery_path, {{"status", "on_hold"}});
  ASSERT_EQ(hold.status(), 200) << hold.describe();
  EXPECT_EQ(hold.json["status"], "on_hold");
  const Reply discharged = sam.patch(avery_path, {{"status", "discharged"}});
  ASSERT_EQ(discharged.status(), 200) << discharged.describe();
  EXPECT_TRUE(discharged.json["discharged_on"].is_string()) << discharged.describe();

  const Reply again = sam.post(path + "/enrollments", avery);
  EXPECT_EQ(again.status(), 409) << again.describe();
  EXPECT_EQ(sam.patch(avery_path, {{"status", "active"}}).status(), 409);

  const Reply mine = signed_in(demo::kAvery).get("/api/v1/me/programs");
  ASSERT_EQ(mine.status(), 200) << mine.describe();
  std::map<std::string, std::string> status_by_program;
  for (const auto& e : mine.json["enrollments"])
    status_by_program[e["program"]["name"]] = e["status"];
  EXPECT_EQ(status_by_program["Substance Use IOP"], "discharged");
  EXPECT_EQ(status_by_program["Riverbend Virtual IOP"], "active");
  EXPECT_FALSE(mine.json["groups"].empty()) << "the demo gives Avery seats";

  // Sam leaves the program's staff (the membership ends; it is kept for the audit trail), and
  // may no longer enroll anyone there.
  const Reply left = admin().del(path + "/staff/" + id_of(demo::kSam));
  ASSERT_EQ(left.status(), 204) << left.describe();
  EXPECT_EQ(sam.post(path + "/enrollments",
                     {{"participant_id", id_of(demo::kBlake)}, {"admitted_on", "2026-11-23"}})
                .status(),
            404);
  EXPECT_EQ(admin().del(path + "/staff/" + id_of(demo::kSam)).status(), 404) << "already gone";
}

TEST_P(ProgramsAndGroups, CapacityMustBeBetweenOneAndTheProgramsCap) {
  const std::size_t before = group_count();
  for (int capacity : {0, -3, 21, 1000}) {
    const Reply r =
        priya().post("/api/v1/programs/" + program_id() + "/groups",
                     {{"name", "Sized wrong"}, {"kind", "peer_support"}, {"capacity", capacity}});
    EXPECT_EQ(r.status(), 422) << capacity << ": " << r.describe();
    EXPECT_EQ(r.json["error"]["field"], "capacity") << r.describe();
  }
  const Reply kind = priya().post("/api/v1/programs/" + program_id() + "/groups",
                                  {{"name", "Odd"}, {"kind", "karaoke"}});
  EXPECT_EQ(kind.status(), 422) << kind.describe();
  EXPECT_EQ(group_count(), before);
  const Reply therapy = priya().post("/api/v1/programs/" + program_id() + "/groups",
                                     {{"name", "Afternoon Group"}, {"kind", "therapy"}});
  ASSERT_EQ(therapy.status(), 201) << therapy.describe();
  EXPECT_EQ(therapy.json["capacity"], 8);
  const Reply peer_led = priya().post("/api/v1/programs/" + program_id() + "/groups",
                                      {{"name", "Peer-led therapy"},
                                       {"kind", "therapy"},
                                       {"facilitator_id", id_of(demo::kJordan)}});
  EXPECT_EQ(peer_led.status(), 422) << "therapy groups are led by a clinician";
}

TEST_P(ProgramsAndGroups, TheCatalogueFitsTheParticipant) {
  const Reply avery = signed_in(demo::kAvery).get("/api/v1/catalogue");  // a young adult
  ASSERT_EQ(avery.status(), 200) << avery.describe();
  EXPECT_THAT(slugs(avery), Contains("young-adults-peer"));
  EXPECT_THAT(slugs(avery), Contains("dbt-skills"));
  EXPECT_THAT(slugs(avery), Not(Contains("mood-anxiety-evening"))) << "therapy is assigned";
  EXPECT_THAT(slugs(avery), Not(Contains("alumni-circle"))) << "alumni groups are for alumni";
  const Reply blake = signed_in(demo::kBlake).get("/api/v1/catalogue");  // an adult
  ASSERT_EQ(blake.status(), 200) << blake.describe();
  EXPECT_THAT(slugs(blake), Not(Contains("young-adults-peer")));
  const Reply skills = signed_in(demo::kBlake).get("/api/v1/catalogue?kind=skills");
  EXPECT_EQ(slugs(skills), std::vector<std::string>{"dbt-skills"});
  const Reply tagged = signed_in(demo::kAvery).get("/api/v1/catalogue?tag=mindfulness");
  EXPECT_EQ(slugs(tagged), std::vector<std::string>{"dbt-skills"});
  EXPECT_EQ(signed_in(demo::kAvery).get("/api/v1/catalogue?kind=therapy").status(), 422);
}

TEST_P(ProgramsAndGroups, AFullGroupHasAWaitingListAndAFreedSeatGoesToTheFirst) {
  const std::string group =
      make_group({{"name", "Anxiety Peer Circle"}, {"kind", "peer_support"}, {"capacity", 1}});
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  const Browser casey = signed_in(demo::kCasey);
  const std::string base = "/api/v1/groups/" + group;
  ASSERT_EQ(avery.post(base + "/join").status(), 200);
  const Reply full = blake.post(base + "/join");
  EXPECT_EQ(full.status(), 409) << full.describe();
  EXPECT_EQ(place_of(blake, group), "") << "a refused join changes nothing";
  const Reply waiting = blake.post(base + "/waitlist");
  ASSERT_EQ(waiting.status(), 200) << waiting.describe();
  EXPECT_EQ(waiting.json["state"], "waiting");
  EXPECT_EQ(waiting.json["position"], 1);
  const Reply second = casey.post(base + "/waitlist");
  EXPECT_EQ(second.json["position"], 2) << second.describe();

  ASSERT_EQ(avery.del(base + "/members/" + avery.user_id()).status(), 204);
  EXPECT_EQ(place_of(blake, group), "member");
  EXPECT_EQ(place_of(casey, group), "waiting");
  EXPECT_THAT(notification_kinds(blake), Contains("seat_given"));
  EXPECT_THAT(notification_kinds(casey), Not(Contains("seat_given")));
  // Someone else's place is not a participant's to take away.
  EXPECT_EQ(avery.del(base + "/members/" + blake.user_id()).status(), 403);
}

TEST_P(ProgramsAndGroups, AClosedGroupTakesRequestsThatItsFacilitatorsAnswer) {
  const std::string group = make_group({{"name", "Grief Support"},
                                        {"kind", "peer_support"},
                                        {"membership", "closed"},
                                        {"tags", {"grief"}},
                                        {"facilitator_id", id_of(demo::kJordan)}});
  const Browser avery = signed_in(demo::kAvery);
  const std::string base = "/api/v1/groups/" + group;
  const Reply direct = avery.post(base + "/join");
  EXPECT_EQ(direct.status(), 409) << direct.describe();
  const Reply asked = avery.post(base + "/requests");
  ASSERT_EQ(asked.status(), 202) << asked.describe();
  EXPECT_EQ(asked.json["state"], "requested");
  const Browser jordan = signed_in(demo::kJordan);
  EXPECT_THAT(notification_kinds(jordan), Contains("join_requested"));
  const Reply approved = jordan.put(base + "/members/" + avery.user_id(), {});
  ASSERT_EQ(approved.status(), 200) << approved.describe();
  EXPECT_EQ(approved.json["state"], "member");
  // A participant cannot hand out seats, nor see the member list.
  EXPECT_EQ(avery.put(base + "/members/" + id_of(demo::kBlake), {}).status(), 403);
  EXPECT_EQ(avery.get(base + "/members").status(), 403);
}

TEST_P(ProgramsAndGroups, ParticipantsDoNotSeeOtherTherapyGroups) {
  const Browser avery = signed_in(demo::kAvery);  // in the mood group, not the recovery group
  EXPECT_EQ(avery.get("/api/v1/groups/" + group_id("mood-anxiety-evening")).status(), 200);
  EXPECT_EQ(avery.get("/api/v1/groups/" + group_id("recovery-evening")).status(), 404);
  EXPECT_EQ(avery.post("/api/v1/groups/" + group_id("recovery-evening") + "/join").status(), 404);
}

TEST_P(ProgramsAndGroups, TwoRequestsForTheLastSeatAtTheSameMomentOneWins) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  for (int round = 0; round < 5; ++round) {
    const std::string group = make_group(
        {{"name", "Last seat " + std::to_string(round)}, {"kind", "social"}, {"capacity", 1}});
    std::latch start(2);
    int statuses[2] = {0, 0};
    std::thread a([&] {
      start.arrive_and_wait();
      statuses[0] = avery.post("/api/v1/groups/" + group + "/join").status();
    });
    std::thread b([&] {
      start.arrive_and_wait();
      statuses[1] = blake.post("/api/v1/groups/" + group + "/join").status();
    });
    a.join();
    b.join();
    EXPECT_EQ((statuses[0] == 200) + (statuses[1] == 200), 1)
        << "round " << round << ": " << statuses[0] << " and " << statuses[1];
    EXPECT_EQ((statuses[0] == 409) + (statuses[1] == 409), 1) << "round " << round;
    const Reply members = priya().get("/api/v1/groups/" + group + "/members");
    ASSERT_EQ(members.status(), 200) << members.describe();
    EXPECT_EQ(members.json["members"].size(), 1U) << members.describe();
  }
}

INSTANTIATE_TEST_SUITE_P(Schedule, ProgramsAndGroups,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
