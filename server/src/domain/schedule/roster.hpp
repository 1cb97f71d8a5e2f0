// Who a group's sessions are for: the people holding a seat, and the facilitators; and who is
// invited to one of them besides (guests).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::schedule {

// Seat holders first (by user id), then the facilitator and co-facilitator; each person once.
// Deactivated accounts are left out.
Result<std::vector<store::UserRecord>> people_of_session(store::Transaction& tx,
                                                         const store::GroupRecord& group);
// The guests invited to one occurrence (not on the roster), in the order they were invited.
// Deactivated accounts are left out.
Result<std::vector<store::UserRecord>> guests_of_session(store::Transaction& tx,
                                                         std::string_view occurrence_id);
// Only the seat holders ("member"), by user id.
Result<std::vector<std::string>> seat_holders(store::Transaction& tx, std::string_view group_id);

}  // namespace hearth::schedule
