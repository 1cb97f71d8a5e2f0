// The routes of the safety net (docs/api.md, "Safety net"): the care team's alert list and
// acknowledgement, and a program's crisis resources. Thin: decode, call SafetyNetService on the
// BlockingPool, encode. The route rule admits a role; the service decides on the relationship to
// the program.
#pragma once

#include <functional>

#include "base/blocking_pool.hpp"
#include "domain/support/safety_net_service.hpp"
#include "http/router.hpp"

namespace hearth::http {

struct SafetyDeps {
  support::SafetyNetService& safety;
  BlockingPool& blocking;
  // Called after an acknowledgement that changed something, so that the real-time hub can tell
  // the other clinicians at once (app/serve.cpp); may be empty.
  std::function<void(const support::Acknowledged&)> on_acknowledged;
};

void add_safety_routes(Router& router, const SafetyDeps& deps);

}  // namespace hearth::http
