// GroupService: the groups of a program and the places in them — creating and changing groups,
// clinicians assigning participants, participants picking peer groups and workshops from the
// catalogue, waiting lists, requests to join closed groups, and leaving.
//
// Seats are counted and taken in one transaction; both store drivers serialise writers, so two
// requests for the last seat cannot both get it (the loser is told the group is full). A seat
// that comes free goes at once to the first on the waiting list, who is notified.
//
// Methods block on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/program/program_views.hpp"

namespace hearth::program {

struct CatalogueFilter {
  std::string kind;  // "" for any catalogue kind
  std::string tag;   // "" for any
};

class GroupService {
 public:
  GroupService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<GroupView> create(const Caller& caller, std::string_view program_id, NewGroup group);
  Result<GroupView> update(const Caller& caller, std::string_view group_id,
                           const GroupChanges& changes);
  Result<GroupView> group(const Caller& caller, std::string_view group_id);
  Result<std::vector<GroupView>> groups_of_program(const Caller& caller,
                                                   std::string_view program_id,
                                                   bool include_archived);
  Result<std::vector<GroupMemberView>> members(const Caller& caller, std::string_view group_id);

  // A manager gives an active participant of the program a seat (or approves their request).
  Result<GroupMemberView> assign(const Caller& caller, std::string_view group_id,
                                 std::string_view person_id);
  // The person leaves (themself) or is removed, declined or taken off the waiting list (manager).
  Result<void> remove(const Caller& caller, std::string_view group_id, std::string_view person_id);

  Result<std::vector<GroupView>> catalogue(const Caller& caller, const CatalogueFilter& filter);
  Result<GroupMemberView> join(const Caller& caller, std::string_view group_id);
  Result<GroupMemberView> join_waiting_list(const Caller& caller, std::string_view group_id);
  Result<GroupMemberView> request_to_join(const Caller& caller, std::string_view group_id);

 private:
  enum class Ask { seat, waiting_list, request };
  Result<GroupMemberView> ask_for_place(const Caller& caller, std::string_view group_id, Ask ask);

  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
};

// Gives free seats to the waiting list in order and notifies each person who gets one.
Result<void> fill_seats_from_waiting_list(store::Transaction& tx, const Group& group,
                                          std::int64_t now_ms);

}  // namespace hearth::program
