// Joining Hearth and getting back in (docs/api.md): invitation links from the console and from
// the care team, the password policy at acceptance, TOTP enrollment that staff must finish before
// anything else answers, sign-in with the second factor and recovery codes, and reset links.
//
// Enrollment runs on a site that is not in demo mode (demo mode lets staff skip TOTP), bootstrapped
// the way an operator does it: `hearth user invite --role admin`, then the link accepted over HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::StartsWith;

constexpr std::string_view kFirstAdmin = "first.admin@hearth.example";
constexpr std::string_view kSession = "/api/v1/auth/session";

class Enrollment : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    console_token_ = site().invite_from_console(kFirstAdmin, "admin");
    site().start();
    ASSERT_TRUE(site().error().empty()) << site().error();
  }

  // The first admin, signed in by accepting the console's invitation; enrollment is pending.
  Browser first_admin() {
    Browser admin(port());
    const Reply r = admin.accept_invite(console_token_, kNewPassword, "Morgan First");
    EXPECT_EQ(r.status(), 200) << r.describe();
    return admin;
  }

  // The first admin with TOTP confirmed, signed in through the same session.
  Browser enrolled_admin(Enrolled* enrolled = nullptr) {
    Browser admin = first_admin();
    Enrolled e = enroll_totp(admin);
    if (enrolled != nullptr) *enrolled = std::move(e);
    return admin;
  }

  // An invitation an enrolled admin sends; the answer of POST /invites.
  static Reply invite(const Browser& admin, std::string_view email, std::string_view role) {
    return admin.post("/api/v1/invites", {{"email", email}, {"roles", {role}}});
  }

  // The status GET /invites shows for the invitation to `email`, or "" if there is none.
  static std::string invite_status(const Browser& admin, std::string_view email) {
    const Reply r = admin.get("/api/v1/invites");
    EXPECT_EQ(r.status(), 200) << r.describe();
    for (const auto& i : r.json["invites"]) {
      if (i["email"] == email) return i["status"].get<std::string>();
    }
    return "";
  }

  Reply lookup(std::string_view token) const {
    return Browser(port()).post("/api/v1/invites/lookup", {{"token", token}});
  }

  Reply sign_in_admin(const nlohmann::json& extra = nlohmann::json::object()) const {
    Browser browser(port());
    return browser.sign_in(kFirstAdmin, kNewPassword, extra);
  }

  std::string console_token_;
};

TEST_P(Enrollment, ConsoleInviteLooksUpAsEmailRolesAndExpiry) {
  const Reply r = lookup(console_token_);
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["email"], kFirstAdmin);
  EXPECT_EQ(r.json["roles"], nlohmann::json::array({"admin"}));
  EXPECT_TRUE(r.json["expires_at"].is_string()) << r.describe();
  EXPECT_EQ(r.json.size(), 3U) << r.describe();
}

TEST_P(Enrollment, AcceptingTheAdminInviteSignsInWithEnrollmentPending) {
  Browser admin(port());
  const Reply r = admin.accept_invite(console_token_, kNewPassword, "Morgan First");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_FALSE(admin.cookie().empty()) << "no session cookie: " << r.describe();
  EXPECT_EQ(r.json["user"]["email"], kFirstAdmin);
  EXPECT_EQ(r.json["user"]["display_name"], "Morgan First");
  EXPECT_EQ(r.json["user"]["roles"], nlohmann::json::array({"admin"}));
  EXPECT_EQ(
      r.json["second_factor"],
      nlohmann::json({{"required", true}, {"enrolled", false}, {"enrollment_pending", true}}));
  EXPECT_FALSE(r.json["demo"].get<bool>());
  EXPECT_EQ(admin.get(kSession).status(), 200);
}

TEST_P(Enrollment, WhilePendingOnlyPendingOkRoutesAnswer) {
  const Browser admin = first_admin();
  EXPECT_EQ(admin.get("/api/v1/account").status(), 200);
  EXPECT_EQ(admin.get("/api/v1/account/sessions").status(), 200);
  const Reply people = admin.get("/api/v1/people");
  EXPECT_EQ(people.status(), 403) << people.describe();
  EXPECT_EQ(people.code(), "permission_denied");
  EXPECT_EQ(admin.patch("/api/v1/account", {{"display_name", "Changed"}}).status(), 403);
  EXPECT_EQ(invite(admin, "someone@hearth.example", "admin").status(), 403);
}

TEST_P(Enrollment, TotpSetupGivesASecretAndAnOtpauthUri) {
  const Browser admin = first_admin();
  const Reply r = admin.post("/api/v1/account/totp/setup");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["secret"].get<std::string>().size(), 32U) << r.describe();
  EXPECT_THAT(r.json["otpauth_uri"].get<std::string>(), StartsWith("otpauth://totp/"));
  EXPECT_FALSE(admin.get(kSession).json["second_factor"]["enrolled"].get<bool>())
      << "setup alone must not enroll";
  EXPECT_EQ(admin.get("/api/v1/people").status(), 403) << "setup alone ended enrollment";
}

TEST_P(Enrollment, ConfirmingGivesTenRecoveryCodesAndEndsPending) {
  const Browser admin = first_admin();
  const Enrolled enrolled = enroll_totp(admin);
  ASSERT_EQ(enrolled.recovery_codes.size(), 10U);
  const std::regex shape("[a-z0-9]{5}-[a-z0-9]{5}", std::regex::icase);
  for (const auto& code : enrolled.recovery_codes) {
    EXPECT_TRUE(std::regex_match(code, shape)) << code;
  }
  // second_factor.required is not checked here: see accounts_known_issues_test.cpp.
  const Reply session = admin.get(kSession);
  EXPECT_TRUE(session.json["second_factor"]["enrolled"].get<bool>()) << session.describe();
  EXPECT_FALSE(session.json["second_factor"]["enrollment_pending"].get<bool>());
  EXPECT_TRUE(session.json["user"]["totp_enabled"].get<bool>());
  EXPECT_EQ(admin.get("/api/v1/people").status(), 200);
}

TEST_P(Enrollment, ConfirmingWithAWrongCodeIsRefusedAndStaysPending) {
  const Browser admin = first_admin();
  const Reply setup = admin.post("/api/v1/account/totp/setup");
  ASSERT_EQ(setup.status(), 200) << setup.describe();
  const std::string right = totp_code(setup.json["secret"].get<std::string>(), current_totp_step());
  const std::string wrong = right == "000000" ? "111111" : "000000";
  const Reply r = admin.post("/api/v1/account/totp/confirm", {{"code", wrong}});
  EXPECT_EQ(r.status(), 422) << r.describe();
  EXPECT_FALSE(r.json.contains("recovery_codes"));
  EXPECT_FALSE(admin.get(kSession).json["second_factor"]["enrolled"].get<bool>());
  EXPECT_EQ(admin.get("/api/v1/people").status(), 403) << "a wrong code ended enrollment";
}

TEST_P(Enrollment, SignInAfterEnrollmentRequiresTheCode) {
  (void)enrolled_admin();
  const Reply r = sign_in_admin();
  EXPECT_EQ(r.status(), 401) << r.describe();
  EXPECT_EQ(r.code(), "second_factor_required");
  EXPECT_FALSE(r.http.has_header("set-cookie"));
}

TEST_P(Enrollment, SignInWithAWrongCodeIsRefused) {
  Enrolled enrolled;
  (void)enrolled_admin(&enrolled);
  const std::string right = totp_code(enrolled.secret, enrolled.confirmed_step + 1);
  const Reply r = sign_in_admin({{"code", right == "123456" ? "654321" : "123456"}});
  EXPECT_EQ(r.status(), 401) << r.describe();
  EXPECT_EQ(r.code(), "invalid_second_factor");
}

TEST_P(Enrollment, SignInWithTheCodeUsedToConfirmIsRefused) {
  Enrolled enrolled;
  (void)enrolled_admin(&enrolled);
  const Reply r = sign_in_admin({{"code", totp_code(enrolled.secret, enrolled.confirmed_step)}});
  EXPECT_EQ(r.status(), 401) << r.describe();
  EXPECT_EQ(r.code(), "invalid_second_factor");
}

TEST_P(Enrollment, SignInWithTheNextCodeSucceeds) {
  Enrolled enrolled;
  (void)enrolled_admin(&enrolled);
  const Reply r =
      sign_in_admin({{"code", totp_code(enrolled.secret, enrolled.confirmed_step + 1)}});
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_FALSE(r.json["second_factor"]["enrollment_pending"].get<bool>());
}

TEST_P(Enrollment, RecoveryCodeSignsInOnceOnly) {
  Enrolled enrolled;
  (void)enrolled_admin(&enrolled);
  ASSERT_FALSE(enrolled.recovery_codes.empty());
  const nlohmann::json extra = {{"recovery_code", enrolled.recovery_codes[3]}};
  const Reply first = sign_in_admin(extra);
  EXPECT_EQ(first.status(), 200) << first.describe();
  const Reply again = sign_in_admin(extra);
  EXPECT_EQ(again.status(), 401) << again.describe();
  EXPECT_EQ(again.code(), "invalid_second_factor");
}

TEST_P(Enrollment, InviteUsedOnceIsGone) {
  (void)first_admin();
  EXPECT_EQ(lookup(console_token_).status(), 404);
  Browser again(port());
  const Reply r = again.accept_invite(console_token_, "Another-good-password-77");
  EXPECT_EQ(r.status(), 404) << r.describe();
  EXPECT_EQ(r.code(), "not_found");
  EXPECT_FALSE(r.http.has_header("set-cookie"));
}

TEST_P(Enrollment, RevokedInviteIsGone) {
  const Browser admin = enrolled_admin();
  const Reply sent = invite(admin, "withdrawn@hearth.example", "participant");
  ASSERT_EQ(sent.status(), 201) << sent.describe();
  const std::string token = link_token(sent.json["link"].get<std::string>());
  const Reply revoked =
      admin.del("/api/v1/invites/" + sent.json["invite"]["id"].get<std::string>());
  ASSERT_EQ(revoked.status(), 204) << revoked.describe();
  EXPECT_EQ(lookup(token).status(), 404);
  Browser browser(port());
  EXPECT_EQ(browser.accept_invite(token).status(), 404);
  EXPECT_EQ(invite_status(admin, "withdrawn@hearth.example"), "revoked");
  EXPECT_EQ(invite_status(admin, kFirstAdmin), "used");
}

TEST_P(Enrollment, GarbageTokensAreNotFound) {
  std::string one_off = console_token_;
  one_off.back() = one_off.back() == 'A' ? 'B' : 'A';
  for (const std::string& token : {std::string("garbage"), std::string(43, 'A'), one_off,
                                   std::string("../../etc/passwd"), std::string(64, 'z')}) {
    SCOPED_TRACE(token);
    const Reply r = lookup(token);
    EXPECT_EQ(r.status(), 404) << r.describe();
    EXPECT_EQ(r.code(), "not_found");
    Browser browser(port());
    EXPECT_EQ(browser.accept_invite(token).status(), 404);
  }
  EXPECT_EQ(lookup(console_token_).status(), 200) << "the real invitation stopped working";
}

TEST_P(Enrollment, WeakPasswordsAreRefusedAtAcceptance) {
  for (const std::string_view weak : {std::string_view("Abcdefgh1!x"),   // 11 characters
                                      std::string_view("qwerty123456"),  // a common password
                                      kFirstAdmin,                       // the email itself
                                      std::string_view("Morgan First")}) {
    SCOPED_TRACE(weak);
    Browser browser(port());
    const Reply r = browser.accept_invite(console_token_, weak, "Morgan First");
    EXPECT_EQ(r.status(), 422) << r.describe();
    EXPECT_EQ(r.code(), "invalid_argument");
    EXPECT_EQ(r.json["error"].value("field", ""), "password") << r.describe();
    EXPECT_FALSE(r.http.has_header("set-cookie"));
  }
  EXPECT_EQ(lookup(console_token_).status(), 200) << "a refused acceptance used the invitation";
}

TEST_P(Enrollment, AdminInvitesAClinicianWhoMustEnrollToo) {
  const Browser admin = enrolled_admin();
  const Reply sent = invite(admin, "new.clinician@hearth.example", "clinician");
  ASSERT_EQ(sent.status(), 201) << sent.describe();
  const auto& record = sent.json["invite"];
  EXPECT_EQ(record["email"], "new.clinician@hearth.example");
  EXPECT_EQ(record["roles"], nlohmann::json::array({"clinician"}));
  EXPECT_EQ(record["status"], "pending");
  EXPECT_EQ(record["invited_by"], admin.user_id());
  EXPECT_TRUE(record["program_id"].is_null());
  EXPECT_THAT(sent.json["link"].get<std::string>(), StartsWith("http://localhost/invite#"));

  Browser clinician(port());
  const Reply joined = clinician.accept_invite(link_token(sent.json["link"].get<std::string>()));
  ASSERT_EQ(joined.status(), 200) << joined.describe();
  EXPECT_EQ(joined.json["user"]["roles"], nlohmann::json::array({"clinician"}));
  EXPECT_TRUE(joined.json["second_factor"]["enrollment_pending"].get<bool>());
}

TEST_P(Enrollment, InvitingAnExistingEmailIsAConflict) {
  const Browser admin = enrolled_admin();
  const Reply r = invite(admin, kFirstAdmin, "participant");
  EXPECT_EQ(r.status(), 409) << r.describe();
  EXPECT_EQ(r.code(), "already_exists");
}

TEST_P(Enrollment, InvitingAnUnknownRoleIsRefused) {
  const Browser admin = enrolled_admin();
  const Reply r = invite(admin, "someone@hearth.example", "superuser");
  EXPECT_EQ(r.status(), 422) << r.describe();
  EXPECT_EQ(invite_status(admin, "someone@hearth.example"), "");
}

INSTANTIATE_TEST_SUITE_P(Accounts, Enrollment,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

// Invitations from clinicians and reset links, on the demo site (Riverbend's care team exists).
class CareTeamLinks : public DemoSiteTest {
 protected:
  void SetUp() override {
    DemoSiteTest::SetUp();
    const Reply programs = Browser(port()).get("/api/v1/programs");
    ASSERT_EQ(programs.status(), 200) << programs.describe();
    ASSERT_FALSE(programs.json["programs"].empty()) << programs.describe();
    riverbend_ = programs.json["programs"][0]["id"].get<std::string>();
  }

  static Reply invite(const Browser& by, std::string_view email, std::string_view role,
                      const std::string& program_id) {
    nlohmann::json body = {{"email", email}, {"roles", {role}}};
    if (!program_id.empty()) body["program_id"] = program_id;
    return by.post("/api/v1/invites", body);
  }

  Reply reset_lookup(std::string_view token) const {
    return Browser(port()).post("/api/v1/password-resets/lookup", {{"token", token}});
  }
  Reply reset_accept(std::string_view token, std::string_view password) const {
    return Browser(port()).post("/api/v1/password-resets/accept",
                                {{"token", token}, {"password", password}});
  }

  std::string riverbend_;
};

TEST_P(CareTeamLinks, ClinicianInvitesAParticipantIntoTheirProgram) {
  const Browser priya = signed_in(demo::kPriya);
  const Reply sent = invite(priya, "new.participant@riverbend.example", "participant", riverbend_);
  ASSERT_EQ(sent.status(), 201) << sent.describe();
  EXPECT_EQ(sent.json["invite"]["program_id"], riverbend_);

  Browser joined(port());
  ASSERT_EQ(joined.accept_invite(link_token(sent.json["link"].get<std::string>())).status(), 200);
  const Reply person = priya.get("/api/v1/people/" + joined.user_id());
  ASSERT_EQ(person.status(), 200) << person.describe();
  ASSERT_EQ(person.json["programs"].size(), 1U) << person.describe();
  EXPECT_EQ(person.json["programs"][0]["id"], riverbend_);
  EXPECT_EQ(person.json["programs"][0]["membership"], "participant");
}

TEST_P(CareTeamLinks, ClinicianMayNotInviteAnAdmin) {
  const Browser priya = signed_in(demo::kPriya);
  const Reply r = invite(priya, "new.admin@riverbend.example", "admin", riverbend_);
  EXPECT_EQ(r.status(), 403) << r.describe();
  EXPECT_EQ(r.code(), "permission_denied");
}

TEST_P(CareTeamLinks, ClinicianMayNotInviteOutsideTheirPrograms) {
  const Browser priya = signed_in(demo::kPriya);
  EXPECT_EQ(invite(priya, "loose@riverbend.example", "participant", "").status(), 403);
  const Reply listed = priya.get("/api/v1/invites");
  ASSERT_EQ(listed.status(), 200) << listed.describe();
  EXPECT_TRUE(listed.json["invites"].empty()) << listed.describe();
}

TEST_P(CareTeamLinks, ParticipantMayNotInvite) {
  const Browser avery = signed_in(demo::kAvery);
  const Reply r = invite(avery, "friend@riverbend.example", "participant", riverbend_);
  EXPECT_EQ(r.status(), 403) << r.describe();
}

TEST_P(CareTeamLinks, ClinicianSeesOnlyTheirOwnInvites) {
  const Browser priya = signed_in(demo::kPriya);
  const Browser sam = signed_in(demo::kSam);
  ASSERT_EQ(invite(priya, "p1@riverbend.example", "participant", riverbend_).status(), 201);
  const Reply from_sam = invite(sam, "p2@riverbend.example", "participant", riverbend_);
  ASSERT_EQ(from_sam.status(), 201);
  const Reply listed = priya.get("/api/v1/invites");
  ASSERT_EQ(listed.json["invites"].size(), 1U) << listed.describe();
  EXPECT_EQ(listed.json["invites"][0]["email"], "p1@riverbend.example");
  const Reply revoke =
      priya.del("/api/v1/invites/" + from_sam.json["invite"]["id"].get<std::string>());
  EXPECT_EQ(revoke.status(), 404) << "a clinician withdrew someone else's invitation";
}

TEST_P(CareTeamLinks, ResetLinkSetsTheNewPasswordAndEndsEverySession) {
  const Browser admin = signed_in(demo::kAdmin);
  const Browser avery = signed_in(demo::kAvery);
  const Reply issued = admin.post("/api/v1/people/" + avery.user_id() + "/password-reset");
  ASSERT_EQ(issued.status(), 201) << issued.describe();
  const std::string link = issued.json["link"].get<std::string>();
  EXPECT_THAT(link, StartsWith("http://localhost/reset#"));
  EXPECT_TRUE(issued.json["expires_at"].is_string());

  const Reply looked = reset_lookup(link_token(link));
  ASSERT_EQ(looked.status(), 200) << looked.describe();
  EXPECT_EQ(looked.json["email"], demo::kAvery);

  const Reply accepted = reset_accept(link_token(link), kNewPassword);
  ASSERT_EQ(accepted.status(), 204) << accepted.describe();
  EXPECT_EQ(avery.get(kSession).status(), 401) << "the old session survived the reset";
  Browser again(port());
  EXPECT_EQ(again.sign_in(demo::kAvery).status(), 401) << "the old password still works";
  EXPECT_EQ(again.sign_in(demo::kAvery, kNewPassword).status(), 200);
}

TEST_P(CareTeamLinks, UsedResetLinkIsGone) {
  const Browser admin = signed_in(demo::kAdmin);
  const std::string avery = person_id(admin, demo::kAvery);
  const Reply issued = admin.post("/api/v1/people/" + avery + "/password-reset");
  ASSERT_EQ(issued.status(), 201) << issued.describe();
  const std::string token = link_token(issued.json["link"].get<std::string>());
  ASSERT_EQ(reset_accept(token, kNewPassword).status(), 204);
  EXPECT_EQ(reset_lookup(token).status(), 404);
  const Reply again = reset_accept(token, "Yet-another-password-99");
  EXPECT_EQ(again.status(), 404) << again.describe();
  Browser browser(port());
  EXPECT_EQ(browser.sign_in(demo::kAvery, kNewPassword).status(), 200)
      << "the second use changed the password";
}

TEST_P(CareTeamLinks, WeakPasswordAtResetIsRefusedAndTheLinkStaysUsable) {
  const Browser admin = signed_in(demo::kAdmin);
  const std::string avery = person_id(admin, demo::kAvery);
  const Reply issued = admin.post("/api/v1/people/" + avery + "/password-reset");
  const std::string token = link_token(issued.json["link"].get<std::string>());
  const Reply weak = reset_accept(token, "qwerty123456");
  EXPECT_EQ(weak.status(), 422) << weak.describe();
  EXPECT_EQ(reset_lookup(token).status(), 200);
  Browser browser(port());
  EXPECT_EQ(browser.sign_in(demo::kAvery).status(), 200) << "a refused reset changed the password";
}

TEST_P(CareTeamLinks, ResetTokenIsNoInvitation) {
  const Browser admin = signed_in(demo::kAdmin);
  const std::string avery = person_id(admin, demo::kAvery);
  const Reply issued = admin.post("/api/v1/people/" + avery + "/password-reset");
  const std::string token = link_token(issued.json["link"].get<std::string>());
  EXPECT_EQ(Browser(port()).post("/api/v1/invites/lookup", {{"token", token}}).status(), 404);
}

TEST_P(CareTeamLinks, ResetLinkLastsADay) {
  const Browser admin = signed_in(demo::kAdmin);
  const std::string avery = person_id(admin, demo::kAvery);
  const std::int64_t before = now_ms();
  const Reply issued = admin.post("/api/v1/people/" + avery + "/password-reset");
  ASSERT_EQ(issued.status(), 201) << issued.describe();
  const auto expires = parse_timestamp_ms(issued.json["expires_at"].get<std::string>());
  ASSERT_TRUE(expires) << issued.describe();
  constexpr std::int64_t kDay = 24LL * 3600 * 1000;
  EXPECT_GE(*expires, before + kDay - 1000);
  EXPECT_LE(*expires, now_ms() + kDay + 1000);
}

INSTANTIATE_TEST_SUITE_P(Accounts, CareTeamLinks,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

// The second factor of an account that may choose it (a participant) or must keep it (staff),
// on the demo site where nobody has one yet.
class SecondFactor : public DemoSiteTest {
 protected:
  Reply sign_in_avery(const nlohmann::json& extra) const {
    Browser browser(port());
    return browser.sign_in(demo::kAvery, kDemoPassword, extra);
  }
};

TEST_P(SecondFactor, ParticipantMayTurnItOff) {
  const Browser avery = signed_in(demo::kAvery);
  const Enrolled enrolled = enroll_totp(avery);
  ASSERT_FALSE(enrolled.secret.empty());
  const Reply r = avery.del("/api/v1/account/totp", nlohmann::json{{"password", kDemoPassword}});
  ASSERT_EQ(r.status(), 204) << r.describe();
  EXPECT_FALSE(avery.get("/api/v1/account").json["totp_enabled"].get<bool>());
  EXPECT_EQ(sign_in_avery({}).status(), 200) << "a code is still needed";
}

TEST_P(SecondFactor, TurningItOffNeedsThePassword) {
  const Browser avery = signed_in(demo::kAvery);
  (void)enroll_totp(avery);
  const Reply r =
      avery.del("/api/v1/account/totp", nlohmann::json{{"password", "Not-it-at-all-1"}});
  EXPECT_GE(r.status(), 400) << r.describe();
  EXPECT_LT(r.status(), 500) << r.describe();
  EXPECT_TRUE(avery.get("/api/v1/account").json["totp_enabled"].get<bool>());
}

TEST_P(SecondFactor, StaffMayNotTurnItOff) {
  const Browser priya = signed_in(demo::kPriya);
  (void)enroll_totp(priya);
  const Reply r = priya.del("/api/v1/account/totp", nlohmann::json{{"password", kDemoPassword}});
  EXPECT_EQ(r.status(), 403) << r.describe();
  EXPECT_TRUE(priya.get("/api/v1/account").json["totp_enabled"].get<bool>());
}

TEST_P(SecondFactor, NewRecoveryCodesReplaceTheOldOnes) {
  const Browser avery = signed_in(demo::kAvery);
  const Enrolled enrolled = enroll_totp(avery);
  ASSERT_EQ(enrolled.recovery_codes.size(), 10U);
  const Reply r = avery.post("/api/v1/account/recovery-codes", {{"password", kDemoPassword}});
  ASSERT_EQ(r.status(), 200) << r.describe();
  const auto fresh = r.json["recovery_codes"].get<std::vector<std::string>>();
  ASSERT_EQ(fresh.size(), 10U);
  const Reply old = sign_in_avery({{"recovery_code", enrolled.recovery_codes[0]}});
  EXPECT_EQ(old.status(), 401) << old.describe();
  EXPECT_EQ(old.code(), "invalid_second_factor");
  EXPECT_EQ(sign_in_avery({{"recovery_code", fresh[0]}}).status(), 200);
}

TEST_P(SecondFactor, NewRecoveryCodesNeedThePassword) {
  const Browser avery = signed_in(demo::kAvery);
  const Enrolled enrolled = enroll_totp(avery);
  const Reply r = avery.post("/api/v1/account/recovery-codes", {{"password", "Not-it-at-all-1"}});
  EXPECT_GE(r.status(), 400) << r.describe();
  EXPECT_LT(r.status(), 500) << r.describe();
  EXPECT_FALSE(r.json.contains("recovery_codes"));
  ASSERT_FALSE(enrolled.recovery_codes.empty());
  EXPECT_EQ(sign_in_avery({{"recovery_code", enrolled.recovery_codes[0]}}).status(), 200)
      << "a refused request replaced the codes";
}

INSTANTIATE_TEST_SUITE_P(Accounts, SecondFactor,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
