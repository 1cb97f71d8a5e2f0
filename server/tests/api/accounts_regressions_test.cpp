// Regression tests for faults found while the accounts API was first tested.
//
// SessionReportsSecondFactor: SessionService::current() once built its SessionState from a
// braced list that moved the user record before parsing its roles, so GET /auth/session and
// POST /auth/keep-alive said second_factor.required = false and enrollment_pending = false for
// staff, and the web app's poll would have believed enrolment was done.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {
namespace {

const nlohmann::json kPending = {
    {"required", true}, {"enrolled", false}, {"enrollment_pending", true}};

// A site that is not in demo mode, whose first admin has accepted the console's invitation.
class SessionReportsSecondFactor : public SiteTest {
 protected:
  void SetUp() override {
    SiteTest::SetUp();
    const std::string token = site().invite_from_console("first.admin@hearth.example", "admin");
    site().start();
    ASSERT_TRUE(site().error().empty()) << site().error();
    admin_ = Browser(port());
    const Reply accepted = admin_.accept_invite(token);
    ASSERT_EQ(accepted.status(), 200) << accepted.describe();
    ASSERT_EQ(accepted.json["second_factor"], kPending) << "acceptance itself already differs";
  }

  Browser admin_{0};
};

TEST_P(SessionReportsSecondFactor, SessionSaysEnrollmentIsPendingForStaffWithoutTotp) {
  const Reply r = admin_.get("/api/v1/auth/session");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["second_factor"], kPending) << r.describe();
}

TEST_P(SessionReportsSecondFactor, KeepAliveSaysEnrollmentIsPendingForStaffWithoutTotp) {
  const Reply r = admin_.post("/api/v1/auth/keep-alive");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["second_factor"], kPending) << r.describe();
}

TEST_P(SessionReportsSecondFactor, SessionSaysTheSecondFactorIsRequiredAfterEnrollment) {
  const Enrolled enrolled = enroll_totp(admin_);
  ASSERT_FALSE(enrolled.recovery_codes.empty());
  const Reply r = admin_.get("/api/v1/auth/session");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["second_factor"],
            nlohmann::json({{"required", true}, {"enrolled", true}, {"enrollment_pending", false}}))
      << r.describe();
}

// On the demo site.
class InviteAndResetEdges : public DemoSiteTest {};

// Two invitations to one address (nothing forbids sending both): accepting the second once an
// account exists answered 409 with the store's own text ("insert_user failed: constraint
// failed (SQLite code 2067)"); it must be our own message.
TEST_P(InviteAndResetEdges, AcceptingASecondInviteForTheSameEmailDoesNotShowDatabaseErrors) {
  const Browser admin = signed_in(demo::kAdmin);
  std::vector<std::string> tokens;
  for (const char* role : {"participant", "family"}) {
    const Reply sent =
        admin.post("/api/v1/invites", {{"email", "twice@riverbend.example"}, {"roles", {role}}});
    ASSERT_EQ(sent.status(), 201) << sent.describe();
    tokens.push_back(link_token(sent.json["link"].get<std::string>()));
  }
  Browser first(port());
  ASSERT_EQ(first.accept_invite(tokens[0]).status(), 200);
  Browser second(port());
  const Reply r = second.accept_invite(tokens[1]);
  EXPECT_EQ(r.status(), 409) << r.describe();
  const std::string message = r.json.is_object() ? r.json["error"].value("message", "") : "";
  for (const char* internal :
       {"insert_user", "constraint", "SQLite", "SQLSTATE", "duplicate key"}) {
    EXPECT_EQ(message.find(internal), std::string::npos) << internal << " in: " << message;
  }
}

// A reset link is never for oneself (docs/api.md): it would let a stolen session take over the
// account without the current password, which the account page asks for.
TEST_P(InviteAndResetEdges, NobodyIssuesAResetLinkForThemselves) {
  const Browser admin = signed_in(demo::kAdmin);
  ASSERT_EQ(admin.get("/api/v1/people/" + admin.user_id()).status(), 200);
  const Reply r = admin.post("/api/v1/people/" + admin.user_id() + "/password-reset");
  EXPECT_EQ(r.status(), 404) << r.describe();
}

INSTANTIATE_TEST_SUITE_P(Accounts, InviteAndResetEdges,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

INSTANTIATE_TEST_SUITE_P(Accounts, SessionReportsSecondFactor,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
