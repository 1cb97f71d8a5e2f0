// LiveSessions' side of the media (live_sessions.hpp): the ICE servers for the device check,
// Janus mode following the room (who enters and leaves each Janus room, hard mutes), a failed
// receiving connection offered again, Janus restarts, and Janus's answers sent on to browsers.
#include <spdlog/spdlog.h>

#include "base/ids.hpp"
#include "realtime/live_session_fields.hpp"
#include "realtime/live_sessions.hpp"
#include "realtime/protocol.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {

void LiveSessions::check(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const std::string& occurrence_id) {
  // Only those who may enter get relay credentials: a TURN server's bandwidth is the
  // deployment's, not the internet's.
  if (auto entry = service_.entry(caller, occurrence_id); !entry) {
    refuse(peer, id, "session.check", entry.error());
    return;
  }
  peer->send(
      ack_frame(id, {{"ice_servers", ice_servers_ ? ice_servers_() : nlohmann::json::array()}}));
}

void LiveSessions::receive_again(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                                 const Seat& seat, const nlohmann::json& request) {
  const auto source = string_field(request, "participant_id");
  if (!source || !is_valid_id(*source)) {
    refuse(peer, id, "session.receive_again", bad("participant_id", "participant_id is missing"));
    return;
  }
  const auto slot = slot_of(seat.occurrence_id);
  if (!slot) return;
  std::lock_guard lock(slot->mutex);
  if (!slot->sfu) {
    // In the mesh the two browsers restart ICE between themselves.
    refuse(peer, id, "session.receive_again",
           Error::of(Errc::conflict, "this session's media does not go through the server"));
    return;
  }
  if (auto allowed = slot->room.may_signal(seat.participant_id, *source); !allowed) {
    refuse(peer, id, "session.receive_again", allowed.error());
    return;
  }
  media_.sfu->receive_again(seat.occurrence_id, slot->room.find(seat.participant_id)->place,
                            seat.participant_id, *source);
  peer->send(ack_frame(id));
}

void LiveSessions::restart_media() {
  if (media_.sfu == nullptr) return;
  std::vector<std::shared_ptr<Slot>> slots;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [occurrence_id, slot] : slots_) slots.push_back(slot);
  }
  for (const auto& slot : slots) {
    std::lock_guard lock(slot->mutex);
    if (!slot->sfu) continue;
    const auto reset =
        frame({{"type", "session_media_reset"}, {"occurrence_id", slot->room.occurrence_id()}});
    for (const auto* p : slot->room.in_room()) {
      media_.sfu->entered(slot->room.occurrence_id(), p->place, p->participant_id, p->hard_muted);
      const auto holder = slot->holders.find(p->participant_id);
      if (holder != slot->holders.end()) holder->second.peer->send(reset);
    }
  }
  spdlog::info("event=live_media_restarted sessions={}", slots.size());
}

LiveSessions::MediaSnapshot LiveSessions::media_snapshot(const Slot& slot) {
  MediaSnapshot snapshot;
  if (!slot.sfu) return snapshot;
  for (const auto* p : slot.room.in_room()) {
    snapshot[p->participant_id] = MediaPlace{p->place, p->hard_muted};
  }
  return snapshot;
}

void LiveSessions::follow_media(Slot& slot, const MediaSnapshot& before) {
  if (!slot.sfu) return;
  const auto& occurrence_id = slot.room.occurrence_id();
  if (slot.room.ended()) {
    media_.sfu->close(occurrence_id);
    return;
  }
  const auto after = media_snapshot(slot);
  // Leaving a place comes before entering another, so that nobody is in two Janus rooms at once.
  for (const auto& [participant_id, was] : before) {
    const auto now = after.find(participant_id);
    if (now == after.end() || now->second.place != was.place) {
      media_.sfu->left(occurrence_id, was.place, participant_id);
    }
  }
  for (const auto& [participant_id, is] : after) {
    const auto was = before.find(participant_id);
    if (was == before.end() || was->second.place != is.place) {
      media_.sfu->entered(occurrence_id, is.place, participant_id, is.hard_muted);
    } else if (was->second.hard_muted != is.hard_muted) {
      media_.sfu->hard_mute(occurrence_id, is.place, participant_id, is.hard_muted);
    }
  }
}

void LiveSessions::send_to(const std::string& occurrence_id, const std::string& participant_id,
                           Frame frame) {
  const auto slot = slot_of(occurrence_id);
  if (!slot) return;
  std::lock_guard lock(slot->mutex);
  const auto holder = slot->holders.find(participant_id);
  if (holder != slot->holders.end()) holder->second.peer->send(std::move(frame));
}

}  // namespace hearth::realtime
