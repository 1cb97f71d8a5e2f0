// Cross-site request forgery (docs/api.md, "CSRF"): a state-changing request must come from
// Hearth's own origin (Origin, or else Referer) and, when signed in, carry the session's
// X-CSRF-Token. A refused request answers 403 csrf_failed and changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr std::string_view kAccount = "/api/v1/account";
constexpr std::string_view kRenamed = R"({"display_name":"Renamed by someone else"})";

class Csrf : public DemoSiteTest {
 protected:
  void SetUp() override {
    DemoSiteTest::SetUp();
    avery_ = signed_in(demo::kAvery);
  }

  // The cookie the browser would attach to any request to this site, wherever it came from.
  Headers with_cookie(Headers headers) const {
    headers.emplace_back("Cookie", "hearth_session=" + avery_.cookie());
    return headers;
  }

  // PATCH /account renaming Avery, with exactly these headers.
  Reply rename(Headers headers) const {
    headers.emplace_back("Content-Type", "application/json");
    return avery_.send_raw("PATCH", kAccount, with_cookie(std::move(headers)), kRenamed);
  }

  static void expect_csrf_failed(const Reply& r) {
    EXPECT_EQ(r.status(), 403) << r.describe();
    EXPECT_EQ(r.code(), "csrf_failed") << r.describe();
  }

  void expect_name_unchanged() const {
    const Reply r = avery_.get(kAccount);
    ASSERT_EQ(r.status(), 200) << r.describe();
    EXPECT_EQ(r.json["display_name"], "Avery M.") << "a refused request changed the account";
  }

  Browser avery_{0};
};

TEST_P(Csrf, CrossSiteFormPostToSignInIsRefused) {
  const Reply r = Browser(port()).send_raw(
      "POST", "/api/v1/auth/sign-in",
      {{"Origin", "http://evil.example"}, {"Content-Type", "application/x-www-form-urlencoded"}},
      "email=avery%40riverbend.example&password=Riverbend-demo-2026");
  expect_csrf_failed(r);
  EXPECT_FALSE(r.http.has_header("set-cookie"));
}

TEST_P(Csrf, CrossSiteJsonPostToSignInIsRefused) {
  const Reply r = Browser(port()).send_raw(
      "POST", "/api/v1/auth/sign-in",
      {{"Origin", "http://evil.example"}, {"Content-Type", "application/json"}},
      R"({"email":"avery@riverbend.example","password":"Riverbend-demo-2026"})");
  expect_csrf_failed(r);
  EXPECT_FALSE(r.http.has_header("set-cookie"));
}

TEST_P(Csrf, CrossSiteFormPostToASignedInRouteIsRefused) {
  const Reply r =
      avery_.send_raw("PATCH", kAccount,
                      with_cookie({{"Origin", "http://evil.example"},
                                   {"Content-Type", "application/x-www-form-urlencoded"}}),
                      "display_name=Renamed+by+someone+else");
  expect_csrf_failed(r);
  expect_name_unchanged();
}

TEST_P(Csrf, CrossSiteOriginIsRefusedEvenWithTheRightToken) {
  expect_csrf_failed(rename({{"Origin", "http://evil.example"}, {"X-CSRF-Token", avery_.csrf()}}));
  expect_name_unchanged();
}

TEST_P(Csrf, LookalikeOriginsAreRefused) {
  for (const char* origin : {"http://localhost.evil.example", "https://localhost", "null",
                             "http://localhost:8080", "http://evil.example/http://localhost"}) {
    SCOPED_TRACE(origin);
    expect_csrf_failed(rename({{"Origin", origin}, {"X-CSRF-Token", avery_.csrf()}}));
  }
  expect_name_unchanged();
}

TEST_P(Csrf, SignedInRequestWithoutTheTokenIsRefused) {
  expect_csrf_failed(rename({{"Origin", "http://localhost"}}));
  expect_name_unchanged();
}

TEST_P(Csrf, SignedInRequestWithAWrongTokenIsRefused) {
  std::string wrong = avery_.csrf();
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  expect_csrf_failed(rename({{"Origin", "http://localhost"}, {"X-CSRF-Token", wrong}}));
  expect_csrf_failed(rename({{"Origin", "http://localhost"}, {"X-CSRF-Token", ""}}));
  expect_name_unchanged();
}

TEST_P(Csrf, AnotherSessionsTokenIsRefused) {
  const Browser other = signed_in(demo::kAvery);
  expect_csrf_failed(rename({{"Origin", "http://localhost"}, {"X-CSRF-Token", other.csrf()}}));
  expect_name_unchanged();
}

TEST_P(Csrf, SameOriginRefererWithoutOriginIsAllowed) {
  const Reply r =
      rename({{"Referer", "http://localhost/account/profile"}, {"X-CSRF-Token", avery_.csrf()}});
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(r.json["display_name"], "Renamed by someone else");
}

TEST_P(Csrf, CrossSiteRefererWithoutOriginIsRefused) {
  for (const char* referer : {"http://evil.example/page", "http://localhost.evil.example/",
                              "http://localhost@evil.example/", "localhost/account"}) {
    SCOPED_TRACE(referer);
    expect_csrf_failed(rename({{"Referer", referer}, {"X-CSRF-Token", avery_.csrf()}}));
  }
  expect_name_unchanged();
}

TEST_P(Csrf, NoOriginAndNoRefererIsRefused) {
  expect_csrf_failed(rename({{"X-CSRF-Token", avery_.csrf()}}));
  expect_name_unchanged();
}

TEST_P(Csrf, SignOutWithoutTheTokenIsRefusedAndTheSessionLives) {
  const Reply r = avery_.send_raw("POST", "/api/v1/auth/sign-out",
                                  with_cookie({{"Origin", "http://localhost"}}));
  expect_csrf_failed(r);
  EXPECT_EQ(avery_.get("/api/v1/auth/session").status(), 200);
}

TEST_P(Csrf, EndingASessionCrossSiteIsRefusedAndTheSessionLives) {
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  const Reply r = avery_.send_raw(
      "DELETE", "/api/v1/account/sessions/" + phone.session_id(),
      with_cookie({{"Origin", "http://evil.example"}, {"X-CSRF-Token", avery_.csrf()}}));
  expect_csrf_failed(r);
  EXPECT_EQ(phone.get("/api/v1/auth/session").status(), 200);
}

TEST_P(Csrf, ReadsNeedNoToken) {
  const Reply r = avery_.send_raw("GET", kAccount, with_cookie({}));
  EXPECT_EQ(r.status(), 200) << r.describe();
}

INSTANTIATE_TEST_SUITE_P(Accounts, Csrf, ::testing::Values(Driver::sqlite, Driver::postgresql),
                         DriverName());

// Behind a proxy the public origin is configured, and only it is Hearth's own.
class CsrfWithPublicUrl : public DemoSiteTest {
 protected:
  std::vector<std::string> server_args() const override {
    return {"--public-url", "https://care.example.org"};
  }
};

TEST_P(CsrfWithPublicUrl, OnlyThePublicOriginIsAccepted) {
  Browser browser(port());
  const std::string body =
      R"({"email":"avery@riverbend.example","password":"Riverbend-demo-2026"})";
  const Reply local = browser.send_raw(
      "POST", "/api/v1/auth/sign-in",
      {{"Origin", "http://localhost"}, {"Content-Type", "application/json"}}, body);
  EXPECT_EQ(local.status(), 403) << local.describe();
  EXPECT_EQ(local.code(), "csrf_failed");
  const Reply public_origin = browser.send_raw(
      "POST", "/api/v1/auth/sign-in",
      {{"Origin", "https://care.example.org"}, {"Content-Type", "application/json"}}, body);
  EXPECT_EQ(public_origin.status(), 200) << public_origin.describe();
}

TEST_P(CsrfWithPublicUrl, LinksUseThePublicOrigin) {
  Browser admin(port());
  const std::string body =
      R"({"email":"admin@riverbend.example","password":"Riverbend-demo-2026"})";
  const Reply in = admin.send_raw(
      "POST", "/api/v1/auth/sign-in",
      {{"Origin", "https://care.example.org"}, {"Content-Type", "application/json"}}, body);
  ASSERT_EQ(in.status(), 200) << in.describe();
  admin.adopt(in);
  const Reply sent = admin.send_raw("POST", "/api/v1/invites",
                                    {{"Origin", "https://care.example.org"},
                                     {"Content-Type", "application/json"},
                                     {"Cookie", "hearth_session=" + admin.cookie()},
                                     {"X-CSRF-Token", admin.csrf()}},
                                    R"({"email":"new@riverbend.example","roles":["participant"]})");
  ASSERT_EQ(sent.status(), 201) << sent.describe();
  EXPECT_THAT(sent.json["link"].get<std::string>(),
              ::testing::StartsWith("https://care.example.org/invite#"));
}

INSTANTIATE_TEST_SUITE_P(Accounts, CsrfWithPublicUrl,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
