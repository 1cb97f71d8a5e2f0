#include "store/connection_pool.hpp"

#include <algorithm>

namespace hearth::store {

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

ConnectionPool::ConnectionPool(std::size_t capacity, Factory factory)
    : capacity_(std::max<std::size_t>(capacity, 1)), factory_(std::move(factory)) {}

Result<void> ConnectionPool::fill(std::size_t count) {
  count = std::min(count, capacity_);
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (open_ >= count) return ok();
      ++open_;
    }
    auto opened = factory_();
    std::lock_guard lock(mutex_);
    if (!opened.ok()) {
      --open_;
      changed_.notify_all();
      return std::move(opened).error();
    }
    idle_.push_back(std::move(opened).value());
    changed_.notify_all();
  }
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  if (idle_.empty() && open_ >= capacity_) {
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return !idle_.empty() || open_ < capacity_; });
    --waiting_;
  }
  ++in_use_;
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    changed_.notify_all();
    return Lease(this, std::move(connection));
  }
  // Open a replacement outside the lock: connecting may take a network round trip.
  ++open_;
  changed_.notify_all();
  lock.unlock();
  auto opened = factory_();
  if (!opened.ok()) {
    lock.lock();
    --open_;
    --in_use_;
    changed_.notify_all();
    return std::move(opened).error();
  }
  return Lease(this, std::move(opened).value());
}

void ConnectionPool::give_back(std::unique_ptr<SqlConnection> connection) {
  std::unique_ptr<SqlConnection> dropped;
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (connection->healthy()) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
      dropped = std::move(connection);
    }
    changed_.notify_all();
  }
  // `dropped` closes here, outside the lock.
}

PoolStats ConnectionPool::stats() const {
  std::lock_guard lock(mutex_);
  return stats_locked();
}

void ConnectionPool::wait_until(const std::function<bool(const PoolStats&)>& done) const {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return done(stats_locked()); });
}

PoolStats ConnectionPool::stats_locked() const {
  return PoolStats{.connections = open_, .in_use = in_use_, .waiting = waiting_};
}

}  // namespace hearth::store
