// Reading a real-time request's fields (docs/protocol/realtime.md), shared by the hub's files:
// a field that is missing or of the wrong type is answered with invalid_argument naming it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/error.hpp"
#include "realtime/protocol.hpp"

namespace hearth::realtime {

// A string field of a request, or nullopt when it is missing or not a string.
inline std::optional<std::string> string_field(const nlohmann::json& request,
                                               std::string_view name) {
  const auto found = request.find(name);
  if (found == request.end() || !found->is_string()) return std::nullopt;
  return found->get<std::string>();
}

// A whole-number field, `fallback` when missing, nullopt when present but not a whole number.
inline std::optional<std::int64_t> integer_field(const nlohmann::json& request,
                                                 std::string_view name, std::int64_t fallback) {
  const auto found = request.find(name);
  if (found == request.end()) return fallback;
  if (!found->is_number_integer()) return std::nullopt;
  return found->get<std::int64_t>();
}

inline Frame missing_field(const nlohmann::json& id, std::string_view field,
                           std::string_view what) {
  return error_frame(id, Error::of(Errc::invalid_argument, std::string(what), std::string(field)));
}

}  // namespace hearth::realtime
