// Typed query parameters for handlers: each gives a clear error naming the parameter (never its
// value) and a default when the parameter is absent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "http/message.hpp"

namespace hearth::http {

// The percent-decoded value, "" when absent; Errc::malformed for bad escapes.
Result<std::string> query_text(const Request& request, std::string_view name,
                               std::size_t max_bytes);
// A date ("2026-11-23") or an RFC 3339 UTC time; if_absent when absent. With end_of_day, a date
// means through the end of that day.
Result<std::int64_t> query_time(const Request& request, std::string_view name,
                                std::int64_t if_absent, bool end_of_day);
Result<std::int64_t> query_number(const Request& request, std::string_view name,
                                  std::int64_t if_absent, std::int64_t min, std::int64_t max);
// A care-team list's `status`: "open" (the default: true) or "all" (false); invalid_argument
// for anything else.
Result<bool> query_open_only(const Request& request);

}  // namespace hearth::http
