// The Hub's typing and presence (hub.hpp; docs/protocol/realtime.md, "Typing and presence"): all
// in memory, apart from the requests that reach the store in hub.cpp.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "realtime/hub.hpp"
#include "realtime/protocol.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {
namespace {

// Where a person stands, from their open connections.
Presence presence_of(const std::unordered_set<std::uint64_t>& connections,
                     const std::unordered_set<std::uint64_t>& away) {
  if (connections.empty()) return Presence::offline;
  const bool all_away = std::ranges::all_of(
      connections, [&](std::uint64_t peer_id) { return away.contains(peer_id); });
  return all_away ? Presence::away : Presence::online;
}

}  // namespace

std::string_view presence_name(Presence presence) {
  switch (presence) {
    case Presence::online:
      return "online";
    case Presence::away:
      return "away";
    case Presence::offline:
      break;
  }
  return "offline";
}

void Hub::announce_offline() {
  const auto now = now_();
  std::lock_guard presence(presence_mutex_);
  for (auto user = leaving_.begin(); user != leaving_.end();) {
    const auto found = people_.find(*user);
    if (found != people_.end() && now - found->second.last_left < offline_grace_) {
      ++user;
      continue;
    }
    if (found != people_.end()) {
      tell_presence(*user, found->second);
      for (const auto& room : found->second.rooms) {
        const auto here = present_.find(room);
        if (here == present_.end()) continue;
        here->second.erase(*user);
        if (here->second.empty()) present_.erase(here);
      }
      people_.erase(found);
    }
    user = leaving_.erase(user);
  }
  std::lock_guard lock(mutex_);
  for (auto waiting = detached_.begin(); waiting != detached_.end();) {
    const auto id = *waiting++;  // forget_connection erases it
    const auto found = connections_.find(id);
    if (found == connections_.end() || now - found->second.detached_at >= resume_window_) {
      forget_connection(id);
    }
  }
}

void Hub::tell_presence(const std::string& user_id, Person& person) {
  const auto status = presence_of(person.connections, person.away);
  if (status == person.told) return;
  person.told = status;
  std::vector<std::shared_ptr<Peer>> audience;
  {
    std::lock_guard lock(mutex_);
    std::unordered_set<std::uint64_t> seen;
    for (const auto& room : person.rooms) {
      const auto readers = readers_.find(room);
      if (readers == readers_.end()) continue;
      for (const auto peer_id : readers->second) {
        if (!seen.insert(peer_id).second) continue;
        if (auto c = connections_.find(peer_id); c != connections_.end()) {
          audience.push_back(c->second.peer);
        }
      }
    }
  }
  if (audience.empty()) return;
  const auto changed = presence_changed_frame(user_id, presence_name(status));
  for (const auto& peer : audience) peer->send(changed);
}

void Hub::relay_typing(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                       const nlohmann::json& id, const nlohmann::json& request) {
  const auto room_id = string_field(request, "room_id");
  if (!room_id) return peer->send(missing_field(id, "room_id", "room_id must be a string"));
  std::vector<std::shared_ptr<Peer>> others;
  {
    // The connection's subscriptions are the rooms it may use (made from the store's answer at
    // rooms.list, private.start or room_added): no store round trip per keystroke.
    std::lock_guard lock(mutex_);
    const auto readers = readers_.find(*room_id);
    if (readers == readers_.end() || !readers->second.contains(peer->id())) {
      return peer->send(
          error_frame(id, "not_found", "no such room, or not one this connection listed"));
    }
    // Within typing_every of the last one relayed, the others' indicator is still showing.
    const bool relayed = typing_.take(caller.user_id + "/" + *room_id, now_()).count() == 0;
    if (relayed) {
      for (const auto peer_id : readers->second) {
        const auto c = connections_.find(peer_id);
        if (c == connections_.end() || c->second.identity->caller.user_id == caller.user_id) {
          continue;  // one's own tabs know
        }
        others.push_back(c->second.peer);
      }
    }
  }
  if (!others.empty()) {
    const auto typing = typing_started_frame(*room_id, caller.user_id);
    for (const auto& other : others) other->send(typing);
  }
  if (!id.is_null()) peer->send(ack_frame(id));
}

void Hub::set_presence(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                       const nlohmann::json& id, const nlohmann::json& request) {
  const auto status = string_field(request, "status");
  if (!status || (*status != "online" && *status != "away")) {
    return peer->send(missing_field(id, "status", R"(status must be "online" or "away")"));
  }
  std::lock_guard presence(presence_mutex_);
  const auto found = people_.find(caller.user_id);
  if (found == people_.end() || !found->second.connections.contains(peer->id())) return;
  auto& person = found->second;
  if (*status == "away") {
    person.away.insert(peer->id());
  } else {
    person.away.erase(peer->id());
  }
  tell_presence(caller.user_id, person);
  if (!id.is_null()) {
    peer->send(ack_frame(id, {{"status", presence_name(person.told)}}));
  }
}

void Hub::drop_from_room(const std::string& user_id, const std::string& room_id) {
  {
    std::lock_guard presence_lock(presence_mutex_);
    std::lock_guard lock(mutex_);
    if (const auto person = people_.find(user_id); person != people_.end()) {
      person->second.rooms.erase(room_id);
    }
    // Every connection of theirs, those waiting for their client too: a resumed one must not
    // hear the room either.
    const auto readers = readers_.find(room_id);
    for (auto& [peer_id, connection] : connections_) {
      if (connection.identity->caller.user_id != user_id) continue;
      if (readers != readers_.end()) readers->second.erase(peer_id);
      std::erase(connection.rooms, room_id);
    }
    if (auto present = present_.find(room_id); present != present_.end()) {
      present->second.erase(user_id);
    }
  }
  publish(room_id, presence_changed_frame(user_id, "offline"));
}

void Hub::subscribe(std::uint64_t peer_id, const std::vector<std::string>& room_ids) {
  Arrival arrival;
  {
    std::lock_guard lock(mutex_);
    const auto found = connections_.find(peer_id);
    if (found == connections_.end()) return;
    std::vector<std::string> subscribed;
    for (const auto& room_id : room_ids) {
      if (!readers_[room_id].insert(peer_id).second) continue;
      found->second.rooms.push_back(room_id);
      subscribed.push_back(room_id);
    }
    arrival = arrive(peer_id, subscribed);
  }
  for (const auto& peer : arrival.newly_sharing) peer->send(arrival.status);
}

Hub::Arrival Hub::arrive(std::uint64_t peer_id, const std::vector<std::string>& room_ids) {
  const auto found = connections_.find(peer_id);
  if (found == connections_.end()) return {};
  const std::string& user_id = found->second.identity->caller.user_id;
  const auto person = people_.find(user_id);
  if (person == people_.end()) return {};
  // Rooms the person is present in only from now on.
  std::vector<std::string> arrived;
  for (const auto& room_id : room_ids) {
    if (person->second.rooms.insert(room_id).second) {
      present_[room_id].insert(user_id);
      arrived.push_back(room_id);
    }
  }
  if (arrived.empty()) return {};
  // Those hearing an arrived room and no room the person was in before did not know of them.
  const auto knew_of = [&](const Connection& other) {
    return std::ranges::any_of(other.rooms, [&](const std::string& room_id) {
      return person->second.rooms.contains(room_id) &&
             std::ranges::find(arrived, room_id) == arrived.end();
    });
  };
  Arrival arrival;
  std::unordered_set<std::uint64_t> seen;
  for (const auto& room_id : arrived) {
    for (const auto other_id : readers_[room_id]) {
      if (other_id == peer_id || !seen.insert(other_id).second) continue;
      const auto other = connections_.find(other_id);
      if (other != connections_.end() && !knew_of(other->second)) {
        arrival.newly_sharing.push_back(other->second.peer);
      }
    }
  }
  if (!arrival.newly_sharing.empty()) {
    arrival.status = presence_changed_frame(user_id, presence_name(person->second.told));
  }
  return arrival;
}

nlohmann::json Hub::presence_in(const std::vector<std::string>& room_ids) const {
  nlohmann::json present = nlohmann::json::object();
  for (const auto& room_id : room_ids) {
    const auto here = present_.find(room_id);
    if (here == present_.end()) continue;
    for (const auto& user_id : here->second) {
      const auto person = people_.find(user_id);
      if (person != people_.end() && person->second.told != Presence::offline) {
        present[user_id] = presence_name(person->second.told);
      }
    }
  }
  return present;
}

}  // namespace hearth::realtime
