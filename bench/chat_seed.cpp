// hearth_chat_seed: fills an empty database with the people of the chat benchmark (issue 5,
// bench/chat.sh): participants in groups of ten, each group with its chat room, and a live
// session for every participant, whose cookie token it prints.
//
// Accounts, programs, enrollments, groups and seats go through the domain services the API uses,
// and each group's room is made by ChatService::rooms_of, as the first `rooms.list` would make it.
// The participants are spread over several programs of 100 (ten groups each), the size of a
// real IOP's census: `rooms.list` looks at every group of a person's programs, so one program of
// 5,000 would measure that look-up rather than the hub (see docs/benchmarks.md).
//
// Sessions are opened with SessionService::start in the seed, as a sign-in opens them after the
// password check: signing 5,000 people in through the API would cost one Argon2id verification
// each (about 57 ms of a core, docs/benchmarks.md "Accounts"), nearly five minutes, and measure
// nothing of chat. Their idle time-out is four hours, as the WebSocket alone does not count as
// activity and a benchmark with its peers runs longer than the default fifteen minutes.
//
// Usage: hearth_chat_seed --db URL [--participants 5000] [--group-size 10] [--per-program 100]
// Prints one line per participant, "<session token> <group index>", and a summary on stderr.
#include <sodium.h>

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "domain/audit/audit_trail.hpp"
#include "domain/chat/chat_service.hpp"
#include "domain/identity/identity_services.hpp"
#include "domain/schedule/schedule_services.hpp"
#include "domain/schedule/time_zones.hpp"
#include "domain/support/crisis_matcher.hpp"
#include "seed_accounts.hpp"
#include "store/store.hpp"

namespace hearth::bench {
namespace {

constexpr std::string_view kPassword = "Hearth-bench-chat-2026";
constexpr std::string_view kTimeZone = "America/Chicago";

struct Options {
  std::string db_url;
  int participants = 5000;
  int group_size = 10;
  int per_program = 100;
};

std::string padded(int n) {
  std::string s = std::to_string(n);
  return std::string(s.size() < 5 ? 5 - s.size() : 0, '0') + s;
}

struct Made {
  int programs = 0;
  int groups = 0;
  int rooms = 0;
};

Result<void> seed(store::Store& store, const Options& o, Made& made) {
  const SystemClock clock;
  identity::IdentityOptions options;
  options.idle_timeout = std::chrono::hours(4);
  identity::IdentityServices identity(store, clock, options);
  schedule::ScheduleServices scheduling(store, clock, identity.audit);
  HEARTH_TRY_ASSIGN(auto crisis, support::CrisisMatcher::create(support::default_crisis_phrases()));
  chat::ChatService chat(store, clock, crisis, identity.audit);

  HEARTH_TRY(bench::claim_fresh_database(store, "chat"));
  HEARTH_TRY_ASSIGN(const auto accounts,
                    bench::SeedAccounts::create(identity, kPassword, kTimeZone));
  const auto account = [&](std::string email, std::string name, identity::RoleSet roles) {
    return accounts.make(std::move(email), std::move(name), roles);
  };
  using identity::Role;
  HEARTH_TRY_ASSIGN(const auto admin_user,
                    account("admin@bench.example", "Bench Admin", {Role::admin}));
  identity::Caller admin;
  admin.user_id = admin_user.id;
  admin.roles = identity::RoleSet{Role::admin};
  admin.client.address = "bench-seed";

  const auto today = schedule::utc_to_local_date(clock.now_ms(), kTimeZone);
  std::vector<store::UserRecord> participants;
  std::vector<int> group_of;
  std::string program_id;
  std::string facilitator_id;
  std::string group_id;
  for (int i = 0; i < o.participants; ++i) {
    const int p = i / o.per_program;
    if (i % o.per_program == 0) {
      program::NewProgram np;
      np.slug = "bench-chat-" + std::to_string(p + 1);
      np.name = "Bench chat program " + std::to_string(p + 1);
      np.time_zone = std::string(kTimeZone);
      np.group_capacity_cap = o.group_size;
      HEARTH_TRY_ASSIGN(const auto program, scheduling.programs.create(admin, np));
      program_id = program.program.id;
      // Every group has its facilitator in its room, as in real use; they do not connect.
      HEARTH_TRY_ASSIGN(const auto clinician,
                        account("clinician-" + std::to_string(p + 1) + "@bench.example",
                                "Clinician " + std::to_string(p + 1), {Role::clinician}));
      HEARTH_TRY(scheduling.programs.add_staff(admin, program_id, clinician.id));
      facilitator_id = clinician.id;
      ++made.programs;
    }
    HEARTH_TRY_ASSIGN(auto user, account("participant-" + padded(i + 1) + "@bench.example",
                                         "Participant " + padded(i + 1), {Role::participant}));
    program::NewEnrollment e{user.id, schedule::format_local_date(today),
                             schedule::format_local_date(schedule::add_days(today, 84)), "adult"};
    HEARTH_TRY(scheduling.admissions.enroll(admin, program_id, e));
    if (i % o.group_size == 0) {
      program::NewGroup ng;
      ng.name = "Group " + std::to_string(made.groups + 1);
      ng.kind = "therapy";
      ng.capacity = o.group_size;
      ng.membership = "closed";
      ng.facilitator_id = facilitator_id;
      HEARTH_TRY_ASSIGN(const auto group, scheduling.groups.create(admin, program_id, ng));
      group_id = group.group.id;
      ++made.groups;
    }
    HEARTH_TRY(scheduling.groups.assign(admin, group_id, user.id));
    group_of.push_back(made.groups - 1);
    participants.push_back(std::move(user));
  }

  // One member of each group lists its rooms, which makes the group's room.
  for (int i = 0; i < o.participants; i += o.group_size) {
    identity::Caller caller;
    caller.user_id = participants[i].id;
    caller.roles = identity::RoleSet{Role::participant};
    HEARTH_TRY_ASSIGN(const auto rooms, chat.rooms_of(caller));
    for (const auto& room : rooms) made.rooms += room.record.kind == "group" ? 1 : 0;
  }

  // Sessions in batches of 500 per transaction: one commit each rather than 5,000.
  identity::ClientInfo client{"127.0.0.1", "hearth_chat_seed"};
  for (std::size_t from = 0; from < participants.size(); from += 500) {
    std::vector<std::string> tokens;
    HEARTH_TRY(
        store.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
          tokens.clear();
          for (std::size_t i = from; i < participants.size() && i < from + 500; ++i) {
            HEARTH_TRY_ASSIGN(auto started, identity.sessions.start(tx, participants[i], client));
            tokens.push_back(std::move(started.token));
          }
          return ok();
        }));
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      std::cout << tokens[k] << ' ' << group_of[from + k] << '\n';
    }
  }
  return ok();
}

}  // namespace
}  // namespace hearth::bench

int main(int argc, char** argv) {
  using namespace hearth;
  bench::Options o;
  CLI::App cli{"Seeds the chat benchmark's people, groups, rooms and sessions (bench/chat.sh)"};
  cli.add_option("--db", o.db_url, "Database URL (sqlite:///path.db or postgresql://...)")
      ->required();
  cli.add_option("--participants", o.participants, "Participants")->check(CLI::Range(1, 100000));
  cli.add_option("--group-size", o.group_size, "Participants per group")->check(CLI::Range(2, 50));
  cli.add_option("--per-program", o.per_program,
                 "Participants per program, a multiple of the group size")
      ->check(CLI::Range(2, 100000));
  CLI11_PARSE(cli, argc, argv);
  if (o.per_program % o.group_size != 0 || o.participants % o.group_size != 0) {
    std::cerr << "hearth_chat_seed: --participants and --per-program must be multiples of "
                 "--group-size\n";
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);
  if (sodium_init() < 0) {
    std::cerr << "hearth_chat_seed: libsodium could not be initialised\n";
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  auto store = store::open_store(o.db_url, store::StoreOptions{});
  if (!store) {
    std::cerr << "hearth_chat_seed: cannot open the database: " << store.error().message << "\n";
    return 1;
  }
  if (auto applied = (*store)->migrate(); !applied) {
    std::cerr << "hearth_chat_seed: cannot migrate: " << applied.error().message << "\n";
    return 1;
  }
  bench::Made made;
  if (auto seeded = bench::seed(**store, o, made); !seeded) {
    std::cerr << "hearth_chat_seed: cannot seed: " << seeded.error().message << "\n";
    return 1;
  }
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "hearth_chat_seed: " << (*store)->driver() << " in " << seconds
            << " s: " << o.participants << " participants with a session each, " << made.programs
            << " programs, " << made.groups << " groups of " << o.group_size << ", " << made.rooms
            << " group rooms\n";
  return 0;
}
