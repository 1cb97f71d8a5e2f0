#include "store/sqlite/sqlite_backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "base/ids.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace hearth::store {

namespace {

namespace fs = std::filesystem;

// Closes the target handle and, unless kept, removes the temporary file.
class TemporaryTarget {
 public:
  explicit TemporaryTarget(std::string path) : path_(std::move(path)) {}
  TemporaryTarget(const TemporaryTarget&) = delete;
  TemporaryTarget& operator=(const TemporaryTarget&) = delete;
  ~TemporaryTarget() {
    close();
    if (!kept_) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  const std::string& path() const { return path_; }
  sqlite3** handle() { return &db_; }
  sqlite3* db() const { return db_; }
  void close() {
    sqlite3_close_v2(db_);
    db_ = nullptr;
  }
  void keep() { kept_ = true; }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  bool kept_ = false;
};

// Makes the rename itself durable: the directory entry, not only the file's pages.
void sync_directory(const fs::path& file) {
  const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

Result<void> copy_pages(sqlite3* source, sqlite3* target) {
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (backup == nullptr) return sqlite_error("backup", sqlite3_extended_errcode(target));
  // -1: every page in one step, so the whole copy comes from one read snapshot of the source.
  const int step = sqlite3_backup_step(backup, -1);
  const int finish = sqlite3_backup_finish(backup);
  if (step != SQLITE_DONE) return sqlite_error("backup", step);
  if (finish != SQLITE_OK) return sqlite_error("backup", finish);
  return ok();
}

}  // namespace

Result<void> backup_sqlite(const std::string& source, const std::string& target,
                           std::chrono::milliseconds busy_timeout) {
  if (target.empty()) return Error::of(Errc::invalid_argument, "no backup file given");
  std::error_code ec;
  if (fs::exists(target, ec) && fs::equivalent(source, target, ec)) {
    return Error::of(Errc::invalid_argument, "the backup file is the database itself");
  }
  auto reader = SqliteConnection::open(source, SqliteRole::reader, busy_timeout);
  if (!reader.ok()) return std::move(reader).error();

  TemporaryTarget temporary(target + ".partial-" + new_id().substr(0, 8));
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE;
  if (int rc = sqlite3_open_v2(temporary.path().c_str(), temporary.handle(), flags, nullptr);
      rc != SQLITE_OK) {
    auto error = sqlite_error("opening the backup file", rc);
    return Error::of(Errc::unavailable, error.message + " at " + temporary.path());
  }
  if (auto copied = copy_pages((*reader)->handle(), temporary.db()); !copied.ok()) return copied;
  temporary.close();

  fs::rename(temporary.path(), target, ec);
  if (ec) {
    return Error::of(Errc::unavailable, "backup failed: cannot rename the finished copy to " +
                                            target + ": " + ec.message());
  }
  temporary.keep();
  sync_directory(target);
  return ok();
}

}  // namespace hearth::store
