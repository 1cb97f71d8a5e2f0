// Routes for programs and their groups. Thin: decode → ProgramService (on the blocking pool)
// → encode.
#pragma once

#include "base/blocking_pool.hpp"
#include "domain/program/program_service.hpp"
#include "http/router.hpp"

namespace hearth::http {

// GET /api/v1/programs. The service and pool must outlive the router.
void add_program_routes(Router& router, program::ProgramService& programs, BlockingPool& blocking);

}  // namespace hearth::http
