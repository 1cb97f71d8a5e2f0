#include "domain/audit/audit_trail.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "domain/testing/sqlite_test_store.hpp"

namespace hearth::audit {
namespace {

class AuditTrailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store_.ok());
    for (auto action : {"sign_in", "person.read", "sign_out", "sign_in"}) {
      Entry e;
      e.actor_id = "actor";
      e.action = action;
      e.client_address = "192.0.2.1";
      ASSERT_TRUE(trail_.record(e).ok());
    }
  }

  // Changes the file behind the store's back, as someone with access to the disk might.
  void tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(store_.file().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }

  ChainReport verify() {
    auto report = trail_.verify();
    EXPECT_TRUE(report.ok());
    return report.ok() ? *report : ChainReport{};
  }

  testing::SqliteTestStore store_;
  ManualClock clock_{TimePoint(std::chrono::milliseconds(1'795'000'000'000))};
  AuditTrail trail_{*store_, clock_};
};

TEST_F(AuditTrailTest, AnUntouchedChainVerifies) {
  const auto report = verify();
  EXPECT_EQ(report.checked, 4);
  EXPECT_FALSE(report.broken_seq);
}

TEST_F(AuditTrailTest, AChangedFieldIsCaughtAtItsEntry) {
  tamper("UPDATE audit_events SET action = 'nothing' WHERE seq = 3");
  EXPECT_EQ(verify().broken_seq, 3);
}

TEST_F(AuditTrailTest, ARehashedEntryBreaksTheNextLink) {
  // Recomputing the tampered entry's own hash is not enough: the next entry still points at the
  // old one.
  tamper("UPDATE audit_events SET hash = 'feed' WHERE seq = 2");
  EXPECT_EQ(verify().broken_seq, 2);
}

TEST_F(AuditTrailTest, ARemovedEntryIsCaught) {
  tamper("DELETE FROM audit_events WHERE seq = 2");
  EXPECT_EQ(verify().broken_seq, 2);
}

TEST_F(AuditTrailTest, CutTheNewestEntriesIsCaughtByTheHead) {
  tamper("DELETE FROM audit_events WHERE seq = 4");
  EXPECT_EQ(verify().broken_seq, 4);
}

TEST(AuditCsv, CellsAreQuotedAndFormulasDefused) {
  store::AuditRecord r;
  r.seq = 7;
  r.at_ms = 0;
  r.action = "=HYPERLINK(\"x\")";
  r.user_agent = "Firefox, \"new\"";
  const auto row = csv_row(r);
  EXPECT_NE(row.find(R"csv("'=HYPERLINK(""x"")")csv"), std::string::npos) << row;
  EXPECT_NE(row.find(R"csv("Firefox, ""new""")csv"), std::string::npos) << row;
  EXPECT_TRUE(row.starts_with("7,"));
  EXPECT_TRUE(row.ends_with("\r\n"));
}

}  // namespace
}  // namespace hearth::audit
