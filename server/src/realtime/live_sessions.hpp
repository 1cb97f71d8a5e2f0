// LiveSessions: the `session.*` requests of docs/protocol/realtime.md ("Live sessions (video)"),
// for the hub's connections — entering a session, the waiting room, the facilitators' controls,
// and the WebRTC signalling relayed between the browsers of one room (mesh mode: the server sees
// no media).
//
// Each session meeting now has a slot: its state machine (session::LiveRoom), which connection
// holds which participant id, and a queue of attendance events. Every change is made and told
// under the slot's lock, so each connection hears a room's states in the order they happened;
// every state goes whole (`session_state`), so a client never has to patch.
//
// Only `session.join` and `session.check` read the store (who may enter, on the blocking pool);
// everything else works on memory and is answered on the connection's strand, so signalling
// costs no hand-off. Attendance events are written on the pool, one room's in order.
//
// Written in three files: live_sessions.cpp (joining, commands, states, attendance, leaving),
// live_sessions_places.cpp (breakout rooms, the pull-aside, words in a place, the clock) and
// live_sessions_media.cpp (the device check, Janus mode following the room, Janus restarts).
//
// Media mode, per session: mesh (browsers send to each other; the server relays their
// signalling) or, when the deployment has Janus and the session's roster is larger than the mesh
// limit, Janus (browsers send to Janus and receive from it; their signalling goes to SfuRooms).
// The mode is chosen when the session's first person joins and holds until it ends.
//
// The rooms live in this process: a second node would not see them (a later scale-out step).
// Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "base/clock.hpp"
#include "base/fresh_cache.hpp"
#include "domain/session/live_room.hpp"
#include "domain/session/live_session_service.hpp"
#include "realtime/live_session_fields.hpp"
#include "realtime/peer.hpp"
#include "realtime/rate_limiter.hpp"
#include "realtime/sfu_rooms.hpp"

namespace hearth::realtime {

// The RTCIceServer list a joining browser gets: STUN, and TURN with credentials made for this
// join (app/ builds it from the configuration). Called once per join, on the blocking pool.
using IceServersForJoin = std::function<nlohmann::json()>;

struct MediaPolicy {
  SfuRooms* sfu = nullptr;     // null: mesh for every session
  std::size_t mesh_limit = 6;  // rosters above this go to the SFU when there is one (0: all)
};

struct LiveSessionLimits {
  // Signalling: offers, answers and trickled candidates, per person. A mesh of 6 negotiates 5
  // connections of ~10 candidates each at once, and renegotiates for a screen share.
  int signal_burst = 200;
  std::chrono::milliseconds signal_every{20};  // 50 a second sustained
  // Everything else one may ask: media changes, hands, the facilitators' commands.
  int command_burst = 20;
  std::chrono::milliseconds command_every{200};
  // Reactions are shown to everyone: one every 2 s per person.
  std::chrono::milliseconds reaction_every{2000};
};

class LiveSessions {
 public:
  // `service` must outlive this, and so must the work handed to `run_blocking`.
  LiveSessions(session::LiveSessionService& service, const Clock& clock,
               RunInBackground run_blocking, IceServersForJoin ice_servers, MediaPolicy media = {},
               LiveSessionLimits limits = {},
               std::function<std::chrono::steady_clock::time_point()> steady_now =
                   &std::chrono::steady_clock::now);

  // A `session.*` request from an open connection (the hub checked who holds it). Called on the
  // connection's strand.
  void on_request(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                  const nlohmann::json& id, std::string_view type, nlohmann::json request);
  // The connection closed: whoever it held leaves their session.
  void on_close(const std::shared_ptr<Peer>& peer);

  // Sessions with someone in them now (for tests and metrics).
  std::size_t active_rooms() const;
  // The breakout rooms' clock (their warning and recall) for every session: about once a second
  // (app/serve.cpp). Touches no store.
  void tick();
  // Janus restarted and every Janus-mode room is empty in it (SfuRooms::janus_restarted ran
  // first): everyone in such a session is entered again, and their browser is told to publish
  // and receive afresh (`session_media_reset`). Any thread.
  void restart_media();
  // Someone was invited to the session or no longer is: the facilitators' `expected` is read
  // again (on the blocking pool) if the session is open here. Any thread.
  void expected_changed(const std::string& occurrence_id);
  // The person may no longer be in the session (a withdrawn guest): their connection there is
  // closed with `removed`. Any thread.
  void dismiss(const std::string& occurrence_id, const std::string& user_id);
  // Sends `frame` to whoever holds the participant id in the session (SfuRooms' answers).
  void send_to(const std::string& occurrence_id, const std::string& participant_id, Frame frame);

 private:
  struct Holder {
    std::shared_ptr<Peer> peer;
    identity::Caller caller;
  };
  struct AttendanceEvent {
    identity::Caller caller;
    bool entered = false;
  };
  struct Slot {
    explicit Slot(std::string occurrence_id) : room(std::move(occurrence_id)) {}
    std::mutex mutex;  // guards room and holders
    session::LiveRoom room;
    std::int64_t ends_at_ms = 0;
    bool sfu = false;                                 // Janus mode
    std::vector<session::Person> expected;            // as of the latest join (Entry::expected)
    std::unordered_map<std::string, Holder> holders;  // by participant id
    std::mutex attendance_mutex;                      // guards the two below
    std::deque<AttendanceEvent> attendance;
    bool writing_attendance = false;
  };
  struct Seat {
    std::string occurrence_id;
    std::string participant_id;
  };
  using Command = std::function<Result<session::Effects>(session::LiveRoom&, const std::string&)>;
  // Where each participant in the room is, and whether hard-muted, before a change: what the SFU
  // must follow after it.
  struct MediaPlace {
    int place = 0;
    bool hard_muted = false;
  };
  using MediaSnapshot = std::unordered_map<std::string, MediaPlace>;

  void join(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
            const nlohmann::json& id, const std::string& occurrence_id,
            const session::MediaChange& initial);
  // The device check's connectivity test: the ICE servers a join would get, with fresh TURN
  // credentials, for those who may enter the session now.
  void check(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
             const nlohmann::json& id, const std::string& occurrence_id);
  // A browser's connection receiving someone through Janus failed and was closed: Janus offers
  // that person's media again on a new one.
  void receive_again(const std::shared_ptr<Peer>& peer, const nlohmann::json& id, const Seat& seat,
                     const nlohmann::json& request);
  void relay_signal(const std::shared_ptr<Peer>& peer, const nlohmann::json& id, const Seat& seat,
                    const nlohmann::json& request);
  void react(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
             const nlohmann::json& id, const Seat& seat, const nlohmann::json& request);
  // session.broadcast (a facilitator's words to every room), session.room_message (a word to
  // the people in one's own place, kept nowhere) and session.help (a breakout room asks for a
  // facilitator): each tells its own event.
  void tell_words(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                  std::string_view type, const Seat& seat, const nlohmann::json& request);
  // Runs one room command for the connection's participant, then tells everyone and carries out
  // the effects; answers the request with an ack or the refusal.
  void run(const std::shared_ptr<Peer>& peer, const nlohmann::json& id, std::string_view type,
           const Seat& seat, const Command& command);
  // Turns a request into a room command, or says what is wrong with it.
  Result<Command> command_of(std::string_view type, const nlohmann::json& request) const;
  // The same for the breakout rooms' and the pull-aside's commands.
  static Result<Command> breakout_command_of(std::string_view type, const nlohmann::json& request,
                                             std::int64_t now);

  // Carries out a change's effects and tells every holder the room's state. Call with the slot's
  // lock held.
  void settle(const std::shared_ptr<Slot>& slot, const session::Effects& effects);
  void tell_states(Slot& slot);
  static MediaSnapshot media_snapshot(const Slot& slot);
  // In Janus mode, tells the SFU who entered and left the room and whose hard mute changed since
  // `before`, and closes its room once the session ended. Call with the slot's lock held: the
  // SFU's queue then gets a room's changes in their order.
  void follow_media(Slot& slot, const MediaSnapshot& before);
  void queue_attendance(const std::shared_ptr<Slot>& slot, const identity::Caller& caller,
                        bool entered);
  void write_attendance(const std::shared_ptr<Slot>& slot);

  std::shared_ptr<Slot> slot_of(const std::string& occurrence_id) const;
  // Forgets the rooms nobody is in whose session is over (and their Janus rooms), but the one
  // being joined: done at each join, so memory follows the sessions meeting now.
  void forget_rooms_over(const std::string& joining);
  std::optional<Seat> seat_of(std::uint64_t peer_id) const;
  void leave(const std::shared_ptr<Peer>& peer, std::uint64_t peer_id);
  void refuse(const std::shared_ptr<Peer>& peer, const nlohmann::json& id, std::string_view type,
              const Error& error) const;

  session::LiveSessionService& service_;
  const Clock& clock_;
  RunInBackground run_blocking_;
  IceServersForJoin ice_servers_;
  MediaPolicy media_;
  std::function<std::chrono::steady_clock::time_point()> steady_now_;
  RateLimiter signals_;
  RateLimiter commands_;
  RateLimiter reactions_;
  mutable std::mutex
      mutex_;  // guards the two maps; may be taken under a slot's lock, never around one
  std::unordered_map<std::string, std::shared_ptr<Slot>> slots_;  // by occurrence id
  std::unordered_map<std::uint64_t, Seat> seats_;                 // by Peer::id()
};

}  // namespace hearth::realtime
