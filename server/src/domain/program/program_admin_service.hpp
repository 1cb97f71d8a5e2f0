// ProgramAdminService: admins create and change programs (time zone, audience, attendance
// targets, typical length, group capacity cap) and name their staff; the program's own people
// read it. Methods block on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include "base/clock.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/program/program_views.hpp"

namespace hearth::program {

class ProgramAdminService {
 public:
  ProgramAdminService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<ProgramView> create(const Caller& caller, const NewProgram& program);
  Result<ProgramView> update(const Caller& caller, std::string_view program_id,
                             const ProgramChanges& changes);
  Result<ProgramView> program(const Caller& caller, std::string_view program_id);
  Result<void> add_staff(const Caller& caller, std::string_view program_id,
                         std::string_view person_id);
  Result<void> remove_staff(const Caller& caller, std::string_view program_id,
                            std::string_view person_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
};

}  // namespace hearth::program
