// hearth migrate, hearth demo, hearth backup.
#include <iostream>

#include "app/commands.hpp"
#include "app/demo_accounts.hpp"
#include "app/demo_program.hpp"
#include "app/demo_schedule.hpp"
#include "app/open_store.hpp"
#include "base/logging.hpp"
#include "store/store.hpp"

namespace hearth::app {
namespace {

int fail(std::string_view what, const Error& error) {
  std::cerr << "hearth: " << what << ": " << error.message << "\n";
  return 1;
}

}  // namespace

int run_migrate(const StoreConfig& config, bool dry_run) {
  init_logging(config.log_level);
  auto store = open_configured_store(config, Migrations::leave);
  if (!store) return fail("cannot open the database", store.error());
  if (dry_run) {
    auto pending = (*store)->pending_migrations();
    if (!pending) return fail("cannot read the migrations", pending.error());
    if (pending->empty()) std::cout << "The database is up to date; nothing would run.\n";
    for (const auto& m : *pending)
      std::cout << "would apply " << m.version << " " << m.name << "\n";
    return 0;
  }
  auto applied = (*store)->migrate();
  if (!applied)
    return fail("a migration failed; the database stays at its previous version", applied.error());
  if (applied->empty()) std::cout << "The database is up to date.\n";
  for (const auto& m : *applied) std::cout << "applied " << m.version << " " << m.name << "\n";
  return 0;
}

int run_demo(const StoreConfig& config) {
  init_logging(config.log_level);
  auto store = open_configured_store(config, Migrations::apply);
  if (!store) return fail("cannot open the database", store.error());
  SystemClock clock;
  program::ProgramService programs(**store, clock);
  auto summary = load_demo_program(programs);
  if (!summary) return fail("cannot load the demo program", summary.error());
  std::cout << "Demo program \"" << summary->program_name << "\": " << summary->groups_total
            << " groups (" << summary->groups_added << " added now).\n";
  IdentityServices identity(**store, clock, identity::IdentityOptions{});
  auto accounts = load_demo_accounts(**store, identity, summary->program);
  if (!accounts) return fail("cannot load the demo accounts", accounts.error());
  std::cout << "Demo accounts (password for all: " << kDemoPassword
            << "; staff may skip two-step sign-in in demo mode):\n";
  for (const auto& a : *accounts) {
    std::cout << "  " << a.email << "  " << a.display_name << "  [" << a.roles << "]"
              << (a.created ? "" : "  (already there)") << "\n";
  }
  schedule::ScheduleServices scheduling(**store, clock, identity.audit);
  auto timetable = load_demo_schedule(**store, clock, scheduling, summary->program);
  if (!timetable) return fail("cannot load the demo timetable", timetable.error());
  if (timetable->loaded_now) {
    std::cout << "Demo timetable: enrollments, seats and " << timetable->sessions
              << " sessions from tomorrow on.\n";
  }
  return 0;
}

int run_user_invite(const StoreConfig& config, const UserInviteOptions& options) {
  init_logging(config.log_level);
  auto store = open_configured_store(config, Migrations::apply);
  if (!store) return fail("cannot open the database", store.error());
  SystemClock clock;
  IdentityServices identity(**store, clock, identity::IdentityOptions{});
  // The operator at the server's console stands in for an admin; the trail records the invite
  // with no actor and "operator" as its client.
  identity::Caller operator_caller;
  operator_caller.roles = identity::RoleSet{identity::Role::admin};
  operator_caller.client.address = "operator";
  identity::NewInvite invite{options.email, options.roles, ""};
  if (!options.program_slug.empty()) {
    std::optional<store::ProgramRecord> program;
    auto found =
        (*store)->transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
          HEARTH_TRY_ASSIGN(program, tx.find_program_by_slug(options.program_slug));
          return ok();
        });
    if (!found) return fail("cannot read the programs", found.error());
    if (!program)
      return fail("cannot invite", Error::of(Errc::not_found, "no program with that slug"));
    invite.program_id = program->id;
  }
  auto issued = identity.enrollment.invite(operator_caller, invite);
  if (!issued) return fail("cannot invite", issued.error());
  std::cout << "Invitation for " << issued->record.email << " [" << issued->record.roles
            << "], valid for 7 days, single use:\n  " << options.site << "/invite#" << issued->token
            << "\n";
  return 0;
}

int run_audit_verify(const StoreConfig& config) {
  init_logging(config.log_level);
  auto store = open_configured_store(config, Migrations::leave);
  if (!store) return fail("cannot open the database", store.error());
  SystemClock clock;
  audit::AuditTrail trail(**store, clock);
  auto report = trail.verify();
  if (!report) return fail("cannot read the audit trail", report.error());
  if (report->broken_seq) {
    std::cout << "The audit trail is BROKEN at entry " << *report->broken_seq << ": "
              << report->problem << " (" << report->checked << " entries read).\n";
    return 1;
  }
  std::cout << "The audit trail is intact: " << report->checked << " entries checked.\n";
  return 0;
}

int run_backup(const StoreConfig& config, const std::string& to) {
  init_logging(config.log_level);
  // Decided from the URL alone, so the advice shows even while PostgreSQL is down.
  auto advice = store::external_backup_advice(config.effective_db_url(), to);
  if (!advice) return fail("cannot back up", advice.error());
  if (advice->has_value()) {
    std::cerr << "hearth: no backup was written: " << **advice << "\n";
    return 1;
  }
  auto store = open_configured_store(config, Migrations::leave);
  if (!store) return fail("cannot open the database", store.error());
  auto done = (*store)->backup_to(to);
  if (!done) return fail("no backup was written", done.error());
  std::cout << "Wrote a consistent copy of the database to " << to << "\n";
  return 0;
}

}  // namespace hearth::app
