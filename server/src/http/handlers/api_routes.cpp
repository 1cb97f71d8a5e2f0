#include "http/handlers/api_routes.hpp"

#include "http/handlers/program_handlers.hpp"
#include "http/handlers/system_handlers.hpp"

namespace hearth::http {

Router make_api_router(ApiDeps deps) {
  Router router;
  add_system_routes(router, {deps.store, deps.blocking, deps.metrics, deps.version});
  add_program_routes(router, deps.programs, deps.blocking);
  add_auth_routes(router, deps.identity);
  add_account_routes(router, deps.identity);
  add_people_routes(router, deps.identity);
  add_program_admin_routes(router, deps.schedule);
  add_group_routes(router, deps.schedule);
  add_schedule_routes(router, deps.schedule);
  add_safety_routes(router, deps.safety);
  add_report_routes(router, deps.reports);
  add_chat_file_routes(router, deps.chat_files);
  return router;
}

}  // namespace hearth::http
