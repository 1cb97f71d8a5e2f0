// The hub's reads for threads and mentions: a thread's messages (thread.get) and the room's
// people one may name with @ (room.people). Replies, reactions and the `mentioned` event go
// through store_and_tell with the room's other changes (hub.cpp).
#include <nlohmann/json.hpp>

#include <string>

#include "realtime/hub.hpp"
#include "realtime/protocol.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {

void Hub::send_thread(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                      const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  const auto root_id = string_field(request, "root_id");
  const auto after_seq = integer_field(request, "after_seq", 0);
  const auto limit = integer_field(request, "limit", 50);
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  if (!root_id) return peer->send(missing_field(id, "root_id", "root_id must be a string"));
  if (!after_seq || *after_seq < 0) {
    return peer->send(missing_field(id, "after_seq", "after_seq must be a whole number"));
  }
  if (!limit || *limit < 1 || *limit > static_cast<std::int64_t>(chat::kMaxPage)) {
    return peer->send(missing_field(id, "limit", "limit must be from 1 to 100"));
  }
  auto thread =
      chat_.thread(caller, *room_id, *root_id, *after_seq, static_cast<std::size_t>(*limit));
  if (!thread) return peer->send(error_frame(id, thread.error()));
  nlohmann::json replies = nlohmann::json::array();
  for (const auto& reply : thread->replies) replies.push_back(message_json(reply));
  peer->send(ack_frame(id, {{"root", message_json(thread->root)},
                            {"replies", std::move(replies)},
                            {"has_more", thread->has_more}}));
}

void Hub::send_room_people(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                           const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  auto people = chat_.people(caller, *room_id);
  if (!people) return peer->send(error_frame(id, people.error()));
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& person : *people) listed.push_back({{"id", person.id}, {"name", person.name}});
  peer->send(ack_frame(id, {{"people", std::move(listed)}}));
}

}  // namespace hearth::realtime
