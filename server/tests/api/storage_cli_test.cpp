// hearth migrate, demo and backup against real database files; the files are read back with the
// SQLite C API (tables as described in docs/storage/schema.md), the backup also by a server.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"

namespace hearth::api_test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// A read-only view of one SQLite file; throws if it cannot be opened.
class SqliteFile {
 public:
  explicit SqliteFile(const fs::path& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + file.string() + ": " + message);
    }
  }
  ~SqliteFile() { sqlite3_close(db_); }
  SqliteFile(const SqliteFile&) = delete;
  SqliteFile& operator=(const SqliteFile&) = delete;

  // The first column of every row of `sql`, as text.
  std::vector<std::string> column(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    }
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    return out;
  }

  std::vector<std::string> tables() {
    return column(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  }

 private:
  sqlite3* db_ = nullptr;
};

std::vector<std::string> tables_in(const fs::path& file) {
  if (!fs::exists(file)) return {};
  return SqliteFile(file).tables();
}

TEST(Migrate, DryRunOnAFreshDataFolderListsMigrationOneAndCreatesNoTables) {
  const TempDir dir;
  const fs::path data = dir / "data";
  for (int run = 0; run < 2; ++run) {
    SCOPED_TRACE(run);
    const RunResult r = run_hearth({"migrate", "--dry-run", "--data", data.string()});
    ASSERT_TRUE(r.status.success()) << r.describe();
    EXPECT_THAT(r.out, HasSubstr("1 programs_and_groups")) << r.describe();
    EXPECT_THAT(tables_in(data / "hearth.db"), IsEmpty());
  }
}

TEST(Migrate, AppliesPendingMigrationsThenReportsUpToDate) {
  const TempDir dir;
  const fs::path data = dir / "data";
  const RunResult applied = run_hearth({"migrate", "--data", data.string()});
  ASSERT_TRUE(applied.status.success()) << applied.describe();
  EXPECT_THAT(applied.out, HasSubstr("1 programs_and_groups"));
  EXPECT_THAT(applied.out, HasSubstr("2 accounts_and_audit"));
  EXPECT_THAT(applied.out, HasSubstr("3 schedule_and_attendance"));
  EXPECT_THAT(applied.out, HasSubstr("4 chat"));
  EXPECT_THAT(applied.out, HasSubstr("5 staff_memberships_can_end"));
  EXPECT_THAT(applied.out, HasSubstr("6 chat_read_positions"));
  EXPECT_THAT(applied.out, HasSubstr("7 chat_edits"));
  EXPECT_THAT(applied.out, HasSubstr("8 private_conversations"));
  EXPECT_THAT(applied.out, HasSubstr("9 safety_net"));
  EXPECT_THAT(applied.out, HasSubstr("10 chat_search"));
  EXPECT_THAT(applied.out, HasSubstr("11 chat_moderation"));
  EXPECT_THAT(applied.out, HasSubstr("12 chat_reports"));
  EXPECT_THAT(applied.out, HasSubstr("14 chat_threads_reactions_files"));
  EXPECT_THAT(applied.out, HasSubstr("15 chat_search_in_batches"));
  EXPECT_THAT(applied.out, HasSubstr("16 chat_changes_index_partial"));
  EXPECT_THAT(applied.out, HasSubstr("17 session_guests"));
  EXPECT_THAT(tables_in(data / "hearth.db"), IsSupersetOf({"schema_migrations",
                                                           "programs",
                                                           "groups",
                                                           "users",
                                                           "sessions",
                                                           "invites",
                                                           "audit_events",
                                                           "audit_head",
                                                           "group_members",
                                                           "series",
                                                           "occurrences",
                                                           "attendance",
                                                           "notifications",
                                                           "calendar_feeds",
                                                           "chat_rooms",
                                                           "chat_messages",
                                                           "safety_alerts",
                                                           "chat_read_positions",
                                                           "chat_message_versions",
                                                           "chat_room_members",
                                                           "program_crisis_resources",
                                                           "chat_messages_search",
                                                           "chat_reports",
                                                           "chat_restrictions",
                                                           "chat_mentions",
                                                           "chat_files",
                                                           "chat_search_progress",
                                                           "session_guests"}));
  EXPECT_THAT(SqliteFile(data / "hearth.db").column("SELECT version FROM schema_migrations"),
              UnorderedElementsAre("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                                   "13", "14", "15", "16", "17"));

  const RunResult dry = run_hearth({"migrate", "--dry-run", "--data", data.string()});
  ASSERT_TRUE(dry.status.success()) << dry.describe();
  EXPECT_THAT(dry.out, HasSubstr("up to date"));
  EXPECT_THAT(dry.out, Not(HasSubstr("programs_and_groups")));

  const RunResult again = run_hearth({"migrate", "--data", data.string()});
  ASSERT_TRUE(again.status.success()) << again.describe();
  EXPECT_THAT(again.out, HasSubstr("up to date"));
}

TEST(Demo, RunningItTwiceDuplicatesNothing) {
  const TempDir dir;
  const fs::path data = dir / "data";
  for (int run = 0; run < 2; ++run) {
    SCOPED_TRACE(run);
    const RunResult r = run_hearth({"demo", "--data", data.string()});
    ASSERT_TRUE(r.status.success()) << r.describe();
    SqliteFile db(data / "hearth.db");
    EXPECT_THAT(db.column("SELECT slug FROM programs"), UnorderedElementsAre("riverbend-iop"));
    EXPECT_THAT(db.column("SELECT count(*) FROM groups"), UnorderedElementsAre("6"));
  }
}

TEST(Backup, CopiesTheDatabaseWhileTheServerRuns) {
  const TempDir dir;
  const fs::path data = dir / "data";
  ASSERT_TRUE(run_hearth({"demo", "--data", data.string()}).status.success());
  ServerProcess server(ServerProcess::Options{.data_dir = data});
  ASSERT_TRUE(server.ready()) << server.startup_error();
  ASSERT_EQ(http_get(server.port(), "/api/v1/programs").status, 200);

  const fs::path copy = dir / "backup" / "hearth.db";
  fs::create_directories(copy.parent_path());
  const RunResult r = run_hearth({"backup", "--data", data.string(), "--to", copy.string()});
  ASSERT_TRUE(r.status.success()) << r.describe();
  EXPECT_TRUE(still_serving(server.port()));
  ASSERT_TRUE(fs::exists(copy));
  {
    SqliteFile db(copy);
    EXPECT_THAT(db.column("PRAGMA integrity_check"), UnorderedElementsAre("ok"));
    EXPECT_THAT(db.column("SELECT slug FROM programs"), UnorderedElementsAre("riverbend-iop"));
    EXPECT_THAT(db.column("SELECT count(*) FROM groups"), UnorderedElementsAre("6"));
  }

  // The copy is a working database: a second server opens it and lists the demo program.
  ServerProcess from_copy(ServerProcess::Options{.data_dir = copy.parent_path()});
  ASSERT_TRUE(from_copy.ready()) << from_copy.startup_error();
  const auto programs = http_get(from_copy.port(), "/api/v1/programs");
  ASSERT_EQ(programs.status, 200) << programs.describe();
  const auto body = nlohmann::json::parse(programs.body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body["programs"].is_array()) << programs.describe();
  ASSERT_EQ(body["programs"].size(), 1u);
  EXPECT_EQ(body["programs"][0].value("slug", ""), "riverbend-iop");
  EXPECT_EQ(body["programs"][0]["groups"].size(), 6u);

  const auto status = server.terminate();
  EXPECT_TRUE(status && status->success()) << server.log();
}

TEST(Backup, ForPostgresqlShowsThePgDumpCommandWithoutThePassword) {
  const TempDir dir;
  const fs::path to = dir / "backup.sql";
  const RunResult r = run_hearth({"backup", "--data", (dir / "data").string(), "--db",
                                  "postgresql://u:secret-9f3a@127.0.0.1:1/x", "--to", to.string()});
  EXPECT_TRUE(r.status.exited && r.status.code != 0) << r.describe();
  EXPECT_THAT(r.output(), HasSubstr("pg_dump")) << r.describe();
  EXPECT_THAT(r.output(), Not(HasSubstr("secret-9f3a"))) << r.describe();
  EXPECT_FALSE(fs::exists(to));
}

}  // namespace
}  // namespace hearth::api_test
