// The demo program that `hearth demo` loads: a fictional provider's virtual IOP with a handful
// of small, specialised groups, so a first run shows something real. Later issues add people,
// schedules and conversations to the same command. Loading is idempotent.
#pragma once

#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/program/program_service.hpp"

namespace hearth::app {

struct DemoSummary {
  program::Program program;
  std::string program_name;
  int groups_added = 0;
  int groups_total = 0;
};

Result<DemoSummary> load_demo_program(program::ProgramService& programs);

}  // namespace hearth::app
