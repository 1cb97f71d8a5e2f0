// SqlStore: the driver-independent half of a Store: transact() with its whole-transaction
// retry, and the migration runner. A driver supplies connections (lease) and the parts that
// really differ: ping, pool_stats, backup_to, and how writes by other processes are noticed.
//
// Ownership: owns the StoreSetup (migrations, retry observer); the driver owns its pools.
// Threads: every method may be called from many threads at once; each attempt of a transaction
// holds its own leased connection.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "store/connection_pool.hpp"
#include "store/open.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

namespace hearth::store {

class SqlStore : public Store {
 public:
  SqlStore(const StoreOptions& options, StoreSetup setup);

  Result<void> transact(Access access, const std::function<Result<void>(Transaction&)>& fn) final;
  Result<void> transact_grouped(const std::function<Result<void>(Transaction&)>& fn) final;
  GroupCommitStats group_commit_stats() const final;
  std::uint64_t generation() const final { return generation_.load(std::memory_order_acquire); }
  Result<bool> notice_outside_writes() final;
  Result<int> schema_version() final;
  Result<std::vector<Migration>> pending_migrations() final;
  Result<std::vector<Migration>> migrate() final;

 protected:
  // A connection for one attempt of a transaction of the given kind.
  virtual Result<ConnectionPool::Lease> lease(Access access) = 0;
  // Whether another process has committed since the last call; true on the first call, which
  // has nothing to compare with. Called by one thread at a time.
  virtual Result<bool> outside_writes_since_last_look() = 0;
  // Runs last in every read_write transaction, before its COMMIT: what lets other processes
  // notice the write (PostgreSQL: the notification), nothing by default.
  virtual Result<void> announce_write(SqlConnection&) { return ok(); }
  // This Store object's id among the processes writing to the database: 16 random hex digits.
  const std::string& writer_id() const { return writer_id_; }
  // Whether transact_grouped() shares transactions between callers: worth it where every write
  // goes through one connection (SQLite), so that callers queue for it anyway.
  virtual bool groups_commits() const { return false; }

 private:
  using Attempt = std::function<Result<void>(SqlConnection&)>;
  // One caller of transact_grouped(): its fn, and once the group it joined is done, its outcome.
  struct GroupedCall {
    const std::function<Result<void>(Transaction&)>* fn = nullptr;
    std::optional<Result<void>> outcome;
    std::exception_ptr thrown;  // what fn threw, to rethrow on its caller's thread
    // Its caller waits on this alone: woken when its outcome is in, or when it is first in the
    // queue and nobody leads. One shared condition would wake every waiting caller at the end of
    // each group, most of them only to wait again.
    std::condition_variable woken;
  };
  // The most calls one shared transaction takes: a bound on how long the last waits for the first.
  static constexpr std::size_t kMaxGroupedCalls = 64;

  // Runs body inside BEGIN … COMMIT, again from the start after a transient failure.
  Result<void> run_transaction(TransactionKind kind, const Attempt& body);
  Result<void> run_once(TransactionKind kind, const Attempt& body);
  // Runs the calls in one bookkeeping transaction, each in its own savepoint, and gives each
  // its outcome; if the shared transaction fails as a whole, runs each alone with transact().
  void run_group(const std::vector<GroupedCall*>& calls);
  // One call's fn against the shared transaction, inside its savepoint, and its outcome (what it
  // threw goes to `thrown`). nullopt when the shared transaction can no longer be trusted (a
  // savepoint could not be rolled back, or the database asks for a retry) and every call must
  // run again alone.
  static std::optional<Result<void>> run_in_savepoint(
      SqlConnection& connection, const std::function<Result<void>(Transaction&)>& fn,
      std::exception_ptr& thrown);

  const int max_attempts_;
  const StoreSetup setup_;
  const std::string writer_id_;
  std::atomic<std::uint64_t> generation_{0};
  std::mutex looking_;  // one look at a time

  // Group commit (transact_grouped): callers queue here; one at a time leads, running everything
  // queued as one transaction, while the others wait for their outcome or their turn to lead.
  mutable std::mutex grouping_;
  std::deque<GroupedCall*> group_queue_;
  bool group_leading_ = false;
  GroupCommitStats grouped_;  // commits and calls; queued is group_queue_'s size
};

// The highest version recorded in schema_migrations on this connection, 0 if the table is absent.
Result<int> read_schema_version(SqlConnection& connection);

}  // namespace hearth::store
