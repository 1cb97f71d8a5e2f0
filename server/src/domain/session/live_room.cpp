#include "domain/session/live_room.hpp"

#include <algorithm>

namespace hearth::session {
namespace {

Error not_a_participant() {
  return Error::of(Errc::not_found, "nobody with this participant id is in the session",
                   "participant_id");
}

Error ended_error() {
  return Error::of(Errc::conflict, "this session has ended");
}

// Characters, not bytes: a UTF-8 text's bytes other than continuation bytes (10xxxxxx).
std::size_t characters_in(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

template <typename Less>
std::vector<const Participant*> sorted_where(const std::vector<Participant>& all, auto keep,
                                             Less less) {
  std::vector<const Participant*> out;
  for (const auto& p : all) {
    if (keep(p)) out.push_back(&p);
  }
  std::sort(out.begin(), out.end(), less);
  return out;
}

}  // namespace

std::string_view role_name(Role role) {
  return role == Role::facilitator ? "facilitator" : "participant";
}

std::string_view stage_name(Stage stage) {
  return stage == Stage::waiting ? "waiting" : "in_room";
}

std::string_view close_reason_name(CloseReason reason) {
  switch (reason) {
    case CloseReason::left:
      return "left";
    case CloseReason::ended:
      return "ended";
    case CloseReason::removed:
      return "removed";
    case CloseReason::joined_elsewhere:
      return "joined_elsewhere";
  }
  return "left";
}

Result<Effects> LiveRoom::join(const Person& person, std::string participant_id,
                               std::int64_t now_ms, const MediaChange& initial) {
  if (ended_) return ended_error();
  if (removed_.contains(person.user_id)) {
    return Error::of(Errc::conflict, "a facilitator removed you from this session");
  }
  Effects effects;
  if (Participant* earlier = find_person(person.user_id)) {
    // The same person from another tab: the new join takes the old one's place as it stands.
    effects.closed.push_back({earlier->participant_id, CloseReason::joined_elsewhere});
    if (spotlight_ == earlier->participant_id) spotlight_ = participant_id;
    earlier->participant_id = std::move(participant_id);
    earlier->person = person;
    // Its media starts over: the others must negotiate with the new tab, and its own
    // microphone and screen start as the new tab's do, but a hard mute stays.
    earlier->sharing = false;
    earlier->muted = earlier->hard_muted || initial.muted.value_or(earlier->muted);
    earlier->camera_on = initial.camera_on.value_or(earlier->camera_on);
    if (earlier->stage == Stage::in_room) earlier->joined_seq = next_seq_++;
    changed();
    return effects;
  }
  const bool known = admitted_before_.contains(person.user_id);
  if (locked_ && !known && person.role != Role::facilitator) {
    return Error::of(Errc::locked, "the facilitator has locked this session to newcomers");
  }
  Participant p;
  p.participant_id = std::move(participant_id);
  p.person = person;
  p.waiting_since_ms = now_ms;
  p.muted = initial.muted.value_or(false);
  p.camera_on = initial.camera_on.value_or(true);
  participants_.push_back(std::move(p));
  Participant& added = participants_.back();
  if (person.role == Role::facilitator || known || (auto_admit_ && !person.guest)) {
    enter_room(added, effects);
  } else {
    added.stage = Stage::waiting;
    added.line_seq = next_seq_++;
  }
  changed();
  return effects;
}

Effects LiveRoom::leave(std::string_view participant_id) {
  Effects effects;
  const auto it = std::find_if(participants_.begin(), participants_.end(),
                               [&](const auto& p) { return p.participant_id == participant_id; });
  if (it == participants_.end()) return effects;
  leave_room(*it, effects);
  if (spotlight_ == it->participant_id) spotlight_.reset();
  participants_.erase(it);
  changed();
  return effects;
}

Result<Effects> LiveRoom::admit(std::string_view actor, std::string_view target,
                                std::int64_t /*now_ms*/) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  Effects effects;
  if (p->stage == Stage::in_room) return effects;  // already in: nothing to do, nothing told
  enter_room(*p, effects);
  changed();
  return effects;
}

Result<Effects> LiveRoom::admit_all(std::string_view actor, std::int64_t /*now_ms*/) {
  HEARTH_TRY(facilitator(actor));
  Effects effects;
  // In the order they have waited, so that joined_seq keeps the line's order.
  for (const Participant* waiting_one : waiting()) {
    enter_room(*find_mutable(waiting_one->participant_id), effects);
  }
  if (!effects.attendance_started.empty()) changed();
  return effects;
}

Result<Effects> LiveRoom::send_back(std::string_view actor, std::string_view target,
                                    std::int64_t now_ms) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  if (p->person.role == Role::facilitator) {
    return Error::of(Errc::permission_denied, "a facilitator cannot be sent to the waiting room");
  }
  Effects effects;
  if (p->stage == Stage::waiting) return effects;
  leave_room(*p, effects);
  p->stage = Stage::waiting;
  p->place = kMainRoom;
  p->line_seq = next_seq_++;
  p->waiting_since_ms = now_ms;
  p->hand_seq = 0;
  p->sharing = false;
  if (spotlight_ == p->participant_id) spotlight_.reset();
  admitted_before_.erase(p->person.user_id);
  changed();
  return effects;
}

Result<Effects> LiveRoom::remove(std::string_view actor, std::string_view target) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  if (p->person.role == Role::facilitator) {
    return Error::of(Errc::permission_denied, "a facilitator cannot be removed from the session");
  }
  const std::string user_id = p->person.user_id;
  const std::string removed_id = p->participant_id;
  Effects effects = leave(removed_id);
  effects.closed.push_back({removed_id, CloseReason::removed});
  removed_.insert(user_id);
  admitted_before_.erase(user_id);
  return effects;
}

Effects LiveRoom::dismiss(std::string_view user_id) {
  admitted_before_.erase(std::string(user_id));
  const auto it = std::find_if(participants_.begin(), participants_.end(),
                               [&](const auto& p) { return p.person.user_id == user_id; });
  if (it == participants_.end()) return {};
  const std::string dismissed_id = it->participant_id;
  Effects effects = leave(dismissed_id);
  effects.closed.push_back({dismissed_id, CloseReason::removed});
  return effects;
}

Result<void> LiveRoom::mute(std::string_view actor, std::string_view target, bool hard) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  if (p->stage != Stage::in_room) return Error::of(Errc::not_admitted, "they are not in the room");
  if (hard && p->person.role == Role::facilitator) {
    return Error::of(Errc::permission_denied, "a facilitator cannot be hard muted");
  }
  p->muted = true;
  p->hard_muted = p->hard_muted || hard;
  changed();
  return ok();
}

Result<void> LiveRoom::mute_all(std::string_view actor, bool hard) {
  HEARTH_TRY(facilitator(actor));
  for (auto& p : participants_) {
    if (p.stage != Stage::in_room || p.person.role == Role::facilitator) continue;
    p.muted = true;
    p.hard_muted = p.hard_muted || hard;
  }
  changed();
  return ok();
}

Result<void> LiveRoom::allow_unmute(std::string_view actor, std::string_view target) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  p->hard_muted = false;
  changed();
  return ok();
}

Result<void> LiveRoom::allow_unmute_all(std::string_view actor) {
  HEARTH_TRY(facilitator(actor));
  for (auto& p : participants_) p.hard_muted = false;
  changed();
  return ok();
}

Result<void> LiveRoom::stop_camera(std::string_view actor, std::string_view target) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  if (p->stage != Stage::in_room) return Error::of(Errc::not_admitted, "they are not in the room");
  p->camera_on = false;
  changed();
  return ok();
}

Result<void> LiveRoom::lower_hand(std::string_view actor, std::string_view target) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  if (p->hand_seq == 0) return ok();
  p->hand_seq = 0;
  changed();
  return ok();
}

Result<void> LiveRoom::lock(std::string_view actor, bool locked) {
  HEARTH_TRY(facilitator(actor));
  if (locked_ == locked) return ok();
  locked_ = locked;
  changed();
  return ok();
}

Result<void> LiveRoom::spotlight(std::string_view actor, std::optional<std::string> target) {
  HEARTH_TRY(facilitator(actor));
  if (target) {
    HEARTH_TRY_ASSIGN(Participant * p, target_of(*target));
    if (p->stage != Stage::in_room) {
      return Error::of(Errc::not_admitted, "they are not in the room", "participant_id");
    }
  }
  spotlight_ = std::move(target);
  changed();
  return ok();
}

Result<void> LiveRoom::change_settings(std::string_view actor, const RoomSettings& settings) {
  HEARTH_TRY(facilitator(actor));
  if (settings.waiting_message && characters_in(*settings.waiting_message) > kMaxWaitingMessage) {
    return Error::of(Errc::invalid_argument, "the waiting room message is too long",
                     "waiting_message");
  }
  if (settings.auto_admit) auto_admit_ = *settings.auto_admit;
  if (settings.sharing_allowed) {
    sharing_allowed_ = *settings.sharing_allowed;
    // Taking the permission back ends the participants' shares now, not at their next change.
    if (!sharing_allowed_) {
      for (auto& p : participants_) {
        if (p.person.role != Role::facilitator) p.sharing = false;
      }
    }
  }
  if (settings.waiting_message) waiting_message_ = *settings.waiting_message;
  changed();
  return ok();
}

Result<void> LiveRoom::hand_over(std::string_view actor, std::string_view target) {
  HEARTH_TRY(facilitator(actor));
  HEARTH_TRY_ASSIGN(Participant * p, target_of(target));
  if (p->person.role != Role::facilitator || p->stage != Stage::in_room) {
    return Error::of(Errc::invalid_argument, "facilitation goes only to a facilitator in the room",
                     "participant_id");
  }
  lead_user_id_ = p->person.user_id;
  changed();
  return ok();
}

Result<Effects> LiveRoom::end(std::string_view actor) {
  HEARTH_TRY(facilitator(actor));
  Effects effects;
  for (auto& p : participants_) {
    leave_room(p, effects);
    effects.closed.push_back({p.participant_id, CloseReason::ended});
  }
  participants_.clear();
  spotlight_.reset();
  ended_ = true;
  changed();
  return effects;
}

Result<void> LiveRoom::change_media(std::string_view actor, const MediaChange& change) {
  HEARTH_TRY(in_room(actor));
  Participant* p = find_mutable(actor);
  if (change.muted && !*change.muted && p->hard_muted) {
    return Error::of(Errc::hard_muted, "the facilitator has muted you; they can let you unmute",
                     "muted");
  }
  if (change.sharing && *change.sharing && p->person.role != Role::facilitator &&
      !sharing_allowed_) {
    return Error::of(Errc::permission_denied, "the facilitator has not allowed screen sharing",
                     "sharing");
  }
  if (change.muted) p->muted = *change.muted;
  if (change.camera_on) p->camera_on = *change.camera_on;
  if (change.sharing) p->sharing = *change.sharing;
  changed();
  return ok();
}

Result<void> LiveRoom::raise_hand(std::string_view actor, bool raised) {
  HEARTH_TRY(in_room(actor));
  Participant* p = find_mutable(actor);
  if (raised == (p->hand_seq != 0)) return ok();  // as it is: keeps the place in the queue
  p->hand_seq = raised ? next_seq_++ : 0;
  changed();
  return ok();
}

Result<void> LiveRoom::may_signal(std::string_view from, std::string_view to) const {
  HEARTH_TRY(in_room(from));
  if (from == to) return Error::of(Errc::invalid_argument, "signal someone else", "to");
  const Participant* other = find(to);
  if (!other || other->stage != Stage::in_room || other->place != find(from)->place) {
    return Error::of(Errc::not_admitted, "nobody with this participant id is where you are", "to");
  }
  return ok();
}

Result<void> LiveRoom::in_room(std::string_view participant_id) const {
  const Participant* p = find(participant_id);
  if (!p || p->stage != Stage::in_room) {
    return Error::of(Errc::not_admitted, "you are not in the room yet");
  }
  return ok();
}

std::optional<std::string> LiveRoom::lead() const {
  std::optional<std::string> first_facilitator;
  for (const Participant* p : in_room()) {
    if (p->person.role != Role::facilitator) continue;
    if (p->person.user_id == lead_user_id_) return p->participant_id;
    if (!first_facilitator) first_facilitator = p->participant_id;
  }
  // The lead is away: whoever of the facilitators entered first leads meanwhile.
  return first_facilitator;
}

std::vector<const Participant*> LiveRoom::in_room() const {
  return sorted_where(
      participants_, [](const Participant& p) { return p.stage == Stage::in_room; },
      [](const Participant* a, const Participant* b) { return a->joined_seq < b->joined_seq; });
}

std::vector<const Participant*> LiveRoom::waiting() const {
  return sorted_where(
      participants_, [](const Participant& p) { return p.stage == Stage::waiting; },
      [](const Participant* a, const Participant* b) { return a->line_seq < b->line_seq; });
}

std::vector<const Participant*> LiveRoom::hands() const {
  return sorted_where(
      participants_,
      [](const Participant& p) { return p.stage == Stage::in_room && p.hand_seq != 0; },
      [](const Participant* a, const Participant* b) { return a->hand_seq < b->hand_seq; });
}

const Participant* LiveRoom::find(std::string_view participant_id) const {
  for (const auto& p : participants_) {
    if (p.participant_id == participant_id) return &p;
  }
  return nullptr;
}

std::size_t LiveRoom::place_in_line(std::string_view participant_id) const {
  const auto line = waiting();
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i]->participant_id == participant_id) return i + 1;
  }
  return 0;
}

Participant* LiveRoom::find_mutable(std::string_view participant_id) {
  for (auto& p : participants_) {
    if (p.participant_id == participant_id) return &p;
  }
  return nullptr;
}

Participant* LiveRoom::find_person(std::string_view user_id) {
  for (auto& p : participants_) {
    if (p.person.user_id == user_id) return &p;
  }
  return nullptr;
}

Result<void> LiveRoom::facilitator(std::string_view actor) const {
  if (ended_) return ended_error();
  const Participant* p = find(actor);
  if (!p || p->stage != Stage::in_room) {
    return Error::of(Errc::not_admitted, "you are not in the room yet");
  }
  if (p->person.role != Role::facilitator) {
    return Error::of(Errc::permission_denied, "only the session's facilitators can do this");
  }
  return ok();
}

Result<Participant*> LiveRoom::target_of(std::string_view target) {
  Participant* p = find_mutable(target);
  if (!p) return not_a_participant();
  return p;
}

void LiveRoom::enter_room(Participant& p, Effects& effects) {
  p.stage = Stage::in_room;
  p.joined_seq = next_seq_++;
  p.line_seq = 0;
  // While the breakout rooms are open, someone assigned to one goes straight there.
  p.place = breakouts_.stage == BreakoutStage::open && p.person.role == Role::participant
                ? assigned_room(p.person.user_id)
                : kMainRoom;
  admitted_before_.insert(p.person.user_id);
  if (p.person.role == Role::facilitator && lead_user_id_.empty()) {
    lead_user_id_ = p.person.user_id;
  }
  if (!p.person.guest) effects.attendance_started.push_back(p.person.user_id);
}

void LiveRoom::leave_room(Participant& p, Effects& effects) {
  if (p.stage != Stage::in_room || p.person.guest) return;
  effects.attendance_stopped.push_back(p.person.user_id);
}

}  // namespace hearth::session
