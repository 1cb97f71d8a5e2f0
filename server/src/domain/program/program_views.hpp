// What the program, enrollment and group services answer with: records joined with the names a
// screen shows and the caller's own place. Built inside the service's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/program/program_access.hpp"
#include "store/store.hpp"

namespace hearth::program {

struct PersonRef {
  std::string id;
  std::string display_name;
  std::string pronouns;
  std::string roles;  // stored form, "clinician,admin"
};

PersonRef person_ref(const store::UserRecord& user);
PersonRef person_ref(const store::PersonNameRecord& person);
// nullopt for "" or an id without an account.
Result<std::optional<PersonRef>> load_person(store::Transaction& tx, std::string_view id);

struct ProgramView {
  Program program;
  std::vector<PersonRef> staff;  // by display name
};

struct EnrollmentView {
  store::MembershipRecord enrollment;
  Program program;
  PersonRef participant;
  std::vector<PersonRef> staff;  // filled only where the answer shows them
};

struct GroupView {
  Group group;
  std::string program_name;
  std::optional<PersonRef> facilitator;
  std::optional<PersonRef> co_facilitator;
  std::int64_t seats_taken = 0;
  std::int64_t waiting = 0;
  std::string my_place;  // "member", "waiting", "requested", "facilitator" or ""
  std::optional<int> waiting_position;
};

struct GroupMemberView {
  store::GroupMemberRecord place;
  PersonRef person;
  std::optional<int> position;  // on the waiting list, from 1
};

Result<ProgramView> program_view(store::Transaction& tx, Program program);
Result<GroupView> group_view(store::Transaction& tx, const Caller& caller, Group group,
                             const std::string& program_name);
// Every place in the group, seat holders first, then requests, then the waiting list in order.
Result<std::vector<GroupMemberView>> member_views(store::Transaction& tx,
                                                  std::string_view group_id);

}  // namespace hearth::program
