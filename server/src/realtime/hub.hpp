// Hub: the real-time side of every open WebSocket at /api/v1/ws (docs/protocol/realtime.md).
//
// Connections: each belongs to a live session. The hub greets it with `hello` (protocol and
// server version, the signed-in user, the connection's id); check_sessions() closes those whose
// session has ended (signed out here or on another node, timed out, account deactivated) with
// kCloseSessionEnded.
//
// Numbered events and resuming: the hub keeps each connection as a ResumablePeer, which numbers
// every frame (`event_seq`) and keeps the last ones. When the socket drops, the connection stays
// subscribed to its rooms for HubLimits::resume_window, keeping what they tell it; a client back
// in time opens its new socket naming the connection and the last number it saw, gets what it
// missed, and goes on with the same connection. Otherwise it gets a new one (hello says which).
// A live session's seat and the person's presence do not wait: they end with the socket.
// (hub_connections.cpp: opening, resuming and closing connections, and the session sweep.)
//
// Chat: `rooms.list` answers the rooms the person may use and subscribes the connection to them;
// `message.send` stores the message (chat::ChatService) and only then tells every connection
// subscribed to the room (`message_posted`, one frame serialised once for all of them) and
// answers the sender (`ack`); a participant's message with crisis language also brings its author
// `crisis_resources_offered` and every connection of their clinicians `safety_alert_raised`;
// `history` pages back; `resume` sends what a reconnecting client
// missed after the numbers it last saw. Messages of one room are numbered and told in the order
// they were stored: the store call and the telling happen under one of kRoomLocks locks chosen by
// the room id, so no later message of a room overtakes an earlier one.
//
// Typing and presence live in the hub's memory only (hub_presence.cpp). `typing` in a room the
// connection is subscribed to is relayed to the room's other people (`typing_started`), at most one
// per person and room every HubLimits::typing_every. A person is online (an open connection not set
// away), away (every connection said `presence.set` away) or offline; a change is told
// (`presence_changed`) to every connection subscribed to a room the person is present in, that
// is a room one of their connections subscribed to since they came online, and to nobody else.
// Offline is told only once the last connection has been closed for HubLimits::offline_grace,
// by announce_offline(), so that a reload or reconnect shows nothing.
//
// Requests run through `run_blocking` (the blocking pool in app/), but for `ping` and `typing`,
// which are answered on the connection's strand. The answers go back through Peer::send, which
// any thread may call. Thread-safe: callbacks come from many connection strands at once; the
// connection and subscription tables are guarded.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "base/fresh_cache.hpp"
#include "base/result.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/chat/report_service.hpp"
#include "domain/identity/identity.hpp"
#include "domain/support/crisis_resources.hpp"
#include "realtime/peer.hpp"
#include "realtime/peer_identity.hpp"
#include "realtime/rate_limiter.hpp"
#include "realtime/resumable_peer.hpp"

namespace hearth::realtime {

class LiveSessions;

inline constexpr int kProtocolVersion = 1;

// Close codes of our own (RFC 6455 section 7.4.2 leaves 4000-4999 to applications); the
// transport's are in peer.hpp and all are listed in docs/protocol/realtime.md.
// The session behind the connection ended: reconnecting will not help; sign in again.
inline constexpr std::uint16_t kCloseSessionEnded = 4001;
// The client resumed this connection on a newer socket before this one's drop was noticed here.
inline constexpr std::uint16_t kCloseReplaced = 4002;

// Rooms a `resume` may name at once.
inline constexpr std::size_t kMaxResumeRooms = 200;

// A person's presence as those who share a room with them see it (docs/protocol/realtime.md).
enum class Presence { online, away, offline };
std::string_view presence_name(Presence presence);  // "online", "away" or "offline"

// Per person, across all their connections: messages sent, the reads that reach the store
// (rooms.list, history, resume), and presence.set. A request over its limit gets a
// `rate_limited` error and is not run.
struct HubLimits {
  int read_burst = 30;
  std::chrono::milliseconds read_every{100};  // 10 a second sustained
  int message_burst = 8;
  std::chrono::milliseconds message_every{1000};  // one a second sustained
  // Each presence.set may be told to everyone sharing a room, as a message is: bounded alike.
  int presence_burst = 10;
  std::chrono::milliseconds presence_every{1000};
  // At most one `typing` relayed per person and room in this time; the rest are dropped. Clients
  // resend every 3 s while typing and show the indicator for 5 s after the last one, so one
  // relayed every 2 s keeps it steady (Mattermost's web app throttles alike).
  std::chrono::milliseconds typing_every{2000};
  // How long after a person's last connection closed they are told offline: a page reload or the
  // web app's first reconnects (0.5 s, then 1 s: web/src/base/realtime/connection.ts) fit in it.
  std::chrono::milliseconds offline_grace{5000};
  // How long a connection whose socket dropped is kept for its client to resume it.
  std::chrono::milliseconds resume_window{60'000};
};

// The hub's source of time for limits and the offline grace; tests pass a manual one.
using SteadyNow = std::function<std::chrono::steady_clock::time_point()>;

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
  // `sessions`, `chat` and `reports` must outlive the hub, and the work handed to `run_blocking`
  // too.
  Hub(std::string server_version, SessionCheck& sessions, chat::ChatService& chat,
      chat::ReportService& reports, RunInBackground run_blocking, HubLimits limits = {},
      std::vector<support::CrisisResource> crisis_resources = support::default_crisis_resources(),
      SteadyNow now = &std::chrono::steady_clock::now)
      : server_version_(std::move(server_version)),
        sessions_(sessions),
        chat_(chat),
        reports_(reports),
        run_blocking_(std::move(run_blocking)),
        now_(std::move(now)),
        reads_(limits.read_burst, limits.read_every),
        messages_(limits.message_burst, limits.message_every),
        presence_changes_(limits.presence_burst, limits.presence_every),
        typing_(1, limits.typing_every),
        offline_grace_(limits.offline_grace),
        resume_window_(limits.resume_window),
        crisis_resources_(std::move(crisis_resources)) {}

  void on_open(std::shared_ptr<Peer> peer, std::shared_ptr<const PeerIdentity> identity) override;
  void on_text(const std::shared_ptr<Peer>& peer, std::string message) override;
  void on_close(const std::shared_ptr<Peer>& peer) override;

  // Asks about the session of every open connection (once per session, however many tabs) and
  // closes the connections of those that ended. A session the store cannot answer for keeps its
  // connections; the first such error is returned. Blocks: run it on the blocking pool, about
  // once a second (app/serve.cpp).
  Result<void> check_sessions() { return check_sessions(0, 1); }
  // The same for the connections in one of `slices` shares (by connection id): the server sweeps
  // one share at a time, so that thousands of connections do not hold a core for tens of
  // milliseconds in one go, nor queue all their sessions' re-reads ahead of messages at once.
  Result<void> check_sessions(std::size_t slice, std::size_t slices);

  // Tells `offline` for the people whose last connection closed at least offline_grace ago (and
  // forgets them), and forgets the connections not resumed within resume_window. Cheap, touches
  // no store: call it about once a second (app/serve.cpp).
  void announce_offline();

  // Runs `change`, a change to a message of the room made outside any connection (a report's
  // decision through the API), under the room's lock, and tells the room the message it gives
  // back (nothing: nobody is told): the room hears it in its place among its own changes.
  void change_from_outside(const std::string& room_id,
                           const std::function<std::optional<store::ChatMessageRecord>()>& change);

  // Sends `event` to every open connection of these people: news from outside the hub, such as
  // a safety alert acknowledged through the API.
  void tell_users(const std::vector<std::string>& user_ids,
                  const std::shared_ptr<const std::string>& event);

  // Hands the `session.*` requests (live video sessions) to `live`, and tells it of closed
  // connections. Set before serving; `live` must outlive the hub's connections.
  void serve_live_sessions(LiveSessions* live) { live_ = live; }

  // Every request type the hub answers itself, `ping` and `typing` included (LiveSessions has
  // the `session.*` ones): docs/protocol/realtime.md's "Who may send what" has a row for each,
  // and hub_authorization_test sends each from someone who may not.
  static std::vector<std::string_view> request_types();

  // Connections with a socket open; those waiting for their client to resume are not counted.
  std::size_t connection_count() const;
  // Who holds the connection the socket with this id carries, or null if it is not open.
  std::shared_ptr<const PeerIdentity> identity_of(std::uint64_t socket_id) const;

 public:
  // What storing a message or a change gives the hub to tell: the room's event (null when there
  // is nothing new to tell, as for a resend), the message for the ack, and any safety alert.
  struct Told {
    std::shared_ptr<const std::string> event;  // a serialised frame (protocol.hpp's Frame)
    store::ChatMessageRecord message;
    std::optional<chat::RaisedAlert> alert;
    // A second event for the room, after the first: a reply's thread root, now counting it.
    std::shared_ptr<const std::string> then = nullptr;
    std::vector<std::string> mentioned = {};  // people newly named in the message: told apart
  };

 private:
  struct MessageTarget {
    std::string room_id;
    std::string message_id;
  };
  struct Connection {
    std::shared_ptr<ResumablePeer> peer;
    std::shared_ptr<const PeerIdentity> identity;
    std::vector<std::string> rooms;  // subscribed to, by id
    // When its socket dropped, while it waits for its client (detached_ holds its id).
    std::chrono::steady_clock::time_point detached_at = {};
  };
  // A person with an open connection, or whose offline is not told yet. Guarded by
  // presence_mutex_.
  struct Person {
    std::unordered_set<std::uint64_t> connections;  // open, by Peer::id()
    std::unordered_set<std::uint64_t> away;         // those of them that said they are away
    // Every room one of their connections subscribed to since they came online: whoever hears
    // one of these was told their status, and must hear when it changes (offline included).
    std::unordered_set<std::string> rooms;
    Presence told = Presence::offline;                     // what those rooms were last told
    std::chrono::steady_clock::time_point last_left = {};  // once `connections` is empty
  };
  static constexpr std::size_t kRoomLocks = 64;

  // The request handlers; each runs on the blocking pool.
  using Handler = void (Hub::*)(const std::shared_ptr<Peer>&, const identity::Caller&,
                                const nlohmann::json&, const nlohmann::json&);
  enum class Budget { reads, writes, presence };  // which of the person's limits it counts against
  struct Route {
    std::string_view type;
    Handler handler;
    Budget budget;
  };
  static const Route kRoutes[];
  void list_rooms(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                  const nlohmann::json& id, const nlohmann::json& request);
  void send_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                    const nlohmann::json& id, const nlohmann::json& request);
  void send_history(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                    const nlohmann::json& id, const nlohmann::json& request);
  void resume(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
              const nlohmann::json& id, const nlohmann::json& request);
  void mark_read(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                 const nlohmann::json& id, const nlohmann::json& request);
  void edit_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                    const nlohmann::json& id, const nlohmann::json& request);
  void delete_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                      const nlohmann::json& id, const nlohmann::json& request);
  void send_versions(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                     const nlohmann::json& id, const nlohmann::json& request);
  void hide_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                    const nlohmann::json& id, const nlohmann::json& request);
  void unhide_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                      const nlohmann::json& id, const nlohmann::json& request);
  // message.get: one message as the caller may see it (a hidden one's text for its author and
  // the room's moderators, who heard it hidden without it).
  // member.mute / member.remove (by the request's type), member.restore, room.restrictions: a
  // moderator's hold on one of the room's people; the person's connections are told, and a
  // removed person's stop hearing the room.
  void restrict_member(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                       const nlohmann::json& id, const nlohmann::json& request);
  void restore_member(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                      const nlohmann::json& id, const nlohmann::json& request);
  void send_restrictions(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const nlohmann::json& request);
  // message.report: a member reports someone else's message to the program's clinicians.
  void report_message(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                      const nlohmann::json& id, const nlohmann::json& request);
  void send_message_view(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const nlohmann::json& request);
  void start_private(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                     const nlohmann::json& id, const nlohmann::json& request);
  void send_reachable(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                      const nlohmann::json& id, const nlohmann::json& request);
  void send_search(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                   const nlohmann::json& id, const nlohmann::json& request);
  // reaction.add / reaction.remove (by the request's type), thread.get, room.people
  // (hub_threads.cpp).
  void react(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
             const nlohmann::json& id, const nlohmann::json& request);
  void send_thread(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                   const nlohmann::json& id, const nlohmann::json& request);
  void send_room_people(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                        const nlohmann::json& id, const nlohmann::json& request);
  // Runs `store` under the room's lock and tells the room its event, then acks and raises any
  // alert: a room's messages and changes reach everyone in the order they were stored.
  void store_and_tell(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                      const std::string& room_id, const std::function<Result<Told>()>& store);
  // A request's room_id and message_id, or nullopt once the peer was told which is missing.
  static std::optional<MessageTarget> message_of(const std::shared_ptr<Peer>& peer,
                                                 const nlohmann::json& id,
                                                 const nlohmann::json& request);

  // Typing is answered on the connection's strand; presence.set on the pool, as the requests
  // above, though neither touches the store.
  void relay_typing(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                    const nlohmann::json& id, const nlohmann::json& request);
  void set_presence(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                    const nlohmann::json& id, const nlohmann::json& request);

  // Subscribes the connection to the rooms and makes its person present in them (arrive()). The
  // connection itself learns who is present from presence_in(), in the frame that told it of the
  // rooms. Call with presence_mutex_ held.
  void subscribe(std::uint64_t peer_id, const std::vector<std::string>& room_ids);
  // Makes the connection's person present in these of its rooms: connections that come to share
  // a room with the person only now are told the person's status. Call with presence_mutex_ and
  // mutex_ held; sends nothing itself but returns who to tell what.
  struct Arrival {
    std::vector<std::shared_ptr<Peer>> newly_sharing;
    std::shared_ptr<const std::string> status;  // presence_changed, when someone is to hear it
  };
  Arrival arrive(std::uint64_t peer_id, const std::vector<std::string>& room_ids);
  // The connection a socket carries, and who holds it; nulls when the socket is not (or no
  // longer) one of the hub's.
  std::pair<std::shared_ptr<ResumablePeer>, std::shared_ptr<const PeerIdentity>> carried_by(
      std::uint64_t socket_id) const;
  // Puts the socket behind the connection it asks to resume, if that can be; null if not. Call
  // with presence_mutex_ held.
  std::shared_ptr<ResumablePeer> resume_connection(const std::shared_ptr<Peer>& socket,
                                                   const PeerIdentity& identity);
  // Drops a kept connection from every table: its rooms, its id. Call with mutex_ held.
  void forget_connection(std::uint64_t peer_id);
  // Unsubscribes every connection of the person from the room and tells the room they are gone
  // (offline to it): a moderator removed them from it.
  void drop_from_room(const std::string& user_id, const std::string& room_id);
  // {user_id: status} of everyone present in these rooms. Call with presence_mutex_ held.
  nlohmann::json presence_in(const std::vector<std::string>& room_ids) const;
  // Tells the person's rooms their status if it is not what they were last told. Call with
  // presence_mutex_ held: a person's changes then reach each connection in order.
  void tell_presence(const std::string& user_id, Person& person);
  // The safety net's two messages: resources to the author's connection, the alert to every
  // connection of the people who must hear of it.
  void raise(const std::shared_ptr<Peer>& author, const chat::RaisedAlert& alert);
  // Every open connection of the user's.
  std::vector<std::shared_ptr<Peer>> connections_of(std::string_view user_id) const;
  // Sends `frame` to every connection subscribed to the room.
  void publish(const std::string& room_id, const std::shared_ptr<const std::string>& frame);
  std::mutex& room_lock(std::string_view room_id);

  std::string server_version_;
  SessionCheck& sessions_;
  chat::ChatService& chat_;
  chat::ReportService& reports_;
  RunInBackground run_blocking_;
  SteadyNow now_;
  RateLimiter reads_;
  RateLimiter messages_;
  RateLimiter presence_changes_;
  RateLimiter typing_;  // keyed by user and room: one token, so one relay per typing_every
  const std::chrono::milliseconds offline_grace_;
  const std::chrono::milliseconds resume_window_;
  std::vector<support::CrisisResource> crisis_resources_;
  LiveSessions* live_ = nullptr;
  // Taken before mutex_ when both are needed; presence events are sent while it is held.
  mutable std::mutex presence_mutex_;
  std::unordered_map<std::string, Person> people_;                            // by user id
  std::unordered_map<std::string, std::unordered_set<std::string>> present_;  // room id → user ids
  std::unordered_set<std::string> leaving_;  // user ids of people_ with no connection left
  mutable std::mutex mutex_;
  // Kept connections, by ResumablePeer::id(): with a socket, or waiting for their client.
  std::unordered_map<std::uint64_t, Connection> connections_;
  std::unordered_map<std::string, std::unordered_set<std::uint64_t>> readers_;  // by room id
  // The connection each open socket carries, by the socket's Peer::id().
  std::unordered_map<std::uint64_t, std::shared_ptr<ResumablePeer>> sockets_;
  std::unordered_map<std::string, std::uint64_t> by_connection_id_;  // hello's connection_id
  std::unordered_set<std::uint64_t> detached_;                       // waiting for their client
  std::uint64_t next_connection_ = 1;
  std::array<std::mutex, kRoomLocks> room_locks_;
};

}  // namespace hearth::realtime
