// The Hub's connections (hub.hpp): opening one, resuming one from a new socket, a socket's close,
// forgetting connections, and the sweep of their sessions. The requests are in hub.cpp.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "realtime/hub.hpp"
#include "realtime/live_sessions.hpp"
#include "realtime/protocol.hpp"

namespace hearth::realtime {
namespace {

constexpr std::string_view kSessionEndedReason = "session ended";

}  // namespace

void Hub::on_open(std::shared_ptr<Peer> socket, std::shared_ptr<const PeerIdentity> identity) {
  // Default deny: the dispatcher accepts only signed-in callers, but a connection that came
  // without one must not be served.
  if (!identity || !identity->caller.signed_in()) {
    socket->close(kCloseSessionEnded, std::string(kSessionEndedReason));
    return;
  }
  const std::string user_id = identity->caller.user_id;
  std::lock_guard presence(presence_mutex_);
  auto peer = identity->resume ? resume_connection(socket, *identity) : nullptr;
  const bool resumed = peer != nullptr;
  if (!resumed) {
    std::lock_guard lock(mutex_);
    peer = std::make_shared<ResumablePeer>(next_connection_++, new_connection_id());
    (void)peer->attach(socket, std::nullopt);
  }
  // On a resumed connection, after what it missed: numbering goes on from there.
  peer->send(frame({{"type", "hello"},
                    {"protocol", kProtocolVersion},
                    {"server_version", server_version_},
                    {"user_id", user_id},
                    {"connection_id", peer->connection_id()},
                    {"resumed", resumed}}));
  const auto id = peer->id();
  {
    std::lock_guard lock(mutex_);
    sockets_.insert_or_assign(socket->id(), peer);
    if (resumed) {
      connections_.at(id).identity = std::move(identity);
    } else {
      by_connection_id_.emplace(peer->connection_id(), id);
      connections_.insert_or_assign(id, Connection{peer, std::move(identity), {}});
    }
  }
  // Back within the offline grace: the rooms were never told of the gap.
  leaving_.erase(user_id);
  auto& person = people_[user_id];
  person.connections.insert(id);
  tell_presence(user_id, person);
  if (!resumed) return;
  // Back after the person was told offline (and forgotten): present again in the rooms the
  // connection kept.
  Arrival arrival;
  {
    std::lock_guard lock(mutex_);
    if (const auto kept = connections_.find(id); kept != connections_.end()) {
      arrival = arrive(id, kept->second.rooms);
    }
  }
  for (const auto& other : arrival.newly_sharing) other->send(arrival.status);
}

std::shared_ptr<ResumablePeer> Hub::resume_connection(const std::shared_ptr<Peer>& socket,
                                                      const PeerIdentity& identity) {
  std::lock_guard lock(mutex_);
  const auto id = by_connection_id_.find(identity.resume->connection_id);
  if (id == by_connection_id_.end()) return nullptr;
  auto& connection = connections_.at(id->second);
  // Only the session that opened it: another browser of the same person, or anyone who learnt
  // the id, starts afresh.
  if (connection.identity->session_token != identity.session_token) return nullptr;
  // A socket still attached (its drop not noticed here yet) is replaced; its close changes
  // nothing then (on_close).
  const bool was_detached = detached_.contains(id->second);
  const auto replaced = connection.peer->attached_socket();
  if (!connection.peer->attach(socket, identity.resume->after)) return nullptr;
  if (was_detached) {
    detached_.erase(id->second);
    return connection.peer;
  }
  // Still counted among the person's connections (on_open counts it once more, which changes
  // nothing), but no longer away: the client starts online on its new socket.
  if (auto person = people_.find(identity.caller.user_id); person != people_.end()) {
    person->second.away.erase(id->second);
  }
  if (replaced) replaced->close(kCloseReplaced, "resumed on another socket");
  return connection.peer;
}

void Hub::on_close(const std::shared_ptr<Peer>& socket) {
  std::lock_guard presence(presence_mutex_);
  std::shared_ptr<ResumablePeer> peer;
  std::string user_id;
  {
    std::lock_guard lock(mutex_);
    const auto carried = sockets_.find(socket->id());
    if (carried == sockets_.end()) return;
    peer = std::move(carried->second);
    sockets_.erase(carried);
    // Replaced by the client's next socket before this one's close came: nothing ends.
    if (!peer->detach(socket->id())) return;
    const auto found = connections_.find(peer->id());
    if (found == connections_.end()) return;
    user_id = found->second.identity->caller.user_id;
    if (peer->resumable()) {
      found->second.detached_at = now_();
      detached_.insert(peer->id());
    } else {
      forget_connection(peer->id());
    }
  }
  // Under the presence lock, as a resume is: a seat taken after the client is back is not ended.
  if (live_ != nullptr) live_->on_close(peer);
  const auto found = people_.find(user_id);
  if (found == people_.end()) return;
  auto& person = found->second;
  person.connections.erase(peer->id());
  person.away.erase(peer->id());
  if (!person.connections.empty()) return tell_presence(user_id, person);
  if (person.rooms.empty()) {
    people_.erase(found);  // in no room yet: nobody was told they were here
    return;
  }
  // Told by announce_offline() once the grace has passed, unless they are back by then.
  person.last_left = now_();
  leaving_.insert(user_id);
}

void Hub::forget_connection(std::uint64_t peer_id) {
  detached_.erase(peer_id);
  const auto found = connections_.find(peer_id);
  if (found == connections_.end()) return;
  for (const auto& room : found->second.rooms) {
    auto readers = readers_.find(room);
    if (readers == readers_.end()) continue;
    readers->second.erase(peer_id);
    if (readers->second.empty()) readers_.erase(readers);
  }
  by_connection_id_.erase(found->second.peer->connection_id());
  connections_.erase(found);
}

std::pair<std::shared_ptr<ResumablePeer>, std::shared_ptr<const PeerIdentity>> Hub::carried_by(
    std::uint64_t socket_id) const {
  std::lock_guard lock(mutex_);
  const auto carried = sockets_.find(socket_id);
  if (carried == sockets_.end()) return {};
  const auto found = connections_.find(carried->second->id());
  if (found == connections_.end()) return {};
  return {carried->second, found->second.identity};
}

Result<void> Hub::check_sessions(std::size_t slice, std::size_t slices) {
  std::vector<Connection> open;
  {
    std::lock_guard lock(mutex_);
    open.reserve(connections_.size() / std::max<std::size_t>(slices, 1) + 1);
    for (const auto& [id, connection] : connections_) {
      if (slices > 1 && id % slices != slice) continue;
      open.push_back({connection.peer, connection.identity, {}});
    }
  }
  // Tabs of one browser share a session: one question each. Asked outside the lock, so that
  // connections open and close meanwhile.
  std::unordered_map<std::string_view, Result<std::optional<identity::Caller>>> answers;
  Result<void> outcome;
  for (const auto& connection : open) {
    const std::string& token = connection.identity->session_token;
    auto found = answers.find(token);
    if (found == answers.end()) found = answers.emplace(token, sessions_.current(token)).first;
    const auto& answer = found->second;
    if (!answer) {
      if (outcome) outcome = answer.error();
      continue;
    }
    if (!*answer) {
      // Ends the socket, if one is open (on_close then forgets the connection), and any resume.
      connection.peer->close(kCloseSessionEnded, std::string(kSessionEndedReason));
      std::lock_guard lock(mutex_);
      if (detached_.contains(connection.peer->id())) forget_connection(connection.peer->id());
      continue;
    }
    if ((*answer)->roles == connection.identity->caller.roles) continue;
    // A changed role applies to what the connection may do from now on.
    auto updated = std::make_shared<PeerIdentity>(*connection.identity);
    updated->caller.roles = (*answer)->roles;
    std::lock_guard lock(mutex_);
    if (auto it = connections_.find(connection.peer->id()); it != connections_.end()) {
      it->second.identity = std::move(updated);
    }
  }
  return outcome;
}

std::size_t Hub::connection_count() const {
  std::lock_guard lock(mutex_);
  return connections_.size() - detached_.size();
}

std::shared_ptr<const PeerIdentity> Hub::identity_of(std::uint64_t socket_id) const {
  return carried_by(socket_id).second;
}

}  // namespace hearth::realtime
