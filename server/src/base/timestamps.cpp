#include "base/timestamps.hpp"

#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace hearth {
namespace {

bool read_number(std::string_view text, std::size_t at, std::size_t digits, int& out) {
  if (at + digits > text.size()) return false;
  const char* first = text.data() + at;
  for (std::size_t i = 0; i < digits; ++i) {
    if (first[i] < '0' || first[i] > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(first, first + digits, out);
  return ec == std::errc() && ptr == first + digits;
}

}  // namespace

void append_timestamp(std::string& out, std::int64_t ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> t{milliseconds(ms)};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  // Written digit by digit: the schedule answers carry four of these per session, and a
  // formatting library parsing its pattern on every call was a tenth of such a request.
  char text[24];
  const auto put = [&text](std::size_t at, std::int64_t value, std::size_t digits) {
    for (std::size_t i = digits; i-- > 0; value /= 10)
      text[at + i] = static_cast<char>('0' + value % 10);
  };
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    out += fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", year,
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       hms.subseconds().count());
    return;
  }
  put(0, year, 4);
  text[4] = '-';
  put(5, static_cast<unsigned>(ymd.month()), 2);
  text[7] = '-';
  put(8, static_cast<unsigned>(ymd.day()), 2);
  text[10] = 'T';
  put(11, hms.hours().count(), 2);
  text[13] = ':';
  put(14, hms.minutes().count(), 2);
  text[16] = ':';
  put(17, hms.seconds().count(), 2);
  text[19] = '.';
  put(20, hms.subseconds().count(), 3);
  text[23] = 'Z';
  out.append(text, sizeof text);
}

std::string format_timestamp(std::int64_t ms) {
  std::string out;
  append_timestamp(out, ms);
  return out;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  if (!read_number(text, 0, 4, y) || text.size() < 10 || text[4] != '-' ||
      !read_number(text, 5, 2, mo) || text[7] != '-' || !read_number(text, 8, 2, d)) {
    return std::nullopt;
  }
  if (text.size() > 10) {
    if (text.size() < 20 || text[10] != 'T' || !read_number(text, 11, 2, h) || text[13] != ':' ||
        !read_number(text, 14, 2, mi) || text[16] != ':' || !read_number(text, 17, 2, s)) {
      return std::nullopt;
    }
    std::size_t at = 19;
    if (text[at] == '.') {
      if (!read_number(text, at + 1, 3, ms)) return std::nullopt;
      at += 4;
    }
    if (at + 1 != text.size() || text[at] != 'Z') return std::nullopt;
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
  }
  const year_month_day ymd{year(y), month(static_cast<unsigned>(mo)),
                           day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  const auto t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(s) + milliseconds(ms);
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

}  // namespace hearth
