#include "domain/chat/name_book.hpp"

namespace hearth::chat {

Result<std::string> NameBook::person(const std::string& user_id) {
  if (user_id.empty()) return std::string();
  if (const auto known = people_.find(user_id); known != people_.end()) return known->second;
  HEARTH_TRY_ASSIGN(auto user, tx_.find_user(user_id));
  return people_[user_id] = user ? user->display_name : std::string();
}

Result<std::string> NameBook::program(const std::string& program_id) {
  if (const auto known = programs_.find(program_id); known != programs_.end()) {
    return known->second;
  }
  HEARTH_TRY_ASSIGN(auto found, tx_.find_program(program_id));
  return programs_[program_id] = found ? found->name : std::string();
}

Result<RoomLabel> NameBook::room(const std::string& room_id) {
  HEARTH_TRY_ASSIGN(auto found, tx_.find_chat_room(room_id));
  RoomLabel label;
  if (!found) return label;
  label.kind = found->kind;
  if (found->kind == "group") {
    HEARTH_TRY_ASSIGN(auto group, tx_.find_group(found->group_id));
    if (group) label.name = group->name;
  } else if (found->kind == "program") {
    HEARTH_TRY_ASSIGN(label.name, program(found->program_id));
  }
  return label;
}

}  // namespace hearth::chat
