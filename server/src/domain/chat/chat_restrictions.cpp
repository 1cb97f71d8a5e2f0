// ChatService's mutes and removals: a moderator keeps one of the room's people from posting for a
// while, or takes the room's chat from them until restored (room_access.hpp reads both).
#include <algorithm>
#include <string>

#include "base/ids.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/chat/room_access.hpp"
#include "domain/identity/relationships.hpp"

namespace hearth::chat {
namespace {

// The room, if the caller moderates it (mutes and removals, like hiding, are not for private
// conversations); not_found for a room they may not use.
Result<store::ChatRoomRecord> moderated_room(store::Transaction& tx, const identity::Caller& caller,
                                             std::string_view room_id) {
  HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
  HEARTH_TRY_ASSIGN(bool moderates, may_moderate(tx, caller, room));
  if (!moderates) {
    return Error::of(Errc::permission_denied,
                     "only a moderator of the room may mute, remove or restore its people");
  }
  return room;
}

Error not_in_room() {
  return Error::of(Errc::invalid_argument, "no such person in this room", "user_id");
}

// The person as a caller, to ask the room's rules about them.
Result<identity::Caller> person(store::Transaction& tx, std::string_view user_id) {
  if (!is_valid_id(user_id)) return not_in_room();
  HEARTH_TRY_ASSIGN(auto user, tx.find_user(user_id));
  if (!user) return not_in_room();
  identity::Caller who;
  who.user_id = user->id;
  if (auto roles = identity::RoleSet::parse(user->roles)) who.roles = *roles;
  return who;
}

bool still_counts(const store::ChatRestrictionRecord& r, std::int64_t now_ms) {
  return r.kind == "removed" || r.until_ms > now_ms;
}

}  // namespace

Result<store::ChatRestrictionRecord> ChatService::restrict_member(
    const identity::Caller& caller, std::string_view room_id, std::string_view user_id,
    std::string_view kind, std::int64_t minutes, std::string_view reason, std::string_view note) {
  const bool mute = kind == "muted";
  if (!mute && kind != "removed") {
    return Error::of(Errc::invalid_argument, "kind must be \"muted\" or \"removed\"", "kind");
  }
  if (mute && (minutes < 1 || minutes > kMaxMuteMinutes)) {
    return Error::of(Errc::invalid_argument, "minutes must be from 1 to 10080 (a week)", "minutes");
  }
  if (std::ranges::find(kHideReasons, reason) == kHideReasons.end()) {
    return Error::of(Errc::invalid_argument,
                     "reason must be one of triggering, private_information, disrespectful, "
                     "off_topic, spam, other",
                     "reason");
  }
  HEARTH_TRY(check_note(note, kMaxHideNoteCharacters));
  if (!is_valid_id(room_id)) return no_such_room();
  const std::int64_t now_ms = clock_.now_ms();
  store::ChatRestrictionRecord made;
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto room, moderated_room(tx, caller, room_id));
        HEARTH_TRY_ASSIGN(auto who, person(tx, user_id));
        // One who left the room is still theirs to restrict: a removed person does not use it.
        HEARTH_TRY_ASSIGN(bool belongs, belongs_to_room(tx, who, room));
        if (!belongs) return not_in_room();
        HEARTH_TRY_ASSIGN(bool moderator, may_moderate(tx, who, room));
        if (moderator) {
          return Error::of(Errc::invalid_argument,
                           "a moderator of the room cannot be muted or removed", "user_id");
        }
        HEARTH_TRY(tx.put_chat_restriction({.room_id = room.id,
                                            .user_id = who.user_id,
                                            .kind = std::string(kind),
                                            .until_ms = mute ? now_ms + minutes * 60'000 : 0,
                                            .reason = std::string(reason),
                                            .note = std::string(note),
                                            .by = caller.user_id,
                                            .at_ms = now_ms}));
        // The reason code only: never the note.
        auto entry = identity::audit_entry(
            caller, mute ? "chat.member_muted" : "chat.member_removed", "user", who.user_id);
        entry.detail = std::string(reason);
        HEARTH_TRY(audit_.record(tx, entry));
        HEARTH_TRY_ASSIGN(auto stored, tx.find_chat_restriction(room.id, who.user_id));
        if (!stored) return Error::of(Errc::internal, "a restriction vanished while being made");
        made = std::move(*stored);
        return ok();
      }));
  return made;
}

Result<std::optional<store::ChatRestrictionRecord>> ChatService::restore_member(
    const identity::Caller& caller, std::string_view room_id, std::string_view user_id) {
  if (!is_valid_id(room_id)) return no_such_room();
  if (!is_valid_id(user_id)) return not_in_room();
  std::optional<store::ChatRestrictionRecord> lifted;
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        lifted.reset();
        HEARTH_TRY_ASSIGN(auto room, moderated_room(tx, caller, room_id));
        HEARTH_TRY_ASSIGN(lifted, tx.find_chat_restriction(room.id, user_id));
        if (!lifted) return ok();
        HEARTH_TRY(tx.delete_chat_restriction(room.id, user_id));
        auto entry = identity::audit_entry(caller, "chat.member_restored", "user", user_id);
        entry.detail = lifted->kind;
        return audit_.record(tx, entry);
      }));
  return lifted;
}

Result<std::vector<store::ChatRestrictionRecord>> ChatService::restrictions(
    const identity::Caller& caller, std::string_view room_id) {
  if (!is_valid_id(room_id)) return no_such_room();
  const std::int64_t now_ms = clock_.now_ms();
  std::vector<store::ChatRestrictionRecord> listed;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, moderated_room(tx, caller, room_id));
    HEARTH_TRY_ASSIGN(listed, tx.list_chat_restrictions(room.id));
    std::erase_if(listed, [&](const auto& r) { return !still_counts(r, now_ms); });
    return ok();
  }));
  return listed;
}

}  // namespace hearth::chat
