#include "app/demo_program.hpp"

namespace hearth::app {

Result<DemoSummary> load_demo_program(program::ProgramService& programs) {
  using program::Requester;
  auto riverbend = programs.ensure_program(
      Requester::operator_cli,
      {"riverbend-iop", "Riverbend Virtual IOP",
       "A nine-week intensive outpatient program for adults, three evenings a week, for "
       "depression, anxiety and substance use. (Demo data: a fictional provider.)",
       "America/Chicago", "adult", std::nullopt, 9, 20});
  if (!riverbend) return std::move(riverbend).error();

  const std::vector<program::NewGroup> groups = {
      {"mood-anxiety-evening", "Mood & Anxiety Group (Evening)",
       "Clinician-led CBT process group, Monday, Wednesday and Thursday evenings.", "therapy", 10},
      {"recovery-evening", "Recovery Group (Evening)",
       "Clinician-led group for alcohol and substance use, with relapse-prevention work.",
       "therapy", 10},
      {"dbt-skills", "DBT Skills Workshop",
       "Mindfulness, distress tolerance, emotion regulation and interpersonal effectiveness.",
       "skills", 12},
      {"young-adults-peer", "Young Adults Peer Support",
       "Peer-specialist-led support for participants aged 18 to 25.", "peer_support", 12},
      {"family-program", "Family Program",
       "Workshops for family members, with the participant's consent.", "family", 16},
      {"alumni-circle", "Alumni Circle",
       "A weekly drop-in for people who have completed the program.", "alumni", 20},
  };
  DemoSummary summary{*riverbend, riverbend->name, 0, static_cast<int>(groups.size())};
  for (const auto& group : groups) {
    auto added = programs.ensure_group(Requester::operator_cli, *riverbend, group);
    if (!added) return std::move(added).error();
    summary.groups_added += *added ? 1 : 0;
  }
  return summary;
}

}  // namespace hearth::app
