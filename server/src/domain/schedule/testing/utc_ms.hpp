// Test helper: a UTC instant written as a calendar date and time, computed with std::chrono alone
// so that expected values do not go through the code under test.
#pragma once

#include <chrono>
#include <cstdint>

namespace hearth::schedule::testing {

inline std::int64_t utc_ms(int year, unsigned month, unsigned day, int hour, int minute) {
  using namespace std::chrono;
  const sys_days midnight{std::chrono::year{year} / month / day};
  return duration_cast<milliseconds>((midnight + hours{hour} + minutes{minute}).time_since_epoch())
      .count();
}

}  // namespace hearth::schedule::testing
