// Signing in and out, the session cookie, the sign-in throttle and one's list of sessions
// (docs/api.md, "Accounts, sessions and the care team"), against a demo site per test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kSignIn = "/api/v1/auth/sign-in";
constexpr std::string_view kSession = "/api/v1/auth/session";
constexpr std::string_view kSchedule = "/api/v1/me/schedule";  // answered from kept copies

class SignIn : public DemoSiteTest {
 protected:
  // Sends a refused sign-in and checks that it answered `status` with `code`, set no cookie and
  // left no sign-in in the audit trail.
  void expect_refused(const std::string& body, int status, std::string_view code,
                      std::string_view content_type = "application/json") {
    if (!admin_) admin_ = signed_in(demo::kAdmin);
    const auto before = newest_audit_seq(*admin_, "sign_in");
    const Reply r = Browser(port()).send_raw(
        "POST", kSignIn,
        {{"Origin", "http://localhost"}, {"Content-Type", std::string(content_type)}}, body);
    EXPECT_EQ(r.status(), status) << r.describe();
    EXPECT_EQ(r.code(), code) << r.describe();
    EXPECT_FALSE(r.http.has_header("set-cookie")) << r.describe();
    EXPECT_EQ(newest_audit_seq(*admin_, "sign_in"), before) << "a refused request was audited";
  }

 private:
  std::optional<Browser> admin_;
};

TEST_P(SignIn, SuccessSetsAnHttpOnlyLaxCookieWithoutSecureOverPlainHttp) {
  Browser browser(port());
  const Reply r = browser.sign_in(demo::kAvery);
  ASSERT_EQ(r.status(), 200) << r.describe();
  const std::string cookie = r.http.header("set-cookie").value_or("");
  EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(cookie, HasSubstr("SameSite=Lax"));
  EXPECT_THAT(cookie, HasSubstr("Path=/"));
  EXPECT_THAT(cookie, Not(HasSubstr("Secure")));
  // 256 bits as base64url without padding: 43 characters.
  EXPECT_EQ(browser.cookie().size(), 43U) << cookie;
}

TEST_P(SignIn, SuccessAnswersSessionInfo) {
  Browser browser(port());
  const Reply r = browser.sign_in(demo::kAvery);
  ASSERT_EQ(r.status(), 200) << r.describe();
  const auto& info = r.json;
  EXPECT_EQ(info["user"]["email"], demo::kAvery);
  EXPECT_EQ(info["user"]["roles"], nlohmann::json::array({"participant"}));
  EXPECT_FALSE(info["user"]["totp_enabled"].get<bool>());
  EXPECT_TRUE(info["user"]["preferences"].contains("text_size"));
  for (const char* key :
       {"id", "csrf_token", "idle_timeout_seconds", "idle_expires_at", "absolute_expires_at"}) {
    EXPECT_TRUE(info["session"].contains(key)) << key << " missing: " << r.describe();
  }
  EXPECT_FALSE(info["session"]["csrf_token"].get<std::string>().empty());
  EXPECT_NE(info["session"]["csrf_token"], browser.cookie());
  EXPECT_EQ(
      info["second_factor"],
      nlohmann::json({{"required", false}, {"enrolled", false}, {"enrollment_pending", false}}));
  EXPECT_TRUE(info["demo"].get<bool>());
  EXPECT_EQ(r.http.header("cache-control"), "no-store");
}

TEST_P(SignIn, SessionAnswersWithTheCookie) {
  const Browser browser = signed_in(demo::kAvery);
  const Reply r = browser.get(kSession);
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["session"]["id"], browser.session_id());
  EXPECT_EQ(r.json["user"]["email"], demo::kAvery);
}

TEST_P(SignIn, SessionWithoutACookieIs401) {
  const Reply r = Browser(port()).get(kSession);
  EXPECT_EQ(r.status(), 401) << r.describe();
  EXPECT_EQ(r.code(), "unauthenticated");
}

TEST_P(SignIn, UnknownEmailAndWrongPasswordGetTheSameAnswer) {
  Browser browser(port());
  const Reply unknown = browser.sign_in("nobody@riverbend.example");
  const Reply wrong = browser.sign_in(demo::kAvery, "Not-the-password-1");
  EXPECT_EQ(unknown.status(), 401) << unknown.describe();
  EXPECT_EQ(unknown.code(), "invalid_credentials");
  EXPECT_EQ(wrong.status(), unknown.status());
  EXPECT_EQ(wrong.json, unknown.json) << "the answers tell the two apart";
  EXPECT_FALSE(wrong.http.has_header("set-cookie"));
}

TEST_P(SignIn, OverlongEmailIsRefusedAndChangesNothing) {
  const std::string email = std::string(400 - 16, 'a') + "@riverbend.example";
  expect_refused(nlohmann::json({{"email", email}, {"password", kDemoPassword}}).dump(), 422,
                 "invalid_argument");
}

TEST_P(SignIn, MalformedEmailIsRefusedAndChangesNothing) {
  expect_refused(R"({"email":"avery.riverbend.example","password":"Riverbend-demo-2026"})", 422,
                 "invalid_argument");
}

TEST_P(SignIn, MissingPasswordIsRefusedAndChangesNothing) {
  expect_refused(R"({"email":"avery@riverbend.example"})", 422, "invalid_argument");
}

TEST_P(SignIn, WrongJsonTypesAreRefusedAndChangeNothing) {
  expect_refused(R"({"email":5,"password":"Riverbend-demo-2026"})", 400, "malformed");
  expect_refused(R"({"email":"avery@riverbend.example","password":["Riverbend-demo-2026"]})", 400,
                 "malformed");
  expect_refused(R"(["avery@riverbend.example","Riverbend-demo-2026"])", 400, "malformed");
}

TEST_P(SignIn, InvalidUtf8IsRefusedAndChangesNothing) {
  expect_refused("{\"email\":\"avery\xff@riverbend.example\",\"password\":\"Riverbend-demo-2026\"}",
                 400, "malformed");
}

TEST_P(SignIn, BodyThatIsNotJsonIsRefusedAndChangesNothing) {
  expect_refused("email=avery%40riverbend.example&password=Riverbend-demo-2026", 415,
                 "unsupported_media_type", "application/x-www-form-urlencoded");
}

TEST_P(SignIn, RefusedInputDoesNotCountTowardsTheThrottle) {
  Browser browser(port());
  for (int i = 0; i < 8; ++i) {
    const Reply r = browser.post(kSignIn, {{"email", demo::kAvery}});
    ASSERT_EQ(r.status(), 422) << r.describe();
  }
  EXPECT_EQ(browser.sign_in(demo::kAvery).status(), 200);
}

TEST_P(SignIn, SixthWrongPasswordIsThrottledWithRetryAfter) {
  Browser browser(port());
  for (int i = 0; i < 5; ++i) {
    const Reply r = browser.sign_in(demo::kAvery, "Not-the-password-1");
    ASSERT_EQ(r.status(), 401) << "attempt " << i + 1 << ": " << r.describe();
  }
  const Reply sixth = browser.sign_in(demo::kAvery, "Not-the-password-1");
  EXPECT_EQ(sixth.status(), 429) << sixth.describe();
  EXPECT_EQ(sixth.code(), "rate_limited");
  const std::string retry = sixth.http.header("retry-after").value_or("");
  EXPECT_GE(std::atoi(retry.c_str()), 1) << sixth.describe();
  EXPECT_EQ(retry.find_first_not_of("0123456789"), std::string::npos) << retry;
}

TEST_P(SignIn, RightPasswordIsAlsoRefusedWhileThrottled) {
  Browser browser(port());
  for (int i = 0; i < 5; ++i) (void)browser.sign_in(demo::kAvery, "Not-the-password-1");
  const Reply r = browser.sign_in(demo::kAvery);
  EXPECT_EQ(r.status(), 429) << r.describe();
  EXPECT_FALSE(r.http.has_header("set-cookie"));
}

TEST_P(SignIn, ThrottleOfOneEmailLeavesOthersSigningIn) {
  Browser browser(port());
  for (int i = 0; i < 6; ++i) (void)browser.sign_in(demo::kAvery, "Not-the-password-1");
  EXPECT_EQ(browser.sign_in(demo::kBlake).status(), 200);
}

TEST_P(SignIn, SignOutClearsTheCookieAndEndsTheSession) {
  const Browser browser = signed_in(demo::kAvery);
  const Reply out = browser.post("/api/v1/auth/sign-out");
  ASSERT_EQ(out.status(), 204) << out.describe();
  const std::string cookie = out.http.header("set-cookie").value_or("");
  EXPECT_THAT(cookie, HasSubstr("hearth_session=;"));
  EXPECT_THAT(cookie, HasSubstr("Max-Age=0"));
  EXPECT_EQ(browser.get(kSession).status(), 401) << "the old cookie still works";
}

TEST_P(SignIn, SignOutEverywhereEndsTheOtherSessionsToo) {
  const Browser laptop = signed_in(demo::kAvery);
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  const Reply out = laptop.post("/api/v1/auth/sign-out-everywhere");
  ASSERT_EQ(out.status(), 204) << out.describe();
  EXPECT_EQ(laptop.get(kSession).status(), 401);
  EXPECT_EQ(phone.get(kSession).status(), 401);
}

TEST_P(SignIn, SignOutEverywhereLeavesOtherPeoplesSessions) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  ASSERT_EQ(avery.post("/api/v1/auth/sign-out-everywhere").status(), 204);
  EXPECT_EQ(blake.get(kSession).status(), 200);
}

// Another node on the same database ends the session: here its statements, sent behind this
// server's back. This server holds a copy of the session, which it must drop at its next look for
// other processes' writes (a fifth of a second), well before the copy's own lifetime (7.5 to
// 10 s) would run out.
TEST_P(SignIn, ASignOutOnAnotherNodeIsSeenLongBeforeTheKeptCopyRunsOut) {
  const Browser avery = signed_in(demo::kAvery);
  ASSERT_EQ(avery.get(kSchedule).status(), 200);  // the session and the schedule are now kept
  std::string sql = "UPDATE sessions SET ended_at_ms = " + std::to_string(now_ms()) +
                    ", end_reason = 'signed_out' WHERE id = '" + avery.session_id() + "'";
  // On PostgreSQL, another node's write also sends this as it commits; on SQLite the commit alone
  // is what the server sees.
  if (GetParam() == Driver::postgresql) sql += "; SELECT pg_notify('hearth_writes', 'other-node')";
  site().database().execute(sql);
  const auto deadline = now_ms() + 3000;
  int status = 200;
  while (status == 200 && now_ms() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    status = avery.get(kSchedule).status();
  }
  EXPECT_EQ(status, 401) << "the ended session was still let in after 3 s";
}

TEST_P(SignIn, TamperedCookieIs401) {
  Browser browser = signed_in(demo::kAvery);
  std::string token = browser.cookie();
  token[token.size() / 2] = token[token.size() / 2] == 'A' ? 'B' : 'A';
  browser.set_cookie(token);
  const Reply r = browser.get(kSession);
  EXPECT_EQ(r.status(), 401) << r.describe();
}

TEST_P(SignIn, SessionListShowsBothSessionsAndMarksTheCurrentOne) {
  const Browser laptop = signed_in(demo::kAvery);
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  const Reply r = laptop.get("/api/v1/account/sessions");
  ASSERT_EQ(r.status(), 200) << r.describe();
  const auto& sessions = r.json["sessions"];
  ASSERT_EQ(sessions.size(), 2U) << r.describe();
  for (const auto& s : sessions) {
    const bool is_laptop = s["id"] == laptop.session_id();
    EXPECT_TRUE(is_laptop || s["id"] == phone.session_id()) << s;
    EXPECT_EQ(s["current"].get<bool>(), is_laptop) << s;
    EXPECT_EQ(s["browser"], is_laptop ? "Firefox" : "Safari") << s;
    EXPECT_EQ(s["device"], is_laptop ? "Linux" : "iPhone") << s;
    EXPECT_TRUE(s.contains("signed_in_at") && s.contains("last_seen_at")) << s;
  }
}

TEST_P(SignIn, DeletingAnotherOfOnesSessionsEndsIt) {
  const Browser laptop = signed_in(demo::kAvery);
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  const Reply r = laptop.del("/api/v1/account/sessions/" + phone.session_id());
  ASSERT_EQ(r.status(), 204) << r.describe();
  EXPECT_EQ(phone.get(kSession).status(), 401);
  EXPECT_EQ(laptop.get(kSession).status(), 200);
  EXPECT_EQ(laptop.get("/api/v1/account/sessions").json["sessions"].size(), 1U);
}

TEST_P(SignIn, KeepAliveAnswersSessionInfo) {
  const Browser browser = signed_in(demo::kAvery);
  const Reply r = browser.post("/api/v1/auth/keep-alive");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["session"]["id"], browser.session_id());
  EXPECT_EQ(r.json["user"]["email"], demo::kAvery);
  EXPECT_TRUE(r.json.contains("second_factor"));
}

TEST_P(SignIn, KeepAliveWithoutASessionIs401) {
  const Reply r = Browser(port()).post("/api/v1/auth/keep-alive");
  EXPECT_EQ(r.status(), 401) << r.describe();
}

TEST_P(SignIn, ConfigSaysDemoAndTheIdleTimeout) {
  const Reply r = Browser(port()).get("/api/v1/auth/config");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json, nlohmann::json({{"demo", true}, {"idle_timeout_seconds", 900}}));
}

TEST_P(SignIn, RefusalsDoNotEchoTheEmail) {
  Browser browser(port());
  const std::string odd = "zq-unique-7731@nowhere.example";
  const Reply unknown = browser.sign_in(odd);
  const Reply malformed = browser.post(kSignIn, {{"email", "zq-unique-7731"}, {"password", "x"}});
  EXPECT_EQ(unknown.http.body.find("zq-unique-7731"), std::string::npos) << unknown.describe();
  EXPECT_EQ(malformed.http.body.find("zq-unique-7731"), std::string::npos) << malformed.describe();
}

TEST_P(SignIn, ManyFailuresFromOneAddressThrottleEveryAccount) {
  Browser browser(port());
  // 30 failures from one address are free (session_service.hpp); each uses a new email so that
  // no email's own throttle starts first.
  for (int i = 0; i < 30; ++i) {
    const Reply r = browser.sign_in("nobody" + std::to_string(i) + "@riverbend.example");
    ASSERT_EQ(r.status(), 401) << "attempt " << i + 1 << ": " << r.describe();
  }
  const Reply r = browser.sign_in(demo::kBlake);
  EXPECT_EQ(r.status(), 429) << r.describe();
  EXPECT_TRUE(r.http.has_header("retry-after")) << r.describe();
}

TEST_P(SignIn, SessionDeadlinesFollowTheTimeouts) {
  const std::int64_t before = now_ms();
  Browser browser(port());
  const Reply r = browser.sign_in(demo::kAvery);
  const std::int64_t after = now_ms();
  ASSERT_EQ(r.status(), 200) << r.describe();
  const auto& session = r.json["session"];
  const auto idle = parse_timestamp_ms(session["idle_expires_at"].get<std::string>());
  const auto absolute = parse_timestamp_ms(session["absolute_expires_at"].get<std::string>());
  ASSERT_TRUE(idle && absolute) << r.describe();
  const std::int64_t idle_ms = session["idle_timeout_seconds"].get<std::int64_t>() * 1000;
  EXPECT_GT(idle_ms, 0);
  EXPECT_LE(idle_ms, 900'000) << "longer than the server's --session-idle-timeout";
  EXPECT_GE(*idle, before + idle_ms - 1000);
  EXPECT_LE(*idle, after + idle_ms + 1000);
  constexpr std::int64_t kTwelveHours = 12LL * 3600 * 1000;
  EXPECT_GE(*absolute, before + kTwelveHours - 1000);
  EXPECT_LE(*absolute, after + kTwelveHours + 1000);
}

TEST_P(SignIn, StaffInDemoModeNeedNotEnroll) {
  Browser browser(port());
  const Reply r = browser.sign_in(demo::kPriya);
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(
      r.json["second_factor"],
      nlohmann::json({{"required", true}, {"enrolled", false}, {"enrollment_pending", false}}));
  EXPECT_EQ(browser.get("/api/v1/participants").status(), 200);
}

INSTANTIATE_TEST_SUITE_P(Accounts, SignIn, ::testing::Values(Driver::sqlite, Driver::postgresql),
                         DriverName());

// One's own account: profile, preferences and password.
class OwnAccount : public DemoSiteTest {};

TEST_P(OwnAccount, ProfileAndPreferencesChange) {
  const Browser avery = signed_in(demo::kAvery);
  const Reply r = avery.patch("/api/v1/account", {{"display_name", "Avery Morgan"},
                                                  {"pronouns", "they/them"},
                                                  {"time_zone", "Europe/Berlin"},
                                                  {"text_size", 150},
                                                  {"high_contrast", true}});
  ASSERT_EQ(r.status(), 200) << r.describe();
  const Reply account = avery.get("/api/v1/account");
  EXPECT_EQ(account.json, r.json);
  EXPECT_EQ(account.json["display_name"], "Avery Morgan");
  EXPECT_EQ(account.json["pronouns"], "they/them");
  EXPECT_EQ(account.json["time_zone"], "Europe/Berlin");
  EXPECT_EQ(account.json["preferences"],
            nlohmann::json({{"text_size", 150}, {"high_contrast", true}}));
}

TEST_P(OwnAccount, OutOfRangeProfileChangesNothing) {
  const Browser avery = signed_in(demo::kAvery);
  const Reply before = avery.get("/api/v1/account");
  for (const nlohmann::json& change :
       {nlohmann::json{{"text_size", 250}}, nlohmann::json{{"text_size", 99}},
        nlohmann::json{{"time_zone", "Mars/Olympus_Mons"}}, nlohmann::json{{"display_name", ""}},
        nlohmann::json{{"display_name", "Avery Changed"}, {"text_size", 201}}}) {
    SCOPED_TRACE(change.dump());
    const Reply r = avery.patch("/api/v1/account", change);
    EXPECT_EQ(r.status(), 422) << r.describe();
  }
  EXPECT_EQ(avery.patch("/api/v1/account", {{"high_contrast", "yes"}}).status(), 400);
  EXPECT_EQ(avery.get("/api/v1/account").json, before.json);
}

TEST_P(OwnAccount, PasswordChangeEndsTheOtherSessionsOnly) {
  const Browser laptop = signed_in(demo::kAvery);
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  const Reply r = laptop.post("/api/v1/account/password", {{"current_password", kDemoPassword},
                                                           {"new_password", kNewPassword}});
  ASSERT_EQ(r.status(), 204) << r.describe();
  EXPECT_EQ(laptop.get(kSession).status(), 200);
  EXPECT_EQ(phone.get(kSession).status(), 401);
  Browser again(port());
  EXPECT_EQ(again.sign_in(demo::kAvery).status(), 401);
  EXPECT_EQ(again.sign_in(demo::kAvery, kNewPassword).status(), 200);
}

TEST_P(OwnAccount, PasswordChangeWithAWrongCurrentPasswordChangesNothing) {
  const Browser laptop = signed_in(demo::kAvery);
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  const Reply r = laptop.post("/api/v1/account/password", {{"current_password", "Not-it-at-all-1"},
                                                           {"new_password", kNewPassword}});
  EXPECT_GE(r.status(), 400) << r.describe();
  EXPECT_LT(r.status(), 500) << r.describe();
  EXPECT_EQ(phone.get(kSession).status(), 200);
  Browser again(port());
  EXPECT_EQ(again.sign_in(demo::kAvery).status(), 200);
}

TEST_P(OwnAccount, WeakNewPasswordIsRefused) {
  const Browser avery = signed_in(demo::kAvery);
  const Reply r = avery.post("/api/v1/account/password", {{"current_password", kDemoPassword},
                                                          {"new_password", "qwerty123456"}});
  EXPECT_EQ(r.status(), 422) << r.describe();
  EXPECT_EQ(r.json["error"].value("field", ""), "new_password") << r.describe();
}

INSTANTIATE_TEST_SUITE_P(Accounts, OwnAccount,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
