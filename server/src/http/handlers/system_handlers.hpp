// Routes about the service itself: liveness, readiness, metrics, version, and the browser's
// Content-Security-Policy violation reports. Thin: decode → call → encode.
#pragma once

#include <string>

#include "base/blocking_pool.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace hearth::http {

struct SystemRoutesDeps {
  store::Store& store;
  BlockingPool& blocking;
  Metrics& metrics;
  std::string version;
};

// GET /healthz, GET /readyz, GET /metrics, GET /api/v1/version, POST /api/v1/csp-reports.
// The deps must outlive the router.
void add_system_routes(Router& router, SystemRoutesDeps deps);

}  // namespace hearth::http
