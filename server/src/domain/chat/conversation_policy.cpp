#include "domain/chat/conversation_policy.hpp"

#include <algorithm>

namespace hearth::chat {
namespace {

// A seat in the group (not the waiting list), or leading it.
Result<bool> seated(store::Transaction& tx, const store::GroupRecord& group,
                    std::string_view user_id) {
  if (group.facilitator_id == user_id || group.co_facilitator_id == user_id) return true;
  HEARTH_TRY_ASSIGN(auto place, tx.find_group_member(group.id, user_id));
  return place && place->state == "member";
}

Result<bool> share_a_group(store::Transaction& tx, std::string_view program_id, std::string_view a,
                           std::string_view b) {
  HEARTH_TRY_ASSIGN(auto groups, tx.list_groups(program_id));
  for (const auto& group : groups) {
    if (group.status != "active") continue;
    HEARTH_TRY_ASSIGN(bool a_in, seated(tx, group, a));
    if (!a_in) continue;
    HEARTH_TRY_ASSIGN(bool b_in, seated(tx, group, b));
    if (b_in) return true;
  }
  return false;
}

}  // namespace

bool belongs_to_program(const store::MembershipRecord& m) {
  if (m.kind == "participant") return m.status != "discharged";
  return m.is_current_staff();
}

Result<bool> may_converse(store::Transaction& tx, const store::ProgramRecord& program,
                          std::string_view a, std::string_view b) {
  if (a == b) return false;
  HEARTH_TRY_ASSIGN(auto a_membership, tx.find_membership(program.id, a));
  if (!a_membership || !belongs_to_program(*a_membership)) return false;
  HEARTH_TRY_ASSIGN(auto b_membership, tx.find_membership(program.id, b));
  if (!b_membership || !belongs_to_program(*b_membership)) return false;
  // A participant with their care team, and colleagues, always.
  if (a_membership->kind == "staff" || b_membership->kind == "staff") return true;
  if (program.private_messages == "care_team") return false;
  return share_a_group(tx, program.id, a, b);
}

std::string conversation_key(std::vector<std::string> user_ids) {
  std::ranges::sort(user_ids);
  std::string key;
  for (const auto& id : user_ids) {
    if (!key.empty()) key += ',';
    key += id;
  }
  return key;
}

std::string conversation_name(const std::vector<store::ChatRoomMember>& members,
                              std::string_view viewer) {
  std::vector<std::string_view> others;
  for (const auto& member : members) {
    if (member.user_id != viewer) others.push_back(member.display_name);
  }
  std::ranges::sort(others);
  std::string name;
  for (const auto other : others) {
    if (!name.empty()) name += ", ";
    name += other;
  }
  return name.empty() ? "Only you" : name;
}

}  // namespace hearth::chat
