// ResumablePeer: one client connection as the hub keeps it, numbered, and able to outlive the
// socket it came on (docs/protocol/realtime.md, "Numbered events and resuming").
//
// Every event sent through it gets the next number of the connection, `event_seq` (1, 2, 3…),
// and is kept in a ring of the last kKeptFrames events. Answers to requests (ack, error, pong:
// is_answer() in protocol.hpp) go to the socket as they are: not numbered, not kept (Mattermost
// numbers its events and not its replies alike). The numbered copy goes to the socket
// behind it, if one is: between a drop and the client's return there is none, and frames are only
// kept. A reconnecting client names the connection and the last number it saw; attach() then
// sends the new socket every kept frame after that number, in order, and numbering goes on where
// it was. A client that was away too long, or missed more than the ring holds, cannot resume and
// starts a new connection (and reads its state again).
//
// Order: numbers are given and frames handed to the socket under one lock, and Peer::send of the
// transport queues in the order it is called (net/websocket_session posts to its strand), so a
// client receives a connection's frames in the order of their numbers.
//
// Memory: the ring holds shared frames (one serialised copy per event, whoever receives it), so a
// full ring costs its slots (16 bytes each) plus the frames it alone still holds. The numbered
// copy for the socket is made per delivery and freed once written.
//
// Thread-safe: the hub and live sessions send from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "realtime/peer.hpp"
#include "realtime/peer_identity.hpp"

namespace hearth::realtime {

// Frames a connection keeps for a client that comes back: Mattermost keeps 128; a busy group
// room's messages, typing and presence for a reconnect's first seconds fit in 256.
inline constexpr std::size_t kKeptFrames = 256;

// A new connection's id, as hello gives it to the client: 32 lowercase hex characters from 128
// random bits, so that nobody can name another's connection by guessing (resuming also needs
// the same signed-in session).
// is_connection_id() (peer_identity.hpp) checks the shape.
std::string new_connection_id();

class ResumablePeer final : public Peer {
 public:
  ResumablePeer(std::uint64_t id, std::string connection_id, std::size_t kept = kKeptFrames);

  // Numbers an event, keeps it and passes the numbered copy on to the socket, if one is attached;
  // passes an answer on as it is.
  void send(std::shared_ptr<const std::string> frame) override;
  // The server ends the connection: closes the socket, if one is attached, and the connection
  // can no longer be resumed.
  void close(std::uint16_t code, std::string reason) override;
  std::uint64_t id() const override { return id_; }

  const std::string& connection_id() const { return connection_id_; }

  // Puts `socket` behind the connection, in place of any socket attached now (which is left to
  // close on its own). With `after`, first sends the socket every kept frame numbered after it.
  // False, and nothing changes, when the connection cannot be resumed from `after`: ended by the
  // server, frames after it no longer kept, or a number it never sent.
  bool attach(std::shared_ptr<Peer> socket, std::optional<std::int64_t> after);
  // The socket with this id closed. True if it was the one attached (the connection is now
  // detached); false if another had taken its place.
  bool detach(std::uint64_t socket_id);
  bool attached() const;
  std::shared_ptr<Peer> attached_socket() const;
  // False once the server closed the connection (close()).
  bool resumable() const;
  std::int64_t last_seq() const;

 private:
  // Called with mutex_ held.
  void pass_on(const std::string& frame, std::int64_t seq) const;

  const std::uint64_t id_;
  const std::string connection_id_;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::shared_ptr<Peer> socket_;
  std::int64_t last_seq_ = 0;
  // The last frames sent, oldest first from `oldest_`: kept_[(oldest_ + i) % size] holds frame
  // number last_seq_ - size + 1 + i. Grows to capacity_, then turns around.
  std::vector<std::shared_ptr<const std::string>> kept_;
  std::size_t oldest_ = 0;
  bool resumable_ = true;
};

}  // namespace hearth::realtime
