#include "domain/program/program_views.hpp"

#include <algorithm>

namespace hearth::program {

PersonRef person_ref(const store::UserRecord& user) {
  return PersonRef{user.id, user.display_name, user.pronouns, user.roles};
}

PersonRef person_ref(const store::PersonNameRecord& person) {
  return PersonRef{person.id, person.display_name, person.pronouns, person.roles};
}

Result<std::optional<PersonRef>> load_person(store::Transaction& tx, std::string_view id) {
  if (id.empty()) return std::optional<PersonRef>();
  HEARTH_TRY_ASSIGN(const auto user, tx.find_user(id));
  if (!user) return std::optional<PersonRef>();
  return std::optional<PersonRef>(person_ref(*user));
}

Result<ProgramView> program_view(store::Transaction& tx, Program program) {
  ProgramView view{std::move(program), {}};
  HEARTH_TRY_ASSIGN(const auto memberships, tx.list_memberships_of_program(view.program.id));
  for (const auto& m : memberships) {
    if (!m.is_current_staff()) continue;
    HEARTH_TRY_ASSIGN(auto person, load_person(tx, m.user_id));
    if (person) view.staff.push_back(std::move(*person));
  }
  std::sort(view.staff.begin(), view.staff.end(),
            [](const PersonRef& a, const PersonRef& b) { return a.display_name < b.display_name; });
  return view;
}

Result<GroupView> group_view(store::Transaction& tx, const Caller& caller, Group group,
                             const std::string& program_name) {
  GroupView view;
  HEARTH_TRY_ASSIGN(view.facilitator, load_person(tx, group.facilitator_id));
  HEARTH_TRY_ASSIGN(view.co_facilitator, load_person(tx, group.co_facilitator_id));
  HEARTH_TRY_ASSIGN(const auto places, tx.list_group_members(group.id));
  int position = 0;
  for (const auto& p : places) {
    if (p.state == "member") ++view.seats_taken;
    if (p.state == "waiting") {
      ++view.waiting;
      ++position;
    }
    if (p.user_id == caller.user_id) {
      view.my_place = p.state;
      if (p.state == "waiting") view.waiting_position = position;
    }
  }
  if (view.my_place.empty() && !caller.user_id.empty() &&
      (group.facilitator_id == caller.user_id || group.co_facilitator_id == caller.user_id)) {
    view.my_place = "facilitator";
  }
  view.program_name = program_name;
  view.group = std::move(group);
  return view;
}

Result<std::vector<GroupMemberView>> member_views(store::Transaction& tx,
                                                  std::string_view group_id) {
  HEARTH_TRY_ASSIGN(auto places, tx.list_group_members(group_id));
  std::vector<GroupMemberView> out;
  int position = 0;
  for (auto& p : places) {
    HEARTH_TRY_ASSIGN(auto person, load_person(tx, p.user_id));
    if (!person) continue;
    GroupMemberView v{std::move(p), std::move(*person), std::nullopt};
    if (v.place.state == "waiting") v.position = ++position;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace hearth::program
