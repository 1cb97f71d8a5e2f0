// Who may be in which chat room, and who may write to whom privately.
//
// Private conversations (two people, or a small group of up to kMaxConversationPeople) are open
// between people of one program: a participant and the program's staff (their care team) and
// staff among themselves always; two participants only when they share a group and the program's
// private_messages setting is "all" (a program may keep participants' private messages to the care
// team: "care_team").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::chat {

inline constexpr std::size_t kMaxConversationPeople = 8;  // the starter included

// A participant still in treatment (on hold included), or current staff. Discharged alumni and
// ended staff have no place in the program's rooms; alumni rooms come with the alumni issue.
bool belongs_to_program(const store::MembershipRecord& membership);

// Whether `a` and `b` may write to each other privately in `program`, read in the caller's
// transaction.
Result<bool> may_converse(store::Transaction& tx, const store::ProgramRecord& program,
                          std::string_view a, std::string_view b);

// The key a private room is found by: its people's ids, sorted and joined with commas, so that
// the same people in one program always come back to the same conversation.
std::string conversation_key(std::vector<std::string> user_ids);

// A private room's name as `viewer` sees it: the other people's names, alphabetically.
std::string conversation_name(const std::vector<store::ChatRoomMember>& members,
                              std::string_view viewer);

}  // namespace hearth::chat
