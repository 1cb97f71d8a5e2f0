// The chat conformance cases' fixture: a World (schedule_fixture.hpp) with helpers to make a
// group's room and post numbered messages in it, as the chat service does.
#pragma once

#include <string>

#include "schedule_fixture.hpp"

namespace hearth::store::testing {

inline ChatRoomRecord group_room(const GroupRecord& group) {
  return ChatRoomRecord{.id = new_id(),
                        .kind = "group",
                        .program_id = group.program_id,
                        .group_id = group.id,
                        .last_seq = 0,
                        .created_at_ms = 11};
}

inline ChatMessageRecord message(const ChatRoomRecord& room, std::int64_t seq,
                                 const UserRecord& author, std::string client_message_id) {
  return ChatMessageRecord{.id = new_id(),
                           .room_id = room.id,
                           .seq = seq,
                           .author_id = author.id,
                           .client_message_id = std::move(client_message_id),
                           .text = "message " + std::to_string(seq) + " ünïcødé ✓",
                           .created_at_ms = 1000 + seq,
                           .author_name = {}};
}

class ChatStore : public ScheduleStore {
 protected:
  ChatRoomRecord ensure(const ChatRoomRecord& wanted) {
    ChatRoomRecord room;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(room, tx.ensure_chat_room(wanted));
      return ok();
    });
    return room;
  }
  // Numbers and stores one message from `author`, as a sender does: in one transaction.
  ChatMessageRecord post(const ChatRoomRecord& room, const UserRecord& author,
                         const std::string& client_message_id) {
    ChatMessageRecord stored;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(auto seq, tx.take_chat_seq(room.id));
      stored = message(room, seq, author, client_message_id);
      return tx.insert_chat_message(stored);
    });
    return stored;
  }
};

}  // namespace hearth::store::testing
