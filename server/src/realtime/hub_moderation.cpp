// The hub's moderation requests: members' reports (message.report), moderators' mutes and
// removals (member.mute, member.remove, member.restore, room.restrictions), and changes made
// outside any connection that the room must hear in order (a report's decision).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>

#include "base/timestamps.hpp"
#include "realtime/hub.hpp"
#include "realtime/protocol.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {
namespace {

// The optional note of a moderation request: "" when absent, nullopt when not a string.
std::optional<std::string> note_of(const nlohmann::json& request) {
  if (!request.contains("note")) return std::string();
  return string_field(request, "note");
}

}  // namespace

void Hub::report_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const nlohmann::json& request) {
  const auto target = message_of(peer, id, request);
  if (!target) return;
  const auto reason = string_field(request, "reason");
  if (!reason) return peer->send(missing_field(id, "reason", "reason must be a string"));
  const auto note = note_of(request);
  if (!note) return peer->send(missing_field(id, "note", "note must be a string"));
  auto reported = reports_.report(caller, target->room_id, target->message_id, *reason, *note);
  if (!reported) return peer->send(error_frame(id, reported.error()));
  const auto& r = reported->report.record;
  peer->send(ack_frame(id, {{"report",
                             {{"id", r.id},
                              {"message_id", r.message_id},
                              {"reason", r.reason},
                              {"created_at", format_timestamp(r.created_at_ms)}}},
                            {"created", reported->created}}));
  if (!reported->reviewers.empty()) {
    tell_users(reported->reviewers, chat_report_filed_frame(reported->report));
  }
}

void Hub::change_from_outside(
    const std::string& room_id,
    const std::function<std::optional<store::ChatMessageRecord>()>& change) {
  std::lock_guard lock(room_lock(room_id));
  if (const auto changed = change()) {
    publish(room_id, message_changed_frame(chat::seen_by_room(*changed)));
  }
}

void Hub::restrict_member(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                          const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  const auto user_id = string_field(request, "user_id");
  if (!user_id) return peer->send(missing_field(id, "user_id", "user_id must be a string"));
  const bool mute = request.value("type", "") == "member.mute";
  const auto minutes = integer_field(request, "minutes", mute ? -1 : 0);
  if (!minutes) return peer->send(missing_field(id, "minutes", "minutes must be a whole number"));
  const auto reason = string_field(request, "reason");
  if (!reason) return peer->send(missing_field(id, "reason", "reason must be a string"));
  const auto note = note_of(request);
  if (!note) return peer->send(missing_field(id, "note", "note must be a string"));
  auto made = chat_.restrict_member(caller, *room_id, *user_id, mute ? "muted" : "removed",
                                    *minutes, *reason, *note);
  if (!made) return peer->send(error_frame(id, made.error()));
  // Removed: the person's connections stop hearing the room before they are told, so that
  // nothing said after the removal reaches them.
  if (!mute) drop_from_room(made->user_id, made->room_id);
  tell_users({made->user_id}, member_restricted_frame(*made));
  peer->send(ack_frame(id, {{"restriction", restriction_json(*made)}}));
}

void Hub::restore_member(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  const auto user_id = string_field(request, "user_id");
  if (!user_id) return peer->send(missing_field(id, "user_id", "user_id must be a string"));
  auto lifted = chat_.restore_member(caller, *room_id, *user_id);
  if (!lifted) return peer->send(error_frame(id, lifted.error()));
  if (*lifted) tell_users({(*lifted)->user_id}, member_restored_frame(**lifted));
  peer->send(ack_frame(id, {{"restriction", nullptr}}));
}

void Hub::send_restrictions(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                            const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  auto listed = chat_.restrictions(caller, *room_id);
  if (!listed) return peer->send(error_frame(id, listed.error()));
  nlohmann::json restrictions = nlohmann::json::array();
  for (const auto& r : *listed) restrictions.push_back(restriction_json(r));
  peer->send(ack_frame(id, {{"restrictions", std::move(restrictions)}}));
}

}  // namespace hearth::realtime
