#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "store/connection_pool.hpp"
#include "store/sql_store.hpp"
#include "store/sqlite/sqlite_backup.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace hearth::store {

namespace {

ConnectionPool::Factory opener(std::string path, SqliteRole role,
                               std::chrono::milliseconds busy_timeout,
                               bool checkpoint_on_commit = true) {
  return [path = std::move(path), role, busy_timeout,
          checkpoint_on_commit]() -> Result<std::unique_ptr<SqlConnection>> {
    auto connection = SqliteConnection::open(path, role, busy_timeout, checkpoint_on_commit);
    if (!connection.ok()) return std::move(connection).error();
    return std::unique_ptr<SqlConnection>(std::move(connection).value());
  };
}

// A log of this many frames (4 KiB pages) or more is brought back to its start (checkpoint()).
constexpr std::int64_t kLogFramesWorthRestarting = 1024;

class SqliteStore final : public SqlStore {
 public:
  SqliteStore(std::string path, const StoreOptions& options, StoreSetup setup)
      : SqlStore(options, std::move(setup)),
        path_(std::move(path)),
        busy_timeout_(options.busy_timeout),
        writer_(
            1, opener(path_, SqliteRole::writer, busy_timeout_, !options.checkpoint_in_background)),
        readers_(std::max<std::size_t>(options.readers, 1),
                 opener(path_, SqliteRole::reader, busy_timeout_)),
        reader_count_(std::max<std::size_t>(options.readers, 1)) {}

  // The writer first: it creates the file and switches it to WAL before any reader opens it.
  Result<void> open_connections() {
    if (auto done = writer_.fill(1); !done.ok()) return done;
    return readers_.fill(reader_count_);
  }

  std::string_view driver() const override { return "sqlite"; }
  bool indexes_search_in_batches() const override { return true; }

  Result<void> ping() override {
    auto connection = readers_.acquire();
    if (!connection.ok()) return std::move(connection).error();
    return (*connection)->execute("ping", "SELECT 1");
  }

  // PASSIVE: copies what no reader still needs and returns, never waiting for a lock. A reader
  // connection may do it (query_only stops changes to the data, not checkpoints), so the writer
  // stays free for commits while the database file is written and synced.
  //
  // SQLite starts its log again from the beginning only when a write begins and finds every frame
  // copied. Under steady writes that never happens after a checkpoint on the side, since commits
  // made meanwhile stay behind: the log would grow for as long as writes keep coming (815 MB in
  // 20 s at 2,000 messages a second, docs/benchmarks.md), and every fsync of a growing file also
  // writes its inode. So when the log is long, the writer, between two transactions, copies the
  // few frames committed meanwhile; the next write then starts the log over.
  Result<void> checkpoint() override {
    std::int64_t frames = 0;
    {
      auto reader = readers_.acquire();
      if (!reader.ok()) return std::move(reader).error();
      auto rows = (*reader)->query("checkpoint", "PRAGMA wal_checkpoint(PASSIVE)", {});
      if (!rows.ok()) return std::move(rows).error();
      if (!rows->empty()) {
        HEARTH_TRY_ASSIGN(frames, rows->integer(0, 1));
      }
    }
    if (frames < kLogFramesWorthRestarting) return ok();
    auto writer = writer_.acquire();
    if (!writer.ok()) return std::move(writer).error();
    auto rows = (*writer)->query("checkpoint", "PRAGMA wal_checkpoint(PASSIVE)", {});
    if (!rows.ok()) return std::move(rows).error();
    return ok();
  }

  PoolStats pool_stats() const override {
    const PoolStats writer = writer_.stats();
    const PoolStats readers = readers_.stats();
    return PoolStats{.connections = writer.connections + readers.connections,
                     .in_use = writer.in_use + readers.in_use,
                     .waiting = writer.waiting + readers.waiting};
  }

  Result<void> backup_to(const std::string& path) override {
    return backup_sqlite(path_, path, busy_timeout_);
  }

 protected:
  // Every write waits for the one writer connection anyway: those that wait together may as
  // well commit together, with one fsync of the log instead of one each.
  bool groups_commits() const override { return true; }

  Result<ConnectionPool::Lease> lease(Access access) override {
    return access == Access::read_write ? writer_.acquire() : readers_.acquire();
  }

  // data_version differs between two reads on one connection exactly when another connection
  // committed in between. Asked of the writer, the only connection of this process that writes,
  // it moves for other processes' commits alone.
  Result<bool> outside_writes_since_last_look() override {
    auto writer = writer_.acquire();
    if (!writer.ok()) return std::move(writer).error();
    auto rows = (*writer)->query("data_version", "PRAGMA data_version", {});
    if (!rows.ok()) return std::move(rows).error();
    auto version = rows->integer(0, 0);
    if (!version.ok()) return std::move(version).error();
    const bool changed = !last_data_version_ || *last_data_version_ != *version;
    last_data_version_ = *version;
    return changed;
  }

 private:
  const std::string path_;
  const std::chrono::milliseconds busy_timeout_;
  ConnectionPool writer_;
  ConnectionPool readers_;
  const std::size_t reader_count_;
  std::optional<std::int64_t> last_data_version_;  // as of the last look
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const StoreOptions& options, StoreSetup setup) {
  auto store = std::make_unique<SqliteStore>(path, options, std::move(setup));
  if (auto opened = store->open_connections(); !opened.ok()) return std::move(opened).error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace hearth::store
