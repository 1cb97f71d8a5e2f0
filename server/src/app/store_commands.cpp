// hearth migrate, hearth demo, hearth backup.
#include <iostream>

#include "app/commands.hpp"
#include "app/demo_program.hpp"
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
