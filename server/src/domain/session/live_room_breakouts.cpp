// LiveRoom's breakout rooms and pull-aside (live_room.hpp).
#include <algorithm>
#include <random>

#include "domain/session/live_room.hpp"

namespace hearth::session {
namespace {

constexpr std::int64_t kShortestRemainingMs = 10'000;

Error no_such_room() {
  return Error::of(Errc::invalid_argument, "there is no breakout room with this number", "room");
}

}  // namespace

std::string_view breakout_stage_name(BreakoutStage stage) {
  switch (stage) {
    case BreakoutStage::none:
      return "none";
    case BreakoutStage::prepared:
      return "prepared";
    case BreakoutStage::open:
      return "open";
  }
  return "none";
}

int LiveRoom::assigned_room(std::string_view user_id) const {
  for (const auto& room : breakouts_.rooms) {
    if (room.assigned.contains(std::string(user_id))) return room.number;
  }
  return kMainRoom;
}

Result<void> LiveRoom::prepare_breakouts(std::string_view actor, int count, int cap) {
  HEARTH_TRY(facilitator(actor));
  if (count < 1 || count > kMaxBreakoutRooms) {
    return Error::of(Errc::invalid_argument, "between 1 and 20 breakout rooms", "rooms");
  }
  if (cap < 2 || cap > 50) {
    return Error::of(Errc::invalid_argument, "a breakout room holds 2 to 50 people", "cap");
  }
  if (breakouts_.stage == BreakoutStage::open) {
    return Error::of(Errc::conflict, "recall the breakout rooms before changing them");
  }
  std::vector<BreakoutRoom> rooms(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    rooms[i].number = i + 1;
    if (i < static_cast<int>(breakouts_.rooms.size())) {
      // The assignments that still fit stay.
      const auto& earlier = breakouts_.rooms[i];
      rooms[i].lead_user_id = earlier.lead_user_id;
      for (const auto& user_id : earlier.assigned) {
        if (static_cast<int>(rooms[i].assigned.size()) < cap) rooms[i].assigned.insert(user_id);
      }
    }
  }
  breakouts_.rooms = std::move(rooms);
  breakouts_.cap = cap;
  breakouts_.stage = BreakoutStage::prepared;
  changed();
  return ok();
}

Result<void> LiveRoom::assign(std::string_view actor, std::string_view user_id, int number) {
  HEARTH_TRY(facilitator(actor));
  if (breakouts_.stage == BreakoutStage::none) {
    return Error::of(Errc::conflict, "prepare the breakout rooms first");
  }
  if (number < 0 || number > static_cast<int>(breakouts_.rooms.size())) return no_such_room();
  const std::string user(user_id);
  if (number != kMainRoom &&
      static_cast<int>(breakouts_.rooms[number - 1].assigned.size()) >= breakouts_.cap &&
      !breakouts_.rooms[number - 1].assigned.contains(user)) {
    return Error::of(Errc::conflict, "this breakout room is full");
  }
  for (auto& room : breakouts_.rooms) room.assigned.erase(user);
  if (number != kMainRoom) breakouts_.rooms[number - 1].assigned.insert(user);
  // While the rooms are open, the person goes there now (or back to the main room).
  if (breakouts_.stage == BreakoutStage::open) {
    for (auto& p : participants_) {
      if (p.person.user_id == user && p.stage == Stage::in_room && p.place != kAsideRoom) {
        p.place = number;
      }
    }
  }
  changed();
  return ok();
}

Result<void> LiveRoom::assign_randomly(std::string_view actor, std::uint64_t seed) {
  HEARTH_TRY(facilitator(actor));
  if (breakouts_.stage == BreakoutStage::none) {
    return Error::of(Errc::conflict, "prepare the breakout rooms first");
  }
  std::vector<std::string> unassigned;
  for (const auto* p : in_room()) {
    if (p->person.role == Role::participant && assigned_room(p->person.user_id) == kMainRoom) {
      unassigned.push_back(p->person.user_id);
    }
  }
  std::mt19937_64 order(seed);
  std::shuffle(unassigned.begin(), unassigned.end(), order);
  for (const auto& user_id : unassigned) {
    auto emptiest = std::min_element(
        breakouts_.rooms.begin(), breakouts_.rooms.end(),
        [](const auto& a, const auto& b) { return a.assigned.size() < b.assigned.size(); });
    if (static_cast<int>(emptiest->assigned.size()) >= breakouts_.cap) break;  // all full
    emptiest->assigned.insert(user_id);
    if (breakouts_.stage == BreakoutStage::open) {
      for (auto& p : participants_) {
        if (p.person.user_id == user_id && p.place == kMainRoom) p.place = emptiest->number;
      }
    }
  }
  changed();
  return ok();
}

Result<void> LiveRoom::set_choosing(std::string_view actor, bool choosing) {
  HEARTH_TRY(facilitator(actor));
  if (breakouts_.stage == BreakoutStage::none) {
    return Error::of(Errc::conflict, "prepare the breakout rooms first");
  }
  breakouts_.choosing = choosing;
  changed();
  return ok();
}

Result<void> LiveRoom::choose_room(std::string_view actor, int number) {
  HEARTH_TRY(in_room(actor));
  if (!breakouts_.choosing || breakouts_.stage == BreakoutStage::none) {
    return Error::of(Errc::permission_denied, "the facilitator has not let people choose a room");
  }
  const Participant* me = find(actor);
  if (me->person.role == Role::facilitator) {
    return Error::of(Errc::invalid_argument, "facilitators visit rooms instead", "room");
  }
  if (number < 0 || number > static_cast<int>(breakouts_.rooms.size())) return no_such_room();
  const std::string user = me->person.user_id;
  if (number != kMainRoom &&
      static_cast<int>(breakouts_.rooms[number - 1].assigned.size()) >= breakouts_.cap &&
      !breakouts_.rooms[number - 1].assigned.contains(user)) {
    return Error::of(Errc::conflict, "this breakout room is full");
  }
  for (auto& room : breakouts_.rooms) room.assigned.erase(user);
  if (number != kMainRoom) breakouts_.rooms[number - 1].assigned.insert(user);
  if (breakouts_.stage == BreakoutStage::open) find_mutable(actor)->place = number;
  changed();
  return ok();
}

Result<void> LiveRoom::set_lead(std::string_view actor, int number, std::string_view user_id) {
  HEARTH_TRY(facilitator(actor));
  if (number < 1 || number > static_cast<int>(breakouts_.rooms.size())) return no_such_room();
  auto& room = breakouts_.rooms[number - 1];
  if (!user_id.empty() && !room.assigned.contains(std::string(user_id))) {
    return Error::of(Errc::invalid_argument, "a peer lead must be assigned to the room", "user_id");
  }
  room.lead_user_id = std::string(user_id);
  changed();
  return ok();
}

Result<void> LiveRoom::open_breakouts(std::string_view actor, std::int64_t duration_ms,
                                      std::int64_t now_ms) {
  HEARTH_TRY(facilitator(actor));
  if (breakouts_.stage != BreakoutStage::prepared) {
    return Error::of(Errc::conflict, breakouts_.stage == BreakoutStage::open
                                         ? "the breakout rooms are open already"
                                         : "prepare the breakout rooms first");
  }
  if (duration_ms < kShortestRemainingMs || duration_ms > kMaxBreakoutMs) {
    return Error::of(Errc::invalid_argument, "breakout rooms last from 10 seconds to 3 hours",
                     "seconds");
  }
  breakouts_.stage = BreakoutStage::open;
  breakouts_.ends_at_ms = now_ms + duration_ms;
  breakouts_.warned = false;
  for (auto& room : breakouts_.rooms) room.help_requested = false;
  for (auto& p : participants_) {
    if (p.stage != Stage::in_room || p.place == kAsideRoom) continue;
    if (p.person.role == Role::participant) p.place = assigned_room(p.person.user_id);
  }
  changed();
  return ok();
}

Result<void> LiveRoom::change_breakout_time(std::string_view actor, std::int64_t delta_ms,
                                            std::int64_t now_ms) {
  HEARTH_TRY(facilitator(actor));
  if (breakouts_.stage != BreakoutStage::open) {
    return Error::of(Errc::conflict, "the breakout rooms are not open");
  }
  const auto ends = std::clamp(breakouts_.ends_at_ms + delta_ms, now_ms + kShortestRemainingMs,
                               now_ms + kMaxBreakoutMs);
  breakouts_.ends_at_ms = ends;
  // A warning already given is given again if the end moved well past it.
  if (ends - now_ms > kBreakoutWarningMs) breakouts_.warned = false;
  changed();
  return ok();
}

Result<void> LiveRoom::recall(std::string_view actor) {
  HEARTH_TRY(facilitator(actor));
  if (breakouts_.stage != BreakoutStage::open) {
    return Error::of(Errc::conflict, "the breakout rooms are not open");
  }
  tick(breakouts_.ends_at_ms);  // as if time were up
  return ok();
}

Result<void> LiveRoom::visit(std::string_view actor, int number) {
  HEARTH_TRY(facilitator(actor));
  if (number != kMainRoom && breakouts_.stage != BreakoutStage::open) {
    return Error::of(Errc::conflict, "the breakout rooms are not open");
  }
  if (number < 0 || number > static_cast<int>(breakouts_.rooms.size())) return no_such_room();
  auto* me = find_mutable(actor);
  if (me->place == kAsideRoom) {
    return Error::of(Errc::conflict, "bring your private word back to the group first");
  }
  me->place = number;
  if (number != kMainRoom) breakouts_.rooms[number - 1].help_requested = false;
  changed();
  return ok();
}

Result<int> LiveRoom::request_help(std::string_view actor) {
  HEARTH_TRY(in_room(actor));
  const Participant* me = find(actor);
  if (breakouts_.stage != BreakoutStage::open || me->place < 1) {
    return Error::of(Errc::conflict, "a facilitator can be asked for from a breakout room");
  }
  auto& room = breakouts_.rooms[me->place - 1];
  if (!room.help_requested) {
    room.help_requested = true;
    changed();
  }
  return me->place;
}

Tick LiveRoom::tick(std::int64_t now_ms) {
  Tick result;
  if (breakouts_.stage != BreakoutStage::open) return result;
  if (now_ms >= breakouts_.ends_at_ms) {
    for (auto& p : participants_) {
      if (p.place > kMainRoom) p.place = kMainRoom;
    }
    breakouts_.stage = BreakoutStage::prepared;
    breakouts_.ends_at_ms = 0;
    for (auto& room : breakouts_.rooms) room.help_requested = false;
    result.recalled = true;
    changed();
    return result;
  }
  if (!breakouts_.warned && now_ms >= breakouts_.ends_at_ms - kBreakoutWarningMs) {
    breakouts_.warned = true;
    result.warned = true;
    changed();
  }
  return result;
}

Result<void> LiveRoom::pull_aside(std::string_view actor, std::string_view target) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  if (p->stage != Stage::in_room || p->person.role != Role::participant) {
    return Error::of(Errc::invalid_argument, "a participant in the room can be taken aside",
                     "participant_id");
  }
  for (const auto& other : participants_) {
    if (other.place == kAsideRoom) {
      return Error::of(Errc::conflict, "someone is aside already; bring them back first");
    }
  }
  p->place = kAsideRoom;
  find_mutable(actor)->place = kAsideRoom;
  changed();
  return ok();
}

Result<void> LiveRoom::end_aside(std::string_view actor) {
  HEARTH_TRY(facilitator(actor));
  bool any = false;
  for (auto& p : participants_) {
    if (p.place != kAsideRoom) continue;
    // Back where they would be: their breakout room while the rooms are open, else the main room.
    p.place = breakouts_.stage == BreakoutStage::open && p.person.role == Role::participant
                  ? assigned_room(p.person.user_id)
                  : kMainRoom;
    any = true;
  }
  if (!any) return Error::of(Errc::conflict, "nobody is aside");
  changed();
  return ok();
}

}  // namespace hearth::session
