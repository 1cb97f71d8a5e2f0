// hearth_bench_seed: fills an empty database with the generated program of the schedule benchmark
// (issue 4, bench/schedule.sh): one adult program in America/Chicago, six clinicians on its staff,
// 500 enrolled participants, 60 groups and 12 weeks of weekly sessions for each, and attendance
// for every session of the current week.
//
// Everything but the attendance goes through the domain services the API uses (identity,
// programs, admissions, groups, schedule), so the rows, audit entries and notifications are the
// ones real use leaves. Two things differ from real use, both so that the seed is fast and the
// figures do not depend on the day of the week the benchmark runs:
//   - The services run on a clock set to just before this week's Monday (local time), so that a
//     series may start on this Monday: the current week then has all its sessions whatever the
//     day. Accounts, enrollments and seats are dated then too.
//   - Attendance is written straight into the store (Transaction::put_attendance) for every
//     session of the current week, past or future, as the week stands on Sunday night: the most
//     rows the "under target" list reads. AttendanceService only records a join during the
//     session itself, which a seed cannot wait for. Rows are built with attendance_math's own
//     on_join / on_leave / derive_status, so they are what those events would have left.
// Every account shares one password, hashed once (as `hearth demo` does): an Argon2id hash per
// account would take half a minute. The database is marked as a demo ("demo_mode"), so that the
// bench's clinicians may sign in without enrolling a second factor.
//
// Usage: hearth_bench_seed --db URL [--participants 500] [--groups 60] [--weeks 12]
// Prints what it made, and last a line "program_id=<id>" for scripts.
#include <sodium.h>

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "domain/identity/identity_services.hpp"
#include "domain/schedule/attendance_math.hpp"
#include "domain/schedule/schedule_services.hpp"
#include "domain/schedule/time_zones.hpp"
#include "seed_accounts.hpp"
#include "store/store.hpp"

namespace hearth::bench {
namespace {

constexpr std::string_view kPassword = "Hearth-bench-schedule-2026";
constexpr std::string_view kTimeZone = "America/Chicago";
constexpr int kClinicians = 6;
constexpr int kSeatsPerParticipant = 3;  // one group in each part of the day
constexpr std::int64_t kMinuteMs = 60 * 1000;

struct Options {
  std::string db_url;
  int participants = 500;
  int groups = 60;
  int weeks = 12;
};

// A group's rhythm. Groups are split evenly over three parts of the day, so that a participant's
// three groups (one per part) never overlap.
struct Plan {
  std::string name;
  std::string kind;
  std::vector<std::string> tags;
  std::vector<int> weekdays;  // 0 = Monday
  std::string start_time;
  int duration_minutes;
};

Plan plan_of(int g, int per_part) {
  struct Kind {
    const char* kind;
    const char* label;
    const char* tag;
    int minutes;
  };
  // Therapy groups are the core of an IOP (three-hour blocks); workshops and peer groups are
  // shorter.
  static const Kind kinds[] = {{"therapy", "Therapy", "depression", 180},
                               {"skills", "DBT skills", "dbt", 120},
                               {"therapy", "Recovery", "substance-use", 180},
                               {"psychoeducation", "Psychoeducation", "relapse-prevention", 90},
                               {"peer_support", "Peer support", "peer-support", 90},
                               {"social", "Mindfulness circle", "mindfulness", 60}};
  static const std::vector<int> rhythms[] = {{0, 2, 4}, {1, 3}, {0, 3}, {1, 2, 4}};
  static const char* parts[] = {"09:00", "13:00", "18:00"};
  static const char* part_names[] = {"morning", "afternoon", "evening"};
  const auto& k = kinds[g % 6];
  const int part = g / per_part;
  Plan p;
  p.name = std::string(k.label) + " " + std::to_string(g + 1) + " (" + part_names[part] + ")";
  p.kind = k.kind;
  p.tags = {k.tag};
  p.weekdays = rhythms[(g / 6 + g) % 4];
  p.start_time = parts[part];
  p.duration_minutes = k.minutes;
  return p;
}

// The participant's group in one part of the day: participant i = q * per_part + r goes to group
// (part * q + r) mod per_part of that part, which fills every group of the part equally and mixes
// the people who meet in the morning with others in the afternoon and evening.
int group_of(int participant, int part, int per_part) {
  const int q = participant / per_part;
  const int r = participant % per_part;
  return part * per_part + (part * q + r) % per_part;
}

// A fixed, well-spread number from two indices, so that every run makes the same week.
std::uint32_t mix(std::uint32_t a, std::uint32_t b) {
  std::uint32_t h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u);
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  return h;
}

std::string padded(int n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 4 ? 4 - s.size() : 0, '0') + s;
}

int fail(std::string_view what, const Error& error) {
  std::cerr << "hearth_bench_seed: " << what << ": " << error.message << "\n";
  return 1;
}

struct Made {
  std::string program_id;
  int sessions = 0;
  int this_week_sessions = 0;
  int attendance_rows = 0;
};

Result<void> seed(store::Store& store, const Options& o, Made& made) {
  const SystemClock real_clock;
  const auto today = schedule::utc_to_local_date(real_clock.now_ms(), kTimeZone);
  const auto monday = schedule::week_start(today);
  const std::int64_t week_from = schedule::start_of_local_day_utc_ms(monday, kTimeZone);
  const std::int64_t week_to =
      schedule::start_of_local_day_utc_ms(schedule::add_days(monday, 7), kTimeZone);
  ManualClock clock{TimePoint(std::chrono::milliseconds(week_from - 60 * kMinuteMs))};

  identity::IdentityServices identity(store, clock, identity::IdentityOptions{});
  schedule::ScheduleServices scheduling(store, clock, identity.audit);
  HEARTH_TRY(bench::claim_fresh_database(store, "schedule"));
  // The bench's clinicians sign in without enrolling a second factor (see the top of this file).
  HEARTH_TRY(store.transact(store::Access::read_write, [](store::Transaction& tx) {
    return tx.put_setting("demo_mode", "on");
  }));
  HEARTH_TRY_ASSIGN(const auto accounts,
                    bench::SeedAccounts::create(identity, kPassword, kTimeZone));
  const auto account = [&](std::string email, std::string name,
                           identity::RoleSet roles) -> Result<std::string> {
    HEARTH_TRY_ASSIGN(const auto user, accounts.make(std::move(email), std::move(name), roles));
    return user.id;
  };
  using identity::Role;
  HEARTH_TRY_ASSIGN(const auto admin_id,
                    account("admin@bench.example", "Bench Admin", {Role::admin}));
  identity::Caller admin;
  admin.user_id = admin_id;
  admin.roles = identity::RoleSet{Role::admin};
  admin.client.address = "bench-seed";

  const int per_part = o.groups / kSeatsPerParticipant;
  const int capacity = (o.participants + per_part - 1) / per_part;
  program::NewProgram np;
  np.slug = "bench-iop";
  np.name = "Bench Adult IOP";
  np.time_zone = std::string(kTimeZone);
  np.length_weeks = o.weeks;
  np.group_capacity_cap = capacity;
  HEARTH_TRY_ASSIGN(const auto program, scheduling.programs.create(admin, np));
  made.program_id = program.program.id;

  std::vector<std::string> clinicians;
  for (int c = 1; c <= kClinicians; ++c) {
    HEARTH_TRY_ASSIGN(const auto id, account("clinician-" + std::to_string(c) + "@bench.example",
                                             "Clinician " + std::to_string(c), {Role::clinician}));
    HEARTH_TRY(scheduling.programs.add_staff(admin, made.program_id, id));
    clinicians.push_back(id);
  }

  std::vector<std::string> participants;
  for (int i = 0; i < o.participants; ++i) {
    HEARTH_TRY_ASSIGN(const auto id, account("participant-" + padded(i + 1) + "@bench.example",
                                             "Participant " + padded(i + 1), {Role::participant}));
    // Admitted over the last ten weeks, so the program holds people at every stage.
    const auto admitted = schedule::add_days(monday, -7 * (i % 10));
    program::NewEnrollment e{id, schedule::format_local_date(admitted),
                             schedule::format_local_date(schedule::add_days(admitted, 7 * o.weeks)),
                             "adult"};
    HEARTH_TRY(scheduling.admissions.enroll(admin, made.program_id, e));
    participants.push_back(id);
  }

  std::vector<std::string> group_ids;
  std::vector<Plan> plans;
  for (int g = 0; g < o.groups; ++g) {
    auto plan = plan_of(g, per_part);
    program::NewGroup ng;
    ng.name = plan.name;
    ng.kind = plan.kind;
    ng.capacity = capacity;
    ng.membership = plan.kind == "therapy" ? "closed" : "open";
    ng.tags = plan.tags;
    ng.facilitator_id = clinicians[g % kClinicians];
    HEARTH_TRY_ASSIGN(const auto group, scheduling.groups.create(admin, made.program_id, ng));
    group_ids.push_back(group.group.id);
    plans.push_back(std::move(plan));
  }
  for (int i = 0; i < o.participants; ++i) {
    for (int part = 0; part < kSeatsPerParticipant; ++part) {
      HEARTH_TRY(
          scheduling.groups.assign(admin, group_ids[group_of(i, part, per_part)], participants[i]));
    }
  }

  for (int g = 0; g < o.groups; ++g) {
    const auto& plan = plans[g];
    auto first = monday;
    while (std::find(plan.weekdays.begin(), plan.weekdays.end(), schedule::weekday_of(first)) ==
           plan.weekdays.end()) {
      first = schedule::add_days(first, 1);
    }
    schedule::SeriesRequest series;
    series.title = plan.name;
    series.start_local = schedule::format_local_date(first) + "T" + plan.start_time;
    series.duration_minutes = plan.duration_minutes;
    series.repeat = schedule::WeeklyRepeat{plan.weekdays, 1, std::nullopt,
                                           static_cast<int>(plan.weekdays.size()) * o.weeks};
    HEARTH_TRY_ASSIGN(const auto result,
                      scheduling.schedule.create_series(admin, group_ids[g], series));
    made.sessions += static_cast<int>(result.occurrences.size());
  }

  // The current week's attendance: about 70% stay the whole session, 10% come late, 8% leave
  // early and 12% miss it, which leaves most people short of 540 minutes and some on target.
  std::map<std::string, int> index_of;
  for (int i = 0; i < o.participants; ++i) index_of[participants[i]] = i;
  HEARTH_TRY(store.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
    made.this_week_sessions = 0;
    made.attendance_rows = 0;
    HEARTH_TRY_ASSIGN(const auto occurrences,
                      tx.list_occurrences_of_program(made.program_id, week_from, week_to));
    for (const auto& occ : occurrences) {
      ++made.this_week_sessions;
      HEARTH_TRY_ASSIGN(const auto members, tx.list_group_members(occ.group_id));
      for (const auto& m : members) {
        if (m.state != "member") continue;
        const auto person = static_cast<std::uint32_t>(index_of[m.user_id]);
        const auto minute = static_cast<std::uint32_t>(occ.starts_at_ms / kMinuteMs);
        const auto roll = mix(person, minute) % 100;
        if (roll < 12) continue;  // never joined: no row, absent once the session is over
        std::int64_t joined = occ.starts_at_ms - 3 * kMinuteMs;
        std::int64_t left = occ.ends_at_ms;
        if (roll < 22) {
          joined = occ.starts_at_ms + 20 * kMinuteMs;
        } else if (roll < 30) {
          left = occ.ends_at_ms - 45 * kMinuteMs;
        }
        schedule::Presence p;
        p = schedule::on_join(p, occ.starts_at_ms, occ.ends_at_ms, joined);
        p = schedule::on_leave(p, occ.starts_at_ms, occ.ends_at_ms, left);
        store::AttendanceRecord r;
        r.occurrence_id = occ.id;
        r.user_id = m.user_id;
        r.status = schedule::derive_status(p, occ.starts_at_ms, occ.ends_at_ms);
        r.attended_ms = p.attended_ms;
        r.first_joined_ms = p.first_joined_ms;
        r.last_left_ms = p.last_left_ms;
        r.open_since_ms = p.open_since_ms;
        r.updated_at_ms = left;
        HEARTH_TRY(tx.put_attendance(r));
        ++made.attendance_rows;
      }
    }
    return tx.put_setting("bench_schedule", made.program_id);
  }));
  return ok();
}

}  // namespace
}  // namespace hearth::bench

int main(int argc, char** argv) {
  using namespace hearth;
  bench::Options o;
  CLI::App cli{"Seeds the schedule benchmark's program (bench/schedule.sh)"};
  cli.add_option("--db", o.db_url, "Database URL (sqlite:///path.db or postgresql://...)")
      ->required();
  cli.add_option("--participants", o.participants, "Participants to enrol")
      ->check(CLI::Range(1, 100000));
  cli.add_option("--groups", o.groups, "Groups, a multiple of 3 (morning, afternoon, evening)")
      ->check(CLI::Range(3, 3000));
  cli.add_option("--weeks", o.weeks, "Weeks of sessions")->check(CLI::Range(1, 26));
  CLI11_PARSE(cli, argc, argv);
  if (o.groups % bench::kSeatsPerParticipant != 0) {
    std::cerr << "hearth_bench_seed: --groups must be a multiple of 3\n";
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  if (sodium_init() < 0) {
    std::cerr << "hearth_bench_seed: libsodium could not be initialised\n";
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  auto store = store::open_store(o.db_url, store::StoreOptions{});
  if (!store) return bench::fail("cannot open the database", store.error());
  if (auto applied = (*store)->migrate(); !applied) {
    return bench::fail("cannot migrate the database", applied.error());
  }
  bench::Made made;
  if (auto seeded = bench::seed(**store, o, made); !seeded) {
    return bench::fail("cannot seed", seeded.error());
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Seeded " << (*store)->driver() << " in " << seconds << " s: 1 program ("
            << bench::kTimeZone << "), " << bench::kClinicians << " clinicians, " << o.participants
            << " participants (participant-0001@bench.example ...), " << o.groups << " groups of "
            << (o.participants + o.groups / 3 - 1) / (o.groups / 3) << " seats, "
            << bench::kSeatsPerParticipant << " seats each, " << made.sessions << " sessions over "
            << o.weeks << " weeks; this week " << made.this_week_sessions << " sessions and "
            << made.attendance_rows << " attendance rows. Password for all: " << bench::kPassword
            << "\n";
  std::cout << "program_id=" << made.program_id << "\n";
  return 0;
}
