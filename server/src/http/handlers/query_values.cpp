#include "http/handlers/query_values.hpp"

#include <charconv>

#include "base/timestamps.hpp"
#include "http/handlers/identity_json.hpp"

namespace hearth::http {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

}  // namespace

Result<std::string> query_text(const Request& request, std::string_view name,
                               std::size_t max_bytes) {
  auto value = query_param(request, name);
  if (!value) {
    return Error::of(Errc::malformed, std::string(name) + " is not a valid query value",
                     std::string(name));
  }
  if (value->size() > max_bytes) {
    return Error::of(Errc::invalid_argument, std::string(name) + " is too long", std::string(name));
  }
  return std::move(*value);
}

Result<std::int64_t> query_time(const Request& request, std::string_view name,
                                std::int64_t if_absent, bool end_of_day) {
  HEARTH_TRY_ASSIGN(const auto text, query_text(request, name, 40));
  if (text.empty()) return if_absent;
  const auto ms = parse_timestamp(text);
  if (!ms) {
    return Error::of(Errc::invalid_argument,
                     std::string(name) + " must be a date (YYYY-MM-DD) or an RFC 3339 UTC time",
                     std::string(name));
  }
  return end_of_day && text.size() == 10 ? *ms + kDayMs : *ms;
}

Result<std::int64_t> query_number(const Request& request, std::string_view name,
                                  std::int64_t if_absent, std::int64_t min, std::int64_t max) {
  HEARTH_TRY_ASSIGN(const auto text, query_text(request, name, 20));
  if (text.empty()) return if_absent;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min || value > max) {
    return Error::of(Errc::invalid_argument,
                     std::string(name) + " must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max),
                     std::string(name));
  }
  return value;
}

Result<bool> query_open_only(const Request& request) {
  HEARTH_TRY_ASSIGN(const auto status, query_text(request, "status", 10));
  if (!status.empty() && status != "open" && status != "all") {
    return Error::of(Errc::invalid_argument, "status must be \"open\" or \"all\"", "status");
  }
  return status != "all";
}

}  // namespace hearth::http
