#include "domain/schedule/roster.hpp"

#include <algorithm>

namespace hearth::schedule {

Result<std::vector<std::string>> seat_holders(store::Transaction& tx, std::string_view group_id) {
  HEARTH_TRY_ASSIGN(const auto places, tx.list_group_members(group_id));
  std::vector<std::string> ids;
  for (const auto& p : places) {
    if (p.state == "member") ids.push_back(p.user_id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::vector<store::UserRecord>> people_of_session(store::Transaction& tx,
                                                         const store::GroupRecord& group) {
  HEARTH_TRY_ASSIGN(auto ids, seat_holders(tx, group.id));
  for (const auto* lead : {&group.facilitator_id, &group.co_facilitator_id}) {
    if (!lead->empty() && std::find(ids.begin(), ids.end(), *lead) == ids.end()) {
      ids.push_back(*lead);
    }
  }
  std::vector<store::UserRecord> people;
  for (const auto& id : ids) {
    HEARTH_TRY_ASSIGN(auto user, tx.find_user(id));
    if (user && user->status == "active") people.push_back(std::move(*user));
  }
  return people;
}

Result<std::vector<store::UserRecord>> guests_of_session(store::Transaction& tx,
                                                         std::string_view occurrence_id) {
  HEARTH_TRY_ASSIGN(const auto guests, tx.list_session_guests(occurrence_id));
  std::vector<store::UserRecord> people;
  for (const auto& guest : guests) {
    HEARTH_TRY_ASSIGN(auto user, tx.find_user(guest.user_id));
    if (user && user->status == "active") people.push_back(std::move(*user));
  }
  return people;
}

}  // namespace hearth::schedule
