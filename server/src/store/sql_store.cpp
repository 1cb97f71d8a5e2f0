#include "store/sql_store.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <random>
#include <thread>

#include "base/clock.hpp"
#include "store/sql_transaction.hpp"

namespace hearth::store {

namespace {

// Rolls back an attempt that did not reach a successful COMMIT, including when fn throws, so
// the connection goes back to its pool outside any transaction.
class RollbackGuard {
 public:
  explicit RollbackGuard(SqlConnection& connection) : connection_(connection) {}
  RollbackGuard(const RollbackGuard&) = delete;
  RollbackGuard& operator=(const RollbackGuard&) = delete;
  ~RollbackGuard() {
    if (armed_) connection_.rollback();
  }
  void disarm() { armed_ = false; }

 private:
  SqlConnection& connection_;
  bool armed_ = true;
};

// A short pause that grows with each attempt (1, 2, 4 … ms, at most 32), jittered so that two
// transactions that collided do not collide again in lockstep.
std::chrono::microseconds backoff(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  const auto ceiling = std::chrono::microseconds(1000 << std::min(attempt - 1, 5));
  std::uniform_int_distribution<std::int64_t> pick(ceiling.count() / 2, ceiling.count());
  return std::chrono::microseconds(pick(random));
}

TransactionKind kind_of(Access access) {
  switch (access) {
    case Access::read_only:
      return TransactionKind::read_only;
    case Access::bookkeeping:
      return TransactionKind::bookkeeping;
    case Access::read_write:
      break;
  }
  return TransactionKind::read_write;
}

// Only needs to differ between the processes writing to one database at the same time.
std::string random_writer_id() {
  std::random_device source;
  const std::uint64_t value = (std::uint64_t{source()} << 32) | source();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  for (std::size_t i = 0; i < id.size(); ++i) id[i] = kHex[(value >> (60 - 4 * i)) & 0xf];
  return id;
}

std::string describe(const MigrationStep& step) {
  return "migration " + std::to_string(step.version) + " (" + step.name + ")";
}

}  // namespace

SqlStore::SqlStore(const StoreOptions& options, StoreSetup setup)
    : max_attempts_(std::max(options.max_attempts, 1)),
      setup_(std::move(setup)),
      writer_id_(random_writer_id()) {}

Result<bool> SqlStore::notice_outside_writes() {
  std::lock_guard lock(looking_);
  auto changed = outside_writes_since_last_look();
  if (!changed.ok()) return changed;
  if (*changed) generation_.fetch_add(1, std::memory_order_acq_rel);
  return changed;
}

Result<void> SqlStore::transact(Access access,
                                const std::function<Result<void>(Transaction&)>& fn) {
  auto outcome = run_transaction(kind_of(access), [&](SqlConnection& connection) -> Result<void> {
    SqlTransaction transaction(connection);
    Result<void> result = fn(transaction);
    const auto& failure = transaction.failure();
    // A failed statement spoils the transaction even when fn carried on; a transient one
    // means the whole of fn must run again, whatever fn made of it.
    if (failure && (result.ok() || failure->code == Errc::transient)) return *failure;
    if (result.ok() && access == Access::read_write) return announce_write(connection);
    return result;
  });
  // After the commit, never before: a reader that took the old number re-reads next time.
  if (outcome.ok() && access == Access::read_write) {
    generation_.fetch_add(1, std::memory_order_acq_rel);
  }
  return outcome;
}

Result<void> SqlStore::transact_grouped(const std::function<Result<void>(Transaction&)>& fn) {
  if (!groups_commits()) return transact(Access::bookkeeping, fn);
  GroupedCall call{.fn = &fn};
  std::unique_lock lock(grouping_);
  group_queue_.push_back(&call);
  // Whoever finds nobody leading takes everything queued so far (its own call among it, unless
  // more than a group's worth was ahead of it) and commits it while the next callers queue up.
  while (!call.outcome) {
    if (group_leading_) {
      call.woken.wait(lock);
      continue;
    }
    group_leading_ = true;
    const std::size_t taken = std::min(group_queue_.size(), kMaxGroupedCalls);
    std::vector<GroupedCall*> group(group_queue_.begin(), group_queue_.begin() + taken);
    group_queue_.erase(group_queue_.begin(), group_queue_.begin() + taken);
    lock.unlock();
    run_group(group);
    lock.lock();
    group_leading_ = false;
    // The next group is led by the first caller still queued (the group's own callers were
    // woken by run_group).
    if (!group_queue_.empty()) group_queue_.front()->woken.notify_one();
  }
  if (call.thrown) std::rethrow_exception(call.thrown);
  return *std::move(call.outcome);
}

GroupCommitStats SqlStore::group_commit_stats() const {
  std::lock_guard lock(grouping_);
  GroupCommitStats stats = grouped_;
  stats.queued = group_queue_.size();
  return stats;
}

void SqlStore::run_group(const std::vector<GroupedCall*>& calls) {
  // Each call's outcome is kept here and handed over under grouping_, under which its caller
  // looks for it: the callers may be awake, checking, while the group runs.
  std::vector<Result<void>> outcomes;
  std::vector<std::exception_ptr> thrown(calls.size());
  bool committed = false;
  const auto hand_over = [&] {
    std::lock_guard lock(grouping_);
    if (committed) {
      ++grouped_.commits;
      grouped_.calls += calls.size();
    }
    // Woken under the lock: once its outcome is in, a caller may return and take its condition
    // with it.
    for (std::size_t i = 0; i < calls.size(); ++i) {
      calls[i]->outcome = std::move(outcomes[i]);
      calls[i]->thrown = thrown[i];
      calls[i]->woken.notify_one();
    }
  };
  const auto run_alone = [&](std::size_t i) -> Result<void> {
    try {
      return transact(Access::bookkeeping, *calls[i]->fn);
    } catch (...) {
      thrown[i] = std::current_exception();
      return Error::of(Errc::internal, "the transaction threw");
    }
  };
  // Alone there is nothing to share, and no savepoint to pay for.
  if (calls.size() == 1) {
    outcomes.push_back(run_alone(0));
    return hand_over();
  }
  {
    auto connection = lease(Access::read_write);
    if (connection.ok() && (*connection)->begin(TransactionKind::bookkeeping).ok()) {
      RollbackGuard guard(**connection);
      for (std::size_t i = 0; i < calls.size(); ++i) {
        auto outcome = run_in_savepoint(**connection, *calls[i]->fn, thrown[i]);
        if (!outcome) break;
        outcomes.push_back(*std::move(outcome));
      }
      if (outcomes.size() == calls.size() && (*connection)->commit().ok()) {
        guard.disarm();
        committed = true;
      }
    }
  }
  if (!committed) {
    // The shared transaction is gone, and with it the writes of the calls that went well: each
    // runs again on its own, with transact()'s retries.
    outcomes.clear();
    std::ranges::fill(thrown, nullptr);
    for (std::size_t i = 0; i < calls.size(); ++i) outcomes.push_back(run_alone(i));
  }
  hand_over();
}

std::optional<Result<void>> SqlStore::run_in_savepoint(
    SqlConnection& connection, const std::function<Result<void>(Transaction&)>& fn,
    std::exception_ptr& thrown) {
  if (!connection.execute("savepoint", "SAVEPOINT grouped_call").ok()) return std::nullopt;
  SqlTransaction transaction(connection);
  Result<void> result = ok();
  try {
    result = fn(transaction);
  } catch (...) {
    thrown = std::current_exception();
    result = Error::of(Errc::internal, "the transaction threw");
  }
  const auto& failure = transaction.failure();
  if (failure && (result.ok() || failure->code == Errc::transient)) result = *failure;
  // A retry means the whole transaction: the shared one cannot go on.
  if (!result.ok() && result.error().code == Errc::transient) return std::nullopt;
  if (!result.ok() &&
      !connection.execute("rollback to savepoint", "ROLLBACK TO SAVEPOINT grouped_call").ok()) {
    return std::nullopt;
  }
  if (!connection.execute("release savepoint", "RELEASE SAVEPOINT grouped_call").ok()) {
    return std::nullopt;
  }
  return result;
}

Result<void> SqlStore::run_transaction(TransactionKind kind, const Attempt& body) {
  for (int attempt = 1;; ++attempt) {
    Result<void> result = run_once(kind, body);
    if (result.ok() || result.error().code != Errc::transient) return result;
    if (attempt >= max_attempts_) {
      return Error::of(Errc::transient, result.error().message + "; gave up after " +
                                            std::to_string(attempt) + " attempts");
    }
    if (setup_.on_retry) setup_.on_retry(attempt, result.error());
    std::this_thread::sleep_for(backoff(attempt));
  }
}

Result<void> SqlStore::run_once(TransactionKind kind, const Attempt& body) {
  auto connection =
      lease(kind == TransactionKind::read_only ? Access::read_only : Access::read_write);
  if (!connection.ok()) return std::move(connection).error();
  if (auto begun = (*connection)->begin(kind); !begun.ok()) return begun;
  RollbackGuard guard(**connection);
  if (auto result = body(**connection); !result.ok()) return result;
  if (auto committed = (*connection)->commit(); !committed.ok()) return committed;
  guard.disarm();
  return ok();
}

Result<int> read_schema_version(SqlConnection& connection) {
  // The one catalog query: SQLite lists tables in sqlite_master, PostgreSQL in
  // information_schema (in the schema the connection writes to).
  const std::string_view exists_sql =
      connection.dialect() == Dialect::sqlite
          ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
            "'schema_migrations'"
          : "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_name = 'schema_migrations'";
  auto exists = connection.query("schema_version", exists_sql, {});
  if (!exists.ok()) return std::move(exists).error();
  auto tables = exists->integer(0, 0);
  if (!tables.ok()) return std::move(tables).error();
  if (*tables == 0) return 0;
  auto highest = connection.query("schema_version",
                                  "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!highest.ok()) return std::move(highest).error();
  auto version = highest->integer(0, 0);
  if (!version.ok()) return std::move(version).error();
  return static_cast<int>(*version);
}

Result<int> SqlStore::schema_version() {
  int version = 0;
  auto result = run_transaction(TransactionKind::read_only, [&](SqlConnection& connection) {
    auto read = read_schema_version(connection);
    if (!read.ok()) return Result<void>(std::move(read).error());
    version = *read;
    return ok();
  });
  if (!result.ok()) return std::move(result).error();
  return version;
}

Result<std::vector<Migration>> SqlStore::pending_migrations() {
  auto version = schema_version();
  if (!version.ok()) return std::move(version).error();
  std::vector<Migration> pending;
  for (const auto& step : setup_.migrations) {
    if (step.version > *version) pending.push_back(Migration{step.version, step.name});
  }
  return pending;
}

Result<std::vector<Migration>> SqlStore::migrate() {
  auto pending = pending_migrations();
  if (!pending.ok()) return std::move(pending).error();
  std::vector<Migration> applied;
  for (const auto& step : setup_.migrations) {
    if (pending->empty() || step.version < pending->front().version) continue;
    bool ran = false;
    auto result = run_transaction(TransactionKind::schema_change, [&](SqlConnection& connection) {
      ran = false;
      // Read again inside the schema-change transaction: another process may have applied
      // this step since pending_migrations() looked.
      auto version = read_schema_version(connection);
      if (!version.ok()) return Result<void>(std::move(version).error());
      if (*version >= step.version) return ok();
      const std::string operation = describe(step);
      for (const auto& statement : step.statements) {
        if (auto done = connection.execute(operation, statement); !done.ok()) return done;
      }
      for (const auto& statement : step.statements_for(connection.dialect())) {
        if (auto done = connection.execute(operation, statement); !done.ok()) return done;
      }
      const std::array<SqlParam, 3> row = {std::int64_t{step.version}, step.name,
                                           SystemClock().now_ms()};
      if (auto recorded = connection.execute(
              operation,
              "INSERT INTO schema_migrations (version, name, applied_at_ms) VALUES ($1, $2, $3)",
              row);
          !recorded.ok()) {
        return recorded;
      }
      ran = true;
      return ok();
    });
    if (!result.ok()) return std::move(result).error();
    if (ran) applied.push_back(Migration{step.version, step.name});
  }
  return applied;
}

}  // namespace hearth::store
