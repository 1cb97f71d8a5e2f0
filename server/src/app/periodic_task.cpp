#include "app/periodic_task.hpp"

namespace hearth::app {

void PeriodicTask::start() {
  running_ = true;
  run_once();
  schedule_next();
}

void PeriodicTask::stop() {
  running_ = false;
  timer_.cancel();
}

void PeriodicTask::schedule_next() {
  timer_.expires_after(period_);
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || !running_) return;
    run_once();
    schedule_next();
  });
}

void PeriodicTask::run_once() {
  if (busy_.exchange(true)) return;
  blocking_.post([this] {
    if (running_) work_();
    busy_ = false;
  });
}

}  // namespace hearth::app
