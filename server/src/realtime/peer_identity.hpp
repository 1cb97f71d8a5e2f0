// PeerIdentity: who opened a WebSocket, as the upgrade's authentication found them, and which
// earlier connection of theirs it would go on with.
//
// The dispatcher makes it when it accepts an upgrade; net/ hands it to PeerListener::on_open
// without looking inside (it sees only the declaration in peer.hpp). The hub keeps it for the
// life of the connection and checks the session behind it again while the connection is open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/identity/identity.hpp"

namespace hearth::realtime {

// `/api/v1/ws?resume=<connection id>&after=<event_seq>`: a client back after a drop asks to go on
// with its connection from the last frame it saw (docs/protocol/realtime.md). The hub decides
// whether it can.
// What hello calls connection_id: 32 lowercase hex characters (realtime/resumable_peer.cpp makes
// them from 128 random bits).
inline bool is_connection_id(std::string_view text) {
  if (text.size() != 32) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

struct ResumeRequest {
  std::string connection_id;
  std::int64_t after = 0;
};

struct PeerIdentity {
  identity::Caller caller;
  // The session cookie's token, to ask whether the session is still live. Held in memory only:
  // never logged, never sent.
  std::string session_token;
  std::optional<ResumeRequest> resume = std::nullopt;
};

}  // namespace hearth::realtime
