#include "domain/session/live_session_service.hpp"

#include <algorithm>

#include "base/ids.hpp"
#include "domain/program/program_access.hpp"
#include "domain/schedule/occurrence_access.hpp"
#include "domain/schedule/roster.hpp"
#include "domain/schedule/schedule_service.hpp"

namespace hearth::session {
namespace {

Error no_such_session() {
  return Error::of(Errc::not_found, "no such session", "occurrence_id");
}

// The seat holders by name, then the guests in the order they were invited.
std::vector<Person> expected_people(const std::vector<store::UserRecord>& roster,
                                    const store::GroupRecord& group,
                                    const std::vector<store::UserRecord>& guests) {
  std::vector<Person> expected;
  for (const auto& person : roster) {
    if (person.id == group.facilitator_id || person.id == group.co_facilitator_id) continue;
    expected.push_back(
        Person{person.id, person.display_name, person.pronouns, Role::participant, false});
  }
  std::sort(expected.begin(), expected.end(),
            [](const Person& a, const Person& b) { return a.name < b.name; });
  for (const auto& person : guests) {
    expected.push_back(
        Person{person.id, person.display_name, person.pronouns, Role::participant, true});
  }
  return expected;
}

}  // namespace

Result<std::vector<Person>> LiveSessionService::expected_at(std::string_view occurrence_id) {
  if (!is_valid_id(occurrence_id)) return no_such_session();
  std::vector<Person> expected;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(const auto occurrence, tx.find_occurrence(occurrence_id));
    if (!occurrence) return no_such_session();
    HEARTH_TRY_ASSIGN(const auto group, tx.find_group(occurrence->group_id));
    if (!group) return no_such_session();
    HEARTH_TRY_ASSIGN(const auto roster, schedule::people_of_session(tx, *group));
    HEARTH_TRY_ASSIGN(const auto guests, schedule::guests_of_session(tx, occurrence->id));
    expected = expected_people(roster, *group, guests);
    return ok();
  }));
  return expected;
}

Result<Entry> LiveSessionService::entry(const identity::Caller& caller,
                                        std::string_view occurrence_id) {
  if (!is_valid_id(occurrence_id)) return no_such_session();
  Entry entry;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    auto found = schedule::load_occurrence(tx, caller, occurrence_id);
    if (!found) return found.error().code == Errc::not_found ? no_such_session() : found.error();
    const auto* occurrence = &found->occurrence;
    const auto* group = &found->group;
    const auto& relation = found->relation;
    const bool seat = relation.place && relation.place->state == "member";
    const bool leads = program::can_manage_group(caller, relation);
    HEARTH_TRY_ASSIGN(const auto guests, schedule::guests_of_session(tx, occurrence->id));
    const bool guest = !seat && !leads &&
                       std::any_of(guests.begin(), guests.end(),
                                   [&](const auto& g) { return g.id == caller.user_id; });
    if (!seat && !leads && !guest) return no_such_session();
    if (occurrence->status != "scheduled") {
      return Error::of(Errc::conflict, "this session is cancelled");
    }
    const std::int64_t now = clock_.now_ms();
    if (now < occurrence->starts_at_ms - schedule::kJoinEarlyMs) {
      return Error::of(Errc::conflict, "the session opens 10 minutes before it starts");
    }
    if (now > occurrence->ends_at_ms) return Error::of(Errc::conflict, "this session is over");
    HEARTH_TRY_ASSIGN(const auto user, tx.find_user(caller.user_id));
    if (!user) return no_such_session();
    HEARTH_TRY_ASSIGN(const auto roster, schedule::people_of_session(tx, *group));
    entry.roster_size = roster.size() + guests.size();
    entry.expected = expected_people(roster, *group, guests);
    entry.occurrence_id = occurrence->id;
    entry.group_id = group->id;
    entry.starts_at_ms = occurrence->starts_at_ms;
    entry.ends_at_ms = occurrence->ends_at_ms;
    entry.person = Person{user->id, user->display_name, user->pronouns,
                          leads ? Role::facilitator : Role::participant, guest};
    return ok();
  }));
  return entry;
}

Result<void> LiveSessionService::record(const identity::Caller& caller,
                                        std::string_view occurrence_id, bool entered) {
  auto recorded = attendance_.record_event(caller, occurrence_id, entered ? "join" : "leave", "");
  // Staff who manage the group without leading it are not expected, so they have no row; after
  // the scheduled end there is nothing left to count (the row settles at the end by itself).
  if (!recorded && recorded.error().code == Errc::conflict) return ok();
  if (!recorded) return recorded.error();
  return ok();
}

}  // namespace hearth::session
