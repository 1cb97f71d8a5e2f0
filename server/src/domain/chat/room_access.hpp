// Who may do what in a chat room, read inside the caller's transaction: shared by the chat
// service (post, edit, hide…) and the report service (members report, clinicians review).
//
// - belong: a group's room: its members (seat state "member") and facilitators. A program's
//   community room: anyone who belongs to the program. A private conversation: its people, while
//   they belong to the program.
// - use: read and post: those who belong, unless a moderator removed them from the room's chat
//   (a muted person uses the room but may not post: must_not_be_muted).
// - moderate: delete others' messages, read earlier versions, hide messages, mute and remove
//   people. A group's facilitators, and the program's current clinicians; private conversations
//   have none (nobody outside them reads them, staff in them included; a report brings a message
//   of one to the care team instead).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/identity/identity.hpp"
#include "store/store.hpp"

namespace hearth::chat {

// The group's facilitator or co-facilitator.
bool runs_group(const store::GroupRecord& group, std::string_view user_id);

Result<bool> belongs_to_room(store::Transaction& tx, const identity::Caller& caller,
                             const store::ChatRoomRecord& room);
Result<bool> may_use(store::Transaction& tx, const identity::Caller& caller,
                     const store::ChatRoomRecord& room);
// Errc::muted while a moderator's mute of the caller in the room lasts (at now_ms).
Result<void> must_not_be_muted(store::Transaction& tx, const identity::Caller& caller,
                               const store::ChatRoomRecord& room, std::int64_t now_ms);
// The same, for the caller's restriction already read (RoomInUse).
Result<void> must_not_be_muted(const std::optional<store::ChatRestrictionRecord>& restriction,
                               std::int64_t now_ms);
Result<bool> may_moderate(store::Transaction& tx, const identity::Caller& caller,
                          const store::ChatRoomRecord& room);
// A current clinician of the program: the care team that reviews reports and hears alerts.
Result<bool> is_current_clinician(store::Transaction& tx, const identity::Caller& caller,
                                  std::string_view program_id);

// The program's current clinicians (by user id), who hear its alerts and review its reports.
Result<std::vector<std::string>> current_clinicians(store::Transaction& tx,
                                                    std::string_view program_id);
// The programs the caller is a current clinician of: whose alerts and reports they read.
Result<std::vector<std::string>> programs_of_clinician(store::Transaction& tx,
                                                       const identity::Caller& caller);

// A room the caller may use, with their restriction there if any (a mute): what posting reads
// once, rather than once to use the room and again to check the mute.
struct RoomInUse {
  store::ChatRoomRecord room;
  std::optional<store::ChatRestrictionRecord> restriction;
};
Result<RoomInUse> room_in_use(store::Transaction& tx, const identity::Caller& caller,
                              std::string_view room_id);

// The room, if the caller may use it; not_found alike for a room that does not exist and one
// they may not use, so that room ids reveal nothing.
Result<store::ChatRoomRecord> usable_room(store::Transaction& tx, const identity::Caller& caller,
                                          std::string_view room_id);

Error no_such_room();
Error no_such_message();

// invalid_argument (field "note") for a moderator's or reporter's note longer than
// `max_characters` or holding a control character other than newline and tab.
Result<void> check_note(std::string_view note, std::size_t max_characters);

// Marks `message` hidden by `by` for `reason` (a code of kHideReasons, checked by the caller)
// at `now_ms`, and records chat.message_hidden with the reason code (never the text nor the
// note). The caller numbers the change and stores the message. Nothing to do for a message
// already hidden (false); invalid_argument for a deleted one.
Result<bool> hide_in(store::Transaction& tx, const audit::AuditTrail& audit,
                     const identity::Caller& by, store::ChatMessageRecord& message,
                     std::string_view reason, std::string_view note, std::int64_t now_ms);

}  // namespace hearth::chat
