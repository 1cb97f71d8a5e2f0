#include "realtime/hub.hpp"

#include <nlohmann/json.hpp>

#include <utility>
#include <vector>

namespace hearth::realtime {
namespace {

std::shared_ptr<const std::string> frame(const nlohmann::json& value) {
  return std::make_shared<const std::string>(
      value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::shared_ptr<const std::string> error_frame(std::string_view code, std::string_view message) {
  return frame({{"type", "error"}, {"code", code}, {"message", message}});
}

constexpr std::string_view kSessionEndedReason = "session ended";

}  // namespace

void Hub::on_open(std::shared_ptr<Peer> peer, std::shared_ptr<const PeerIdentity> identity) {
  // Default deny: the dispatcher accepts only signed-in callers, but a connection that came
  // without one must not be served.
  if (!identity || !identity->caller.signed_in()) {
    peer->close(kCloseSessionEnded, std::string(kSessionEndedReason));
    return;
  }
  peer->send(frame({{"type", "hello"},
                    {"protocol", kProtocolVersion},
                    {"server_version", server_version_},
                    {"user_id", identity->caller.user_id}}));
  std::lock_guard lock(mutex_);
  const auto id = peer->id();
  connections_.insert_or_assign(id, Connection{std::move(peer), std::move(identity)});
}

void Hub::on_text(const std::shared_ptr<Peer>& peer, std::string message) {
  auto value = nlohmann::json::parse(message, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    peer->send(error_frame("malformed", "each message must be a JSON object"));
    return;
  }
  auto type = value.find("type");
  if (type == value.end() || !type->is_string()) {
    peer->send(error_frame("malformed", "type must be a string"));
    return;
  }
  if (*type == "ping") {
    nlohmann::json pong = {{"type", "pong"}};
    // The id lets a client match answers; only short strings or numbers are carried back.
    if (auto id = value.find("id");
        id != value.end() &&
        (id->is_number_integer() ||
         (id->is_string() && id->get_ref<const std::string&>().size() <= 64))) {
      pong["id"] = *id;
    }
    peer->send(frame(pong));
    return;
  }
  peer->send(error_frame("unknown_type", "this message type is not supported"));
}

void Hub::on_close(const std::shared_ptr<Peer>& peer) {
  std::lock_guard lock(mutex_);
  connections_.erase(peer->id());
}

Result<void> Hub::check_sessions() {
  std::vector<Connection> open;
  {
    std::lock_guard lock(mutex_);
    open.reserve(connections_.size());
    for (const auto& [id, connection] : connections_) open.push_back(connection);
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
      connection.peer->close(kCloseSessionEnded, std::string(kSessionEndedReason));
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
  return connections_.size();
}

std::shared_ptr<const PeerIdentity> Hub::identity_of(std::uint64_t peer_id) const {
  std::lock_guard lock(mutex_);
  const auto it = connections_.find(peer_id);
  return it == connections_.end() ? nullptr : it->second.identity;
}

}  // namespace hearth::realtime
