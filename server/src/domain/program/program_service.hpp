// ProgramService: reading the program overview and creating programs and groups.
//
// Each operation reads as validate → load → check the policy → one transaction. Every method
// blocks on the store, so callers on I/O threads run it through BlockingPool. Thread-safe: it
// holds only references to the thread-safe Store and Clock, which must outlive it.
#pragma once

#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/program/program.hpp"
#include "domain/program/program_policy.hpp"
#include "store/store.hpp"

namespace hearth::program {

// The records a validated NewProgram / NewGroup becomes (defaults filled in).
Program new_program_record(const NewProgram& wanted, std::string id, std::int64_t now_ms);
Result<Group> new_group_record(const NewGroup& wanted, std::string program_id, std::string id,
                               std::int64_t now_ms);

class ProgramService {
 public:
  ProgramService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<std::vector<ProgramOverview>> overview(Requester caller);

  // Creates the program, or returns the existing one with the same slug unchanged (idempotent,
  // which is what `hearth demo` relies on to run twice without duplicating anything).
  Result<Program> ensure_program(Requester caller, const NewProgram& program);
  // Adds the group unless one with the same slug exists in the program; returns true if added.
  Result<bool> ensure_group(Requester caller, const Program& program, const NewGroup& group);

 private:
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace hearth::program
