// The SQLite backend of the conformance suite: a database file in a temporary folder per test,
// and SQLITE_BUSY provoked by a second, raw connection that holds the write lock.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "backend.hpp"
#include "base/ids.hpp"
#include "records.hpp"
#include "store/open.hpp"

namespace hearth::store::testing {

namespace {

namespace fs = std::filesystem;

// A raw connection to the same file, outside the store: what another process would be.
class RawConnection {
 public:
  explicit RawConnection(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    sqlite3_busy_timeout(db_, 10);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  ~RawConnection() { sqlite3_close(db_); }

  int exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

 private:
  sqlite3* db_ = nullptr;
};

class SqliteBackend final : public Backend {
 public:
  ~SqliteBackend() override {
    if (dir_.empty()) return;
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  Result<std::string> create_database() override {
    std::error_code ec;
    dir_ = fs::temp_directory_path(ec) / ("hearth-store-test-" + new_id().substr(0, 12));
    if (!fs::create_directories(dir_, ec)) {
      return Error::of(Errc::unavailable, "cannot create " + dir_.string() + ": " + ec.message());
    }
    return "sqlite://" + (dir_ / "hearth.db").string();
  }

  std::string unopenable_url() const override {
    return "sqlite://" + (dir_ / "no-such-folder" / "hearth.db").string();
  }

  void expect_retry_after_real_transient_failure(const std::string& url) override {
    RetryLog retries;
    StoreSetup setup;
    setup.on_retry = retries.callback();
    StoreOptions options;
    options.busy_timeout = std::chrono::milliseconds(20);
    options.max_attempts = 100;  // room for many 20 ms attempts before the lock is released
    auto opened = open_store_with(url, options, std::move(setup));
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    auto& store = **opened;
    ASSERT_TRUE(store.migrate().ok());

    RawConnection other((dir_ / "hearth.db").string());
    ASSERT_EQ(other.exec("BEGIN IMMEDIATE"), SQLITE_OK);

    const auto program = make_program("busy");
    std::atomic<int> runs{0};
    Result<void> result = ok();
    std::thread writer([&] {
      result = store.transact(Access::read_write, [&](Transaction& tx) {
        ++runs;
        return tx.insert_program(program);
      });
    });
    // The first attempt met SQLITE_BUSY at BEGIN IMMEDIATE; now let a later one through.
    const bool retried = retries.wait_for(1);
    EXPECT_EQ(other.exec("COMMIT"), SQLITE_OK);
    writer.join();
    ASSERT_TRUE(retried) << "transact() reported no retry while the write lock was held";

    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(retries.codes().front(), Errc::transient);
    // fn ran only in the attempt that got the lock: SQLite's BUSY comes at BEGIN IMMEDIATE,
    // before fn, and the attempt that met it was rolled back and started over whole.
    EXPECT_EQ(runs, 1);
    ASSERT_EQ(all_programs(store).size(), 1U);
  }

 private:
  fs::path dir_;
};

}  // namespace

std::unique_ptr<Backend> make_sqlite_backend() {
  return std::make_unique<SqliteBackend>();
}

}  // namespace hearth::store::testing
