// Shared set-up of the accounts suites (docs/api.md, "Accounts, sessions and the care team"): a
// whole Hearth site per test on SQLite or on PostgreSQL, and a Browser that talks to it the way
// Hearth's own pages do (same Origin, the session cookie, the CSRF token).
//
// Every test gets a fresh site (folder, database, server): tests never share accounts, sessions
// or sign-in throttles. The PostgreSQL cases use the server that CTest starts for the store suite
// (fixture store_postgres, URL in HEARTH_TEST_POSTGRES_URL_FILE; or HEARTH_TEST_POSTGRES_URL when
// the binary is run by hand) and get a database of their own on it, dropped afterwards.
//
// Single-threaded use: one test thread drives these objects.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "demo_accounts.hpp"
#include "http_client.hpp"
#include "process.hpp"

namespace hearth::api_test {

enum class Driver { sqlite, postgresql };

std::string driver_name(Driver driver);
inline void PrintTo(Driver driver, std::ostream* out) {
  *out << driver_name(driver);
}
// For INSTANTIATE_TEST_SUITE_P: cases end in /sqlite or /postgresql, which CTest filters on.
struct DriverName {
  std::string operator()(const ::testing::TestParamInfo<Driver>& info) const {
    return driver_name(info.param);
  }
};

// A password that passes the policy and is nobody's yet.
inline constexpr std::string_view kNewPassword = "Lantern-harbour-4417";

// One HTTP answer with its body parsed as JSON (null if it is not JSON).
struct Reply {
  HttpResponse http;
  nlohmann::json json;

  int status() const { return http.status; }
  // error.code of an error body, "" otherwise.
  std::string code() const;
  std::string describe() const { return http.describe(); }
};

// One database of one driver, fresh and empty; for PostgreSQL it is dropped on destruction.
class TestDatabase {
 public:
  TestDatabase(Driver driver, const std::filesystem::path& data_dir);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Why there is no database ("" when there is one).
  const std::string& error() const { return error_; }
  // --data and, for PostgreSQL, --db: what every hearth command needs to use this database.
  std::vector<std::string> store_args() const;
  // Just --db (for PostgreSQL; nothing for SQLite, which lives under --data).
  std::vector<std::string> db_args() const;
  // Runs SQL statements directly against the database, behind Hearth's back (to tamper with it).
  void execute(const std::string& sql) const;

 private:
  Driver driver_;
  std::filesystem::path data_dir_;
  std::string url_;            // PostgreSQL only
  std::string admin_url_;      // the server's own database, to create and drop ours
  std::string database_name_;  // PostgreSQL only
  std::string error_;
};

// One Hearth installation: a temporary folder, a database, and (after start()) `hearth serve`.
class Site {
 public:
  explicit Site(Driver driver);
  Site(const Site&) = delete;
  Site& operator=(const Site&) = delete;

  // "" when the site is ready to use, else why not.
  const std::string& error() const { return error_; }

  // `hearth <args> --data ... [--db ...]` against this site's database.
  RunResult run(std::vector<std::string> args) const;
  // `hearth demo`: the demo program and accounts (and demo mode). Records an error on failure.
  void load_demo();
  // `hearth user invite`: the token of the link it prints, or "" (with error()) if it failed.
  std::string invite_from_console(std::string_view email, std::string_view role);

  // Starts `hearth serve` (with `extra` flags); records an error if it does not get ready.
  void start(std::vector<std::string> extra = {});
  // SIGTERM and wait; true if the server ended cleanly.
  bool stop();
  // SIGKILL, as a crash or the kernel's out-of-memory killer ends it, and wait for the end.
  void kill();

  std::uint16_t port() const { return server_ ? server_->port() : 0; }
  std::string log() const { return server_ ? server_->log() : ""; }
  const TestDatabase& database() const { return *database_; }

 private:
  Driver driver_;
  TempDir dir_;  // declared first: it outlives the database and the server that use it
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<ServerProcess> server_;
  std::string error_;
};

// What one browser tab of Hearth's own web app sends: Origin http://localhost (the harness's
// Host), JSON bodies, and once signed in the session cookie and X-CSRF-Token. Each request goes
// on a new connection.
class Browser {
 public:
  static constexpr std::string_view kFirefoxOnLinux =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
  static constexpr std::string_view kSafariOnIphone =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
      "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

  explicit Browser(std::uint16_t port, std::string_view user_agent = kFirefoxOnLinux)
      : port_(port), user_agent_(user_agent) {}

  Reply get(std::string_view target) const { return send("GET", target); }
  Reply post(std::string_view target, const nlohmann::json& body = nlohmann::json::object()) const {
    return send("POST", target, body);
  }
  Reply patch(std::string_view target, const nlohmann::json& body) const {
    return send("PATCH", target, body);
  }
  Reply put(std::string_view target, const nlohmann::json& body) const {
    return send("PUT", target, body);
  }
  Reply del(std::string_view target,
            const std::optional<nlohmann::json>& body = std::nullopt) const {
    return send("DELETE", target, body);
  }
  Reply send(std::string_view method, std::string_view target,
             const std::optional<nlohmann::json>& body = std::nullopt) const;
  // POST of raw bytes as the web app uploads a chat file: its type and X-File-Name as given.
  Reply upload(std::string_view target, std::string_view content_type,
               std::string_view file_name_header, std::string_view bytes) const;
  // Exactly these headers (plus Host, Connection: close and Content-Length) and body.
  Reply send_raw(std::string_view method, std::string_view target,
                 std::vector<std::pair<std::string, std::string>> headers,
                 std::string_view body = {}) const;

  // POST /auth/sign-in; on 200 the browser keeps the cookie and token it was given.
  Reply sign_in(std::string_view email, std::string_view password = kDemoPassword,
                const nlohmann::json& extra = nlohmann::json::object());
  // POST /invites/accept; on 200 the browser is signed in as the new account.
  Reply accept_invite(std::string_view token, std::string_view password = kNewPassword,
                      std::string_view display_name = "New Person");
  // Takes the cookie and CSRF token from a 200 SessionInfo answer with a Set-Cookie.
  void adopt(const Reply& signed_in);
  void forget() { *this = Browser(port_, user_agent_); }

  bool signed_in() const { return !cookie_.empty(); }
  const std::string& cookie() const { return cookie_; }  // the token alone
  const std::string& csrf() const { return csrf_; }
  const std::string& user_id() const { return user_id_; }
  const std::string& session_id() const { return session_id_; }
  std::uint16_t port() const { return port_; }
  void set_cookie(std::string token) { cookie_ = std::move(token); }

 private:
  std::uint16_t port_;
  std::string user_agent_;
  std::string cookie_;
  std::string csrf_;
  std::string user_id_;
  std::string session_id_;
};

// The token in an invitation or reset link (`<site>/invite#<token>`), or "" if none.
std::string link_token(std::string_view link);

// The session token in a Set-Cookie header for hearth_session ("" if absent or cleared).
std::string session_cookie_token(const HttpResponse& response);

// Milliseconds since 1970 of an API timestamp ("2026-11-23T07:01:02.345Z", exactly that shape),
// or nullopt if it has any other shape.
std::optional<std::int64_t> parse_timestamp_ms(std::string_view text);
std::int64_t now_ms();

// TOTP codes for a secret, as an authenticator app would show them.
std::string totp_code(std::string_view secret, std::int64_t step);
std::int64_t current_totp_step();

// The second factor of an account after POST /account/totp/setup and /confirm.
struct Enrolled {
  std::string secret;
  std::int64_t confirmed_step = 0;  // the step whose code confirmed it; it cannot be used again
  std::vector<std::string> recovery_codes;
};
// Sets up and confirms TOTP for the signed-in browser; fails the test (and returns what it has)
// if the server refuses.
Enrolled enroll_totp(const Browser& browser);

// A person's id from GET /api/v1/people?q=<email> (as an admin).
std::string person_id(const Browser& admin, std::string_view email);

// The newest audit sequence number with this action (0 if none), as an admin sees it.
std::int64_t newest_audit_seq(const Browser& admin, std::string_view action = {});

// Base of the suites: a fresh Site per test on the test's driver.
class SiteTest : public ::testing::TestWithParam<Driver> {
 protected:
  void SetUp() override { site_ = std::make_unique<Site>(GetParam()); }
  void TearDown() override { site_.reset(); }

  Site& site() { return *site_; }
  std::uint16_t port() const { return site_->port(); }

 private:
  std::unique_ptr<Site> site_;
};

// A demo-loaded site, started; tests sign in whom they need.
class DemoSiteTest : public SiteTest {
 protected:
  void SetUp() override;
  // Flags for `hearth serve`.
  virtual std::vector<std::string> server_args() const { return {}; }
  // A browser signed in as a demo account; fails the test if sign-in does not answer 200.
  Browser signed_in(std::string_view email, std::string_view user_agent = Browser::kFirefoxOnLinux);
};

}  // namespace hearth::api_test
