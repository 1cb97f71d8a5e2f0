// SQLite-only behaviour: the file's settings, and a backup that stays consistent while
// writers keep committing.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <latch>
#include <thread>

#include "backend.hpp"
#include "records.hpp"
#include "store/open.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace hearth::store::testing {
namespace {

namespace fs = std::filesystem;

class SqliteDriver : public ::testing::Test {
 protected:
  void SetUp() override {
    auto url = backend_->create_database();
    ASSERT_TRUE(url.ok()) << url.error().message;
    path_ = url->substr(std::string_view("sqlite://").size());
    auto opened = open_store(*url, {});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_->migrate().ok());
  }

  std::unique_ptr<Backend> backend_ = make_sqlite_backend();
  std::string path_;
  std::unique_ptr<Store> store_;
};

std::string pragma(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string value;
  sqlite3_exec(
      db, sql,
      [](void* out, int, char** values, char**) {
        *static_cast<std::string*>(out) = values[0] != nullptr ? values[0] : "";
        return 0;
      },
      &value, nullptr);
  sqlite3_close(db);
  return value;
}

TEST_F(SqliteDriver, TheDatabaseFileIsInWalMode) {
  EXPECT_EQ(pragma(path_, "PRAGMA journal_mode"), "wal");
}

TEST_F(SqliteDriver, EveryConnectionKeepsTemporaryDataInMemory) {
  // SQLite's default writes sorts and statement journals to files in /var/tmp: outside the data
  // folder, with pieces of the rows in them.
  for (const auto role : {SqliteRole::writer, SqliteRole::reader}) {
    auto connection = SqliteConnection::open(path_, role, std::chrono::milliseconds(100));
    ASSERT_TRUE(connection.ok()) << connection.error().message;
    auto rows = (*connection)->query("reading temp_store", "PRAGMA temp_store", {});
    ASSERT_TRUE(rows.ok()) << rows.error().message;
    ASSERT_FALSE(rows->empty());
    EXPECT_EQ(rows->text(0, 0), "2");  // MEMORY
  }
}

TEST_F(SqliteDriver, ABackupIsConsistentWhileWritersCommit) {
  // Each transaction adds a program and its one group; a torn copy would show a program
  // without its group, or a group without its program.
  std::atomic<bool> stop{false};
  std::atomic<int> committed{0};
  std::latch first_commit(1);
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      const auto program = make_program("p" + std::to_string(i));
      auto result = store_->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
        if (auto done = tx.insert_program(program); !done.ok()) return done;
        return tx.insert_group(make_group(program, "g"));
      });
      if (!result.ok()) break;
      if (++committed == 1) first_commit.count_down();
    }
  });
  first_commit.wait();
  const std::string copy = path_ + ".backup";
  auto result = store_->backup_to(copy);
  stop = true;
  writer.join();
  ASSERT_TRUE(result.ok()) << result.error().message;

  auto opened = open_store("sqlite://" + copy, {});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  const auto programs = all_programs(**opened);
  EXPECT_GE(programs.size(), 1U);
  EXPECT_LE(programs.size(), static_cast<std::size_t>(committed.load()));
  for (const auto& program : programs) {
    EXPECT_EQ(all_groups(**opened, program.id).size(), 1U) << program.slug;
  }
}

// Enough commits to take the log past SQLite's automatic checkpoint (1000 pages: each commit
// writes a few) and the database file's size afterwards.
std::uintmax_t commit_past_the_automatic_checkpoint(Store& store, const std::string& path) {
  for (int i = 0; i < 400; ++i) {
    const auto program = make_program("c" + std::to_string(i));
    auto result = store.transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
      if (auto done = tx.insert_program(program); !done.ok()) return done;
      return tx.insert_group(make_group(program, "g"));
    });
    EXPECT_TRUE(result.ok());
  }
  return fs::file_size(path);
}

TEST_F(SqliteDriver, CommitsCopyTheLogIntoTheFileThemselvesByDefault) {
  const auto before = fs::file_size(path_);
  EXPECT_GT(commit_past_the_automatic_checkpoint(*store_, path_), before);
}

TEST_F(SqliteDriver, InTheBackgroundOnlyACheckpointCopiesTheLogIntoTheFile) {
  store_.reset();
  auto opened = open_store("sqlite://" + path_, {.checkpoint_in_background = true});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& store = **opened;
  const auto before = fs::file_size(path_);
  EXPECT_EQ(commit_past_the_automatic_checkpoint(store, path_), before);
  ASSERT_TRUE(store.checkpoint().ok());
  EXPECT_GT(fs::file_size(path_), before);
  EXPECT_EQ(all_programs(store).size(), 400U);
}

TEST_F(SqliteDriver, UnderSteadyWritesTheLogStartsOverAfterBackgroundCheckpoints) {
  // SQLite starts a log over only when a write finds all of it copied. A checkpoint from a reader
  // never gets there while commits go on beside it, so the log would grow for ever. The
  // writer's own short checkpoint afterwards (when the log is long) lets the next commit start
  // it over.
  store_.reset();
  auto opened = open_store("sqlite://" + path_, {.checkpoint_in_background = true});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& store = **opened;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 2000; ++i) {
      const auto program = make_program("s" + std::to_string(i));
      auto result = store.transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
        if (auto inserted = tx.insert_program(program); !inserted.ok()) return inserted;
        return tx.insert_group(make_group(program, "g"));
      });
      if (!result.ok()) break;
    }
    done = true;
  });
  while (!done) {
    EXPECT_TRUE(store.checkpoint().ok());
    std::this_thread::yield();
  }
  writer.join();
  EXPECT_EQ(all_programs(store).size(), 2000U);
  // Left growing, the log held every commit: 74 MB in this test. Started over, it held 12–22 MB
  // (its largest stretch between two starts, which depends on timing).
  EXPECT_LT(fs::file_size(path_ + "-wal"), 36U * 1024 * 1024);
}

TEST_F(SqliteDriver, ABackupOverTheDatabaseItselfIsRefused) {
  auto result = store_->backup_to(path_);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::invalid_argument);
  EXPECT_EQ(all_programs(*store_).size(), 0U);
}

TEST_F(SqliteDriver, ABackupIntoAMissingFolderIsUnavailable) {
  auto result = store_->backup_to((fs::path(path_).parent_path() / "missing" / "x.db").string());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Errc::unavailable);
}

}  // namespace
}  // namespace hearth::store::testing
