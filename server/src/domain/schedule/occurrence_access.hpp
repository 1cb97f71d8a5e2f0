// The first step of every request about one session: the occurrence, its group and how the
// caller stands to that group, read inside the caller's transaction. Each service then decides
// what the caller may do with it (see, manage, enter).
#pragma once

#include <string_view>

#include "base/result.hpp"
#include "domain/identity/identity.hpp"
#include "domain/program/program_access.hpp"
#include "store/store.hpp"

namespace hearth::schedule {

struct OccurrenceInGroup {
  store::OccurrenceRecord occurrence;
  store::GroupRecord group;
  program::GroupRelation relation;
};

// not_found ("no such session") for an id that is not one, or an occurrence or group that does
// not exist.
Result<OccurrenceInGroup> load_occurrence(store::Transaction& tx, const identity::Caller& caller,
                                          std::string_view occurrence_id);

}  // namespace hearth::schedule
