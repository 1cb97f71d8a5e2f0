#include "realtime/live_sessions.hpp"

#include <algorithm>
#include <array>

#include <spdlog/spdlog.h>

#include "base/ids.hpp"
#include "realtime/live_session_fields.hpp"
#include "realtime/protocol.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {
namespace {

using session::Effects;
using session::LiveRoom;

constexpr std::array kReactions = {"thumbs_up", "heart", "clap", "laugh", "wave"};

}  // namespace

LiveSessions::LiveSessions(session::LiveSessionService& service, const Clock& clock,
                           RunInBackground run_blocking, IceServersForJoin ice_servers,
                           MediaPolicy media, LiveSessionLimits limits,
                           std::function<std::chrono::steady_clock::time_point()> steady_now)
    : service_(service),
      clock_(clock),
      run_blocking_(std::move(run_blocking)),
      ice_servers_(std::move(ice_servers)),
      media_(media),
      steady_now_(std::move(steady_now)),
      signals_(limits.signal_burst, limits.signal_every),
      commands_(limits.command_burst, limits.command_every),
      reactions_(1, limits.reaction_every) {}

void LiveSessions::on_request(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                              const nlohmann::json& id, std::string_view type,
                              nlohmann::json request) {
  const auto occurrence_id = string_field(request, "occurrence_id");
  if (!occurrence_id || !is_valid_id(*occurrence_id)) {
    refuse(peer, id, type, bad("occurrence_id", "occurrence_id must be a session's id"));
    return;
  }
  const bool is_signal = type == "session.signal";
  auto& limiter = is_signal ? signals_ : commands_;
  if (const auto wait = limiter.take(caller.user_id, steady_now_()); wait.count() > 0) {
    peer->send(rate_limited_frame(id, wait));
    return;
  }
  if (type == "session.join") {
    session::MediaChange initial;
    auto muted = optional_bool(request, "muted");
    auto camera_on = optional_bool(request, "camera_on");
    if (!muted || !camera_on) {
      refuse(peer, id, type, !muted ? muted.error() : camera_on.error());
      return;
    }
    initial.muted = *muted;
    initial.camera_on = *camera_on;
    run_blocking_([this, peer, caller, id, occurrence_id = *occurrence_id, initial] {
      try {
        join(peer, caller, id, occurrence_id, initial);
      } catch (const std::exception&) {
        spdlog::error("event=live_session_failed type=session.join");
        peer->send(error_frame(id, "internal", "something went wrong on the server"));
      }
    });
    return;
  }
  if (type == "session.check") {
    run_blocking_([this, peer, caller, id, occurrence_id = *occurrence_id] {
      try {
        check(peer, caller, id, occurrence_id);
      } catch (const std::exception&) {
        spdlog::error("event=live_session_failed type=session.check");
        peer->send(error_frame(id, "internal", "something went wrong on the server"));
      }
    });
    return;
  }
  const auto seat = seat_of(peer->id());
  if (!seat || seat->occurrence_id != *occurrence_id) {
    // Leaving what one is not in is already done; anything else needs a join first.
    if (type == "session.leave") {
      peer->send(ack_frame(id));
      return;
    }
    refuse(peer, id, type, Error::of(Errc::not_admitted, "join the session first"));
    return;
  }
  if (type == "session.leave") {
    leave(peer, peer->id());
    peer->send(ack_frame(id));
    return;
  }
  if (is_signal) {
    relay_signal(peer, id, *seat, request);
    return;
  }
  if (type == "session.receive_again") {
    receive_again(peer, id, *seat, request);
    return;
  }
  if (type == "session.react") {
    react(peer, caller, id, *seat, request);
    return;
  }
  if (type == "session.broadcast" || type == "session.room_message" || type == "session.help") {
    tell_words(peer, id, type, *seat, request);
    return;
  }
  auto command = command_of(type, request);
  if (!command) {
    refuse(peer, id, type, command.error());
    return;
  }
  run(peer, id, type, *seat, *command);
}

Result<LiveSessions::Command> LiveSessions::command_of(std::string_view type,
                                                       const nlohmann::json& request) const {
  const std::int64_t now = clock_.now_ms();
  if (type == "session.media") {
    session::MediaChange change;
    HEARTH_TRY_ASSIGN(change.muted, optional_bool(request, "muted"));
    HEARTH_TRY_ASSIGN(change.camera_on, optional_bool(request, "camera_on"));
    HEARTH_TRY_ASSIGN(change.sharing, optional_bool(request, "sharing"));
    return Command([change](LiveRoom& room, const std::string& me) {
      return no_effects(room.change_media(me, change));
    });
  }
  if (type == "session.hand") {
    HEARTH_TRY_ASSIGN(const auto raised, optional_bool(request, "raised"));
    if (!raised) return bad("raised", "raised must be true or false");
    return Command([up = *raised](LiveRoom& room, const std::string& me) {
      return no_effects(room.raise_hand(me, up));
    });
  }
  if (type == "session.admit") {
    HEARTH_TRY_ASSIGN(const auto target, target_of(request, true));
    return Command([target, now](LiveRoom& room, const std::string& me) {
      return target.empty() ? room.admit_all(me, now) : room.admit(me, target, now);
    });
  }
  if (type == "session.send_back") {
    HEARTH_TRY_ASSIGN(const auto target, target_of(request, false));
    return Command([target, now](LiveRoom& room, const std::string& me) {
      return room.send_back(me, target, now);
    });
  }
  if (type == "session.remove") {
    HEARTH_TRY_ASSIGN(const auto target, target_of(request, false));
    return Command(
        [target](LiveRoom& room, const std::string& me) { return room.remove(me, target); });
  }
  if (type == "session.mute") {
    HEARTH_TRY_ASSIGN(const auto target, target_of(request, true));
    HEARTH_TRY_ASSIGN(const auto hard, optional_bool(request, "hard"));
    return Command([target, hard = hard.value_or(false)](LiveRoom& room, const std::string& me) {
      return no_effects(target.empty() ? room.mute_all(me, hard) : room.mute(me, target, hard));
    });
  }
  if (type == "session.allow_unmute") {
    HEARTH_TRY_ASSIGN(const auto target, target_of(request, true));
    return Command([target](LiveRoom& room, const std::string& me) {
      return no_effects(target.empty() ? room.allow_unmute_all(me) : room.allow_unmute(me, target));
    });
  }
  if (type == "session.stop_camera" || type == "session.lower_hand" ||
      type == "session.hand_over") {
    HEARTH_TRY_ASSIGN(const auto target, target_of(request, false));
    const std::string which(type);
    return Command([target, which](LiveRoom& room, const std::string& me) {
      if (which == "session.stop_camera") return no_effects(room.stop_camera(me, target));
      if (which == "session.lower_hand") return no_effects(room.lower_hand(me, target));
      return no_effects(room.hand_over(me, target));
    });
  }
  if (type == "session.lock") {
    HEARTH_TRY_ASSIGN(const auto locked, optional_bool(request, "locked"));
    if (!locked) return bad("locked", "locked must be true or false");
    return Command([locked = *locked](LiveRoom& room, const std::string& me) {
      return no_effects(room.lock(me, locked));
    });
  }
  if (type == "session.spotlight") {
    const auto found = request.find("participant_id");
    std::optional<std::string> target;
    if (found == request.end() || !(found->is_null() || found->is_string()) ||
        (found->is_string() && !is_valid_id(found->get_ref<const std::string&>()))) {
      return bad("participant_id", "participant_id must be a participant's id or null");
    }
    if (found->is_string()) target = found->get<std::string>();
    return Command([target](LiveRoom& room, const std::string& me) {
      return no_effects(room.spotlight(me, target));
    });
  }
  if (type == "session.settings") {
    session::RoomSettings settings;
    HEARTH_TRY_ASSIGN(settings.auto_admit, optional_bool(request, "auto_admit"));
    HEARTH_TRY_ASSIGN(settings.sharing_allowed, optional_bool(request, "sharing_allowed"));
    if (const auto found = request.find("waiting_message"); found != request.end()) {
      if (!found->is_string()) return bad("waiting_message", "waiting_message must be a string");
      settings.waiting_message = found->get<std::string>();
    }
    return Command([settings](LiveRoom& room, const std::string& me) {
      return no_effects(room.change_settings(me, settings));
    });
  }
  if (type == "session.end") {
    return Command([](LiveRoom& room, const std::string& me) { return room.end(me); });
  }
  return breakout_command_of(type, request, now);
}

void LiveSessions::join(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                        const nlohmann::json& id, const std::string& occurrence_id,
                        const session::MediaChange& initial) {
  auto entry = service_.entry(caller, occurrence_id);
  if (!entry) {
    refuse(peer, id, "session.join", entry.error());
    return;
  }
  // One session per connection: a join leaves the one it was in (the same one too: the join
  // that follows puts it back), without a session_closed, which would only confuse its answer.
  leave(nullptr, peer->id());
  const auto ice_servers = ice_servers_ ? ice_servers_() : nlohmann::json::array();
  std::shared_ptr<Slot> slot;
  forget_rooms_over(occurrence_id);
  {
    std::lock_guard lock(mutex_);
    auto& found = slots_[occurrence_id];
    if (!found) {
      found = std::make_shared<Slot>(occurrence_id);
      found->sfu = media_.sfu != nullptr && entry->roster_size > media_.mesh_limit;
    }
    slot = found;
  }
  std::lock_guard room_lock(slot->mutex);
  slot->ends_at_ms = entry->ends_at_ms;
  slot->expected = std::move(entry->expected);
  const std::string participant_id = new_id();
  const auto before = media_snapshot(*slot);
  auto effects = slot->room.join(entry->person, participant_id, clock_.now_ms(), initial);
  if (!effects) {
    refuse(peer, id, "session.join", effects.error());
    return;
  }
  slot->holders[participant_id] = Holder{peer, caller};
  {
    std::lock_guard lock(mutex_);
    seats_[peer->id()] = Seat{occurrence_id, participant_id};
  }
  peer->send(ack_frame(id, {{"participant_id", participant_id},
                            {"media", slot->sfu ? "janus" : "mesh"},
                            {"ice_servers", ice_servers}}));
  settle(slot, *effects);
  follow_media(*slot, before);
}

void LiveSessions::relay_signal(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                                const Seat& seat, const nlohmann::json& request) {
  const auto to = string_field(request, "to");
  if (!to || !(is_valid_id(*to) || *to == kSfuPeer)) {
    refuse(peer, id, "session.signal", bad("to", "to must be a participant's id"));
    return;
  }
  auto signal = checked_signal(request);
  if (!signal) {
    refuse(peer, id, "session.signal", signal.error());
    return;
  }
  const auto slot = slot_of(seat.occurrence_id);
  if (!slot) return;
  std::lock_guard lock(slot->mutex);
  if (slot->sfu) {
    // To the SFU: one's own publishing connection ("sfu"), or the one receiving another
    // participant, which Janus offered.
    auto allowed = *to == kSfuPeer ? slot->room.in_room(seat.participant_id)
                                   : slot->room.may_signal(seat.participant_id, *to);
    if (!allowed) {
      refuse(peer, id, "session.signal", allowed.error());
      return;
    }
    media_.sfu->signal(seat.occurrence_id, slot->room.find(seat.participant_id)->place,
                       seat.participant_id, *to, *signal);
    if (!id.is_null()) peer->send(ack_frame(id));
    return;
  }
  if (auto allowed = slot->room.may_signal(seat.participant_id, *to); !allowed) {
    refuse(peer, id, "session.signal", allowed.error());
    return;
  }
  const auto holder = slot->holders.find(*to);
  if (holder == slot->holders.end()) return;
  holder->second.peer->send(frame({{"type", "session_signal"},
                                   {"occurrence_id", seat.occurrence_id},
                                   {"from", seat.participant_id},
                                   {"signal", std::move(*signal)}}));
  if (!id.is_null()) peer->send(ack_frame(id));
}

void LiveSessions::react(const std::shared_ptr<Peer>& peer, const identity::Caller& caller,
                         const nlohmann::json& id, const Seat& seat,
                         const nlohmann::json& request) {
  const auto reaction = string_field(request, "reaction");
  if (!reaction || std::find(kReactions.begin(), kReactions.end(), *reaction) == kReactions.end()) {
    refuse(peer, id, "session.react",
           bad("reaction", "reaction must be thumbs_up, heart, clap, laugh or wave"));
    return;
  }
  const auto slot = slot_of(seat.occurrence_id);
  if (!slot) return;
  std::lock_guard lock(slot->mutex);
  if (auto allowed = slot->room.in_room(seat.participant_id); !allowed) {
    refuse(peer, id, "session.react", allowed.error());
    return;
  }
  if (const auto wait = reactions_.take(caller.user_id, steady_now_()); wait.count() > 0) {
    peer->send(rate_limited_frame(id, wait));
    return;
  }
  const auto told = frame({{"type", "session_reacted"},
                           {"occurrence_id", seat.occurrence_id},
                           {"participant_id", seat.participant_id},
                           {"reaction", *reaction}});
  for (const auto* p : slot->room.in_room()) {
    if (const auto holder = slot->holders.find(p->participant_id); holder != slot->holders.end()) {
      holder->second.peer->send(told);
    }
  }
  peer->send(ack_frame(id));
}

void LiveSessions::run(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                       std::string_view type, const Seat& seat, const Command& command) {
  const auto slot = slot_of(seat.occurrence_id);
  if (!slot) {
    refuse(peer, id, type, Error::of(Errc::not_admitted, "join the session first"));
    return;
  }
  std::lock_guard lock(slot->mutex);
  const auto version = slot->room.version();
  const auto before = media_snapshot(*slot);
  auto effects = command(slot->room, seat.participant_id);
  if (!effects) {
    refuse(peer, id, type, effects.error());
    return;
  }
  peer->send(ack_frame(id));
  if (slot->room.version() == version) return;
  settle(slot, *effects);
  follow_media(*slot, before);
}

void LiveSessions::expected_changed(const std::string& occurrence_id) {
  if (!slot_of(occurrence_id)) return;
  run_blocking_([this, occurrence_id] {
    auto expected = service_.expected_at(occurrence_id);
    if (!expected) {
      spdlog::warn("event=live_expected_not_read code={}", errc_name(expected.error().code));
      return;
    }
    const auto slot = slot_of(occurrence_id);
    if (!slot) return;
    std::lock_guard lock(slot->mutex);
    slot->expected = std::move(*expected);
    tell_states(*slot);
  });
}

void LiveSessions::dismiss(const std::string& occurrence_id, const std::string& user_id) {
  const auto slot = slot_of(occurrence_id);
  if (!slot) return;
  std::lock_guard lock(slot->mutex);
  const auto version = slot->room.version();
  const auto before = media_snapshot(*slot);
  const auto effects = slot->room.dismiss(user_id);
  if (slot->room.version() == version) return;
  settle(slot, effects);
  follow_media(*slot, before);
}

void LiveSessions::settle(const std::shared_ptr<Slot>& slot, const Effects& effects) {
  // Attendance is the person's, whichever of their tabs is open: the caller of any holder of
  // theirs will do, including one about to be closed (removed, ended), so this comes first.
  auto caller_of = [&](const std::string& user_id) -> std::optional<identity::Caller> {
    for (const auto& [participant_id, holder] : slot->holders) {
      if (holder.caller.user_id == user_id) return holder.caller;
    }
    return std::nullopt;
  };
  for (const auto& user_id : effects.attendance_started) {
    if (auto caller = caller_of(user_id)) queue_attendance(slot, *caller, true);
  }
  for (const auto& user_id : effects.attendance_stopped) {
    if (auto caller = caller_of(user_id)) queue_attendance(slot, *caller, false);
  }
  for (const auto& closed : effects.closed) {
    const auto holder = slot->holders.find(closed.participant_id);
    if (holder == slot->holders.end()) continue;
    holder->second.peer->send(frame({{"type", "session_closed"},
                                     {"occurrence_id", slot->room.occurrence_id()},
                                     {"reason", session::close_reason_name(closed.reason)}}));
    {
      std::lock_guard lock(mutex_);
      const auto seat = seats_.find(holder->second.peer->id());
      if (seat != seats_.end() && seat->second.participant_id == closed.participant_id) {
        seats_.erase(seat);
      }
    }
    slot->holders.erase(holder);
  }
  tell_states(*slot);
}

void LiveSessions::tell_states(Slot& slot) {
  const auto& room = slot.room;
  nlohmann::json people = nlohmann::json::array();
  for (const auto* p : room.in_room()) people.push_back(participant_json(*p));
  nlohmann::json hands = nlohmann::json::array();
  for (const auto* p : room.hands()) hands.push_back(p->participant_id);
  nlohmann::json waiting = nlohmann::json::array();
  for (const auto* p : room.waiting()) {
    waiting.push_back({{"participant_id", p->participant_id},
                       {"user_id", p->person.user_id},
                       {"name", p->person.name},
                       {"pronouns", p->person.pronouns},
                       {"guest", p->person.guest},
                       {"waiting_since_ms", p->waiting_since_ms}});
  }
  const auto breakouts = breakouts_json(room.breakouts());
  nlohmann::json expected = nlohmann::json::array();
  for (const auto& person : slot.expected) {
    if (room.was_removed(person.user_id)) continue;  // they cannot come back
    expected.push_back({{"user_id", person.user_id},
                        {"name", person.name},
                        {"pronouns", person.pronouns},
                        {"guest", person.guest}});
  }
  const std::int64_t now = clock_.now_ms();
  const nlohmann::json base = {{"type", "session_state"},
                               {"occurrence_id", room.occurrence_id()},
                               {"version", room.version()}};
  for (const auto& [participant_id, holder] : slot.holders) {
    const auto* me = room.find(participant_id);
    if (!me) continue;
    nlohmann::json state = base;
    state["you"] = participant_id;
    state["role"] = session::role_name(me->person.role);
    state["stage"] = session::stage_name(me->stage);
    state["locked"] = room.locked();
    if (me->stage == session::Stage::waiting) {
      state["place"] = room.place_in_line(participant_id);
      state["waiting_message"] = room.waiting_message();
    } else {
      state["lead"] = optional_id(room.lead());
      state["auto_admit"] = room.auto_admit();
      state["sharing_allowed"] = room.sharing_allowed();
      state["spotlight"] = optional_id(room.spotlight());
      state["participants"] = people;
      state["hands"] = hands;
      state["place"] = me->place;
      state["breakouts"] = breakouts;
      // The countdown is shown against the server's clock: the client corrects its own by this.
      state["server_now_ms"] = now;
      if (me->person.role == session::Role::facilitator) {
        state["waiting"] = waiting;
        state["waiting_message"] = room.waiting_message();
        state["expected"] = expected;
      }
    }
    holder.peer->send(frame(state));
  }
}

void LiveSessions::queue_attendance(const std::shared_ptr<Slot>& slot,
                                    const identity::Caller& caller, bool entered) {
  bool start = false;
  {
    std::lock_guard lock(slot->attendance_mutex);
    slot->attendance.push_back({caller, entered});
    start = !slot->writing_attendance;
    slot->writing_attendance = true;
  }
  if (start) run_blocking_([this, slot] { write_attendance(slot); });
}

void LiveSessions::write_attendance(const std::shared_ptr<Slot>& slot) {
  for (;;) {
    AttendanceEvent event;
    {
      std::lock_guard lock(slot->attendance_mutex);
      if (slot->attendance.empty()) {
        slot->writing_attendance = false;
        return;
      }
      event = std::move(slot->attendance.front());
      slot->attendance.pop_front();
    }
    try {
      if (auto written = service_.record(event.caller, slot->room.occurrence_id(), event.entered);
          !written) {
        spdlog::warn("event=live_attendance_not_recorded code={}", errc_name(written.error().code));
      }
    } catch (const std::exception&) {
      spdlog::error("event=live_attendance_failed");
    }
  }
}

void LiveSessions::forget_rooms_over(const std::string& joining) {
  std::vector<std::shared_ptr<Slot>> slots;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [occurrence_id, slot] : slots_) {
      if (occurrence_id != joining) slots.push_back(slot);
    }
  }
  // Each looked at under its own lock (never under mutex_: the order is slot, then mutex_).
  // Nobody can join a session that is over, so one found empty and over stays so.
  const std::int64_t now = clock_.now_ms();
  std::vector<std::string> over;
  for (const auto& slot : slots) {
    std::lock_guard lock(slot->mutex);
    if (!slot->room.empty() || slot->ends_at_ms >= now) continue;
    if (slot->sfu) media_.sfu->close(slot->room.occurrence_id());
    over.push_back(slot->room.occurrence_id());
  }
  std::lock_guard lock(mutex_);
  for (const auto& occurrence_id : over) slots_.erase(occurrence_id);
}

std::shared_ptr<LiveSessions::Slot> LiveSessions::slot_of(const std::string& occurrence_id) const {
  std::lock_guard lock(mutex_);
  const auto found = slots_.find(occurrence_id);
  return found == slots_.end() ? nullptr : found->second;
}

std::optional<LiveSessions::Seat> LiveSessions::seat_of(std::uint64_t peer_id) const {
  std::lock_guard lock(mutex_);
  const auto found = seats_.find(peer_id);
  if (found == seats_.end()) return std::nullopt;
  return found->second;
}

void LiveSessions::on_close(const std::shared_ptr<Peer>& peer) {
  leave(nullptr, peer->id());
}

void LiveSessions::leave(const std::shared_ptr<Peer>& peer, std::uint64_t peer_id) {
  const auto seat = seat_of(peer_id);
  if (!seat) return;
  const auto slot = slot_of(seat->occurrence_id);
  if (!slot) return;
  std::lock_guard lock(slot->mutex);
  // The seat may have been taken by another tab meanwhile: only its own participant leaves.
  {
    std::lock_guard seats_lock(mutex_);
    const auto now_seat = seats_.find(peer_id);
    if (now_seat == seats_.end() || now_seat->second.participant_id != seat->participant_id) return;
    seats_.erase(now_seat);
  }
  const auto holder = slot->holders.find(seat->participant_id);
  std::optional<identity::Caller> caller;
  if (holder != slot->holders.end()) {
    caller = holder->second.caller;
    slot->holders.erase(holder);
  }
  const auto before = media_snapshot(*slot);
  const auto effects = slot->room.leave(seat->participant_id);
  follow_media(*slot, before);
  if (caller && !effects.attendance_stopped.empty()) queue_attendance(slot, *caller, false);
  if (peer) {
    peer->send(frame({{"type", "session_closed"},
                      {"occurrence_id", seat->occurrence_id},
                      {"reason", session::close_reason_name(session::CloseReason::left)}}));
  }
  tell_states(*slot);
}

void LiveSessions::refuse(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                          std::string_view type, const Error& error) const {
  // The type and the code only: never a name, an id or what the request carried.
  spdlog::info("event=live_session_refused type={} code={}", type, errc_name(error.code));
  if (error.code == Errc::conflict) {
    // The session's own refusals (cancelled, over, ended, removed): their words are for people.
    peer->send(error_frame(id, "conflict", error.message));
    return;
  }
  peer->send(error_frame(id, error));
}

std::size_t LiveSessions::active_rooms() const {
  std::vector<std::shared_ptr<Slot>> slots;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [occurrence_id, slot] : slots_) slots.push_back(slot);
  }
  // A slot's lock is never taken while holding mutex_ (the order is slot, then mutex_).
  std::size_t count = 0;
  for (const auto& slot : slots) {
    std::lock_guard room_lock(slot->mutex);
    if (!slot->room.empty()) ++count;
  }
  return count;
}

}  // namespace hearth::realtime
