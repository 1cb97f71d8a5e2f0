// PeriodicTask: runs one piece of blocking work at once and then every period, on the blocking
// pool, with the timer on the I/O context: the reminder sweep (every 30 s) and the look for
// other processes' writes to the database (several times a second). A run that is still going
// when the next is due is not overlapped; that turn is skipped.
#pragma once

#include <utility>  // before Asio (see DESIGN.md)

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <functional>

#include "base/blocking_pool.hpp"

namespace hearth::app {

class PeriodicTask {
 public:
  PeriodicTask(boost::asio::io_context& io, BlockingPool& blocking,
               std::chrono::milliseconds period, std::function<void()> work)
      : timer_(io), blocking_(blocking), period_(period), work_(std::move(work)) {}

  void start();  // runs the work at once, then every period
  void stop();   // no run starts after this returns

 private:
  void run_once();
  void schedule_next();

  boost::asio::steady_timer timer_;
  BlockingPool& blocking_;
  const std::chrono::milliseconds period_;
  const std::function<void()> work_;
  std::atomic<bool> running_{false};
  std::atomic<bool> busy_{false};
};

}  // namespace hearth::app
