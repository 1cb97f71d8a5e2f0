// ReminderSweep: every period (30 seconds by default), asks the notification service to make the
// session reminders that are due (24 hours and 15 minutes ahead). The sweep itself runs on the
// blocking pool; the timer lives on the I/O context. Reminders are deduplicated in the store, so a
// sweep that runs twice, or on two nodes, makes each reminder once.
#pragma once

#include <utility>  // before Asio (see DESIGN.md)

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>

#include "base/blocking_pool.hpp"
#include "domain/notification/notifications.hpp"

namespace hearth::app {

class ReminderSweep {
 public:
  ReminderSweep(boost::asio::io_context& io, BlockingPool& blocking,
                notification::NotificationService& notifications, std::chrono::seconds period)
      : timer_(io), blocking_(blocking), notifications_(notifications), period_(period) {}

  void start();  // sweeps at once, then every period
  void stop();   // no sweep starts after this returns

 private:
  void sweep();
  void schedule_next();

  boost::asio::steady_timer timer_;
  BlockingPool& blocking_;
  notification::NotificationService& notifications_;
  std::chrono::seconds period_;
  std::atomic<bool> running_{false};
  std::atomic<bool> sweeping_{false};  // a slow sweep is not overlapped by the next
};

}  // namespace hearth::app
