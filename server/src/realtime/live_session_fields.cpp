#include "realtime/live_session_fields.hpp"

#include <algorithm>

#include "base/ids.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {

std::size_t characters_in(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

Error bad(std::string_view field, std::string message) {
  return Error::of(Errc::invalid_argument, std::move(message), std::string(field));
}

Result<std::optional<bool>> optional_bool(const nlohmann::json& request, std::string_view name) {
  const auto found = request.find(name);
  if (found == request.end()) return std::optional<bool>{};
  if (!found->is_boolean()) return bad(name, std::string(name) + " must be true or false");
  return std::optional<bool>{found->get<bool>()};
}

Result<std::string> target_of(const nlohmann::json& request, bool all_allowed) {
  if (all_allowed) {
    HEARTH_TRY_ASSIGN(const auto all, optional_bool(request, "all"));
    if (all.value_or(false)) return std::string();
  }
  const auto target = string_field(request, "participant_id");
  if (!target || !is_valid_id(*target)) {
    return bad("participant_id", all_allowed ? "participant_id must be a participant's id, or all "
                                               "must be true"
                                             : "participant_id must be a participant's id");
  }
  return *target;
}

Result<nlohmann::json> checked_signal(const nlohmann::json& request) {
  const auto found = request.find("signal");
  if (found == request.end() || !found->is_object())
    return bad("signal", "signal must be an object");
  const auto& signal = *found;
  const auto type = string_field(signal, "type");
  if (type == "offer" || type == "answer") {
    const auto sdp = string_field(signal, "sdp");
    if (!sdp || sdp->size() > kMaxSdpBytes || !sdp->starts_with("v=0")) {
      return bad("signal", "sdp must be a session description of at most 32 KiB");
    }
    return nlohmann::json{{"type", *type}, {"sdp", *sdp}};
  }
  if (type == "candidate") {
    const auto candidate_it = signal.find("candidate");
    if (candidate_it == signal.end() || !candidate_it->is_object()) {
      return bad("signal", "candidate must be an object");
    }
    const auto& candidate = *candidate_it;
    const auto line = string_field(candidate, "candidate");
    if (!line || line->size() > kMaxCandidateBytes ||
        !(line->empty() || line->starts_with("candidate:"))) {
      return bad("signal", "candidate.candidate must be an ICE candidate line of at most 1 KiB");
    }
    nlohmann::json out = {{"candidate", *line}, {"sdpMid", nullptr}, {"sdpMLineIndex", nullptr}};
    if (const auto mid = candidate.find("sdpMid"); mid != candidate.end() && !mid->is_null()) {
      if (!mid->is_string() || mid->get_ref<const std::string&>().size() > 64) {
        return bad("signal", "candidate.sdpMid must be a string of at most 64 bytes");
      }
      out["sdpMid"] = *mid;
    }
    if (const auto index = candidate.find("sdpMLineIndex");
        index != candidate.end() && !index->is_null()) {
      if (!index->is_number_unsigned() || index->get<std::uint64_t>() > 1024) {
        return bad("signal", "candidate.sdpMLineIndex must be a whole number up to 1024");
      }
      out["sdpMLineIndex"] = *index;
    }
    return nlohmann::json{{"type", "candidate"}, {"candidate", std::move(out)}};
  }
  return bad("signal", "signal.type must be offer, answer or candidate");
}

nlohmann::json participant_json(const session::Participant& p) {
  return {{"participant_id", p.participant_id},
          {"user_id", p.person.user_id},
          {"name", p.person.name},
          {"pronouns", p.person.pronouns},
          {"role", session::role_name(p.person.role)},
          {"guest", p.person.guest},
          {"joined_seq", p.joined_seq},
          {"muted", p.muted},
          {"hard_muted", p.hard_muted},
          {"camera_on", p.camera_on},
          {"sharing", p.sharing},
          {"hand_raised", p.hand_seq != 0},
          {"place", p.place}};
}

nlohmann::json breakouts_json(const session::Breakouts& breakouts) {
  nlohmann::json rooms = nlohmann::json::array();
  for (const auto& room : breakouts.rooms) {
    rooms.push_back({{"number", room.number},
                     {"lead_user_id", room.lead_user_id},
                     {"assigned", room.assigned},
                     {"help_requested", room.help_requested}});
  }
  return {{"stage", session::breakout_stage_name(breakouts.stage)},
          {"cap", breakouts.cap},
          {"choosing", breakouts.choosing},
          {"ends_at_ms", breakouts.ends_at_ms},
          {"warned", breakouts.warned},
          {"rooms", std::move(rooms)}};
}

nlohmann::json optional_id(const std::optional<std::string>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

}  // namespace hearth::realtime
