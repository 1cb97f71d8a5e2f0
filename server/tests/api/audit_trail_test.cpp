// The audit trail over HTTP and on disk (docs/api.md: GET /api/v1/audit, /audit/export;
// `hearth audit verify`): newest first with paging, filters, the CSV export, no secret anywhere
// in it or in the server's log, and a hash chain that names the entry someone changed or removed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "accounts_fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kCsvHeader =
    "seq,id,at,actor_id,action,subject_type,subject_id,client_address,user_agent,outcome,"
    "detail,prev_hash,hash";
constexpr std::string_view kWrongPassword = "Wrong-password-for-avery-7";
constexpr std::string_view kReason = "Overnight crisis line asked for the safety plan";

// Splits one CSV line of quoted cells (RFC 4180, as audit::csv_row writes them) into cells.
std::vector<std::string> csv_cells(std::string_view line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::vector<std::string> csv_lines(std::string_view body) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find("\r\n", start);
    if (end == std::string_view::npos) end = body.size();
    lines.emplace_back(body.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

class AuditTrail : public SiteTest {
 protected:
  // Debug logging: whatever the server writes about requests, none of it may carry a secret.
  void SetUp() override {
    SiteTest::SetUp();
    site().load_demo();
    site().start({"--log-level", "debug"});
    ASSERT_TRUE(site().error().empty()) << site().error();
    admin_ = Browser(port());
    ASSERT_EQ(admin_.sign_in(demo::kAdmin).status(), 200);
  }

  // Sign-ins (one refused), a reset link used, a second factor, a break-glass grant: returns
  // every secret those involved.
  std::vector<std::string> make_history() {
    std::vector<std::string> secrets = {
        std::string(kDemoPassword), std::string(kNewPassword), std::string(kWrongPassword),
        std::string(kReason),       admin_.cookie(),           admin_.csrf()};
    Browser avery(port());
    EXPECT_EQ(avery.sign_in(demo::kAvery, kWrongPassword).status(), 401);
    EXPECT_EQ(avery.sign_in(demo::kAvery).status(), 200);
    secrets.insert(secrets.end(), {avery.cookie(), avery.csrf()});
    const Enrolled enrolled = enroll_totp(avery);
    secrets.push_back(enrolled.secret);
    secrets.insert(secrets.end(), enrolled.recovery_codes.begin(), enrolled.recovery_codes.end());

    const std::string blake = person_id(admin_, demo::kBlake);
    const Reply reset = admin_.post("/api/v1/people/" + blake + "/password-reset");
    const std::string token = link_token(reset.json.value("link", ""));
    secrets.push_back(token);
    EXPECT_EQ(
        admin_
            .post("/api/v1/password-resets/accept", {{"token", token}, {"password", kNewPassword}})
            .status(),
        204);
    const Reply invite = admin_.post(
        "/api/v1/invites", {{"email", "newcomer@riverbend.example"}, {"roles", {"participant"}}});
    secrets.push_back(link_token(invite.json.value("link", "")));
    const Reply granted =
        admin_.post("/api/v1/break-glass", {{"clinician_id", person_id(admin_, demo::kPriya)},
                                            {"participant_id", blake},
                                            {"reason", kReason},
                                            {"minutes", 5}});
    EXPECT_EQ(granted.status(), 201) << granted.describe();
    for (const auto& s : secrets) EXPECT_FALSE(s.empty()) << "the history is missing a secret";
    return secrets;
  }

  Reply audit(std::string_view query = "") const {
    return admin_.get("/api/v1/audit" + std::string(query));
  }

  RunResult verify() { return site().run({"audit", "verify", "--log-level", "warn"}); }

  // Stops the server so that the database can be read and changed behind its back.
  void stop_server() { ASSERT_TRUE(site().stop()) << site().log(); }

  Browser admin_{0};
};

TEST_P(AuditTrail, ListIsNewestFirst) {
  (void)make_history();
  const Reply r = audit("?limit=500");
  ASSERT_EQ(r.status(), 200) << r.describe();
  const auto& events = r.json["events"];
  ASSERT_GT(events.size(), 20U) << r.describe();
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["seq"].get<std::int64_t>(), events[i - 1]["seq"].get<std::int64_t>() - 1);
  }
  for (const char* key : {"seq", "id", "at", "actor_id", "action", "subject_type", "subject_id",
                          "client_address", "user_agent", "outcome", "detail"}) {
    EXPECT_TRUE(events[0].contains(key)) << key;
  }
  EXPECT_TRUE(r.json["next_before"].is_null()) << "everything fitted on one page";
}

TEST_P(AuditTrail, PagesFollowNextBeforeDownToTheFirstEntry) {
  (void)make_history();
  std::vector<std::int64_t> seqs;
  std::string query = "?limit=7";
  for (int page = 0; page < 100; ++page) {
    const Reply r = audit(query);
    ASSERT_EQ(r.status(), 200) << r.describe();
    ASSERT_LE(r.json["events"].size(), 7U);
    for (const auto& e : r.json["events"]) seqs.push_back(e["seq"].get<std::int64_t>());
    if (r.json["next_before"].is_null()) break;
    query = "?limit=7&before=" + std::to_string(r.json["next_before"].get<std::int64_t>());
  }
  ASSERT_FALSE(seqs.empty());
  EXPECT_EQ(seqs.back(), 1);
  for (std::size_t i = 1; i < seqs.size(); ++i) EXPECT_EQ(seqs[i], seqs[i - 1] - 1) << i;
}

TEST_P(AuditTrail, FilterByActionShowsOnlyThatAction) {
  (void)make_history();
  const Reply r = audit("?action=sign_in");
  ASSERT_EQ(r.status(), 200) << r.describe();
  std::multiset<std::string> outcomes;
  for (const auto& e : r.json["events"]) {
    EXPECT_EQ(e["action"], "sign_in") << e;
    outcomes.insert(e["outcome"].get<std::string>());
  }
  EXPECT_EQ(outcomes.count("success"), 2U) << r.describe();  // the admin and Avery
  EXPECT_EQ(outcomes.count("failure"), 1U) << r.describe();  // Avery's wrong password
}

TEST_P(AuditTrail, FilterByActorShowsOnlyThatActor) {
  (void)make_history();
  const Reply r = audit("?actor_id=" + admin_.user_id());
  ASSERT_EQ(r.status(), 200) << r.describe();
  ASSERT_FALSE(r.json["events"].empty());
  for (const auto& e : r.json["events"]) EXPECT_EQ(e["actor_id"], admin_.user_id()) << e;
}

TEST_P(AuditTrail, TimeRangeFilters) {
  EXPECT_TRUE(audit("?to=2000-01-01").json["events"].empty());
  EXPECT_TRUE(audit("?from=2999-01-01T00:00:00.000Z").json["events"].empty());
  EXPECT_FALSE(audit("?from=2000-01-01&to=2999-12-31").json["events"].empty());
}

TEST_P(AuditTrail, BadQueriesAreRefused) {
  for (const char* query :
       {"?limit=501", "?limit=0", "?limit=ten", "?before=x", "?from=yesterday", "?to=2026-13-45"}) {
    SCOPED_TRACE(query);
    const Reply r = audit(query);
    EXPECT_EQ(r.status(), 422) << r.describe();
    EXPECT_EQ(r.code(), "invalid_argument");
  }
}

TEST_P(AuditTrail, ReadingSomeoneElsesRecordIsAuditedEvenWhenRefused) {
  Browser avery(port());
  ASSERT_EQ(avery.sign_in(demo::kAvery).status(), 200);
  const std::string blake = person_id(admin_, demo::kBlake);
  ASSERT_EQ(avery.get("/api/v1/people/" + blake).status(), 404);
  const Reply r = audit("?action=person.read&actor_id=" + avery.user_id());
  ASSERT_EQ(r.json["events"].size(), 1U) << r.describe();
  EXPECT_EQ(r.json["events"][0]["outcome"], "denied");
  EXPECT_EQ(r.json["events"][0]["subject_id"], blake);
}

TEST_P(AuditTrail, ExportIsACsvAttachmentWithAHeaderLine) {
  (void)make_history();
  const Reply r = admin_.get("/api/v1/audit/export");
  ASSERT_EQ(r.status(), 200) << r.describe();
  EXPECT_THAT(r.http.header("content-type").value_or(""), StartsWith("text/csv"));
  EXPECT_THAT(r.http.header("content-disposition").value_or(""), StartsWith("attachment"));
  const auto lines = csv_lines(r.http.body);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], kCsvHeader);
}

TEST_P(AuditTrail, ExportHasOneLinePerEntryOldestFirst) {
  (void)make_history();
  const std::int64_t newest = newest_audit_seq(admin_);
  const Reply r = admin_.get("/api/v1/audit/export");
  ASSERT_EQ(r.status(), 200) << r.describe();
  const auto lines = csv_lines(r.http.body);
  ASSERT_GT(lines.size(), 1U);
  // Every entry up to the export's own request, which is recorded after its rows were read.
  EXPECT_GE(static_cast<std::int64_t>(lines.size() - 1), newest);
  std::string prev_hash(64, '0');
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto cells = csv_cells(lines[i]);
    ASSERT_EQ(cells.size(), 13U) << lines[i];
    EXPECT_EQ(cells[0], std::to_string(i)) << lines[i];
    EXPECT_EQ(cells[11], prev_hash) << "entry " << i << " does not link to the one before";
    prev_hash = cells[12];
  }
}

TEST_P(AuditTrail, NoSecretInTheTrailTheExportOrTheLog) {
  const auto secrets = make_history();
  const Reply list = audit("?limit=500");
  const Reply csv = admin_.get("/api/v1/audit/export");
  ASSERT_EQ(list.status(), 200) << list.describe();
  ASSERT_EQ(csv.status(), 200) << csv.describe();
  stop_server();
  const std::string log = site().log();
  ASSERT_FALSE(log.empty()) << "the server wrote no log at debug level";
  for (const auto& secret : secrets) {
    SCOPED_TRACE(secret);
    EXPECT_EQ(list.http.body.find(secret), std::string::npos) << "in GET /audit";
    EXPECT_EQ(csv.http.body.find(secret), std::string::npos) << "in the export";
    EXPECT_EQ(log.find(secret), std::string::npos) << "in the server log";
  }
}

TEST_P(AuditTrail, VerifyFindsAnUntouchedTrailIntact) {
  (void)make_history();
  stop_server();
  const RunResult r = verify();
  EXPECT_TRUE(r.status.success()) << r.describe();
  EXPECT_THAT(r.out, HasSubstr("intact")) << r.describe();
}

TEST_P(AuditTrail, VerifyNamesAnEntryWhoseActionWasChanged) {
  (void)make_history();
  stop_server();
  site().database().execute("UPDATE audit_events SET action = 'person.read' WHERE seq = 3");
  const RunResult r = verify();
  EXPECT_EQ(r.status.code, 1) << r.describe();
  EXPECT_THAT(r.out, HasSubstr("BROKEN at entry 3")) << r.describe();
}

TEST_P(AuditTrail, VerifyNamesAnEntryWhoseOutcomeWasChanged) {
  (void)make_history();
  stop_server();
  site().database().execute(
      "UPDATE audit_events SET outcome = 'success' WHERE seq = (SELECT min(seq) FROM "
      "audit_events WHERE outcome = 'failure')");
  const RunResult r = verify();
  EXPECT_EQ(r.status.code, 1) << r.describe();
  EXPECT_THAT(r.out, HasSubstr("BROKEN at entry")) << r.describe();
}

TEST_P(AuditTrail, VerifyNamesADeletedEntryInTheMiddle) {
  (void)make_history();
  stop_server();
  site().database().execute("DELETE FROM audit_events WHERE seq = 5");
  const RunResult r = verify();
  EXPECT_EQ(r.status.code, 1) << r.describe();
  EXPECT_THAT(r.out, HasSubstr("BROKEN at entry 5")) << r.describe();
}

TEST_P(AuditTrail, VerifyNamesTheNewestEntryDeleted) {
  (void)make_history();
  const std::int64_t newest = newest_audit_seq(admin_) + 1;  // that read is audited too
  stop_server();
  site().database().execute(
      "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)");
  const RunResult r = verify();
  EXPECT_EQ(r.status.code, 1) << r.describe();
  EXPECT_THAT(r.out, HasSubstr("BROKEN at entry " + std::to_string(newest))) << r.describe();
}

INSTANTIATE_TEST_SUITE_P(Accounts, AuditTrail,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName());

}  // namespace
}  // namespace hearth::api_test
