// Who may open the real-time connection, and how long it stays theirs (docs/protocol/realtime.md,
// "Handshake" and "Close codes"): a live session and Hearth's own Origin to open it; a sign-out,
// an ended session or an idle time-out closes it with 4001, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr int kSessionEnded = 4001;
// The hub asks about sessions every second (app/serve.cpp); this leaves room for a slow machine.
constexpr auto kCloseWithin = std::chrono::seconds(5);

// The error code of a refused upgrade's JSON body ("" if it has none).
std::string error_code(const HttpResponse& answer) {
  const auto body = nlohmann::json::parse(answer.body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return "";
  return body["error"].value("code", "");
}

class RealtimeSession : public DemoSiteTest {};

TEST_P(RealtimeSession, TheHelloNamesTheSignedInUser) {
  const Browser avery = signed_in(demo::kAvery);
  Connection c(port());
  const auto hello = open_socket(c, avery);
  EXPECT_EQ(hello.value("type", ""), "hello") << hello.dump();
  EXPECT_EQ(hello.value("user_id", ""), avery.user_id()) << hello.dump();
  EXPECT_EQ(hello.dump().find(avery.cookie()), std::string::npos) << "the token is never sent";
}

// Sends an upgrade with exactly these headers and checks that it is refused with `status` and
// the error `code`, without a handshake.
::testing::AssertionResult refused(std::uint16_t port,
                                   const std::vector<std::pair<std::string, std::string>>& headers,
                                   int status, std::string_view code) {
  Connection c(port);
  c.send(websocket_upgrade(kSocketPath, headers));
  const auto answer = c.read_response();
  if (answer.status == status && error_code(answer) == code &&
      !answer.has_header("sec-websocket-accept")) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "expected " << status << " " << code << ", got " << answer.describe();
}

TEST_P(RealtimeSession, WithoutALiveSessionTheUpgradeIs401) {
  const Browser avery = signed_in(demo::kAvery);
  std::string tampered = avery.cookie();
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(refused(port(), {{"Origin", "http://localhost"}}, 401, "unauthenticated"));
  EXPECT_TRUE(refused(port(),
                      {{"Origin", "http://localhost"}, {"Cookie", "hearth_session=" + tampered}},
                      401, "unauthenticated"));
}

// Cross-site WebSocket hijacking: another site's page can make the browser open the socket with
// the visitor's cookie, but not with our Origin.
TEST_P(RealtimeSession, AnUpgradeFromAnotherOriginOrNoneIs403EvenWithALiveSession) {
  const Browser avery = signed_in(demo::kAvery);
  const std::pair<std::string, std::string> cookie = {"Cookie", session_cookie(avery)};
  for (const char* origin :
       {"https://evil.example", "http://localhost.evil.example", "https://localhost", "null"}) {
    EXPECT_TRUE(refused(port(), {cookie, {"Origin", origin}}, 403, "csrf_failed")) << origin;
  }
  EXPECT_TRUE(refused(port(), {cookie}, 403, "csrf_failed")) << "no Origin";
  EXPECT_TRUE(refused(port(), {cookie, {"Referer", "http://localhost/"}}, 403, "csrf_failed"))
      << "a Referer does not stand in for Origin";
}

TEST_P(RealtimeSession, SigningOutClosesThatSessionsSocketsAndNoOtherWith4001) {
  const Browser laptop = signed_in(demo::kAvery);
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  Connection laptop_tab_1(port());
  Connection laptop_tab_2(port());
  Connection phone_tab(port());
  ASSERT_EQ(open_socket(laptop_tab_1, laptop).value("type", ""), "hello");
  ASSERT_EQ(open_socket(laptop_tab_2, laptop).value("type", ""), "hello");
  ASSERT_EQ(open_socket(phone_tab, phone).value("type", ""), "hello");

  ASSERT_EQ(laptop.post("/api/v1/auth/sign-out").status(), 204);
  EXPECT_EQ(close_code_within(laptop_tab_1, kCloseWithin), kSessionEnded);
  EXPECT_EQ(close_code_within(laptop_tab_2, kCloseWithin), kSessionEnded);
  EXPECT_TRUE(still_open(phone_tab));
}

TEST_P(RealtimeSession, EndingASessionFromAnotherDeviceClosesItsSocket) {
  const Browser laptop = signed_in(demo::kAvery);
  const Browser phone = signed_in(demo::kAvery, Browser::kSafariOnIphone);
  Connection phone_tab(port());
  ASSERT_EQ(open_socket(phone_tab, phone).value("type", ""), "hello");
  ASSERT_EQ(laptop.del("/api/v1/account/sessions/" + phone.session_id()).status(), 204);
  EXPECT_EQ(close_code_within(phone_tab, kCloseWithin), kSessionEnded);
}

TEST_P(RealtimeSession, DeactivatingTheAccountClosesItsSockets) {
  const Browser admin = signed_in(demo::kAdmin);
  const Browser blake = signed_in(demo::kBlake);
  Connection c(port());
  ASSERT_EQ(open_socket(c, blake).value("type", ""), "hello");
  const Reply r = admin.post("/api/v1/people/" + blake.user_id() + "/deactivate");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_EQ(close_code_within(c, kCloseWithin), kSessionEnded);
}

// An open socket is not activity: when the session's idle time runs out, the socket closes. The
// time-out is moved into the past in the database, as if the session had been idle that long;
// the server sees that write as another process's (on PostgreSQL, through its notification).
TEST_P(RealtimeSession, TheSessionsIdleTimeOutClosesTheSocket) {
  const Browser avery = signed_in(demo::kAvery);
  Connection c(port());
  ASSERT_EQ(open_socket(c, avery).value("type", ""), "hello");
  std::string sql = "UPDATE sessions SET last_seen_ms = last_seen_ms - 86400000 WHERE id = '" +
                    avery.session_id() + "'";
  if (GetParam() == Driver::postgresql) sql += "; SELECT pg_notify('hearth_writes', 'other-node')";
  site().database().execute(sql);
  EXPECT_EQ(close_code_within(c, kCloseWithin), kSessionEnded);
}

INSTANTIATE_TEST_SUITE_P(Realtime, RealtimeSession,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

}  // namespace
}  // namespace hearth::api_test
