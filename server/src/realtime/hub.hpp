// Hub: the real-time side of every open WebSocket at /api/v1/ws.
//
// This first version speaks the handshake part of docs/protocol/realtime.md: it greets each
// connection with a `hello` (protocol version, server version), answers `ping` with `pong`, and
// answers anything else with an `error` frame, never echoing the client's text back. Rooms,
// fan-out, sequence numbers and replay arrive with the chat issue on top of this same class.
// Thread-safe: callbacks come from many connection strands at once; the peer set is guarded.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "realtime/peer.hpp"

namespace hearth::realtime {

inline constexpr int kProtocolVersion = 1;

class Hub final : public PeerListener {
 public:
  explicit Hub(std::string server_version) : server_version_(std::move(server_version)) {}

  void on_open(std::shared_ptr<Peer> peer) override;
  void on_text(const std::shared_ptr<Peer>& peer, std::string message) override;
  void on_close(const std::shared_ptr<Peer>& peer) override;

  std::size_t connection_count() const;

 private:
  std::string server_version_;
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::shared_ptr<Peer>> peers_;
};

}  // namespace hearth::realtime
