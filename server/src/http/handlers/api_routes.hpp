// Every route of the server, registered in one place so that `hearth serve`, the fuzz target
// and the route-rule table test (api_routes_test.cpp) all see the same routes.
#pragma once

#include <string>

#include "base/blocking_pool.hpp"
#include "domain/program/program_service.hpp"
#include "http/handlers/chat_file_handlers.hpp"
#include "http/handlers/identity_handlers.hpp"
#include "http/handlers/report_handlers.hpp"
#include "http/handlers/safety_handlers.hpp"
#include "http/handlers/schedule_handlers.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace hearth::http {

struct ApiDeps {
  store::Store& store;
  BlockingPool& blocking;
  Metrics& metrics;
  program::ProgramService& programs;
  std::string version;
  IdentityDeps identity;
  ScheduleDeps schedule;
  SafetyDeps safety;
  ReportDeps reports;
  ChatFileDeps chat_files;
};

// All references must outlive the router.
Router make_api_router(ApiDeps deps);

}  // namespace hearth::http
