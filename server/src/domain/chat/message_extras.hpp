// What a chat message may carry beside its text, checked inside the poster's transaction: a
// thread it replies in, people it names with @, files sent with it, and the reactions others
// give it. ChatService (post, edit, react) calls these; they change only what they are given.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::chat {

// A small set of supportive reactions, in the order they are shown: a therapy group's members
// encourage each other; they do not need every emoji (and some would land badly).
inline constexpr std::array<std::string_view, 6> kReactions = {"heart", "hug",       "strength",
                                                               "clap",  "sunflower", "thanks"};
inline constexpr std::size_t kMaxMentions = 20;
inline constexpr std::size_t kMaxFilesPerMessage = 4;

// What a new message carries beside its text (each part may be empty).
struct MessageExtras {
  std::string thread_root_id;         // a message of the room: the new one replies in its thread
  std::vector<std::string> mentions;  // user ids named in the text with @
  std::vector<std::string> file_ids;  // files the poster uploaded to the room and has not sent
};

// Someone who may read a room, as others name them.
struct RoomPerson {
  std::string id;
  std::string name;
};

// Everyone who may read the room now (those a moderator removed not), by name.
Result<std::vector<RoomPerson>> room_people(store::Transaction& tx,
                                            const store::ChatRoomRecord& room);

// The thread a reply joins: the message `root_id` names, or, when that is itself a reply, its
// thread's first message (threads do not nest). invalid_argument (field thread_root_id) for a
// message that is not in the room, or is deleted or hidden.
Result<store::ChatMessageRecord> thread_root_for(store::Transaction& tx,
                                                 const store::ChatRoomRecord& room,
                                                 std::string_view root_id);

// The mentions, without repeats, once each is checked: at most kMaxMentions, each one of the
// room's people other than the author, and named in `text` as "@" and their name.
// invalid_argument (field mentions) otherwise.
Result<std::vector<std::string>> checked_mentions(store::Transaction& tx,
                                                  const store::ChatRoomRecord& room,
                                                  std::string_view author_id, std::string_view text,
                                                  std::vector<std::string> mentions);

// Marks the files sent with message `message_id` and gives them as the message lists them: at
// most kMaxFilesPerMessage, each uploaded to this room by the poster and not sent before
// (invalid_argument, field file_ids, otherwise).
Result<std::vector<store::ChatFileRef>> send_files(store::Transaction& tx,
                                                   const store::ChatRoomRecord& room,
                                                   std::string_view poster_id,
                                                   std::string_view message_id,
                                                   std::vector<std::string> file_ids);

// Gives or takes back `user_id`'s reaction (a code of kReactions, checked by the caller); false
// when there was nothing to change. Keeps the reactions in kReactions order.
bool change_reaction(std::vector<store::ChatReaction>& reactions, std::string_view reaction,
                     std::string_view user_id, bool give);

}  // namespace hearth::chat
