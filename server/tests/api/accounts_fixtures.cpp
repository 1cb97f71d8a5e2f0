#include "accounts_fixtures.hpp"

#include <csignal>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <regex>
#include <stdexcept>

#include "crypto/totp.hpp"

namespace hearth::api_test {
namespace fs = std::filesystem;
namespace {

// The PostgreSQL server's URL from the file the CTest fixture wrote, or from the environment.
std::string postgres_server_url(std::string& error) {
  if (const char* file = std::getenv("HEARTH_TEST_POSTGRES_URL_FILE")) {
    std::ifstream in(file);
    std::string url;
    if (!std::getline(in, url) || url.empty()) {
      error = std::string("the PostgreSQL test server is not running: no URL in ") + file +
              " (CTest starts it with the test store_postgres_start; see why that failed)";
    }
    return url;
  }
  if (const char* url = std::getenv("HEARTH_TEST_POSTGRES_URL")) return url;
  error =
      "no PostgreSQL server for the postgresql cases: run them through ctest (which starts "
      "one), or set HEARTH_TEST_POSTGRES_URL to a server of your own";
  return {};
}

// The same server URL naming another database.
std::string with_database(const std::string& url, const std::string& database) {
  const auto authority = url.find("://") + 3;
  const auto path = url.find('/', authority);
  const auto query = url.find('?', authority);
  const auto head = url.substr(0, std::min(path, query));
  const auto tail = query == std::string::npos ? std::string() : url.substr(query);
  return head + "/" + database + tail;
}

// Runs one statement on a new libpq connection; "" on success, else the server's message.
std::string pg_execute(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) error = PQerrorMessage(conn);
    PQclear(result);
  }
  PQfinish(conn);
  return error;
}

std::string random_suffix() {
  static std::mt19937_64 random{std::random_device{}()};
  static constexpr char kDigits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  for (int i = 0; i < 12; ++i) out.push_back(kDigits[random() % 36]);
  return out;
}

}  // namespace

std::string driver_name(Driver driver) {
  return driver == Driver::sqlite ? "sqlite" : "postgresql";
}

std::string Reply::code() const {
  if (!json.is_object() || !json.contains("error") || !json["error"].is_object()) return "";
  return json["error"].value("code", "");
}

TestDatabase::TestDatabase(Driver driver, const fs::path& data_dir)
    : driver_(driver), data_dir_(data_dir) {
  if (driver_ == Driver::sqlite) return;
  admin_url_ = postgres_server_url(error_);
  if (!error_.empty()) return;
  const std::string name = "hearth_api_" + random_suffix();
  error_ = pg_execute(admin_url_, "CREATE DATABASE " + name);
  if (!error_.empty()) {
    error_ = "cannot create a PostgreSQL test database: " + error_;
    return;
  }
  database_name_ = name;
  url_ = with_database(admin_url_, name);
}

TestDatabase::~TestDatabase() {
  if (!database_name_.empty()) {
    (void)pg_execute(admin_url_, "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
  }
}

std::vector<std::string> TestDatabase::store_args() const {
  std::vector<std::string> args = {"--data", data_dir_.string()};
  const auto db = db_args();
  args.insert(args.end(), db.begin(), db.end());
  return args;
}

std::vector<std::string> TestDatabase::db_args() const {
  if (driver_ == Driver::postgresql) return {"--db", url_};
  return {};
}

void TestDatabase::execute(const std::string& sql) const {
  if (driver_ == Driver::postgresql) {
    const std::string error = pg_execute(url_, sql);
    if (!error.empty()) throw std::runtime_error(sql + ": " + error);
    return;
  }
  const fs::path file = data_dir_ / "hearth.db";
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + file.string() + ": " + message);
  }
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + error);
}

Site::Site(Driver driver) : driver_(driver) {
  database_ = std::make_unique<TestDatabase>(driver_, dir_ / "data");
  error_ = database_->error();
}

RunResult Site::run(std::vector<std::string> args) const {
  const auto store = database_->store_args();
  args.insert(args.end(), store.begin(), store.end());
  return run_hearth(args);
}

void Site::load_demo() {
  if (!error_.empty()) return;
  const RunResult demo = run({"demo", "--log-level", "warn"});
  if (!demo.status.success()) error_ = "hearth demo failed: " + demo.describe();
}

std::string Site::invite_from_console(std::string_view email, std::string_view role) {
  if (!error_.empty()) return "";
  const RunResult r = run({"user", "invite", "--email", std::string(email), "--role",
                           std::string(role), "--log-level", "warn"});
  const std::string token = link_token(r.out);
  if (!r.status.success() || token.empty()) {
    error_ = "hearth user invite failed: " + r.describe();
  }
  return token;
}

void Site::start(std::vector<std::string> extra) {
  if (!error_.empty()) return;
  const auto db = database_->db_args();  // ServerProcess passes --data itself
  extra.insert(extra.end(), db.begin(), db.end());
  server_ = std::make_unique<ServerProcess>(ServerProcess::Options{
      .data_dir = dir_ / "data",
      .static_dir = {},
      .log_dir = dir_.path(),
      .extra_args = std::move(extra),
      .env = {},
  });
  if (!server_->ready()) error_ = server_->startup_error();
}

bool Site::stop() {
  if (!server_) return true;
  const auto status = server_->terminate();
  return status && status->success();
}

void Site::kill() {
  if (!server_) return;
  server_->send_signal(SIGKILL);
  server_->wait_exit(std::chrono::seconds(15));
}

Reply Browser::send(std::string_view method, std::string_view target,
                    const std::optional<nlohmann::json>& body) const {
  std::vector<std::pair<std::string, std::string>> headers = {{"Origin", "http://localhost"},
                                                              {"User-Agent", user_agent_}};
  if (!cookie_.empty()) {
    headers.emplace_back("Cookie", "hearth_session=" + cookie_);
    headers.emplace_back("X-CSRF-Token", csrf_);
  }
  std::string text;
  if (body) {
    headers.emplace_back("Content-Type", "application/json");
    text = body->dump();
  }
  return send_raw(method, target, std::move(headers), text);
}

Reply Browser::upload(std::string_view target, std::string_view content_type,
                      std::string_view file_name_header, std::string_view bytes) const {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Origin", "http://localhost"},
      {"User-Agent", user_agent_},
      {"Content-Type", std::string(content_type)},
      {"X-File-Name", std::string(file_name_header)}};
  if (!cookie_.empty()) {
    headers.emplace_back("Cookie", "hearth_session=" + cookie_);
    headers.emplace_back("X-CSRF-Token", csrf_);
  }
  return send_raw("POST", target, std::move(headers), bytes);
}

Reply Browser::send_raw(std::string_view method, std::string_view target,
                        std::vector<std::pair<std::string, std::string>> headers,
                        std::string_view body) const {
  headers.emplace_back("Connection", "close");
  Reply reply;
  reply.http = http_raw(port_, make_request(method, target, headers, body));
  reply.json = nlohmann::json::parse(reply.http.body, nullptr, false);
  if (reply.json.is_discarded()) reply.json = nullptr;
  return reply;
}

Reply Browser::sign_in(std::string_view email, std::string_view password,
                       const nlohmann::json& extra) {
  nlohmann::json body = extra;
  body["email"] = email;
  body["password"] = password;
  forget();
  Reply r = post("/api/v1/auth/sign-in", body);
  if (r.status() == 200) adopt(r);
  return r;
}

Reply Browser::accept_invite(std::string_view token, std::string_view password,
                             std::string_view display_name) {
  forget();
  Reply r = post("/api/v1/invites/accept",
                 {{"token", token}, {"password", password}, {"display_name", display_name}});
  if (r.status() == 200) adopt(r);
  return r;
}

void Browser::adopt(const Reply& signed_in) {
  cookie_ = session_cookie_token(signed_in.http);
  const auto& info = signed_in.json;
  if (!info.is_object() || !info.contains("session")) return;
  csrf_ = info["session"].value("csrf_token", "");
  session_id_ = info["session"].value("id", "");
  user_id_ = info["user"].value("id", "");
}

std::string link_token(std::string_view link) {
  const auto hash = link.find('#');
  if (hash == std::string_view::npos) return "";
  auto token = link.substr(hash + 1);
  const auto end = token.find_first_of(" \r\n\t\"");
  return std::string(token.substr(0, end));
}

std::string session_cookie_token(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name != "set-cookie" || !value.starts_with("hearth_session=")) continue;
    const auto start = std::string_view("hearth_session=").size();
    return value.substr(start, value.find(';') - start);
  }
  return "";
}

std::optional<std::int64_t> parse_timestamp_ms(std::string_view text) {
  static const std::regex shape(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
  const std::string s(text);
  if (!std::regex_match(s, shape)) return std::nullopt;
  std::tm tm{};
  int millis = 0;
  std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
              &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &millis);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + millis;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::int64_t current_totp_step() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return crypto::totp_step(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

std::string totp_code(std::string_view secret, std::int64_t step) {
  return crypto::totp_code_at_step(secret, step).value_or("");
}

Enrolled enroll_totp(const Browser& browser) {
  Enrolled out;
  const Reply setup = browser.post("/api/v1/account/totp/setup");
  EXPECT_EQ(setup.status(), 200) << setup.describe();
  if (setup.status() != 200) return out;
  out.secret = setup.json.value("secret", "");
  out.confirmed_step = current_totp_step();
  const Reply confirm = browser.post("/api/v1/account/totp/confirm",
                                     {{"code", totp_code(out.secret, out.confirmed_step)}});
  EXPECT_EQ(confirm.status(), 200) << confirm.describe();
  if (confirm.status() == 200) {
    out.recovery_codes = confirm.json["recovery_codes"].get<std::vector<std::string>>();
  }
  return out;
}

std::string person_id(const Browser& admin, std::string_view email) {
  const Reply r = admin.get("/api/v1/people?q=" + std::string(email));
  EXPECT_EQ(r.status(), 200) << r.describe();
  if (r.status() != 200) return "";
  for (const auto& p : r.json["people"]) {
    if (p.value("email", "") == email) return p.value("id", "");
  }
  ADD_FAILURE() << "no person with email " << email << " in " << r.describe();
  return "";
}

std::int64_t newest_audit_seq(const Browser& admin, std::string_view action) {
  std::string target = "/api/v1/audit?limit=1";
  if (!action.empty()) target += "&action=" + std::string(action);
  const Reply r = admin.get(target);
  EXPECT_EQ(r.status(), 200) << r.describe();
  if (r.status() != 200 || r.json["events"].empty()) return 0;
  return r.json["events"][0].value("seq", std::int64_t{0});
}

void DemoSiteTest::SetUp() {
  SiteTest::SetUp();
  site().load_demo();
  site().start(server_args());
  ASSERT_TRUE(site().error().empty()) << site().error();
}

Browser DemoSiteTest::signed_in(std::string_view email, std::string_view user_agent) {
  Browser browser(port(), user_agent);
  const Reply r = browser.sign_in(email);
  EXPECT_EQ(r.status(), 200) << "sign-in as " << email << ": " << r.describe();
  return browser;
}

}  // namespace hearth::api_test
