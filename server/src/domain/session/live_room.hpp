// LiveRoom: the state of one live session (an occurrence of a group's schedule) while it meets:
// who waits, who is in the room, their microphones, cameras and hands, and the facilitators'
// settings (docs/protocol/realtime.md, "Live sessions (video)").
//
// A participant is one join: a person in one tab. A second join of the same person replaces the
// first (the older one is closed with joined_elsewhere) and keeps the person's stage and place in
// line, so a reload or a moved device neither loses the room nor jumps the queue.
//
// Every operation checks who asks before it changes anything: a refused operation leaves the room
// exactly as it was. What a change means outside the room's memory (attendance starting or
// stopping, connections to close) comes back as Effects for the caller to carry out. Time is
// passed in (`now_ms`), never read here, so tests run the machine on an injected clock.
//
// Not thread-safe: realtime/live_sessions keeps each room under its own lock.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace hearth::session {

enum class Role { facilitator, participant };
enum class Stage { waiting, in_room };
enum class CloseReason { left, ended, removed, joined_elsewhere };

std::string_view role_name(Role role);            // "facilitator", "participant"
std::string_view stage_name(Stage stage);         // "waiting", "in_room"
std::string_view close_reason_name(CloseReason);  // "left", "ended", "removed", "joined_elsewhere"

// Where in the session a participant's media goes: the main room, a breakout room (1..N), or the
// facilitator's private word with one participant (pull-aside). Only people in the same place
// see and hear each other.
inline constexpr int kMainRoom = 0;
inline constexpr int kAsideRoom = -1;

inline constexpr int kMaxBreakoutRooms = 20;
inline constexpr int kDefaultBreakoutCap = 4;
// The warning everyone in a breakout room gets before they are called back.
inline constexpr std::int64_t kBreakoutWarningMs = 60'000;
inline constexpr std::int64_t kMaxBreakoutMs = 3 * 3'600'000;

// Who joins, as the roster gives them.
struct Person {
  std::string user_id;
  std::string name;
  std::string pronouns;
  Role role = Role::participant;
  // Invited to this one session, not on its roster: always waits to be admitted (auto-admit is
  // for the roster) and adds to no one's attendance.
  bool guest = false;
};

struct Participant {
  std::string participant_id;
  Person person;
  Stage stage = Stage::waiting;
  std::uint64_t joined_seq = 0;  // set on each entry into the room; higher offers (WebRTC)
  std::uint64_t line_seq = 0;    // place in the waiting line: lower waits longer
  std::int64_t waiting_since_ms = 0;
  bool muted = false;
  bool hard_muted = false;
  bool camera_on = true;
  bool sharing = false;
  std::uint64_t hand_seq = 0;  // 0: hand down; otherwise the order it was raised in
  int place = kMainRoom;       // kMainRoom, a breakout room's number, or kAsideRoom
};

// One breakout room as the facilitators prepared it. Assignments are by person (user id), so
// they can be made before the session starts and survive a reconnect.
struct BreakoutRoom {
  int number = 0;                  // 1..N
  std::string lead_user_id;        // an optional peer lead, "" for none
  std::set<std::string> assigned;  // user ids
  bool help_requested = false;     // someone in it asked for a facilitator
};

enum class BreakoutStage { none, prepared, open };
std::string_view breakout_stage_name(BreakoutStage stage);  // "none", "prepared", "open"

struct Breakouts {
  BreakoutStage stage = BreakoutStage::none;
  int cap = kDefaultBreakoutCap;
  bool choosing = false;  // participants pick their own room
  std::vector<BreakoutRoom> rooms;
  std::int64_t ends_at_ms = 0;  // while open
  bool warned = false;          // the 60-second warning went out
};

// What the clock did to the breakout rooms (LiveRoom::tick).
struct Tick {
  bool warned = false;    // the 60-second warning is due now
  bool recalled = false;  // time is up: everyone is back in the main room
};

struct Closed {
  std::string participant_id;
  CloseReason reason;
};

// What a change asks of the world outside the room.
struct Effects {
  std::vector<std::string> attendance_started;  // user ids who entered the room
  std::vector<std::string> attendance_stopped;  // user ids who left it
  std::vector<Closed> closed;                   // connections that are out of the session now
};

// The facilitators' options.
struct RoomSettings {
  std::optional<bool> auto_admit;
  std::optional<bool> sharing_allowed;
  std::optional<std::string> waiting_message;
};

// What a participant may change about themself (nullopt: unchanged).
struct MediaChange {
  std::optional<bool> muted;
  std::optional<bool> camera_on;
  std::optional<bool> sharing;
};

inline constexpr std::size_t kMaxWaitingMessage = 280;  // characters, as a chat hide reason's note

class LiveRoom {
 public:
  explicit LiveRoom(std::string occurrence_id) : occurrence_id_(std::move(occurrence_id)) {}

  // Enters the session under a new participant id: facilitators into the room; participants into
  // the room when auto-admit is on or they were admitted before and not sent back since, else
  // into the waiting line. Refused once the session is ended, for someone removed, and for a new
  // participant while the room is locked.
  // `initial`: how the person comes in (muted, camera off); a hard mute holds whatever it says,
  // and nobody comes in sharing a screen.
  Result<Effects> join(const Person& person, std::string participant_id, std::int64_t now_ms,
                       const MediaChange& initial = {});
  // The participant leaves (or their connection closed). Unknown ids change nothing.
  Effects leave(std::string_view participant_id);

  // Facilitator commands: `actor` is the participant id of who asks; it must be a facilitator in
  // the room. A target is a participant id.
  Result<Effects> admit(std::string_view actor, std::string_view target, std::int64_t now_ms);
  Result<Effects> admit_all(std::string_view actor, std::int64_t now_ms);
  Result<Effects> send_back(std::string_view actor, std::string_view target, std::int64_t now_ms);
  Result<Effects> remove(std::string_view actor, std::string_view target);
  // The person may no longer be in this session (a guest whose invitation was withdrawn): their
  // connection is closed as removed. Unlike remove(), a later right to enter (invited again)
  // lets them ask again, through the waiting room.
  Effects dismiss(std::string_view user_id);
  Result<void> mute(std::string_view actor, std::string_view target, bool hard);
  Result<void> mute_all(std::string_view actor, bool hard);  // participants, not facilitators
  Result<void> allow_unmute(std::string_view actor, std::string_view target);
  Result<void> allow_unmute_all(std::string_view actor);
  Result<void> stop_camera(std::string_view actor, std::string_view target);
  Result<void> lower_hand(std::string_view actor, std::string_view target);
  Result<void> lock(std::string_view actor, bool locked);
  Result<void> spotlight(std::string_view actor, std::optional<std::string> target);
  Result<void> change_settings(std::string_view actor, const RoomSettings& settings);
  Result<void> hand_over(std::string_view actor, std::string_view target);
  Result<Effects> end(std::string_view actor);

  // A participant's own changes; they must be in the room.
  Result<void> change_media(std::string_view actor, const MediaChange& change);
  Result<void> raise_hand(std::string_view actor, bool raised);
  // Whether `from` may send WebRTC signalling to `to`: both in the room and in the same place
  // (main, breakout or aside), and not the same.
  Result<void> may_signal(std::string_view from, std::string_view to) const;

  // Breakout rooms (facilitators, but choose_room and request_help). Prepared in advance (also
  // before anyone joins: by user id), opened for a time, recalled by hand or by the clock.
  // `count` rooms of at most `cap` people each; preparing again keeps the assignments that
  // still fit.
  Result<void> prepare_breakouts(std::string_view actor, int count, int cap);
  // The person (user id) into room `number`, or out of every room with 0. Refused past the cap.
  Result<void> assign(std::string_view actor, std::string_view user_id, int number);
  // Everyone not assigned yet, participants only, spread over the rooms in an order `seed` makes
  // (the caller passes a random one; tests a fixed one), filling the emptiest room first.
  Result<void> assign_randomly(std::string_view actor, std::uint64_t seed);
  Result<void> set_choosing(std::string_view actor, bool choosing);
  // A participant picks a room while choosing is on (0: none).
  Result<void> choose_room(std::string_view actor, int number);
  Result<void> set_lead(std::string_view actor, int number, std::string_view user_id);
  // Everyone in the room who is assigned goes to their breakout room for `duration_ms`.
  Result<void> open_breakouts(std::string_view actor, std::int64_t duration_ms,
                              std::int64_t now_ms);
  // Moves the end by `delta_ms` (negative: sooner), never to less than 10 s from now.
  Result<void> change_breakout_time(std::string_view actor, std::int64_t delta_ms,
                                    std::int64_t now_ms);
  // Everyone back to the main room; the rooms stay prepared for another round.
  Result<void> recall(std::string_view actor);
  // A facilitator goes to a breakout room (0: back to the main room).
  Result<void> visit(std::string_view actor, int number);
  // A participant in a breakout room asks for a facilitator; cleared when one visits.
  Result<int> request_help(std::string_view actor);
  // The breakout clock: the warning, then the recall. Call about once a second.
  Tick tick(std::int64_t now_ms);
  const Breakouts& breakouts() const { return breakouts_; }
  // Where the person (user id) is assigned: a room's number, or 0.
  int assigned_room(std::string_view user_id) const;

  // Pull-aside: the facilitator and one participant leave the main room for a private word
  // while the group goes on; back() brings both back.
  Result<void> pull_aside(std::string_view actor, std::string_view target);
  Result<void> end_aside(std::string_view actor);
  // Whether the participant is in the room (reactions, chat beside the video).
  Result<void> in_room(std::string_view participant_id) const;

  const std::string& occurrence_id() const { return occurrence_id_; }
  // Grows with every change: clients keep the newest state they were told.
  std::uint64_t version() const { return version_; }
  bool ended() const { return ended_; }
  bool locked() const { return locked_; }
  bool auto_admit() const { return auto_admit_; }
  // Removed from this session by a facilitator: they cannot come back.
  bool was_removed(const std::string& user_id) const { return removed_.contains(user_id); }
  bool sharing_allowed() const { return sharing_allowed_; }
  const std::string& waiting_message() const { return waiting_message_; }
  const std::optional<std::string>& spotlight() const { return spotlight_; }
  // The leading facilitator's participant id, if one is in the room.
  std::optional<std::string> lead() const;
  // In the room, in the order they entered.
  std::vector<const Participant*> in_room() const;
  // Waiting, first in line first.
  std::vector<const Participant*> waiting() const;
  // Raised hands, first raised first.
  std::vector<const Participant*> hands() const;
  const Participant* find(std::string_view participant_id) const;
  // The 1-based place in the waiting line, 0 for someone not waiting.
  std::size_t place_in_line(std::string_view participant_id) const;
  bool empty() const { return participants_.empty(); }

 private:
  Participant* find_mutable(std::string_view participant_id);
  Participant* find_person(std::string_view user_id);
  // The actor, if they are a facilitator in the room; the refusal otherwise.
  Result<void> facilitator(std::string_view actor) const;
  // The target, if they are in the session.
  Result<Participant*> target_of(std::string_view target);
  void enter_room(Participant& p, Effects& effects);
  void leave_room(Participant& p, Effects& effects);
  void changed() { ++version_; }

  std::string occurrence_id_;
  std::vector<Participant> participants_;  // few (a group): searched in order
  std::set<std::string> admitted_before_;  // user ids let in and not sent back since
  std::set<std::string> removed_;          // user ids who may not come back
  std::string lead_user_id_;               // who leads; "" until a facilitator enters
  std::optional<std::string> spotlight_;
  std::string waiting_message_;
  bool locked_ = false;
  bool auto_admit_ = false;
  bool sharing_allowed_ = false;
  bool ended_ = false;
  Breakouts breakouts_;
  std::uint64_t version_ = 0;
  std::uint64_t next_seq_ = 1;  // one counter for entries, the line and hands: orders all three
};

}  // namespace hearth::session
