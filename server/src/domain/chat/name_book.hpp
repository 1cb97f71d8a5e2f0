// NameBook: the names a care-team list shows beside its records (people, programs, rooms), each
// looked up once per transaction however many records name it. Used by the safety alert list
// and the report queue.
#pragma once

#include <map>
#include <string>

#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::chat {

// Where something happened, as the care team reads it.
struct RoomLabel {
  std::string kind;  // "group", "program" or "private"; "" for a room that is gone
  std::string name;  // the group's or the program's; "" for a private conversation
};

class NameBook {
 public:
  explicit NameBook(store::Transaction& tx) : tx_(tx) {}

  // The person's display name; "" for no one ("") or an account that is gone.
  Result<std::string> person(const std::string& user_id);
  Result<std::string> program(const std::string& program_id);
  Result<RoomLabel> room(const std::string& room_id);

 private:
  store::Transaction& tx_;
  std::map<std::string, std::string> people_;
  std::map<std::string, std::string> programs_;
};

}  // namespace hearth::chat
