// The fields of the `session.*` requests and the JSON of the states and events that
// realtime/live_sessions sends (docs/protocol/realtime.md, "Live sessions (video)"): reading a
// request's values with a clear error for each, and writing what a client is told.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "domain/session/live_room.hpp"

namespace hearth::realtime {

// The biggest SDP relayed: Chrome's offers with every codec and several tracks stay far below it.
inline constexpr std::size_t kMaxSdpBytes = 32 * 1024;
inline constexpr std::size_t kMaxCandidateBytes = 1024;

// Characters, not bytes: a UTF-8 text's bytes other than continuation bytes (10xxxxxx).
std::size_t characters_in(std::string_view text);
// invalid_argument naming `field`.
Error bad(std::string_view field, std::string message);
// A boolean field: nullopt when missing; an error when it is there but not a boolean.
Result<std::optional<bool>> optional_bool(const nlohmann::json& request, std::string_view name);
// The request's target: `participant_id` (an id), or `all: true` when `all_allowed`. An empty
// string stands for "all".
Result<std::string> target_of(const nlohmann::json& request, bool all_allowed);
// The signal as relayed: only the fields a browser needs, rebuilt, so nothing else a client put
// in it travels on.
Result<nlohmann::json> checked_signal(const nlohmann::json& request);

nlohmann::json participant_json(const session::Participant& p);
nlohmann::json breakouts_json(const session::Breakouts& breakouts);
nlohmann::json optional_id(const std::optional<std::string>& id);

// A room command that changes no one's presence: its refusal, or no effects.
inline Result<session::Effects> no_effects(Result<void> result) {
  if (!result) return result.error();
  return session::Effects{};
}

}  // namespace hearth::realtime
