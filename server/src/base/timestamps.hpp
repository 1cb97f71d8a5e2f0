// Timestamps on the wire: RFC 3339 in UTC with milliseconds ("2026-11-23T07:01:02.345Z"), from
// and to the milliseconds since the Unix epoch that the store keeps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

std::string format_timestamp(std::int64_t ms_since_epoch);
void append_timestamp(std::string& out, std::int64_t ms_since_epoch);

// Accepts "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDThh:mm:ssZ" and "YYYY-MM-DDThh:mm:ss.sssZ";
// nullopt for anything else, including impossible dates.
std::optional<std::int64_t> parse_timestamp(std::string_view text);

}  // namespace hearth
