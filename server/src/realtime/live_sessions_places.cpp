// LiveSessions' breakout rooms and pull-aside requests, the words said in a place, and the
// breakout rooms' clock (live_sessions.hpp).
#include <limits>
#include <random>

#include "base/ids.hpp"
#include "realtime/live_session_fields.hpp"
#include "realtime/live_sessions.hpp"
#include "realtime/protocol.hpp"
#include "realtime/request_fields.hpp"

namespace hearth::realtime {

using session::LiveRoom;

Result<LiveSessions::Command> LiveSessions::breakout_command_of(std::string_view type,
                                                                const nlohmann::json& request,
                                                                std::int64_t now) {
  // A required whole number; the room itself checks what makes sense (a room's number, a
  // duration), this only keeps it a number of sensible size.
  constexpr std::int64_t kMissing = std::numeric_limits<std::int64_t>::min();
  const auto number = [&](std::string_view name) -> Result<int> {
    const auto value = integer_field(request, name, kMissing);
    if (!value || *value == kMissing || *value < -1'000'000 || *value > 1'000'000) {
      return bad(name, std::string(name) + " must be a whole number");
    }
    return static_cast<int>(*value);
  };
  if (type == "session.breakouts_prepare") {
    HEARTH_TRY_ASSIGN(const int rooms, number("rooms"));
    const auto cap = integer_field(request, "cap", session::kDefaultBreakoutCap);
    if (!cap || *cap < 0 || *cap > 1000) return bad("cap", "cap must be a whole number");
    return Command([rooms, cap = static_cast<int>(*cap)](LiveRoom& room, const std::string& me) {
      return no_effects(room.prepare_breakouts(me, rooms, cap));
    });
  }
  if (type == "session.breakout_assign") {
    const auto user_id = string_field(request, "user_id");
    if (!user_id || !is_valid_id(*user_id)) return bad("user_id", "user_id must be a person's id");
    HEARTH_TRY_ASSIGN(const int into, number("room"));
    return Command([user = *user_id, into](LiveRoom& room, const std::string& me) {
      return no_effects(room.assign(me, user, into));
    });
  }
  if (type == "session.breakouts_random") {
    return Command([](LiveRoom& room, const std::string& me) {
      return no_effects(room.assign_randomly(me, std::random_device{}()));
    });
  }
  if (type == "session.breakouts_choosing") {
    HEARTH_TRY_ASSIGN(const auto choosing, optional_bool(request, "choosing"));
    if (!choosing) return bad("choosing", "choosing must be true or false");
    return Command([on = *choosing](LiveRoom& room, const std::string& me) {
      return no_effects(room.set_choosing(me, on));
    });
  }
  if (type == "session.breakout_choose" || type == "session.breakout_visit") {
    HEARTH_TRY_ASSIGN(const int into, number("room"));
    const bool visit = type == "session.breakout_visit";
    return Command([into, visit](LiveRoom& room, const std::string& me) {
      return no_effects(visit ? room.visit(me, into) : room.choose_room(me, into));
    });
  }
  if (type == "session.breakout_lead") {
    HEARTH_TRY_ASSIGN(const int into, number("room"));
    const auto user_id = string_field(request, "user_id");
    if (!user_id || !(user_id->empty() || is_valid_id(*user_id))) {
      return bad("user_id", "user_id must be a person's id, or empty for none");
    }
    return Command([into, user = *user_id](LiveRoom& room, const std::string& me) {
      return no_effects(room.set_lead(me, into, user));
    });
  }
  if (type == "session.breakouts_open" || type == "session.breakouts_time") {
    HEARTH_TRY_ASSIGN(const int seconds, number("seconds"));
    const bool open = type == "session.breakouts_open";
    return Command([seconds, open, now](LiveRoom& room, const std::string& me) {
      const std::int64_t ms = std::int64_t{seconds} * 1000;
      return no_effects(open ? room.open_breakouts(me, ms, now)
                             : room.change_breakout_time(me, ms, now));
    });
  }
  if (type == "session.breakouts_recall") {
    return Command(
        [](LiveRoom& room, const std::string& me) { return no_effects(room.recall(me)); });
  }
  if (type == "session.pull_aside") {
    HEARTH_TRY_ASSIGN(const auto target, target_of(request, false));
    return Command([target](LiveRoom& room, const std::string& me) {
      return no_effects(room.pull_aside(me, target));
    });
  }
  if (type == "session.aside_end") {
    return Command(
        [](LiveRoom& room, const std::string& me) { return no_effects(room.end_aside(me)); });
  }
  return Error::of(Errc::invalid_argument, "this message type is not supported", "type");
}

void LiveSessions::tell_words(const std::shared_ptr<Peer>& peer, const nlohmann::json& id,
                              std::string_view type, const Seat& seat,
                              const nlohmann::json& request) {
  std::string text;
  if (type != "session.help") {
    const auto given = string_field(request, "text");
    const std::size_t most = type == "session.broadcast" ? 500 : 2000;
    if (!given || given->empty() || characters_in(*given) > most) {
      refuse(peer, id, type,
             bad("text", "text must be 1 to " + std::to_string(most) + " characters"));
      return;
    }
    text = *given;
  }
  const auto slot = slot_of(seat.occurrence_id);
  if (!slot) return;
  std::lock_guard lock(slot->mutex);
  auto& room = slot->room;
  if (auto allowed = room.in_room(seat.participant_id); !allowed) {
    refuse(peer, id, type, allowed.error());
    return;
  }
  const auto* me = room.find(seat.participant_id);
  nlohmann::json event = {{"occurrence_id", seat.occurrence_id},
                          {"participant_id", seat.participant_id},
                          {"name", me->person.name}};
  // Who hears it: everyone in the room (a broadcast), the facilitators (a call for help), or
  // the people where the sender is (a word in a breakout room).
  std::function<bool(const session::Participant&)> hears;
  if (type == "session.broadcast") {
    if (me->person.role != session::Role::facilitator) {
      refuse(peer, id, type,
             Error::of(Errc::permission_denied, "only the session's facilitators can do this"));
      return;
    }
    event["type"] = "session_broadcast";
    event["text"] = text;
    hears = [](const session::Participant&) { return true; };
  } else if (type == "session.help") {
    const auto asked = room.request_help(seat.participant_id);
    if (!asked) {
      refuse(peer, id, type, asked.error());
      return;
    }
    event["type"] = "session_help_requested";
    event["room"] = *asked;
    hears = [](const session::Participant& p) {
      return p.person.role == session::Role::facilitator;
    };
  } else {
    event["type"] = "session_room_message";
    event["text"] = text;
    event["place"] = me->place;
    event["sent_at_ms"] = clock_.now_ms();
    hears = [place = me->place](const session::Participant& p) { return p.place == place; };
  }
  const auto told = frame(event);
  for (const auto* p : room.in_room()) {
    if (!hears(*p)) continue;
    if (const auto holder = slot->holders.find(p->participant_id); holder != slot->holders.end()) {
      holder->second.peer->send(told);
    }
  }
  peer->send(ack_frame(id));
  if (type == "session.help") tell_states(*slot);
}

void LiveSessions::tick() {
  std::vector<std::shared_ptr<Slot>> slots;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [occurrence_id, slot] : slots_) slots.push_back(slot);
  }
  const std::int64_t now = clock_.now_ms();
  for (const auto& slot : slots) {
    std::lock_guard lock(slot->mutex);
    const auto before = media_snapshot(*slot);
    const auto ticked = slot->room.tick(now);
    if (!ticked.warned && !ticked.recalled) continue;
    tell_states(*slot);
    follow_media(*slot, before);
  }
}

}  // namespace hearth::realtime
