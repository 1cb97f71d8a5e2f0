// ChatService's reactions and the room's people one may name with @ (message_extras.hpp has
// the checks that posting a reply, a mention or a file shares with these).
#include <algorithm>
#include <string>

#include "base/ids.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/chat/room_access.hpp"

namespace hearth::chat {

Result<Changed> ChatService::react(const identity::Caller& caller, std::string_view room_id,
                                   std::string_view message_id, std::string_view reaction,
                                   bool give) {
  if (std::ranges::find(kReactions, reaction) == kReactions.end()) {
    return Error::of(Errc::invalid_argument,
                     "reaction must be one of heart, hug, strength, clap, sunflower, thanks",
                     "reaction");
  }
  const std::int64_t now_ms = clock_.now_ms();
  return change_message(caller, room_id, message_id,
                        [&](store::Transaction& tx, const store::ChatRoomRecord& room,
                            store::ChatMessageRecord& message, Changed&) -> Result<bool> {
                          if (message.deleted_at_ms != 0 || message.hidden_at_ms != 0) {
                            return Error::of(Errc::invalid_argument,
                                             "a deleted or hidden message cannot take reactions",
                                             "message_id");
                          }
                          HEARTH_TRY(must_not_be_muted(tx, caller, room, now_ms));
                          return change_reaction(message.reactions, reaction, caller.user_id, give);
                        });
}

Result<std::vector<RoomPerson>> ChatService::people(const identity::Caller& caller,
                                                    std::string_view room_id) {
  if (!is_valid_id(room_id)) return no_such_room();
  std::vector<RoomPerson> found;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
    HEARTH_TRY_ASSIGN(found, room_people(tx, room));
    return ok();
  }));
  return found;
}

}  // namespace hearth::chat
