// Programs and their groups as the domain sees them, and the rules a new one must satisfy.
//
// A program is one IOP track run by the provider (e.g. an adult mental-health IOP); a group is a
// small, specialised cohort inside it (a therapy group, a skills workshop, a peer-support group).
// The stored records are plain values already, so the domain uses them as its value types.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::program {

using Program = store::ProgramRecord;
using Group = store::GroupRecord;

struct ProgramOverview {
  Program program;
  std::vector<Group> groups;
};

// What a caller supplies to create a program or group (ids and times are assigned by the service).
struct NewProgram {
  std::string slug;
  std::string name;
  std::string description;
  std::string time_zone;
};

struct NewGroup {
  std::string slug;
  std::string name;
  std::string description;
  std::string kind;
  int capacity = 0;
};

inline constexpr std::size_t kMaxNameBytes = 120;
inline constexpr std::size_t kMaxDescriptionBytes = 2000;
// Small groups are the point of the model: therapy groups run at 6–12 people, and even large
// alumni circles stay conversational. Larger rooms are events, not groups.
inline constexpr int kMaxGroupCapacity = 40;

Result<void> validate(const NewProgram& program);
Result<void> validate(const NewGroup& group);
bool is_valid_slug(std::string_view slug);
bool is_group_kind(std::string_view kind);

}  // namespace hearth::program
