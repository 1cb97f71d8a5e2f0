#include "realtime/hub.hpp"

#include <nlohmann/json.hpp>

namespace hearth::realtime {
namespace {

std::shared_ptr<const std::string> frame(const nlohmann::json& value) {
  return std::make_shared<const std::string>(
      value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::shared_ptr<const std::string> error_frame(std::string_view code, std::string_view message) {
  return frame({{"type", "error"}, {"code", code}, {"message", message}});
}

}  // namespace

void Hub::on_open(std::shared_ptr<Peer> peer) {
  peer->send(frame(
      {{"type", "hello"}, {"protocol", kProtocolVersion}, {"server_version", server_version_}}));
  std::lock_guard lock(mutex_);
  peers_.emplace(peer->id(), std::move(peer));
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
  peers_.erase(peer->id());
}

std::size_t Hub::connection_count() const {
  std::lock_guard lock(mutex_);
  return peers_.size();
}

}  // namespace hearth::realtime
