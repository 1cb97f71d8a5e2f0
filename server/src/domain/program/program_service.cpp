#include "domain/program/program_service.hpp"

#include "base/ids.hpp"

namespace hearth::program {

Result<std::vector<ProgramOverview>> ProgramService::overview(Caller caller) {
  if (!can_view_overview(caller)) return Error::of(Errc::permission_denied, "not allowed");
  std::vector<ProgramOverview> out;
  auto done =
      store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
        out.clear();  // the whole unit may run again after a transient failure
        auto programs = tx.list_programs();
        if (!programs) return std::move(programs).error();
        for (auto& p : *programs) {
          auto groups = tx.list_groups(p.id);
          if (!groups) return std::move(groups).error();
          out.push_back(ProgramOverview{std::move(p), std::move(*groups)});
        }
        return ok();
      });
  if (!done) return std::move(done).error();
  return out;
}

Result<Program> ProgramService::ensure_program(Caller caller, const NewProgram& wanted) {
  if (auto v = validate(wanted); !v) return std::move(v).error();
  if (!can_create_program(caller)) return Error::of(Errc::permission_denied, "not allowed");
  Program result;
  auto done =
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        auto existing = tx.find_program_by_slug(wanted.slug);
        if (!existing) return std::move(existing).error();
        if (existing->has_value()) {
          result = **existing;
          return ok();
        }
        result = Program{new_id(),           wanted.slug,      wanted.name,
                         wanted.description, wanted.time_zone, clock_.now_ms()};
        return tx.insert_program(result);
      });
  if (!done) return std::move(done).error();
  return result;
}

Result<bool> ProgramService::ensure_group(Caller caller, const Program& program,
                                          const NewGroup& wanted) {
  if (auto v = validate(wanted); !v) return std::move(v).error();
  if (!can_create_program(caller)) return Error::of(Errc::permission_denied, "not allowed");
  bool added = false;
  auto done =
      store_.transact(store::Access::read_write, [&](store::Transaction& tx) -> Result<void> {
        added = false;
        auto groups = tx.list_groups(program.id);
        if (!groups) return std::move(groups).error();
        for (const auto& g : *groups) {
          if (g.slug == wanted.slug) return ok();
        }
        added = true;
        return tx.insert_group(Group{new_id(), program.id, wanted.slug, wanted.name,
                                     wanted.description, wanted.kind, wanted.capacity,
                                     clock_.now_ms()});
      });
  if (!done) return std::move(done).error();
  return added;
}

}  // namespace hearth::program
