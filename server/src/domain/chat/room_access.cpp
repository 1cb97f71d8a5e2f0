#include "domain/chat/room_access.hpp"

#include <algorithm>
#include <string>

#include "domain/chat/conversation_policy.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::chat {

bool runs_group(const store::GroupRecord& group, std::string_view user_id) {
  return group.facilitator_id == user_id || group.co_facilitator_id == user_id;
}

Result<bool> may_use(store::Transaction& tx, const identity::Caller& caller,
                     const store::ChatRoomRecord& room) {
  HEARTH_TRY_ASSIGN(bool belongs, belongs_to_room(tx, caller, room));
  if (!belongs) return false;
  HEARTH_TRY_ASSIGN(auto restriction, tx.find_chat_restriction(room.id, caller.user_id));
  return !restriction || restriction->kind != "removed";
}

Result<void> must_not_be_muted(store::Transaction& tx, const identity::Caller& caller,
                               const store::ChatRoomRecord& room, std::int64_t now_ms) {
  HEARTH_TRY_ASSIGN(auto restriction, tx.find_chat_restriction(room.id, caller.user_id));
  return must_not_be_muted(restriction, now_ms);
}

Result<void> must_not_be_muted(const std::optional<store::ChatRestrictionRecord>& restriction,
                               std::int64_t now_ms) {
  if (restriction && restriction->kind == "muted" && restriction->until_ms > now_ms) {
    return Error::of(Errc::muted, "a moderator has muted you in this room for a while");
  }
  return ok();
}

Result<RoomInUse> room_in_use(store::Transaction& tx, const identity::Caller& caller,
                              std::string_view room_id) {
  HEARTH_TRY_ASSIGN(auto room, tx.find_chat_room(room_id));
  if (!room) return no_such_room();
  HEARTH_TRY_ASSIGN(bool belongs, belongs_to_room(tx, caller, *room));
  if (!belongs) return no_such_room();
  HEARTH_TRY_ASSIGN(auto restriction, tx.find_chat_restriction(room->id, caller.user_id));
  if (restriction && restriction->kind == "removed") return no_such_room();
  return RoomInUse{std::move(*room), std::move(restriction)};
}

Result<bool> belongs_to_room(store::Transaction& tx, const identity::Caller& caller,
                             const store::ChatRoomRecord& room) {
  if (room.kind == "group") {
    HEARTH_TRY_ASSIGN(auto place, tx.find_group_member(room.group_id, caller.user_id));
    if (place && place->state == "member") return true;
    HEARTH_TRY_ASSIGN(auto group, tx.find_group(room.group_id));
    return group && runs_group(*group, caller.user_id);
  }
  if (room.kind == "program" || room.kind == "private") {
    HEARTH_TRY_ASSIGN(auto membership, tx.find_membership(room.program_id, caller.user_id));
    if (!membership || !belongs_to_program(*membership)) return false;
    if (room.kind == "program") return true;
    HEARTH_TRY_ASSIGN(auto members, tx.list_chat_room_members(room.id));
    return std::ranges::find(members, caller.user_id, &store::ChatRoomMember::user_id) !=
           members.end();
  }
  return false;
}

Result<bool> is_current_clinician(store::Transaction& tx, const identity::Caller& caller,
                                  std::string_view program_id) {
  if (!caller.roles.has(identity::Role::clinician)) return false;
  HEARTH_TRY_ASSIGN(auto membership, tx.find_membership(program_id, caller.user_id));
  return membership && membership->is_current_staff();
}

Result<std::vector<std::string>> current_clinicians(store::Transaction& tx,
                                                    std::string_view program_id) {
  std::vector<std::string> clinicians;
  HEARTH_TRY_ASSIGN(auto people, tx.list_people_of_program(program_id));
  for (const auto& person : people) {
    const auto roles = identity::RoleSet::parse(person.roles);
    if (!roles || !roles->has(identity::Role::clinician)) continue;
    HEARTH_TRY_ASSIGN(auto staff, tx.find_membership(program_id, person.id));
    if (staff && staff->is_current_staff()) clinicians.push_back(person.id);
  }
  return clinicians;
}

Result<std::vector<std::string>> programs_of_clinician(store::Transaction& tx,
                                                       const identity::Caller& caller) {
  std::vector<std::string> programs;
  if (!caller.roles.has(identity::Role::clinician)) return programs;
  HEARTH_TRY_ASSIGN(auto memberships, tx.list_memberships_of_user(caller.user_id));
  for (const auto& membership : memberships) {
    if (membership.is_current_staff()) programs.push_back(membership.program_id);
  }
  return programs;
}

Result<bool> may_moderate(store::Transaction& tx, const identity::Caller& caller,
                          const store::ChatRoomRecord& room) {
  // Nobody outside a private conversation reads it, so nobody in it rules over the others.
  if (room.kind == "private") return false;
  if (room.kind == "group") {
    HEARTH_TRY_ASSIGN(auto group, tx.find_group(room.group_id));
    if (group && runs_group(*group, caller.user_id)) return true;
  }
  return is_current_clinician(tx, caller, room.program_id);
}

Error no_such_room() {
  return Error::of(Errc::not_found, "no such room");
}

Error no_such_message() {
  return Error::of(Errc::not_found, "no such message in this room", "message_id");
}

Result<store::ChatRoomRecord> usable_room(store::Transaction& tx, const identity::Caller& caller,
                                          std::string_view room_id) {
  HEARTH_TRY_ASSIGN(auto in_use, room_in_use(tx, caller, room_id));
  return std::move(in_use.room);
}

Result<void> check_note(std::string_view note, std::size_t max_characters) {
  std::size_t characters = 0;
  for (const char c : note) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) ++characters;
    if (byte == '\n' || byte == '\t') continue;
    if (byte < 0x20 || byte == 0x7f) {
      return Error::of(Errc::invalid_argument, "a note may not hold control characters", "note");
    }
  }
  if (characters > max_characters) {
    return Error::of(Errc::invalid_argument,
                     "a note may be at most " + std::to_string(max_characters) + " characters",
                     "note");
  }
  return ok();
}

Result<bool> hide_in(store::Transaction& tx, const audit::AuditTrail& audit,
                     const identity::Caller& by, store::ChatMessageRecord& message,
                     std::string_view reason, std::string_view note, std::int64_t now_ms) {
  if (message.deleted_at_ms != 0) {
    return Error::of(Errc::invalid_argument, "a deleted message cannot be hidden", "message_id");
  }
  if (message.hidden_at_ms != 0) return false;
  message.hidden_at_ms = now_ms;
  message.hidden_by = by.user_id;
  message.hidden_reason = std::string(reason);
  message.hidden_note = std::string(note);
  // The reason code only: never the text, nor the note (it may describe the text).
  auto entry = identity::audit_entry(by, "chat.message_hidden", "chat_message", message.id);
  entry.detail = message.hidden_reason;
  HEARTH_TRY(audit.record(tx, entry));
  return true;
}

}  // namespace hearth::chat
