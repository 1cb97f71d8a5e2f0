#include "domain/program/program_service.hpp"

#include "base/ids.hpp"

namespace hearth::program {

Program new_program_record(const NewProgram& wanted, std::string id, std::int64_t now_ms) {
  Program p;
  p.id = std::move(id);
  p.slug = wanted.slug;
  p.name = wanted.name;
  p.description = wanted.description;
  p.time_zone = wanted.time_zone;
  p.created_at_ms = now_ms;
  p.updated_at_ms = now_ms;
  p.audience = wanted.audience;
  const Targets targets = wanted.targets.value_or(default_targets(wanted.audience));
  p.weekly_target_minutes = targets.weekly_minutes;
  p.daily_minimum_minutes = targets.daily_minimum_minutes;
  p.days_per_week_minimum = targets.days_per_week;
  p.length_weeks = wanted.length_weeks;
  p.group_capacity_cap = wanted.group_capacity_cap;
  return p;
}

Result<Group> new_group_record(const NewGroup& wanted, std::string program_id, std::string id,
                               std::int64_t now_ms) {
  HEARTH_TRY_ASSIGN(auto tags, normalize_tags(wanted.tags));
  Group g;
  g.id = std::move(id);
  g.program_id = std::move(program_id);
  g.slug = wanted.slug;
  g.name = wanted.name;
  g.description = wanted.description;
  g.kind = wanted.kind;
  g.capacity = wanted.capacity.value_or(default_capacity(wanted.kind));
  g.created_at_ms = now_ms;
  g.updated_at_ms = now_ms;
  g.facilitator_id = wanted.facilitator_id;
  g.co_facilitator_id = wanted.co_facilitator_id;
  g.membership = wanted.membership;
  g.tags = std::move(tags);
  g.age_band = wanted.age_band;
  return g;
}

Result<std::vector<ProgramOverview>> ProgramService::overview(Requester caller) {
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

Result<Program> ProgramService::ensure_program(Requester caller, const NewProgram& wanted) {
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
        result = new_program_record(wanted, new_id(), clock_.now_ms());
        return tx.insert_program(result);
      });
  if (!done) return std::move(done).error();
  return result;
}

Result<bool> ProgramService::ensure_group(Requester caller, const Program& program,
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
        HEARTH_TRY_ASSIGN(auto group,
                          new_group_record(wanted, program.id, new_id(), clock_.now_ms()));
        return tx.insert_group(group);
      });
  if (!done) return std::move(done).error();
  return added;
}

}  // namespace hearth::program
