// Clock: the one source of "now" for domain code, so tests can inject time instead of sleeping.
// SystemClock is thread-safe; ManualClock is for tests and is thread-safe too (atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace hearth {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
  // Milliseconds since the Unix epoch, the form timestamps take in the store.
  std::int64_t now_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(now().time_since_epoch()).count();
  }
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start) : ns_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(TimePoint::duration(ns_.load())); }
  void advance(std::chrono::nanoseconds by) {
    ns_ += std::chrono::duration_cast<TimePoint::duration>(by).count();
  }

 private:
  std::atomic<TimePoint::duration::rep> ns_;
};

}  // namespace hearth
