// Hub: the real-time side of every open WebSocket at /api/v1/ws.
//
// This version speaks the handshake part of docs/protocol/realtime.md: it greets each
// connection with a `hello` (protocol version, server version, the signed-in user), answers
// `ping` with `pong`, and answers anything else with an `error` frame, never echoing the client's
// text back. Every connection belongs to a live session: check_sessions() closes those whose
// session has ended (signed out here or on another node, timed out, account deactivated) with
// kCloseSessionEnded. Rooms, fan-out, sequence numbers and replay arrive on top of this class.
// Thread-safe: callbacks come from many connection strands at once; the peer set is guarded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.hpp"
#include "domain/identity/identity.hpp"
#include "realtime/peer.hpp"
#include "realtime/peer_identity.hpp"

namespace hearth::realtime {

inline constexpr int kProtocolVersion = 1;

// Close codes of our own (RFC 6455 section 7.4.2 leaves 4000-4999 to applications); the
// transport's are in peer.hpp and all are listed in docs/protocol/realtime.md.
// The session behind the connection ended: reconnecting will not help; sign in again.
inline constexpr std::uint16_t kCloseSessionEnded = 4001;

// Asks whether the session behind a connection is still live. app/ implements it over
// identity::SessionService; tests use a fake.
class SessionCheck {
 public:
  virtual ~SessionCheck() = default;
  // The session's caller now (its roles may have changed since the connection opened), or
  // nullopt once it has ended. An error when the store cannot tell. Blocks on the store.
  virtual Result<std::optional<identity::Caller>> current(std::string_view session_token) = 0;
};

class Hub final : public PeerListener {
 public:
  // `sessions` must outlive the hub.
  Hub(std::string server_version, SessionCheck& sessions)
      : server_version_(std::move(server_version)), sessions_(sessions) {}

  void on_open(std::shared_ptr<Peer> peer, std::shared_ptr<const PeerIdentity> identity) override;
  void on_text(const std::shared_ptr<Peer>& peer, std::string message) override;
  void on_close(const std::shared_ptr<Peer>& peer) override;

  // Asks about the session of every open connection (once per session, however many tabs) and
  // closes the connections of those that ended. A session the store cannot answer for keeps its
  // connections; the first such error is returned. Blocks: run it on the blocking pool, about
  // once a second (app/serve.cpp).
  Result<void> check_sessions();

  std::size_t connection_count() const;
  // Who holds connection `peer_id` now, or null if it is not open.
  std::shared_ptr<const PeerIdentity> identity_of(std::uint64_t peer_id) const;

 private:
  struct Connection {
    std::shared_ptr<Peer> peer;
    std::shared_ptr<const PeerIdentity> identity;
  };

  std::string server_version_;
  SessionCheck& sessions_;
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, Connection> connections_;  // by Peer::id()
};

}  // namespace hearth::realtime
