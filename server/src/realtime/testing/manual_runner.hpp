// Test helper: a stand-in for the blocking pool whose work runs only when the test says, on the
// test's thread. Work may be queued from any thread (Janus's event thread, say); pump_until()
// waits for queued work (or a nudge), not for time, and gives up after `limit`.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

#include "base/fresh_cache.hpp"

namespace hearth::realtime::testing {

class ManualRunner {
 public:
  RunInBackground runner() {
    return [this](std::function<void()> job) {
      std::lock_guard lock(mutex_);
      work_.push_back(std::move(job));
      queued_.notify_all();
    };
  }

  // Runs the queued work, and whatever it queues, until none is left.
  void pump() {
    while (run_queued()) {
    }
  }

  // Something the test waits for may have happened off the queue (a frame Janus's event thread
  // sent): pump_until() looks at `done` again.
  void nudge() {
    std::lock_guard lock(mutex_);
    nudged_ = true;
    queued_.notify_all();
  }

  // Runs queued work as it comes until `done` holds; false if it does not within `limit`.
  bool pump_until(const std::function<bool()>& done,
                  std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
      pump();
      if (done()) return true;
      std::unique_lock lock(mutex_);
      if (!queued_.wait_until(lock, deadline, [&] { return !work_.empty() || nudged_; })) {
        return done();
      }
      nudged_ = false;
    }
  }

 private:
  bool run_queued() {
    std::deque<std::function<void()>> work;
    {
      std::lock_guard lock(mutex_);
      if (work_.empty()) return false;
      work.swap(work_);
    }
    for (auto& job : work) job();
    return true;
  }

  std::mutex mutex_;
  std::condition_variable queued_;
  std::deque<std::function<void()>> work_;
  bool nudged_ = false;
};

}  // namespace hearth::realtime::testing
