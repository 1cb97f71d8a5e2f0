// SfuRooms: live sessions in Janus mode (docs/protocol/realtime.md, "Janus mode"). Each place of
// a session meeting now (its main room, each breakout room, a pull-aside) has a Janus VideoRoom
// that Hearth creates when the first person enters it,
// with a room secret of its own and a join token per participant, and destroys when the last one
// leaves or the session ends.
//
// Browsers never reach Janus's API: their signalling comes here through the hub.
//   - A participant publishes with one connection: its offer and candidates are addressed to
//     "sfu"; Janus's answer comes back from "sfu".
//   - They receive each other participant over a connection of its own, which Janus offers: the
//     offer comes "from" that participant's id, and the browser's answer and candidates go "to"
//     it. To a browser this is the mesh's shape, with the other side always offering.
// A hard mute is enforced by Janus itself (VideoRoom `moderate` on the participant's audio), not
// only by the browsers.
//
// Janus requests block, so each room's work runs on the blocking pool, one job at a time and in
// the order it was asked for (a candidate never overtakes its offer); Janus's events join the
// same queue. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/fresh_cache.hpp"
#include "realtime/janus_client.hpp"
#include "realtime/protocol.hpp"

namespace hearth::realtime {

// Sends a frame to the connection holding `participant_id` in the session, if it is still open.
using SendToParticipant = std::function<void(const std::string& occurrence_id,
                                             const std::string& participant_id, Frame frame)>;

inline constexpr std::string_view kSfuPeer = "sfu";

// Stop the JanusClient before destroying this: the handlers it calls reach this object.
class SfuRooms {
 public:
  SfuRooms(JanusClient& janus, std::string admin_key, RunInBackground run_blocking,
           SendToParticipant send)
      : janus_(janus),
        admin_key_(std::move(admin_key)),
        run_blocking_(std::move(run_blocking)),
        send_(std::move(send)) {}

  // Each only queues the room's job and returns.

  // The participant is in the room now: they get a token, and a connection from everyone
  // publishing already.
  void entered(const std::string& occurrence_id, int place, const std::string& participant_id,
               bool hard_muted);
  // They left the room: their connections go, and everyone's connection receiving them.
  void left(const std::string& occurrence_id, int place, const std::string& participant_id);
  // A signal from the participant's browser, checked by the caller (shape, sizes, both in the
  // room): `to` is kSfuPeer or the participant whose media the connection receives.
  void signal(const std::string& occurrence_id, int place, const std::string& from,
              const std::string& to, const nlohmann::json& signal);
  // The viewer's browser closed its failed connection receiving `source`: the handle goes, and
  // Janus offers the source's media again on a new one (a receiving connection cannot restart
  // its ICE itself, since Janus is the side that offers).
  void receive_again(const std::string& occurrence_id, int place, const std::string& viewer,
                     const std::string& source);
  // A facilitator's hard mute set or lifted.
  void hard_mute(const std::string& occurrence_id, int place, const std::string& participant_id,
                 bool muted);
  // The session ended (or is over and empty): its Janus rooms go, and so does what is known of
  // them here.
  void close(const std::string& occurrence_id);

  // Janus restarted (JanusClient opened a new session): its rooms, handles and members are gone.
  // Each room known here starts over empty, in its turn, and opens again in Janus with the next
  // participant who enters it (LiveSessions enters everyone again).
  void janus_restarted();

  // Sessions known here (for tests and metrics).
  std::size_t open_rooms() const;

 private:
  struct Member {
    std::string token;
    std::uint64_t publisher = 0;        // handle, once they offered
    std::uint64_t feed = 0;             // their id in the Janus room, once joined
    std::string audio_mid;              // the publishing connection's audio, for `moderate`
    std::vector<std::string> mids;      // every media section they publish, in order
    std::vector<std::string> new_mids;  // added by a new offer (a screen): others get them next
    bool publishing = false;            // Janus answered their offer
    bool hard_muted = false;
    std::unordered_map<std::string, std::uint64_t> receiving;  // source participant → handle
  };
  struct Room {
    std::string occurrence_id;
    int place = 0;           // the session's main room, a breakout room or the pull-aside
    std::mutex queue_mutex;  // guards the two below
    std::deque<std::function<void()>> jobs;
    bool running = false;
    // The rest is touched by jobs only, one at a time.
    std::uint64_t janus_room = 0;
    std::uint64_t admin_handle = 0;
    std::string secret;
    std::unordered_map<std::string, Member> members;  // by participant id
  };

  std::shared_ptr<Room> room_of(const std::string& occurrence_id, int place, bool create);
  void queue(const std::shared_ptr<Room>& room, std::function<void()> job);
  void drain(const std::shared_ptr<Room>& room);

  // Jobs (run one at a time per room).
  Result<void> open(Room& room);
  void enter(const std::shared_ptr<Room>& room, const std::string& participant_id, bool hard_muted);
  void leave(Room& room, const std::string& participant_id);
  void publish(const std::shared_ptr<Room>& room, const std::string& participant_id,
               const nlohmann::json& signal);
  void receive(const std::shared_ptr<Room>& room, const std::string& viewer,
               const std::string& source);
  void on_publisher_event(const std::shared_ptr<Room>& room, const std::string& participant_id,
                          const nlohmann::json& event);
  void apply_mute(Room& room, Member& member);
  void shut(Room& room);

  JanusClient& janus_;
  const std::string admin_key_;
  RunInBackground run_blocking_;
  SendToParticipant send_;
  mutable std::mutex mutex_;  // guards rooms_
  // By occurrence id and place: each place of a session (main, breakout, aside) is a Janus room.
  std::unordered_map<std::string, std::shared_ptr<Room>> rooms_;
};

// The mid of the first audio section of an SDP ("" if none): what `moderate` needs.
std::string audio_mid_of(std::string_view sdp);
// Every media section's mid, in order.
std::vector<std::string> mids_of(std::string_view sdp);

}  // namespace hearth::realtime
