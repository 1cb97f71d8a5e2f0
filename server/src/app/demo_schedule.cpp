#include "app/demo_schedule.hpp"

#include <map>

#include "domain/schedule/time_zones.hpp"

namespace hearth::app {
namespace {

struct GroupPlan {
  const char* slug;
  const char* facilitator;  // email
  const char* co_facilitator;
  const char* age_band;
  std::vector<std::string> tags;
  const char* membership;
  std::vector<const char*> members;  // emails
  const char* title;
  std::vector<int> weekdays;  // 0 = Monday
  int interval_weeks;
  const char* start_time;  // local "HH:MM"
  int duration_minutes;
  int count;
};

struct Participant {
  const char* email;
  const char* age_band;
  int weeks_in;  // how long ago they were admitted
};

// The first date from tomorrow on that falls on one of the weekdays.
schedule::LocalDate first_date(schedule::LocalDate tomorrow, const std::vector<int>& weekdays) {
  for (int i = 0; i < 7; ++i) {
    const auto day = schedule::add_days(tomorrow, i);
    for (int w : weekdays) {
      if (schedule::weekday_of(day) == w) return day;
    }
  }
  return tomorrow;
}

}  // namespace

Result<DemoScheduleSummary> load_demo_schedule(store::Store& store, const Clock& clock,
                                               schedule::ScheduleServices& scheduling,
                                               const program::Program& program) {
  DemoScheduleSummary summary;
  std::map<std::string, std::string> id_of;  // email → user id
  std::optional<std::string> loaded;
  HEARTH_TRY(store.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(loaded, tx.find_setting("demo_schedule"));
    HEARTH_TRY_ASSIGN(const auto users, tx.list_users());
    for (const auto& u : users) id_of[u.email] = u.id;
    return ok();
  }));
  if (loaded) return summary;

  // The demo's admin makes everything, so the audit trail shows who set the demo up.
  identity::Caller admin;
  admin.user_id = id_of["admin@riverbend.example"];
  admin.roles = identity::RoleSet{identity::Role::admin};
  admin.client.address = "demo";

  const std::vector<Participant> participants = {
      {"avery@riverbend.example", "young_adult", 3},  {"blake@riverbend.example", "adult", 5},
      {"casey@riverbend.example", "adult", 7},        {"devon@riverbend.example", "young_adult", 1},
      {"emery@riverbend.example", "adult", 2},        {"finley@riverbend.example", "adult", 4},
      {"harper@riverbend.example", "older_adult", 6}, {"kai@riverbend.example", "young_adult", 2},
  };
  const auto today = schedule::utc_to_local_date(clock.now_ms(), program.time_zone);
  for (const auto& p : participants) {
    program::NewEnrollment e{
        id_of[p.email], schedule::format_local_date(schedule::add_days(today, -7 * p.weeks_in)),
        schedule::format_local_date(
            schedule::add_days(today, 7 * (program.length_weeks - p.weeks_in))),
        p.age_band};
    HEARTH_TRY(scheduling.admissions.enroll(admin, program.id, e));
  }

  const std::vector<GroupPlan> plans = {
      {"mood-anxiety-evening",
       "priya.shah@riverbend.example",
       "",
       "",
       {"depression", "anxiety"},
       "closed",
       {"avery@riverbend.example", "blake@riverbend.example", "casey@riverbend.example",
        "devon@riverbend.example", "emery@riverbend.example"},
       "Mood & Anxiety Group",
       {0, 2, 3},
       1,
       "18:00",
       180,
       27},
      {"recovery-evening",
       "sam.okafor@riverbend.example",
       "",
       "",
       {"substance-use"},
       "closed",
       {"finley@riverbend.example", "harper@riverbend.example", "kai@riverbend.example"},
       "Recovery Group",
       {1, 3},
       1,
       "18:00",
       180,
       18},
      {"dbt-skills",
       "priya.shah@riverbend.example",
       "jordan.lee@riverbend.example",
       "",
       {"dbt", "skills", "mindfulness"},
       "open",
       {"avery@riverbend.example", "casey@riverbend.example"},
       "DBT Skills Workshop",
       {5},
       1,
       "10:00",
       120,
       9},
      {"young-adults-peer",
       "jordan.lee@riverbend.example",
       "",
       "young_adult",
       {"young-adults", "peer-support"},
       "open",
       {"devon@riverbend.example"},
       "Young Adults Peer Support",
       {2},
       1,
       "12:00",
       60,
       9},
      {"family-program",
       "sam.okafor@riverbend.example",
       "",
       "",
       {"family"},
       "closed",
       {},
       "Family Program",
       {5},
       2,
       "13:00",
       90,
       5},
      {"alumni-circle",
       "jordan.lee@riverbend.example",
       "",
       "",
       {"alumni"},
       "open",
       {},
       "Alumni Circle",
       {6},
       1,
       "17:00",
       60,
       12},
  };
  HEARTH_TRY_ASSIGN(const auto groups,
                    scheduling.groups.groups_of_program(admin, program.id, true));
  std::map<std::string, std::string> group_id;  // slug → id
  for (const auto& g : groups) group_id[g.group.slug] = g.group.id;
  const auto tomorrow = schedule::add_days(today, 1);
  for (const auto& plan : plans) {
    const auto found = group_id.find(plan.slug);
    if (found == group_id.end()) continue;
    program::GroupChanges changes;
    changes.facilitator_id = id_of[plan.facilitator];
    changes.co_facilitator_id = plan.co_facilitator[0] ? id_of[plan.co_facilitator] : "";
    changes.age_band = plan.age_band;
    changes.tags = plan.tags;
    changes.membership = plan.membership;
    HEARTH_TRY(scheduling.groups.update(admin, found->second, changes));
    for (const char* member : plan.members) {
      HEARTH_TRY(scheduling.groups.assign(admin, found->second, id_of[member]));
    }
    schedule::SeriesRequest series;
    series.title = plan.title;
    series.start_local =
        schedule::format_local_date(first_date(tomorrow, plan.weekdays)) + "T" + plan.start_time;
    series.duration_minutes = plan.duration_minutes;
    series.repeat =
        schedule::WeeklyRepeat{plan.weekdays, plan.interval_weeks, std::nullopt, plan.count};
    HEARTH_TRY_ASSIGN(const auto made,
                      scheduling.schedule.create_series(admin, found->second, series));
    summary.sessions += static_cast<int>(made.occurrences.size());
  }
  HEARTH_TRY(store.transact(store::Access::read_write, [](store::Transaction& tx) {
    return tx.put_setting("demo_schedule", "on");
  }));
  summary.loaded_now = true;
  return summary;
}

}  // namespace hearth::app
