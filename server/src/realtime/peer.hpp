// Peer: one open WebSocket connection as the real-time hub sees it.
//
// net/websocket_session implements it, and the hub's ResumablePeer wraps it. send() may be called
// from any thread: it hands the frame to the connection's strand and queues it, in the order of
// the calls (from the strand itself too); the queue is bounded, and a connection whose queue is
// full is closed with code 1008 (policy) and reason "slow consumer" rather than growing without
// bound (see docs/protocol/realtime.md). close() is idempotent.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace hearth::realtime {

// Defined in realtime/peer_identity.hpp; the transport only passes it along.
struct PeerIdentity;

class Peer {
 public:
  virtual ~Peer() = default;
  virtual void send(std::shared_ptr<const std::string> text_frame) = 0;
  virtual void close(std::uint16_t code, std::string reason) = 0;
  virtual std::uint64_t id() const = 0;
};

// The hub's side of a connection, called by net/websocket_session on the connection's strand.
class PeerListener {
 public:
  virtual ~PeerListener() = default;
  // `identity`: who opened the connection (set by the RequestHandler that accepted the upgrade;
  // null if it set none).
  virtual void on_open(std::shared_ptr<Peer> peer,
                       std::shared_ptr<const PeerIdentity> identity) = 0;
  virtual void on_text(const std::shared_ptr<Peer>& peer, std::string message) = 0;
  virtual void on_close(const std::shared_ptr<Peer>& peer) = 0;
};

}  // namespace hearth::realtime
