#include "app/reminder_sweep.hpp"

#include <spdlog/spdlog.h>

namespace hearth::app {

void ReminderSweep::start() {
  running_ = true;
  sweep();
  schedule_next();
}

void ReminderSweep::stop() {
  running_ = false;
  timer_.cancel();
}

void ReminderSweep::schedule_next() {
  timer_.expires_after(period_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || !running_) return;
    sweep();
    schedule_next();
  });
}

void ReminderSweep::sweep() {
  if (sweeping_.exchange(true)) return;
  blocking_.post([this] {
    if (running_) {
      auto made = notifications_.sweep_reminders();
      if (!made) {
        spdlog::warn("event=reminder_sweep_failed code={}", errc_name(made.error().code));
      } else if (*made > 0) {
        spdlog::info("event=reminders_made count={}", *made);
      }
    }
    sweeping_ = false;
  });
}

}  // namespace hearth::app
