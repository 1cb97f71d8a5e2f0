// Every route of the server, registered in one place so that the route-rule table test
// (routes_test.cpp) sees exactly what `hearth serve` serves.
#pragma once

#include <string>

#include "base/blocking_pool.hpp"
#include "domain/program/program_service.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace hearth::app {

struct RouteDeps {
  store::Store& store;
  BlockingPool& blocking;
  http::Metrics& metrics;
  program::ProgramService& programs;
  std::string version;
};

// All references must outlive the router.
http::Router make_router(RouteDeps deps);

}  // namespace hearth::app
