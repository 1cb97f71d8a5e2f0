// PeerIdentity: who opened a WebSocket, as the upgrade's authentication found them.
//
// The dispatcher makes it when it accepts an upgrade; net/ hands it to PeerListener::on_open
// without looking inside (it sees only the declaration in peer.hpp). The hub keeps it for the
// life of the connection and checks the session behind it again while the connection is open.
#pragma once

#include <string>

#include "domain/identity/identity.hpp"

namespace hearth::realtime {

struct PeerIdentity {
  identity::Caller caller;
  // The session cookie's token, to ask whether the session is still live. Held in memory only:
  // never logged, never sent.
  std::string session_token;
};

}  // namespace hearth::realtime
