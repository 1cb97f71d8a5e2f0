// ConnectionPool: a bounded set of SqlConnections, each lent to one caller at a time.
//
// Connections are opened on demand up to `capacity` (or up front with fill()). A caller that
// finds none free waits, and is counted in stats().waiting. A connection that comes back
// unhealthy (broken socket, transaction left open) is closed and dropped, and a fresh one is
// opened by the next caller that needs it. The SQLite driver uses one pool of capacity 1 for
// its single writer and one for its readers; the PostgreSQL driver uses one pool.
//
// Ownership: the pool owns idle connections; a Lease owns its connection until it is destroyed,
// which hands it back. Every Lease must be gone before the pool is destroyed.
// Threads: all methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "base/result.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

namespace hearth::store {

class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<SqlConnection>>()>;

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<SqlConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    SqlConnection& operator*() const { return *connection_; }
    SqlConnection* operator->() const { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<SqlConnection> connection_;
  };

  ConnectionPool(std::size_t capacity, Factory factory);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Opens connections until `count` are open (at most capacity), so that open failures show at
  // start-up rather than on the first request.
  Result<void> fill(std::size_t count);

  // A free connection, waiting for one if all `capacity` are lent out.
  Result<Lease> acquire();

  PoolStats stats() const;

  // Blocks until done(stats()) holds; lets tests wait for a caller to start waiting without
  // sleeping.
  void wait_until(const std::function<bool(const PoolStats&)>& done) const;

 private:
  void give_back(std::unique_ptr<SqlConnection> connection);
  PoolStats stats_locked() const;

  const std::size_t capacity_;
  const Factory factory_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;  // any change to the counts below
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  std::size_t open_ = 0;  // idle, lent out, or being opened; never above capacity_
  std::size_t in_use_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace hearth::store
