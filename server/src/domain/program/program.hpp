// Programs and their groups as the domain sees them, and the rules a new one must satisfy.
//
// A program is one IOP track run by the provider (e.g. an adult mental-health IOP); a group is a
// small, specialised cohort inside it (a therapy group, a skills workshop, a peer-support group).
// The stored records are plain values already, so the domain uses them as its value types.
#pragma once

#include <optional>
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

// The attendance targets of a program, in minutes and days.
struct Targets {
  int weekly_minutes = 0;
  int daily_minimum_minutes = 0;
  int days_per_week = 0;
};

// ASAM level 2.1 asks for at least 9 hours a week for adults and 6 for adolescents; payers such
// as H0015 ask for at least 3 hours a day on at least 3 days a week.
Targets default_targets(std::string_view audience);

// What a caller supplies to create a program or group (ids and times are assigned by the service).
// Unset optionals take the defaults of the audience.
struct NewProgram {
  std::string slug;
  std::string name;
  std::string description;
  std::string time_zone;
  std::string audience = "adult";
  std::optional<Targets> targets;
  int length_weeks = 12;
  int group_capacity_cap = 12;
};

// A change to a program: only the fields that are set change.
struct ProgramChanges {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> time_zone;
  std::optional<std::string> audience;
  std::optional<Targets> targets;
  std::optional<int> length_weeks;
  std::optional<int> group_capacity_cap;
  // "all" or "care_team" (store::ProgramRecord::private_messages).
  std::optional<std::string> private_messages;
};

struct NewGroup {
  std::string slug;  // "" to derive one from the name
  std::string name;
  std::string description;
  std::string kind;
  std::optional<int> capacity;  // the kind's default when unset
  std::string membership = "open";
  std::vector<std::string> tags;
  std::string age_band;
  std::string facilitator_id;
  std::string co_facilitator_id;
};

struct GroupChanges {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<int> capacity;
  std::optional<std::string> membership;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::string> age_band;
  std::optional<std::string> facilitator_id;
  std::optional<std::string> co_facilitator_id;
  std::optional<std::string> status;
};

inline constexpr std::size_t kMaxNameBytes = 120;
inline constexpr std::size_t kMaxDescriptionBytes = 2000;
// Small groups are the point of the model: therapy groups run at 6–12 people, and even large
// alumni circles stay conversational. Larger rooms are events, not groups.
inline constexpr int kMaxGroupCapacity = 40;
inline constexpr std::size_t kMaxTags = 12;
inline constexpr std::size_t kMaxTagBytes = 32;

Result<void> validate(const NewProgram& program);
Result<void> validate(const NewGroup& group);  // capacity against kMaxGroupCapacity only
Result<void> validate_targets(const Targets& targets);
Result<void> validate_program_shape(std::string_view audience, int length_weeks,
                                    int group_capacity_cap);
bool is_valid_slug(std::string_view slug);
bool is_group_kind(std::string_view kind);
bool is_age_band(std::string_view band);  // "" (any) counts
// Kinds participants pick for themselves from the catalogue (the rest are assigned).
bool is_catalogue_kind(std::string_view kind);
// Kinds a clinician must lead.
bool needs_clinician(std::string_view kind);
int default_capacity(std::string_view kind);
// A slug from a name: lower case, runs of other characters as one '-', at most 48 bytes.
std::string slug_from_name(std::string_view name);
// Trimmed, lower case, spaces as '-'; Errc::invalid_argument (field "tags") for an empty or too
// long tag, a character outside a-z 0-9 '-' '+', or too many.
Result<std::string> normalize_tags(const std::vector<std::string>& tags);
std::vector<std::string> split_tags(std::string_view stored);
Result<void> check_text(std::string_view value, std::string_view field, std::size_t max_bytes,
                        bool required);

}  // namespace hearth::program
