// Who may do what to whom (docs/api.md rules, domain/identity/identity_policy.hpp): every route
// with an {id} or an effect on one person, called by every demo role on their own and on someone
// else's record. Records a caller may not see answer 404, as if they did not exist; routes a role
// may not use at all answer 403.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::Contains;

constexpr std::string_view kReason = "Crisis call overnight; checking the safety plan";

// Demo accounts by the role they stand for in the tables below.
enum class Who { admin, clinician, peer_specialist, participant, peer_mentor, family };

std::string_view who_name(Who who) {
  switch (who) {
    case Who::admin:
      return "admin";
    case Who::clinician:
      return "clinician (priya)";
    case Who::peer_specialist:
      return "peer specialist (jordan)";
    case Who::participant:
      return "participant (avery)";
    case Who::peer_mentor:
      return "peer mentor (casey)";
    case Who::family:
      return "family (robin)";
  }
  return "?";
}

class Authorization : public DemoSiteTest {
 protected:
  void SetUp() override {
    DemoSiteTest::SetUp();
    const std::pair<Who, std::string_view> accounts[] = {{Who::admin, demo::kAdmin},
                                                         {Who::clinician, demo::kPriya},
                                                         {Who::peer_specialist, demo::kJordan},
                                                         {Who::participant, demo::kAvery},
                                                         {Who::peer_mentor, demo::kCasey},
                                                         {Who::family, demo::kRobin}};
    for (const auto& [who, email] : accounts) {
      browsers_.emplace(who, signed_in(email));
      ids_[std::string(email)] = browsers_.at(who).user_id();
    }
    ids_[std::string(demo::kBlake)] = person_id(as(Who::admin), demo::kBlake);
    ids_[std::string(demo::kSam)] = person_id(as(Who::admin), demo::kSam);
  }

  const Browser& as(Who who) const { return browsers_.at(who); }
  std::string id(std::string_view email) const { return ids_.at(std::string(email)); }
  std::string person(std::string_view email) const { return "/api/v1/people/" + id(email); }

  // A participant in no program, invited by the admin: no clinician staffs them.
  std::string make_outsider() {
    const Reply sent = as(Who::admin)
                           .post("/api/v1/invites", {{"email", "outsider@riverbend.example"},
                                                     {"roles", {"participant"}}});
    EXPECT_EQ(sent.status(), 201) << sent.describe();
    Browser outsider(port());
    const Reply joined = outsider.accept_invite(link_token(sent.json.value("link", "")));
    EXPECT_EQ(joined.status(), 200) << joined.describe();
    return outsider.user_id();
  }

  Reply grant(std::string_view clinician_id, std::string_view participant_id,
              std::string_view reason = kReason, int minutes = 30) const {
    return as(Who::admin)
        .post("/api/v1/break-glass", {{"clinician_id", clinician_id},
                                      {"participant_id", participant_id},
                                      {"reason", reason},
                                      {"minutes", minutes}});
  }

 private:
  std::map<Who, Browser> browsers_;
  std::map<std::string, std::string> ids_;
};

struct Access {
  Who who;
  std::string_view subject;  // an email
  int status;
};

TEST_P(Authorization, ReadingAPersonFollowsTheRelationship) {
  const Access table[] = {
      {Who::admin, demo::kAdmin, 200},
      {Who::admin, demo::kAvery, 200},
      {Who::admin, demo::kRobin, 200},
      {Who::admin, demo::kPriya, 200},
      {Who::clinician, demo::kPriya, 200},
      {Who::clinician, demo::kAvery, 200},
      {Who::clinician, demo::kCasey, 200},
      {Who::clinician, demo::kRobin, 404},
      {Who::clinician, demo::kSam, 404},
      {Who::clinician, demo::kAdmin, 404},
      {Who::peer_specialist, demo::kJordan, 200},
      {Who::peer_specialist, demo::kAvery, 404},
      {Who::participant, demo::kAvery, 200},
      {Who::participant, demo::kBlake, 404},
      {Who::participant, demo::kPriya, 404},
      {Who::peer_mentor, demo::kCasey, 200},
      {Who::peer_mentor, demo::kAvery, 404},
      {Who::family, demo::kRobin, 200},
      {Who::family, demo::kAvery, 404},
  };
  for (const auto& [who, subject, status] : table) {
    SCOPED_TRACE(std::string(who_name(who)) + " reads " + std::string(subject));
    const Reply r = as(who).get(person(subject));
    EXPECT_EQ(r.status(), status) << r.describe();
    if (status == 200) EXPECT_EQ(r.json["email"], subject);
    if (status == 404) EXPECT_EQ(r.code(), "not_found");
  }
}

TEST_P(Authorization, ReadingAnUnknownPersonIsNotFound) {
  const Reply r = as(Who::admin).get("/api/v1/people/00000000000000000000000000");
  EXPECT_EQ(r.status(), 404) << r.describe();
}

TEST_P(Authorization, ClinicianCannotReadAParticipantOutsideTheirPrograms) {
  const std::string outsider = make_outsider();
  const Reply r = as(Who::clinician).get("/api/v1/people/" + outsider);
  EXPECT_EQ(r.status(), 404) << r.describe();
  const Reply listed = as(Who::clinician).get("/api/v1/participants");
  ASSERT_EQ(listed.status(), 200) << listed.describe();
  for (const auto& p : listed.json["people"]) EXPECT_NE(p["id"], outsider);
}

TEST_P(Authorization, BreakGlassOpensTheRecordAndIsAudited) {
  const std::string outsider = make_outsider();
  const Reply granted = grant(id(demo::kPriya), outsider);
  ASSERT_EQ(granted.status(), 201) << granted.describe();
  EXPECT_EQ(granted.json["clinician_id"], id(demo::kPriya));
  EXPECT_EQ(granted.json["participant_id"], outsider);
  EXPECT_EQ(granted.json["reason"], kReason);
  EXPECT_EQ(granted.json["granted_by"], id(demo::kAdmin));
  EXPECT_TRUE(granted.json["active"].get<bool>());
  EXPECT_TRUE(granted.json["revoked_at"].is_null());

  const Reply r = as(Who::clinician).get("/api/v1/people/" + outsider);
  ASSERT_EQ(r.status(), 200) << r.describe();
  const Reply trail =
      as(Who::admin)
          .get("/api/v1/audit?action=person.read&actor_id=" + id(demo::kPriya) + "&limit=1");
  ASSERT_EQ(trail.status(), 200) << trail.describe();
  ASSERT_EQ(trail.json["events"].size(), 1U) << trail.describe();
  const auto& read = trail.json["events"][0];
  EXPECT_EQ(read["subject_id"], outsider);
  EXPECT_EQ(read["outcome"], "success");
  EXPECT_EQ(read["detail"], "break_glass");
}

TEST_P(Authorization, BreakGlassGrantListsTheParticipantForTheClinician) {
  const std::string outsider = make_outsider();
  ASSERT_EQ(grant(id(demo::kPriya), outsider).status(), 201);
  const Reply listed = as(Who::clinician).get("/api/v1/participants");
  ASSERT_EQ(listed.status(), 200) << listed.describe();
  std::vector<std::string> ids;
  for (const auto& p : listed.json["people"]) ids.push_back(p["id"]);
  EXPECT_THAT(ids, Contains(outsider));
  EXPECT_THAT(ids, Contains(id(demo::kAvery)));
}

TEST_P(Authorization, RevokedBreakGlassClosesTheRecordAgain) {
  const std::string outsider = make_outsider();
  const Reply granted = grant(id(demo::kPriya), outsider);
  ASSERT_EQ(granted.status(), 201) << granted.describe();
  ASSERT_EQ(as(Who::clinician).get("/api/v1/people/" + outsider).status(), 200);
  const Reply revoked =
      as(Who::admin).del("/api/v1/break-glass/" + granted.json["id"].get<std::string>());
  ASSERT_EQ(revoked.status(), 204) << revoked.describe();
  EXPECT_EQ(as(Who::clinician).get("/api/v1/people/" + outsider).status(), 404);
  const Reply listed = as(Who::admin).get("/api/v1/break-glass");
  ASSERT_EQ(listed.json["grants"].size(), 1U) << listed.describe();
  EXPECT_FALSE(listed.json["grants"][0]["active"].get<bool>());
  EXPECT_TRUE(listed.json["grants"][0]["revoked_at"].is_string());
}

TEST_P(Authorization, BreakGlassGrantOutOfBoundsIsRefused) {
  const std::string avery = id(demo::kAvery);
  const std::string priya = id(demo::kPriya);
  EXPECT_EQ(grant(priya, avery, "too short").status(), 422);  // 9 characters
  EXPECT_EQ(grant(priya, avery, std::string(501, 'x')).status(), 422);
  EXPECT_EQ(grant(priya, avery, kReason, 0).status(), 422);
  EXPECT_EQ(grant(priya, avery, kReason, 1441).status(), 422);
  EXPECT_EQ(grant(id(demo::kJordan), avery).status(), 422) << "a grant to a non-clinician";
  EXPECT_EQ(grant(priya, id(demo::kRobin)).status(), 422) << "a grant over a non-participant";
  EXPECT_TRUE(as(Who::admin).get("/api/v1/break-glass").json["grants"].empty());
}

TEST_P(Authorization, PasswordResetFollowsTheRelationship) {
  const std::string outsider = make_outsider();
  struct Reset {
    Who who;
    std::string subject_id;
    int status;
  };
  const Reset table[] = {
      {Who::clinician, id(demo::kAvery), 201},
      {Who::clinician, outsider, 404},
      {Who::clinician, id(demo::kRobin), 404},
      {Who::clinician, id(demo::kSam), 404},
      {Who::clinician, id(demo::kAdmin), 404},
      {Who::admin, id(demo::kAvery), 201},
      {Who::admin, outsider, 201},
      {Who::admin, id(demo::kPriya), 201},
      {Who::participant, id(demo::kBlake), 403},
      {Who::peer_mentor, id(demo::kAvery), 403},
      {Who::family, id(demo::kAvery), 403},
      {Who::peer_specialist, id(demo::kAvery), 403},
  };
  for (const auto& [who, subject, status] : table) {
    SCOPED_TRACE(std::string(who_name(who)) + " resets " + subject);
    const Reply r = as(who).post("/api/v1/people/" + subject + "/password-reset");
    EXPECT_EQ(r.status(), status) << r.describe();
    EXPECT_EQ(r.json.contains("link"), status == 201) << r.describe();
  }
}

TEST_P(Authorization, EndingSomeoneElsesSessionIsNotFound) {
  const std::string avery_session = as(Who::participant).session_id();
  for (const Who who : {Who::peer_mentor, Who::clinician, Who::admin}) {
    SCOPED_TRACE(who_name(who));
    const Reply r = as(who).del("/api/v1/account/sessions/" + avery_session);
    EXPECT_EQ(r.status(), 404) << r.describe();
  }
  EXPECT_EQ(as(Who::participant).get("/api/v1/auth/session").status(), 200);
}

TEST_P(Authorization, CareTeamRoutesRefuseEveryOtherRole) {
  const std::string avery = id(demo::kAvery);
  const std::string some_id = "00000000000000000000000000";
  struct Route {
    std::string_view method;
    std::string target;
    std::optional<nlohmann::json> body;
    bool admin_only;
  };
  const nlohmann::json grant_body = {{"clinician_id", id(demo::kPriya)},
                                     {"participant_id", avery},
                                     {"reason", kReason},
                                     {"minutes", 30}};
  const Route routes[] = {
      {"GET", "/api/v1/people", {}, true},
      {"POST", "/api/v1/people/" + avery + "/deactivate", nlohmann::json::object(), true},
      {"POST", "/api/v1/people/" + avery + "/reactivate", nlohmann::json::object(), true},
      {"PUT", "/api/v1/people/" + avery + "/roles", nlohmann::json{{"roles", {"admin"}}}, true},
      {"POST", "/api/v1/break-glass", grant_body, true},
      {"GET", "/api/v1/break-glass", {}, true},
      {"DELETE", "/api/v1/break-glass/" + some_id, {}, true},
      {"GET", "/api/v1/audit", {}, true},
      {"GET", "/api/v1/audit/export", {}, true},
      {"GET", "/api/v1/participants", {}, false},
      {"POST", "/api/v1/people/" + avery + "/password-reset", nlohmann::json::object(), false},
      {"POST", "/api/v1/invites",
       nlohmann::json{{"email", "x@riverbend.example"}, {"roles", {"admin"}}}, false},
      {"GET", "/api/v1/invites", {}, false},
      {"DELETE", "/api/v1/invites/" + some_id, {}, false},
  };
  for (const Who who :
       {Who::clinician, Who::peer_specialist, Who::participant, Who::peer_mentor, Who::family}) {
    for (const auto& route : routes) {
      if (who == Who::clinician && !route.admin_only) continue;
      SCOPED_TRACE(std::string(who_name(who)) + ": " + std::string(route.method) + " " +
                   route.target);
      const Reply r = as(who).send(route.method, route.target, route.body);
      EXPECT_EQ(r.status(), 403) << r.describe();
      EXPECT_EQ(r.code(), "permission_denied") << r.describe();
    }
  }
  const Reply after = as(Who::admin).get(person(demo::kAvery));
  EXPECT_EQ(after.json["roles"], nlohmann::json::array({"participant"})) << after.describe();
  EXPECT_EQ(after.json["status"], "active");
  EXPECT_TRUE(as(Who::admin).get("/api/v1/break-glass").json["grants"].empty());
}

TEST_P(Authorization, ParticipantCannotMakeThemselvesAdmin) {
  const Reply r = as(Who::participant).put(person(demo::kAvery) + "/roles", {{"roles", {"admin"}}});
  EXPECT_EQ(r.status(), 403) << r.describe();
  EXPECT_EQ(as(Who::participant).get("/api/v1/account").json["roles"],
            nlohmann::json::array({"participant"}));
}

TEST_P(Authorization, DeactivationEndsTheSessionsAtOnce) {
  const Reply r = as(Who::admin).post(person(demo::kAvery) + "/deactivate");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["status"], "deactivated");
  const Reply old = as(Who::participant).get("/api/v1/auth/session");
  EXPECT_EQ(old.status(), 401) << old.describe();
}

TEST_P(Authorization, DeactivatedPersonCannotSignIn) {
  ASSERT_EQ(as(Who::admin).post(person(demo::kAvery) + "/deactivate").status(), 200);
  Browser browser(port());
  const Reply r = browser.sign_in(demo::kAvery);
  EXPECT_EQ(r.status(), 401) << r.describe();
  EXPECT_EQ(r.code(), "invalid_credentials");
}

TEST_P(Authorization, ReactivatedPersonSignsInAgainButOldSessionsStayEnded) {
  ASSERT_EQ(as(Who::admin).post(person(demo::kAvery) + "/deactivate").status(), 200);
  const Reply r = as(Who::admin).post(person(demo::kAvery) + "/reactivate");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["status"], "active");
  Browser browser(port());
  EXPECT_EQ(browser.sign_in(demo::kAvery).status(), 200);
  EXPECT_EQ(as(Who::participant).get("/api/v1/auth/session").status(), 401);
}

TEST_P(Authorization, AdminCannotRemoveTheirOwnAdminRole) {
  const Reply r = as(Who::admin).put(person(demo::kAdmin) + "/roles", {{"roles", {"clinician"}}});
  EXPECT_GE(r.status(), 400) << r.describe();
  EXPECT_LT(r.status(), 500) << r.describe();
  EXPECT_EQ(as(Who::admin).get("/api/v1/account").json["roles"], nlohmann::json::array({"admin"}));
}

TEST_P(Authorization, AdminChangesSomeonesRoles) {
  const Reply r =
      as(Who::admin)
          .put(person(demo::kBlake) + "/roles", {{"roles", {"participant", "peer_mentor"}}});
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["roles"], nlohmann::json::array({"participant", "peer_mentor"}));
}

TEST_P(Authorization, ClinicianListsOnlyTheirProgramsParticipants) {
  const Reply r = as(Who::clinician).get("/api/v1/participants");
  ASSERT_EQ(r.status(), 200) << r.describe();
  std::vector<std::string> emails;
  for (const auto& p : r.json["people"]) emails.push_back(p["email"]);
  EXPECT_THAT(emails, Contains(std::string(demo::kAvery)));
  EXPECT_THAT(emails, Contains(std::string(demo::kCasey)));
  for (const auto& email : emails) {
    EXPECT_NE(email, demo::kRobin);
    EXPECT_NE(email, demo::kPriya);
  }
}

INSTANTIATE_TEST_SUITE_P(Accounts, Authorization,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
