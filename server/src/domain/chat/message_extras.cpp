#include "domain/chat/message_extras.hpp"

#include <algorithm>

#include "base/ids.hpp"
#include "domain/chat/room_access.hpp"

namespace hearth::chat {
namespace {

Error bad_mentions(std::string message) {
  return Error::of(Errc::invalid_argument, std::move(message), "mentions");
}

Error bad_files(std::string message) {
  return Error::of(Errc::invalid_argument, std::move(message), "file_ids");
}

void drop_repeats(std::vector<std::string>& ids) {
  std::vector<std::string> seen;
  for (auto& id : ids) {
    if (std::ranges::find(seen, id) == seen.end()) seen.push_back(std::move(id));
  }
  ids = std::move(seen);
}

}  // namespace

Result<std::vector<RoomPerson>> room_people(store::Transaction& tx,
                                            const store::ChatRoomRecord& room) {
  std::vector<RoomPerson> people;
  HEARTH_TRY_ASSIGN(auto everyone, tx.list_people_of_program(room.program_id));
  for (const auto& person : everyone) {
    identity::Caller who;
    who.user_id = person.id;
    HEARTH_TRY_ASSIGN(bool uses, may_use(tx, who, room));
    if (uses) people.push_back({person.id, person.display_name});
  }
  std::ranges::sort(people, {}, &RoomPerson::name);
  return people;
}

Result<store::ChatMessageRecord> thread_root_for(store::Transaction& tx,
                                                 const store::ChatRoomRecord& room,
                                                 std::string_view root_id) {
  const auto not_here = [] {
    return Error::of(Errc::invalid_argument, "no such message in this room", "thread_root_id");
  };
  if (!is_valid_id(root_id)) return not_here();
  HEARTH_TRY_ASSIGN(auto root, tx.find_chat_message(root_id));
  if (!root || root->room_id != room.id) return not_here();
  if (!root->thread_root_id.empty()) {
    HEARTH_TRY_ASSIGN(root, tx.find_chat_message(root->thread_root_id));
    if (!root || root->room_id != room.id) return not_here();
  }
  if (root->deleted_at_ms != 0 || root->hidden_at_ms != 0) {
    return Error::of(Errc::invalid_argument, "one cannot reply to a deleted or hidden message",
                     "thread_root_id");
  }
  return std::move(*root);
}

Result<std::vector<std::string>> checked_mentions(store::Transaction& tx,
                                                  const store::ChatRoomRecord& room,
                                                  std::string_view author_id, std::string_view text,
                                                  std::vector<std::string> mentions) {
  drop_repeats(mentions);
  if (mentions.size() > kMaxMentions) return bad_mentions("a message may name at most 20 people");
  for (const auto& id : mentions) {
    if (!is_valid_id(id) || id == author_id) return bad_mentions("no such person in this room");
    identity::Caller who;
    who.user_id = id;
    HEARTH_TRY_ASSIGN(bool uses, may_use(tx, who, room));
    HEARTH_TRY_ASSIGN(auto user, tx.find_user(id));
    if (!uses || !user) return bad_mentions("no such person in this room");
    // Nobody is named without the room seeing it: the text says whom it calls.
    if (text.find("@" + user->display_name) == std::string_view::npos) {
      return bad_mentions("each person mentioned must be named in the text with @");
    }
  }
  return mentions;
}

Result<std::vector<store::ChatFileRef>> send_files(store::Transaction& tx,
                                                   const store::ChatRoomRecord& room,
                                                   std::string_view poster_id,
                                                   std::string_view message_id,
                                                   std::vector<std::string> file_ids) {
  drop_repeats(file_ids);
  if (file_ids.size() > kMaxFilesPerMessage) return bad_files("a message may carry 4 files");
  std::vector<store::ChatFileRef> sent;
  for (const auto& id : file_ids) {
    if (!is_valid_id(id)) return bad_files("no such file waiting to be sent");
    HEARTH_TRY_ASSIGN(auto file, tx.find_chat_file(id));
    if (!file || file->room_id != room.id || file->uploader_id != poster_id ||
        !file->message_id.empty()) {
      return bad_files("no such file waiting to be sent");
    }
    HEARTH_TRY_ASSIGN(bool attached, tx.attach_chat_file(id, message_id));
    if (!attached) return bad_files("no such file waiting to be sent");
    sent.push_back({file->id, file->name, file->type, file->size});
  }
  return sent;
}

bool change_reaction(std::vector<store::ChatReaction>& reactions, std::string_view reaction,
                     std::string_view user_id, bool give) {
  auto given = std::ranges::find(reactions, reaction, &store::ChatReaction::reaction);
  if (!give) {
    if (given == reactions.end()) return false;
    const auto erased = std::erase(given->user_ids, user_id);
    if (given->user_ids.empty()) reactions.erase(given);
    return erased > 0;
  }
  if (given != reactions.end()) {
    if (std::ranges::find(given->user_ids, user_id) != given->user_ids.end()) return false;
    given->user_ids.emplace_back(user_id);
    return true;
  }
  reactions.push_back({std::string(reaction), {std::string(user_id)}});
  const auto place = [](const store::ChatReaction& r) {
    return std::ranges::find(kReactions, r.reaction) - kReactions.begin();
  };
  std::ranges::stable_sort(reactions, {}, place);
  return true;
}

}  // namespace hearth::chat
