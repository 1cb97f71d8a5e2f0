#include "domain/schedule/occurrence_access.hpp"

#include "base/ids.hpp"

namespace hearth::schedule {

Result<OccurrenceInGroup> load_occurrence(store::Transaction& tx, const identity::Caller& caller,
                                          std::string_view occurrence_id) {
  const auto none = [] { return Error::of(Errc::not_found, "no such session"); };
  if (!is_valid_id(occurrence_id)) return none();
  HEARTH_TRY_ASSIGN(auto occ, tx.find_occurrence(occurrence_id));
  if (!occ) return none();
  HEARTH_TRY_ASSIGN(auto group, tx.find_group(occ->group_id));
  if (!group) return none();
  HEARTH_TRY_ASSIGN(auto relation, program::group_relation(tx, caller, *group));
  return OccurrenceInGroup{std::move(*occ), std::move(*group), std::move(relation)};
}

}  // namespace hearth::schedule
